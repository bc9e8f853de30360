"""The social map as a source of newsletter sections (``newsletters.sources``): the
municipality's published entries, chosen by staff and shown with what they offer."""

from django.urls import reverse

from omzien.directory.selectors.entries import public_entries

CHOICE_LIMIT = 500


def entry_choices(municipality) -> list[tuple[str, str]]:
    entries = (
        public_entries()
        .filter(municipality=municipality)
        .select_related("organisation")
        .order_by("title", "pk")[:CHOICE_LIMIT]
    )
    return [(str(entry.pk), _label(entry)) for entry in entries]


def _label(entry) -> str:
    provider = entry.organisation.name if entry.organisation_id else entry.provider_name
    return f"{entry.title} ({provider})" if provider else entry.title


def entry_items(municipality, ids: list[str]):
    from omzien.newsletters.sources import Item

    wanted = [int(pk) for pk in ids if str(pk).isdigit()]
    found = {
        entry.pk: entry
        for entry in public_entries()
        .filter(municipality=municipality, pk__in=wanted)
        .select_related("organisation", "locality")
    }
    items = []
    for pk in wanted:
        if pk not in found:
            continue
        entry = found[pk]
        where = ", ".join(
            part for part in (entry.address, getattr(entry.locality, "name", "")) if part
        )
        items.append(
            Item(
                title=_label(entry),
                when=entry.opening_hours,
                where=where,
                text=(entry.description or entry.helps_with)[:300],
                url=reverse("directory_public:detail", args=[entry.pk]),
            )
        )
    return items
