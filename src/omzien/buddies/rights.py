"""The buddy programmes' provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py). A person is found as a participant
(``participant:<pk>``), with their pairs, the pairs' status logs and check-ins."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.buddies.models import BuddyCheckIn, BuddyPair, BuddyPairTransition, BuddyParticipant
from omzien.buddies.services import participant_erase
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.rights import (
    Erasure,
    Match,
    PersonQuery,
    Record,
    match_reasons,
    parse_key,
    records_of,
)

NAME = "buddies"


class BuddiesProvider:
    label = _("Buddy programmes")
    models = (BuddyParticipant, BuddyPair, BuddyPairTransition, BuddyCheckIn)

    def _match(self, participant: BuddyParticipant, reasons) -> Match:
        return Match(
            provider=NAME,
            key=f"participant:{participant.pk}",
            kind=str(_("Participant in a buddy programme")),
            name=participant.name,
            matched_on=reasons,
            obj=participant,
            edit_url=reverse("buddies:participant_edit", kwargs={"pk": participant.pk}),
        )

    def find(self, municipality, query: PersonQuery) -> list[Match]:
        found = []
        participants = (
            BuddyParticipant.objects.filter(municipality=municipality)
            .exclude(name=ANONYMOUS_NAME)
            .order_by("pk")
        )
        for participant in participants.iterator():
            reasons = match_reasons(
                query,
                name=participant.name,
                date_of_birth=participant.date_of_birth,
                email=participant.email,
                phone=participant.phone,
            )
            if reasons:
                found.append(self._match(participant, reasons))
        return found

    def get(self, municipality, key: str) -> Match | None:
        kind, pk = parse_key(key)
        if kind != "participant" or pk is None:
            return None
        found = BuddyParticipant.objects.filter(municipality=municipality, pk=pk).first()
        return self._match(found, []) if found else None

    def export(self, match: Match) -> list[Record]:
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

    def erase(self, match: Match, actor) -> Erasure:
        participant_erase(participant=match.obj, actor=actor)
        return Erasure(erased=[f"{match.kind} #{match.obj.pk}"])
