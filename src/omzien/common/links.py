"""Full links for e-mails."""

from django.conf import settings


def absolute_url(request, path: str) -> str:
    """``path`` as a full link: from the request when there is one, otherwise from
    ``settings.SITE_URL`` (mails sent by nightly jobs and workers have no request)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path
