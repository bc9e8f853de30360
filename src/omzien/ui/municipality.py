"""The municipality a staff page works in, for people who work in more than one.

A consultant of Heerde and Epe registers a carer, imports a file or sets the thresholds in
either; a platform superuser in any (ADR 0015). Such a page takes the municipalities where the
user holds its roles (``user.municipalities(roles)``), works in the one ``?municipality=``
names (the first by name otherwise) and shows ``ui/includes/municipality_choice.html``, a small
form that changes it. The page's own form posts to the same address, query string included
(a form without ``action``), so a POST works in the municipality that was shown.

The header names the municipality a page is about (``ui.context_processors``), with its logo
and colour: the one a staff page works in, and the one whose offer a public page shows (its
appreciation form, its campaign page, its policy programme) through :func:`page_is_about`.
"""

from django.core.exceptions import PermissionDenied


def page_is_about(request, municipality):
    """Name ``municipality`` in this page's header (its name, colour and logo), whoever looks:
    the page is about that municipality's offer. Returns it."""
    request.page_municipality = municipality
    return municipality


def working_municipality(request, municipalities):
    """The one of ``municipalities`` that ``?municipality=`` names, else the first; 403 when
    the list is empty (the user holds none of the page's roles in an active municipality)."""
    if not municipalities:
        raise PermissionDenied
    wanted = request.GET.get("municipality")
    chosen = next((m for m in municipalities if str(m.pk) == wanted), municipalities[0])
    return page_is_about(request, chosen)


def works_in_several(user, roles) -> bool:
    """Whether ``user`` holds ``roles`` in more than one municipality: their lists then say
    which municipality each row belongs to."""
    return len(user.municipalities(roles)) > 1
