"""Reads of the partner keys, for the functional administrator's page."""

from omzien.api.models import ApiKey
from omzien.tenants.query import get_visible_or_404


def api_keys_of(*, user, municipality):
    """The keys of ``municipality`` (one the user administers), newest first (two queries)."""
    return (
        ApiKey.objects.visible_to(user)
        .filter(municipality=municipality)
        .select_related("created_by")
        .prefetch_related("organisations")
    )


def api_key_get(*, user, pk: int) -> ApiKey:
    """A key of a municipality the user administers, else 404."""
    return get_visible_or_404(ApiKey.objects.select_related("municipality"), user, pk=pk)
