"""The deal's status workflow, driven by Hypothesis through the services.

The table below is written out by hand (not read from workflows.py): the broker of the event's
municipality follows a deal up as done, partly done or not done (with the reason), and a deal
partly done may be done after all. Anything else is refused with its code and writes nothing.
"""

from pathlib import Path

import pytest

from omzien.accounts.constants import Role
from omzien.common.tests.workflows import (
    FAILS_FAST,
    WorkflowMachine,
    run_machine,
    workflow_field_writes,
)
from omzien.marketplace.constants import DealStatus
from omzien.marketplace.models import Deal, DealTransition
from omzien.marketplace.services.deals import deal_follow_up
from omzien.marketplace.tests.factories import DealFactory, EventFactory

pytestmark = pytest.mark.django_db

BROKERS = {"broker"}
DEAL_STEPS = {
    (DealStatus.AGREED, DealStatus.DONE): BROKERS,
    (DealStatus.AGREED, DealStatus.PARTLY): BROKERS,
    (DealStatus.AGREED, DealStatus.NOT_DONE): BROKERS,
    (DealStatus.PARTLY, DealStatus.DONE): BROKERS,
}
NOTES_REQUIRED = frozenset({(DealStatus.AGREED, DealStatus.NOT_DONE)})


class DealMachine(WorkflowMachine):
    steps = DEAL_STEPS
    notes_required = NOTES_REQUIRED
    targets = [DealStatus.DONE, DealStatus.PARTLY, DealStatus.NOT_DONE]
    notes = ("", "De vrijwilligers waren ziek.")
    stale_check = True
    log_model, log_parent = DealTransition, "deal"
    event: object

    def create(self):
        return DealFactory(event=self.event)

    def footprint(self):
        row = Deal.objects.get(pk=self.record.pk)
        return (*super().footprint(), row.version, row.followed_up_on)

    def service(self, to, actor, note, seen):
        deal_follow_up(deal=Deal(pk=self.record.pk), target=to, note=note, actor=actor, seen=seen)


@pytest.fixture
def machine(heerde, dalfsen, make_member) -> dict:
    users = {
        "broker": make_member(Role.BROKER, heerde),
        "other_broker": make_member(Role.BROKER, dalfsen),
        "consultant": make_member(Role.CONSULTANT, heerde),
        "member": make_member(Role.ORGANISATION_MEMBER, heerde),
        "system": None,
    }
    return {"users": users, "event": EventFactory(municipality=heerde)}


def test_deal_status_steps(machine):
    run_machine(DealMachine, **machine)


def test_only_the_workflow_writes_a_deal_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []


def test_the_machine_fails_against_a_wrong_table(machine):
    wrong = {**DEAL_STEPS, (DealStatus.NOT_DONE, DealStatus.DONE): BROKERS}
    with pytest.raises(AssertionError, match="not_done -> done by .* was refused"):
        run_machine(DealMachine, **machine, steps=wrong, run=FAILS_FAST)
