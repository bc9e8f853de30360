from omzien.common.request_id import request_id_from_header, reset_request_id, set_request_id


class RequestIdMiddleware:
    """Give every request an id, put it in the response and in the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_from_header(request.headers.get("X-Request-ID"))
        token = set_request_id(request.id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request.id
        return response
