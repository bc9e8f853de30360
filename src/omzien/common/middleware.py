from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

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


class PrivacyHeadersMiddleware:
    """Headers that keep personal data out of caches and the browser's powerful features away.

    Every response a logged-in user gets is ``Cache-Control: no-store, private`` (plus
    ``no-cache, must-revalidate, max-age=0`` and ``Expires``): pages with personal data must not
    be kept by a proxy, a shared computer's browser cache or the back button after logout. One
    middleware, so a new view cannot forget it. Every response carries the
    ``Permissions-Policy`` of ``OMZIEN_PERMISSIONS_POLICY`` (no camera, microphone, location,
    payment, USB ...: Omzien uses none of them).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.OMZIEN_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class RequestSizeMiddleware:
    """Refuses a request whose body is larger than ``OMZIEN_MAX_REQUEST_BYTES`` with 413,
    before any of it is read.

    Django keeps at most DATA_UPLOAD_MAX_MEMORY_SIZE of form fields, but streams uploaded
    files to disk whatever their size before a view can check them: without this limit one post
    of gigabytes to any form (the login form too) fills the disk. The default is above the
    largest upload Omzien takes (an HSDS file of 20 MB). A body sent without a length (chunked)
    is not read by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.OMZIEN_MAX_REQUEST_BYTES
        if length > limit:
            page = loader.render_to_string("413.html", {"limit_mb": limit // (1024 * 1024)})
            # No "Connection: close" (WSGI forbids hop-by-hop headers): the server discards
            # the unread body before the connection's next request.
            return HttpResponse(page, status=413)
        return self.get_response(request)
