"""Rate limits for the public forms that send mail or create records.

A public form (sign-up, password reset, carer registration, campaign sign-up, and every form of
that kind to come) counts each valid submission twice: per client address (IP) and per e-mail
address entered. Over either limit the form is shown again with the visitor's input, a Dutch
message that says how long to wait, and HTTP 429. No CAPTCHA: people who fill in the form once
or twice never notice.

The counters live in Django's cache (``CACHES["default"]``, see ``conf/base.py``), in fixed
windows of ``OMZIEN_RATE_LIMIT_PERIOD`` seconds; the limits per form are
``OMZIEN_RATE_LIMITS[scope] = {"ip": n, "address": n}``. E-mail addresses are hashed in the
cache key, so the cache holds no address.

Use in a function view, after ``form.is_valid()`` and before the service::

    wait = rate_limit_form(request, form, scope="campaign_signup", address=email)
    if wait is not None:
        return too_many_requests(render(request, template, context), wait)

or mix :class:`RateLimitedFormMixin` into a class-based ``FormView``.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

from omzien.common.clients import client_ip

KINDS = ("ip", "address")


def _key(scope: str, kind: str, value: str, window: int) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"omzien:ratelimit:{scope}:{kind}:{digest}:{window}"


def rate_limit_hit(request, *, scope: str, address: str = "") -> int | None:
    """Count one submission of the form ``scope``. Returns None when it is within the limits,
    else the number of seconds until the visitor may try again."""
    limits = settings.OMZIEN_RATE_LIMITS[scope]
    period = settings.OMZIEN_RATE_LIMIT_PERIOD
    now = int(time.time())
    window = now // period
    values = {"ip": client_ip(request), "address": address.strip().lower()}
    refused = False
    for kind in KINDS:
        limit, value = limits.get(kind), values[kind]
        if not limit or not value:
            continue
        key = _key(scope, kind, value, window)
        cache.add(key, 0, timeout=period)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period)
            count = 1
        refused = refused or count > limit
    return (window + 1) * period - now if refused else None


def rate_limit_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "You have sent this form too often. Please wait %(minutes)d minute and send it again; "
        "what you filled in is still here.",
        "You have sent this form too often. Please wait %(minutes)d minutes and send it again; "
        "what you filled in is still here.",
        minutes,
    ) % {"minutes": minutes}


def rate_limit_form(request, form, *, scope: str, address: str = "") -> int | None:
    """:func:`rate_limit_hit`, and over the limit the Dutch message on the form."""
    wait = rate_limit_hit(request, scope=scope, address=address)
    if wait is not None:
        form.add_error(None, rate_limit_message(wait))
    return wait


def too_many_requests(response, retry_after: int):
    """Make the re-rendered form an HTTP 429 with ``Retry-After``."""
    response.status_code = 429
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitedFormMixin:
    """For a ``FormView``: a valid submission over the limit shows the form again (429) and
    never reaches ``form_valid`` (which the view may override to call its service)."""

    rate_limit_scope: str = ""
    rate_limit_address_field: str = "email"

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        address = form.cleaned_data.get(self.rate_limit_address_field) or ""
        wait = rate_limit_form(request, form, scope=self.rate_limit_scope, address=address)
        if wait is not None:
            return too_many_requests(self.form_invalid(form), wait)
        return self.form_valid(form)
