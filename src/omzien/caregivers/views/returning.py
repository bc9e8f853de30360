"""Where a row action on a work queue sends the consultant back to: the same filtered, paged
list (or the carer's page) they acted from, posted as ``next``; only a path on this site."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str) -> str:
    """The posted (or linked) ``next`` when it is a local path on this site, else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def redirect_back(request, fallback: str):
    return redirect(safe_next(request, fallback))
