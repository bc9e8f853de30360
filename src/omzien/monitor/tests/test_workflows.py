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
from omzien.monitor.constants import ActionStatus as S
from omzien.monitor.models import Action, ActionTransition
from omzien.monitor.services import programmes as services
from omzien.monitor.tests.factories import AmbitionFactory

pytestmark = pytest.mark.django_db

STAFF = {"advisor", "admin"}
# Written out by hand: policy advisors and municipality admins of the municipality.
ACTION_STEPS = {
    (S.PLANNED, S.UNDERWAY): STAFF,
    (S.PLANNED, S.DELAYED): STAFF,
    (S.PLANNED, S.STOPPED): STAFF,
    (S.UNDERWAY, S.DONE): STAFF,
    (S.UNDERWAY, S.DELAYED): STAFF,
    (S.UNDERWAY, S.STOPPED): STAFF,
    (S.DELAYED, S.UNDERWAY): STAFF,
    (S.DELAYED, S.STOPPED): STAFF,
    (S.DONE, S.UNDERWAY): STAFF,
}
NOTES_REQUIRED = frozenset(
    {
        (S.PLANNED, S.DELAYED),
        (S.PLANNED, S.STOPPED),
        (S.UNDERWAY, S.DELAYED),
        (S.UNDERWAY, S.STOPPED),
        (S.DELAYED, S.STOPPED),
        (S.DONE, S.UNDERWAY),
    }
)


class ActionMachine(WorkflowMachine):
    steps = ACTION_STEPS
    notes_required = NOTES_REQUIRED
    targets = [S.UNDERWAY, S.DONE, S.DELAYED, S.STOPPED]
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
