"""The id of the request being served, for logs and audit events.

It comes from the ``X-Request-ID`` header (set by the load balancer) when that looks like an
id, and is made here otherwise. A client can choose its own id this way; it is only used to
correlate log lines and audit events, never trusted for anything else. A context variable
carries it to code that has no request.
"""

import re
import uuid
from contextvars import ContextVar

_current: ContextVar[str] = ContextVar("omzien_request_id", default="")
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


def get_request_id() -> str:
    return _current.get()


def set_request_id(value: str) -> object:
    return _current.set(value)


def reset_request_id(token) -> None:
    _current.reset(token)


def request_id_from_header(value: str | None) -> str:
    if value and _VALID.match(value):
        return value
    return uuid.uuid4().hex
