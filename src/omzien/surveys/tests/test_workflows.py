"""The survey's status workflow, driven by Hypothesis through the service
(``common.tests.workflows.WorkflowMachine``), against the table written out by hand below."""

from pathlib import Path

import pytest

from omzien.accounts.constants import Role
from omzien.common.tests.workflows import WorkflowMachine, run_machine, workflow_field_writes
from omzien.surveys import constants, services
from omzien.surveys.models import Survey, SurveyTransition

pytestmark = pytest.mark.django_db

Status = constants.Status
RUNNERS = {"advisor", "worker", "consultant", "broker"}

# Who may take which step, written out by hand: the staff who run surveys in the municipality.
STEPS = {
    (Status.DRAFT, Status.OPEN): RUNNERS,
    (Status.OPEN, Status.DRAFT): RUNNERS,
    (Status.OPEN, Status.CLOSED): RUNNERS,
}


class SurveyMachine(WorkflowMachine):
    steps = STEPS
    targets = [Status.DRAFT, Status.OPEN, Status.CLOSED]
    log_model, log_parent = SurveyTransition, "survey"
    stale_check = True
    municipality: object

    def create(self):
        survey = services.survey_create(
            municipality=self.municipality,
            data={"title": "Behoeftepeiling", "target_group": "adult_carers"},
            actor=self.actor("advisor"),
        )
        services.question_save(
            survey=survey,
            data={"kind": "text", "text": "Wat heeft u nodig?"},
            actor=self.actor("advisor"),
        )
        return survey

    def footprint(self):
        row = Survey.objects.get(pk=self.record.pk)
        return (*super().footprint(), row.opened_on, row.closed_on)

    def service(self, to, actor, note, seen):
        services.survey_step(survey=Survey(pk=self.record.pk), target=to, actor=actor, seen=seen)


@pytest.fixture
def machine_users(make_member, heerde, dalfsen):
    return {
        "advisor": make_member(Role.POLICY_ADVISOR, heerde),
        "worker": make_member(Role.WELFARE_WORKER, heerde),
        "consultant": make_member(Role.CONSULTANT, heerde),
        "broker": make_member(Role.BROKER, heerde),
        "other_advisor": make_member(Role.POLICY_ADVISOR, dalfsen),
        "resident": make_member(Role.RESIDENT, heerde),
        "system": None,
    }


def test_survey_status_steps(machine_users, heerde):
    run_machine(SurveyMachine, users=machine_users, municipality=heerde)


def test_only_the_workflow_writes_a_survey_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []
