"""The buddy pair's status workflow, driven by Hypothesis through the services.

The state machine (``omzien.common.tests.workflows.StepMachine``) tries steps on one fresh
pair by every party and checks them against the table written out below, not read from
``workflows.py``: a listed step by a listed party succeeds and appends exactly one log row
with its from, to and actor; anything else is refused and writes nothing.
"""

from pathlib import Path

import pytest
from hypothesis.stateful import run_state_machine_as_test

from omzien.accounts.constants import Role
from omzien.buddies import constants as buddies_constants
from omzien.buddies import services
from omzien.buddies.models import BuddyCheckIn, BuddyPair, BuddyPairTransition
from omzien.common.services import Actor
from omzien.common.tests.workflows import MACHINE, StepMachine, workflow_field_writes

pytestmark = pytest.mark.django_db

Status = buddies_constants.PairStatus

# Who may take which step, written out by hand: brokers and consultants of the municipality.
PAIR_STEPS = {
    (Status.PROPOSED, Status.CONFIRMED): {"broker", "consultant"},
    (Status.CONFIRMED, Status.ENDED): {"broker", "consultant"},
}


def test_pair_status_steps(programme, person, broker, consultant, dalfsen, heerde, make_member):
    class PairStatus(StepMachine):
        parties = {
            "broker": broker,
            "consultant": consultant,
            "other_broker": make_member(Role.BROKER, dalfsen),
            "resident": make_member(Role.RESIDENT, heerde),
            "system": None,
        }
        steps = PAIR_STEPS
        targets = [Status.CONFIRMED, Status.ENDED]  # proposed has no service: it is created
        swept = set()

        def create(self):
            return services.pair_manually(
                programme=programme,
                participant_a=person("a"),
                participant_b=person("b"),
                actor=Actor(user=broker),
            )

        def current(self):
            return BuddyPair.objects.get(pk=self.record.pk).status

        def log(self):
            return BuddyPairTransition.objects.filter(pair=self.record.pk)

        def footprint(self):
            pair = BuddyPair.objects.get(pk=self.record.pk)
            check_ins = BuddyCheckIn.objects.filter(pair=pair).count()
            return (*super().footprint(), pair.version, pair.ended_on, check_ins)

        def take(self, to, actor):
            pair = BuddyPair(pk=self.record.pk)
            if to == Status.CONFIRMED:
                services.pair_confirm(pair=pair, version=None, actor=actor)
            else:
                services.pair_end(pair=pair, version=None, reason="completed", actor=actor)

    run_state_machine_as_test(PairStatus, settings=MACHINE)


def test_a_pair_is_logged_from_its_proposal(programme, person, actor):
    pair = services.pair_manually(
        programme=programme, participant_a=person("a"), participant_b=person("b"), actor=actor
    )
    logged = BuddyPairTransition.objects.filter(pair=pair).values_list(
        "from_status", "to_status", "actor"
    )
    assert list(logged) == [("", Status.PROPOSED, actor.user.pk)]


def test_only_the_workflow_writes_a_pair_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []
