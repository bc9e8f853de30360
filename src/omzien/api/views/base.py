"""What every view of the public API shares: the ``public`` audience (ADR 0008; the walk in
ui/tests/test_authorization.py reads it), read-only, and an ``ETag`` on every answer so a
client that sends it back in ``If-None-Match`` gets ``304 Not Modified`` while nothing changed.
"""

import hashlib

from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from rest_framework import generics

from omzien.api.pagination import Cursor


def cursor(*ordering: str) -> type[Cursor]:
    """The cursor pagination of a list in this order (ending in a unique field)."""
    return type("Cursor", (Cursor,), {"ordering": ordering})


# Public data without credentials: any website may read it from its visitors' browsers (CORS),
# sending back the ETag it got (If-None-Match needs a preflight) and reading Retry-After.
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Retry-After",
}


def _cors(response):
    for header, value in CORS.items():
        response[header] = value
    return response


class ConditionalGet:
    """A strong ETag over the rendered body of a successful GET; 304 when it matches. Every
    answer, errors included, carries the CORS headers."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return _cors(response)
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
        response["ETag"] = etag
        return _cors(get_conditional_response(request, etag=etag, response=response))


class PublicList(ConditionalGet, generics.ListAPIView):
    """A list of what the public pages show; its filter set calls the capability's selector."""


class PublicDetail(ConditionalGet, generics.RetrieveAPIView):
    """One published item, by the capability's selector (each subclass's ``get_item(pk)``);
    anything else answers 404."""

    def get_object(self):
        return self.get_item(self.kwargs["pk"])  # an int: the URL's converter
