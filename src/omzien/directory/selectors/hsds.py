"""What the open-data export reads: the entries of a municipality in the public search."""

from omzien.directory.models import Entry
from omzien.directory.selectors.entries import public_entries


def export_entries(*, municipality) -> list[Entry]:
    """One query, whatever the number of entries."""
    return list(
        public_entries()
        .filter(municipality=municipality)
        .select_related("organisation", "municipality", "locality")
        .order_by("title", "pk")
    )
