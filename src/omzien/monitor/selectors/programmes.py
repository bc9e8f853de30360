"""Programmes as staff and visitors find them."""

from django.http import Http404

from omzien.monitor.constants import STAFF
from omzien.monitor.models import Programme
from omzien.tenants.query import get_visible_or_404


def programme_list(*, user):
    return Programme.objects.visible_to(user).select_related("municipality")


def programme_get(*, user, pk: int) -> Programme:
    return get_visible_or_404(Programme.objects.select_related("municipality"), user, pk=pk)


def programme_public(*, pk: int) -> Programme:
    """A published programme, for anyone; 404 for every other."""
    programme = (
        Programme.objects.select_related("municipality").filter(pk=pk, published=True).first()
    )
    if programme is None:
        raise Http404
    return programme


def programmes_published():
    """The published programmes of active municipalities (the API's open data), newest first."""
    return Programme.objects.select_related("municipality").filter(
        published=True, municipality__is_active=True
    )


def staff_municipalities(user) -> list:
    return list(user.municipalities(STAFF))
