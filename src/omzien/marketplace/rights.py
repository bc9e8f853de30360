"""The beursvloer's provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py). A person is found as the contact person of a
participant (``contact:<pk>``: by e-mail address or phone number); erasure removes the
contact details, what the business or organisation offered and agreed stays under its name."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.common.services import Actor
from omzien.marketplace.models import Deal, DealTransition, Entry, Participant, PreMatch
from omzien.marketplace.services.retention import participant_remove_contact
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of

NAME = "marketplace"


def _export(match: Match) -> list[Record]:
    participant = match.obj
    deals = Deal.objects.filter(Q(giver=participant) | Q(receiver=participant)).order_by("pk")
    entries = Entry.objects.filter(participant=participant).order_by("pk")
    return (
        records_of([participant], skip=("edit_token_hash", "submission_key"))
        + records_of(entries)
        + records_of(PreMatch.objects.filter(Q(offer__in=entries) | Q(request__in=entries)))
        + records_of(deals)
        + records_of(DealTransition.objects.filter(deal__in=deals).order_by("pk"))
    )


def _findable(rows, query):
    condition = Q(pk__in=[])
    if query.email.strip():
        condition |= Q(contact_email__iexact=query.email.strip())
    if query.phone.strip():
        condition |= ~Q(contact_phone="")
    return rows.filter(condition)


class MarketplaceProvider(KindsProvider):
    name = NAME
    label = _("Beursvloer")
    models = (Participant, Entry, PreMatch, Deal, DealTransition)
    kinds = (
        RecordKind(
            key="contact",
            label=_("Contact person at the beursvloer"),
            rows=lambda municipality: Participant.objects.filter(
                event__municipality=municipality
            ).select_related("event"),
            findable=_findable,
            name=lambda participant: participant.contact_name or participant.name,
            details=lambda participant: {
                "email": participant.contact_email,
                "phone": participant.contact_phone,
            },
            export=_export,
            erase=lambda match, actor: participant_remove_contact(
                participant=match.obj, actor=actor or Actor(), reason="erasure request"
            ),
        ),
    )
