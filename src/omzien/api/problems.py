"""Every error of the API in one shape: RFC 9457 problem details (``application/problem+json``).

``type`` is ``about:blank`` (the HTTP status says what kind of problem it is), ``title`` the
status in Dutch, ``status`` the code, ``detail`` what went wrong for this request; a validation
error adds ``errors``: the messages per field (the query parameter's name). DRF's own code of
the error is kept as ``code``.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

PROBLEM_JSON = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        status.HTTP_400_BAD_REQUEST: _("Invalid request"),
        status.HTTP_401_UNAUTHORIZED: _("Not authenticated"),
        status.HTTP_403_FORBIDDEN: _("No access"),
        status.HTTP_404_NOT_FOUND: _("Not found"),
        status.HTTP_405_METHOD_NOT_ALLOWED: _("Method not allowed"),
        status.HTTP_406_NOT_ACCEPTABLE: _("Not acceptable"),
        status.HTTP_409_CONFLICT: _("Conflict"),
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: _("Unsupported media type"),
        status.HTTP_429_TOO_MANY_REQUESTS: _("Too many requests"),
    }


def _messages(detail) -> list[str]:
    if isinstance(detail, list | tuple):
        return [str(item) for item in detail]
    if isinstance(detail, dict):
        return [str(item) for value in detail.values() for item in _messages(value)]
    return [str(detail)]


def problem(status_code: int, detail: str, *, code: str = "", errors=None) -> dict:
    body = {
        "type": "about:blank",
        "title": _titles().get(status_code, _("Error")),
        "status": status_code,
        "detail": detail,
    }
    if code:
        body["code"] = code
    if errors is not None:
        body["errors"] = errors
    return body


def _detail(exc, status_code: int) -> str:
    if status_code == status.HTTP_404_NOT_FOUND:
        return _("There is nothing published at this address.")
    if isinstance(exc, exceptions.Throttled):
        if exc.wait is not None:
            return _("Too many requests from your address. Try again in %(seconds)s seconds.") % {
                "seconds": max(1, int(exc.wait + 0.999))
            }
        return _("Too many requests from your address. Try again later.")
    if isinstance(exc, exceptions.ValidationError):
        return _("The request is not valid: see the errors per field.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("This address can only be read (GET).")
    return " ".join(_messages(getattr(exc, "detail", exc)))


def _code(exc) -> str:
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        return codes if isinstance(codes, str) else exc.default_code
    return "not_found"


def problem_handler(exc, context):
    """DRF's handler (Http404 and PermissionDenied become its exceptions, a throttled request
    gets its Retry-After header) with the body and content type of RFC 9457."""
    response = exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500 handling (logged, no details shown)
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        errors = {field: _messages(messages) for field, messages in detail.items()}
    response.data = problem(
        response.status_code, _detail(exc, response.status_code), code=_code(exc), errors=errors
    )
    response.content_type = PROBLEM_JSON
    return response
