"""The rate limit of the public API: requests per client address, counted in the cache."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from omzien.common.clients import client_ip


class PublicRateThrottle(AnonRateThrottle):
    """``OMZIEN_API_RATE`` requests per address (read when a request comes in, so a changed
    setting holds at once); the address as the public forms' limits see it."""

    scope = "api"

    def get_rate(self) -> str:
        return settings.OMZIEN_API_RATE

    def get_ident(self, request) -> str:
        return client_ip(request)


class KeyRateThrottle(SimpleRateThrottle):
    """The partner endpoints: ``OMZIEN_API_RATE`` requests per key (whatever its address); a
    request without a valid key is refused before it counts."""

    scope = "api_key"

    def get_rate(self) -> str:
        return settings.OMZIEN_API_RATE

    def get_cache_key(self, request, view):
        key = getattr(request.auth, "prefix", None)
        return None if key is None else self.cache_format % {"scope": self.scope, "ident": key}
