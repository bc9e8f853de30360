"""The visitor's address, the same everywhere it is recorded or counted: the audit trail,
django-axes' login attempts, the rate limits of the public forms and the API's throttle.

Behind a load balancer ``REMOTE_ADDR`` is the balancer's. With ``OMZIEN_TRUSTED_PROXY_COUNT``
trusted proxies that each append the address they saw to ``X-Forwarded-For``, the client is the
address that many places from the header's end: what the outermost trusted proxy saw. Anything
further left the client could have written, and is never read; a value there that is not an IP
address (a proxy that was not set up as said) falls back to ``REMOTE_ADDR``.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.OMZIEN_TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote
