"""An action's status workflow, driven by Hypothesis through the service."""

from pathlib import Path

import pytest

from omzien.accounts.constants import Role
from omzien.common.tests.workflows import (
    DENIED,
    WorkflowMachine,
    run_machine,
    workflow_field_writes,
)
from omzien.monitor.constants import ActionStatus
from omzien.monitor.models import Action, ActionTransition
from omzien.monitor.services import programmes as services
from omzien.monitor.tests.factories import AmbitionFactory

pytestmark = pytest.mark.django_db

STAFF = {"advisor", "admin"}
# Written out by hand: policy advisors and municipality admins of the municipality.
ACTION_STEPS = {
    (ActionStatus.PLANNED, ActionStatus.UNDERWAY): STAFF,
    (ActionStatus.PLANNED, ActionStatus.DELAYED): STAFF,
    (ActionStatus.PLANNED, ActionStatus.STOPPED): STAFF,
    (ActionStatus.UNDERWAY, ActionStatus.DONE): STAFF,
    (ActionStatus.UNDERWAY, ActionStatus.DELAYED): STAFF,
    (ActionStatus.UNDERWAY, ActionStatus.STOPPED): STAFF,
    (ActionStatus.DELAYED, ActionStatus.UNDERWAY): STAFF,
    (ActionStatus.DELAYED, ActionStatus.STOPPED): STAFF,
    (ActionStatus.DONE, ActionStatus.UNDERWAY): STAFF,
}
NOTES_REQUIRED = frozenset(
    {
        (ActionStatus.PLANNED, ActionStatus.DELAYED),
        (ActionStatus.PLANNED, ActionStatus.STOPPED),
        (ActionStatus.UNDERWAY, ActionStatus.DELAYED),
        (ActionStatus.UNDERWAY, ActionStatus.STOPPED),
        (ActionStatus.DELAYED, ActionStatus.STOPPED),
        (ActionStatus.DONE, ActionStatus.UNDERWAY),
    }
)


class ActionMachine(WorkflowMachine):
    steps = ACTION_STEPS
    notes_required = NOTES_REQUIRED
    targets = [ActionStatus.UNDERWAY, ActionStatus.DONE, ActionStatus.DELAYED, ActionStatus.STOPPED]
    notes = ("", "Subsidie later toegekend")
    stale_check = True
    log_model, log_parent = ActionTransition, "action"
    ambition: object

    def create(self):
        return services.action_create(
            ambition=self.ambition, data={"what": "Ontmoetingsproject"}, actor=self.actor("advisor")
        )

    def expect(self, to, who, note):
        if who not in STAFF and (self.status, to) in self.steps:
            return DENIED
        return super().expect(to, who, note)

    def footprint(self):
        action = Action.objects.get(pk=self.record.pk)
        return (*super().footprint(), action.version)

    def service(self, to, actor, note, seen):
        services.action_transition(
            action=Action(pk=self.record.pk), target=to, actor=actor, expected=seen, note=note
        )


def test_action_status_steps(heerde, dalfsen, make_member):
    users = {
        "advisor": make_member(Role.POLICY_ADVISOR, heerde),
        "admin": make_member(Role.MUNICIPALITY_ADMIN, heerde),
        "other_advisor": make_member(Role.POLICY_ADVISOR, dalfsen),
        "broker": make_member(Role.BROKER, heerde),
        "system": None,
    }
    run_machine(
        ActionMachine, users=users, ambition=AmbitionFactory(theme__programme__municipality=heerde)
    )


def test_only_the_workflow_writes_an_action_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []
