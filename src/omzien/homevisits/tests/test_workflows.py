"""The home visit's status workflow, driven by Hypothesis through the services.

The table below is written out by hand (not read from workflows.py): a welfare worker of the
municipality assigns and plans again; the result is recorded by the visitor the visit is
assigned to or by a welfare worker. Anything else is refused with its code and writes nothing.
"""

from pathlib import Path

import pytest
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.tests.workflows import (
    FAILS_FAST,
    WorkflowMachine,
    run_machine,
    workflow_field_writes,
)
from omzien.homevisits import services
from omzien.homevisits.constants import Status
from omzien.homevisits.models import Visit, VisitTransition
from omzien.homevisits.tests.factories import VisitPlanFactory
from omzien.volunteering.tests.factories import VolunteerProfileFactory

pytestmark = pytest.mark.django_db

VISIT_STEPS = {
    (Status.PLANNED, Status.ASSIGNED): {"worker"},
    (Status.ASSIGNED, Status.HELD): {"worker", "visitor"},
    (Status.ASSIGNED, Status.NOT_HOME): {"worker", "visitor"},
    (Status.ASSIGNED, Status.DECLINED): {"worker", "visitor"},
    (Status.NOT_HOME, Status.PLANNED): {"worker"},
}


class VisitMachine(WorkflowMachine):
    steps = VISIT_STEPS
    targets = [Status.PLANNED, Status.ASSIGNED, Status.HELD, Status.NOT_HOME, Status.DECLINED]
    stale_check = True
    log_model, log_parent = VisitTransition, "visit"
    plan: object

    def create(self):
        visit = Visit.objects.create(
            plan=self.plan,
            municipality=self.plan.municipality,
            name="Greet Jansen",
            street="Kerkstraat",
            house_number="4",
            postcode="8181 AA",
        )
        VisitTransition.objects.create(visit=visit, to_status=Status.PLANNED)
        return visit

    def parties_of(self, who):
        # The visitor is whoever the visit is assigned to: the volunteer, always, here.
        return {"visitor"} if who == "volunteer" else {who}

    def expected_note(self, to, note):
        return ""

    def footprint(self):
        row = Visit.objects.get(pk=self.record.pk)
        return (*super().footprint(), row.version, row.assigned_to_id, row.visited_on)

    def service(self, to, actor, note, seen):
        visit = Visit(pk=self.record.pk)
        if to == Status.ASSIGNED:
            services.visit_assign(
                visit=visit, assignee=self.users["volunteer"], actor=actor, seen=seen
            )
        elif to == Status.PLANNED:
            services.visit_plan_again(visit=visit, actor=actor, seen=seen)
        else:
            services.visit_record(
                visit=visit, result=to, visited_on=timezone.localdate(), actor=actor, seen=seen
            )


@pytest.fixture
def machine(heerde, dalfsen, make_member) -> dict:
    volunteer = make_member(Role.RESIDENT, heerde)
    VolunteerProfileFactory(user=volunteer, municipality=heerde)
    users = {
        "worker": make_member(Role.WELFARE_WORKER, heerde),
        "volunteer": volunteer,
        "other_worker": make_member(Role.WELFARE_WORKER, dalfsen),
        "consultant": make_member(Role.CONSULTANT, heerde),
        "resident": make_member(Role.RESIDENT, heerde),
        "system": None,
    }
    return {"users": users, "plan": VisitPlanFactory(municipality=heerde)}


def test_visit_status_steps(machine):
    run_machine(VisitMachine, **machine)


def test_only_the_workflow_writes_a_visit_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []


def test_the_machine_fails_against_a_wrong_table(machine):
    wrong = {**VISIT_STEPS, (Status.DECLINED, Status.PLANNED): {"worker"}}
    with pytest.raises(AssertionError, match="declined -> planned by "):
        run_machine(VisitMachine, **machine, steps=wrong, run=FAILS_FAST)
