"""The buddy programmes' provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py). A person is found as a participant
(``participant:<pk>``), with their pairs, the pairs' status logs and check-ins."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.buddies.models import BuddyCheckIn, BuddyPair, BuddyPairTransition, BuddyParticipant
from omzien.buddies.services import participant_erase
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of

NAME = "buddies"


def _participant_records(match: Match) -> list[Record]:
    participant = match.obj
    pairs = (
        BuddyPair.objects.filter(participant_a=participant)
        | BuddyPair.objects.filter(participant_b=participant)
    ).order_by("pk")
    return (
        records_of([participant])
        + records_of(pairs)
        + records_of(BuddyPairTransition.objects.filter(pair__in=pairs).order_by("pk"))
        + records_of(BuddyCheckIn.objects.filter(pair__in=pairs).order_by("pk"))
    )


class BuddiesProvider(KindsProvider):
    name = NAME
    label = _("Buddy programmes")
    models = (BuddyParticipant, BuddyPair, BuddyPairTransition, BuddyCheckIn)
    kinds = (
        RecordKind(
            key="participant",
            label=_("Participant in a buddy programme"),
            rows=lambda municipality: BuddyParticipant.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.exclude(name=ANONYMOUS_NAME),
            name=lambda participant: participant.name,
            details=lambda participant: {
                "name": participant.name,
                "date_of_birth": participant.date_of_birth,
                "email": participant.email,
                "phone": participant.phone,
            },
            edit_url=lambda participant: reverse(
                "buddies:participant_edit", kwargs={"pk": participant.pk}
            ),
            export=_participant_records,
            erase=lambda match, actor: participant_erase(participant=match.obj, actor=actor),
        ),
    )
