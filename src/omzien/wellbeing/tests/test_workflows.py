"""The trajectory's status workflow, driven by Hypothesis through the services
(``common.tests.workflows.WorkflowMachine``), against the table written out by hand below."""

import datetime
from pathlib import Path

import pytest

from omzien.accounts.constants import Role
from omzien.common.tests.workflows import WorkflowMachine, run_machine, workflow_field_writes
from omzien.wellbeing import constants, services
from omzien.wellbeing.models import Trajectory, TrajectoryTransition
from omzien.wellbeing.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

Status = constants.Status

# Who may take which step, written out by hand: the welfare workers of the municipality.
STEPS = {
    (Status.INTAKE, Status.UNDERWAY): {"worker"},
    (Status.INTAKE, Status.CLOSED): {"worker"},
    (Status.UNDERWAY, Status.CLOSED): {"worker"},
}


class TrajectoryMachine(WorkflowMachine):
    steps = STEPS
    targets = [Status.UNDERWAY, Status.CLOSED]
    log_model, log_parent = TrajectoryTransition, "trajectory"
    stale_check = True
    municipality: object

    def create(self):
        participant = ParticipantFactory(municipality=self.municipality)
        return services.participant_register(
            municipality=self.municipality,
            data={"name": participant.name, "phone": "0578 123 456", "kind": "buddy"},
            actor=self.actor("worker"),
        )

    def footprint(self):
        row = Trajectory.objects.get(pk=self.record.pk)
        return (*super().footprint(), row.version, row.outcome, row.closed_on, row.goals)

    def service(self, to, actor, note, seen):
        trajectory = Trajectory(pk=self.record.pk)
        if to == Status.UNDERWAY:
            services.trajectory_intake(
                trajectory=trajectory,
                data={"intake_on": datetime.date(2026, 1, 5), "goals": "Twee keer per week eruit"},
                actor=actor,
                seen=seen,
            )
        else:
            services.trajectory_close(
                trajectory=trajectory,
                outcome=constants.Outcome.GOALS_REACHED,
                note=note,
                actor=actor,
                seen=seen,
            )


@pytest.fixture
def machine_users(make_member, heerde, dalfsen):
    return {
        "worker": make_member(Role.WELFARE_WORKER, heerde),
        "other_worker": make_member(Role.WELFARE_WORKER, dalfsen),
        "consultant": make_member(Role.CONSULTANT, heerde),
        "referrer": make_member(Role.REFERRER, heerde),
        "system": None,
    }


def test_trajectory_status_steps(machine_users, heerde):
    run_machine(TrajectoryMachine, users=machine_users, municipality=heerde)


def test_only_the_workflow_writes_a_trajectory_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []
