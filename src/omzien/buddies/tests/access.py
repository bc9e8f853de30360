"""How the authorization walk (ui/tests/test_authorization.py) requests the buddy URLs."""

from django.utils import timezone

from omzien.buddies import constants
from omzien.buddies.models import BuddyCheckIn
from omzien.buddies.tests.factories import PairFactory, ParticipantFactory, ProgrammeFactory
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    side.programme = ProgrammeFactory(municipality=side.municipality)
    side.participant = ParticipantFactory(programme=side.programme, side=constants.Side.A)
    side.pair = PairFactory(
        participant_a=side.participant,
        participant_b=ParticipantFactory(programme=side.programme, side=constants.Side.B),
    )
    side.buddy_check_in = BuddyCheckIn.objects.create(pair=side.pair, due_on=timezone.localdate())


def _programme(side) -> dict:
    return {"pk": side.programme.pk}


def _pair(side) -> dict:
    return {"pk": side.pair.pk}


PAGES = {
    "buddies:programme_list": Page(),
    "buddies:programme_create": Page(),
    "buddies:programme_detail": Page(_programme),
    "buddies:programme_edit": Page(_programme),
    "buddies:pairing_run": action(_programme),
    "buddies:pairing_take": action(_programme),
    "buddies:pair_manually": action(_programme),
    "buddies:participant_create": Page(_programme),
    "buddies:volunteer_picker": Page(_programme),
    "buddies:participant_edit": Page(lambda s: {"pk": s.participant.pk}),
    "buddies:participant_leave": action(lambda s: {"pk": s.participant.pk}),
    "buddies:pair_detail": Page(_pair),
    "buddies:pair_confirm": action(_pair),
    "buddies:pair_dissolve": action(_pair),
    "buddies:pair_end": action(_pair),
    "buddies:check_in_done": action(lambda s: {"pk": s.buddy_check_in.pk}),
    # Aggregates: also the policy advisor.
    "buddies:figures": Page(),
}
