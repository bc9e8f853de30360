"""The buddy pair's status workflow, driven by Hypothesis through the services.

The state machine (``omzien.common.tests.workflows.WorkflowMachine``) tries steps on fresh
pairs by every party and checks them against the table written out below, not read from
``workflows.py``: a listed step by a listed party succeeds and appends exactly one log row
with its from, to, actor and note; anything else is refused with its code and writes nothing.
The last tests run the machine against a wrong table and a service that skips the log, and
show that it fails.
"""

from pathlib import Path

import pytest

from omzien.accounts.constants import Role
from omzien.buddies import constants as buddies_constants
from omzien.buddies import services
from omzien.buddies.models import BuddyCheckIn, BuddyPair, BuddyPairTransition
from omzien.common.tests.workflows import (
    DENIED,
    FAILS_FAST,
    WorkflowMachine,
    run_machine,
    workflow_field_writes,
)
from omzien.common.workflow import Workflow

pytestmark = pytest.mark.django_db

Status = buddies_constants.PairStatus

# Who may take which step, written out by hand: brokers and consultants of the municipality.
PAIR_STEPS = {
    (Status.PROPOSED, Status.CONFIRMED): {"broker", "consultant"},
    (Status.CONFIRMED, Status.ENDED): {"broker", "consultant"},
}
STAFF = {"broker", "consultant"}


class PairMachine(WorkflowMachine):
    steps = PAIR_STEPS
    targets = [Status.CONFIRMED, Status.ENDED]  # proposed has no service: a pair is proposed
    log_model, log_parent = BuddyPairTransition, "pair"

    person: staticmethod  # the fixture that makes a participant of the programme
    programme: object

    def create(self):
        return services.pair_manually(
            programme=self.programme,
            participant_a=self.person("a"),
            participant_b=self.person("b"),
            actor=self.actor("broker"),
        )

    def audit_reason(self, source, to):
        return "confirmed" if to == Status.CONFIRMED else "ended: completed"

    def expect(self, to, who, note):
        # The services let only staff of the municipality in, before looking at the status.
        return super().expect(to, who, note) if who in STAFF else DENIED

    def footprint(self):
        pair = BuddyPair.objects.get(pk=self.record.pk)
        check_ins = BuddyCheckIn.objects.filter(pair=pair).count()
        return (*super().footprint(), pair.version, pair.ended_on, pair.confirmed_at, check_ins)

    def service(self, to, actor, note, seen):
        pair = BuddyPair(pk=self.record.pk)
        if to == Status.CONFIRMED:
            services.pair_confirm(pair=pair, version=None, actor=actor)
        else:
            services.pair_end(pair=pair, version=None, reason="completed", actor=actor)


@pytest.fixture
def pairs(programme, person, broker, consultant, dalfsen, heerde, make_member) -> dict:
    """The machine's people, and where it makes its pairs."""
    users = {
        "broker": broker,
        "consultant": consultant,
        "other_broker": make_member(Role.BROKER, dalfsen),
        "resident": make_member(Role.RESIDENT, heerde),
        "system": None,
    }
    return {"users": users, "programme": programme, "person": staticmethod(person)}


def test_pair_status_steps(pairs):
    run_machine(PairMachine, **pairs)


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


# --- The machine catches a wrong table and a service that skips the log -----------------------


@pytest.mark.parametrize(
    ("wrong", "failure"),
    [
        # The consultant may not end a pair, says this table: the service lets them.
        (
            {**PAIR_STEPS, (Status.CONFIRMED, Status.ENDED): {"broker"}},
            "confirmed -> ended by consultant .*expected denied, got done",
        ),
        # An ended pair may be confirmed again, says this table: the service refuses.
        (
            {**PAIR_STEPS, (Status.ENDED, Status.CONFIRMED): {"broker", "consultant"}},
            "ended -> confirmed by (broker|consultant) .* was refused",
        ),
    ],
    ids=["a step taken that the table refuses", "a step refused that the table allows"],
)
def test_the_machine_fails_against_a_wrong_table(pairs, wrong, failure):
    with pytest.raises(AssertionError, match=failure):
        run_machine(PairMachine, **pairs, steps=wrong, run=FAILS_FAST)


def test_the_machine_fails_when_a_step_writes_no_log_row(pairs, monkeypatch):
    monkeypatch.setattr(Workflow, "log_step", lambda self, obj, **kwargs: None)
    with pytest.raises(AssertionError, match="proposed -> confirmed by .*: the log"):
        run_machine(PairMachine, **pairs, run=FAILS_FAST)


def test_the_machine_fails_when_a_refused_step_writes_an_audit_event(pairs, monkeypatch):
    """A refusal that leaves a trace (here: an audit event before the check) is caught."""
    from omzien.privacy.audit import audit_by
    from omzien.privacy.constants import AuditAction

    confirm = services.pair_confirm

    def confirm_audited_first(*, pair, version, actor, **kwargs):
        audit_by(AuditAction.VIEW, BuddyPair.objects.get(pk=pair.pk), actor, reason="peek")
        return confirm(pair=pair, version=version, actor=actor, **kwargs)

    monkeypatch.setattr(services, "pair_confirm", confirm_audited_first)
    with pytest.raises(AssertionError, match="was refused but wrote something"):
        run_machine(PairMachine, **pairs, run=FAILS_FAST)
