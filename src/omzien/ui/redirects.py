"""Paths that moved answer a permanent redirect to where the page is now (docs/adr/0010).

One pattern per moved prefix, not one per page: :func:`moved` sends every old path under the
prefix to the same path under the new prefix, each segment translated by a table the capability
keeps next to its patterns, the query string kept. Links in e-mails already sent and bookmarks
keep working; a path that translates to no page answers 404, as it did before.
"""

import re
from collections.abc import Iterable, Mapping

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import Resolver404, URLPattern, get_script_prefix, re_path, resolve

from omzien.accounts.permissions import public


def moved(
    old: str,
    new: str,
    *,
    segments: Mapping[str, str],
    name: str,
    first: Iterable[str] | None = None,
) -> URLPattern:
    """A pattern answering everything under ``old`` (``"volunteering/"``) with a 301 to the same
    path under ``new`` (``"vrijwilligerswerk/"``), each segment looked up in ``segments``.

    ``first``: only paths whose first segment after ``old`` is one of these move (the others,
    staff pages, stay under ``old``); None: the whole prefix moved.
    """
    rest = ".*" if first is None else rf"(?:{'|'.join(map(re.escape, first))})(?:/.*)?"
    return re_path(
        rf"^{re.escape(old)}(?P<rest>{rest})\Z",
        _redirect_view(new, dict(segments)),
        name=name,
    )


def _redirect_view(new: str, segments: dict[str, str]):
    @public
    def moved_permanently(request, rest: str):
        path = new + "/".join(segments.get(segment, segment) for segment in rest.split("/"))
        if not _resolves(path):
            if path.endswith("/") or not _resolves(path + "/"):
                raise Http404
            path += "/"
        location = get_script_prefix() + path
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)

    return moved_permanently


def _resolves(path: str) -> bool:
    try:
        resolve("/" + path)
    except Resolver404:
        return False
    return True
