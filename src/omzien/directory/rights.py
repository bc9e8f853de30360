"""The social map's provider for access, rectification and erasure requests (``privacy.rights``;
registered in apps.py).

Entries are an organisation's or a provider's offer, not a person's record; but the contact
person named on an entry, and a phone number or e-mail address on it, may be a person's. Such
an entry is found by that e-mail address or phone number. The export holds the entry and its
status log; the erasure blanks the contact person, the phone number and the e-mail address (the
offer itself stays on the map, reachable through its website or address, or is taken offline by
staff when nothing is left to reach it by).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy

from omzien.directory.models import Entry, EntryTransition
from omzien.directory.services.entries import entry_erase_contact
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of

NAME = "directory"


def _findable(rows, query):
    condition = Q(pk__in=[])
    if query.email.strip():
        condition |= Q(email__iexact=query.email.strip())
    if query.phone.strip():
        # Compared exactly by match_reasons; narrowed here to entries with a phone number.
        condition |= ~Q(phone="")
    return rows.filter(condition)


def _records(match: Match) -> list[Record]:
    entry = match.obj
    return records_of([entry], skip=("pending",)) + records_of(
        EntryTransition.objects.filter(entry=entry).order_by("pk")
    )


class DirectoryProvider(KindsProvider):
    name = NAME
    label = gettext_lazy("Social map")
    models = (Entry, EntryTransition)
    kinds = (
        RecordKind(
            key="entry",
            label=gettext_lazy("Contact details on a social map entry"),
            rows=lambda municipality: Entry.objects.filter(municipality=municipality),
            findable=_findable,
            name=lambda entry: entry.contact_name or entry.title,
            details=lambda entry: {"email": entry.email, "phone": entry.phone},
            export=_records,
            erase=lambda match, actor: entry_erase_contact(entry=match.obj, actor=actor),
        ),
    )
