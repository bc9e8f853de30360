"""The trajectory's and the referral's status workflows, driven by Hypothesis through the
services.

The tables below are written out by hand (not read from workflows.py): the broker of the
trajectory's municipality starts the intake of a referred trajectory, places the volunteer,
notes the first evaluation, goes back to the intake (with the reason) when a placement does
not work out, and ends a trajectory from any open state. A referral is taken on or declined
(with the reason). Anything else is refused with its code and writes nothing.
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
from omzien.trajectories.constants import Outcome, ReferralStatus, TrajectoryStatus
from omzien.trajectories.models import (
    Referral,
    ReferralTransition,
    Trajectory,
    TrajectoryTransition,
)
from omzien.trajectories.services.referrals import referral_accept, referral_decline
from omzien.trajectories.services.trajectories import trajectory_end, trajectory_step
from omzien.trajectories.tests.factories import (
    ReferralFactory,
    ReferralTransitionFactory,
    TrajectoryFactory,
    TrajectoryTransitionFactory,
)
from omzien.volunteering.tests.factories import PlacementFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db

BROKERS = {"broker"}
TRAJECTORY_STEPS = {
    (TrajectoryStatus.REFERRED, TrajectoryStatus.INTAKE): BROKERS,
    (TrajectoryStatus.INTAKE, TrajectoryStatus.PLACED): BROKERS,
    (TrajectoryStatus.PLACED, TrajectoryStatus.EVALUATING): BROKERS,
    (TrajectoryStatus.PLACED, TrajectoryStatus.INTAKE): BROKERS,
    (TrajectoryStatus.EVALUATING, TrajectoryStatus.INTAKE): BROKERS,
    (TrajectoryStatus.REFERRED, TrajectoryStatus.ENDED): BROKERS,
    (TrajectoryStatus.INTAKE, TrajectoryStatus.ENDED): BROKERS,
    (TrajectoryStatus.PLACED, TrajectoryStatus.ENDED): BROKERS,
    (TrajectoryStatus.EVALUATING, TrajectoryStatus.ENDED): BROKERS,
}
BACK = frozenset(
    {
        (TrajectoryStatus.PLACED, TrajectoryStatus.INTAKE),
        (TrajectoryStatus.EVALUATING, TrajectoryStatus.INTAKE),
    }
)


class TrajectoryMachine(WorkflowMachine):
    steps = TRAJECTORY_STEPS
    notes_required = BACK
    targets = [
        TrajectoryStatus.INTAKE,
        TrajectoryStatus.PLACED,
        TrajectoryStatus.EVALUATING,
        TrajectoryStatus.ENDED,
    ]
    notes = ("", "De organisatie past toch niet bij wat zij zoekt.")
    stale_check = True
    log_model, log_parent = TrajectoryTransition, "trajectory"
    municipality: object

    def create(self):
        profile = VolunteerProfileFactory(municipality=self.municipality, user=None)
        placement = PlacementFactory(
            response__vacancy__organisation__municipality=self.municipality,
            response__profile=profile,
        )
        trajectory = TrajectoryFactory(
            municipality=self.municipality,
            profile=profile,
            placement=placement,
            status=TrajectoryStatus.REFERRED,
        )
        TrajectoryTransitionFactory(trajectory=trajectory, to_status=TrajectoryStatus.REFERRED)
        return trajectory

    def expected_note(self, to, note):
        # The end keeps its note on the trajectory (outcome_note), not in the log.
        return "" if to == TrajectoryStatus.ENDED else super().expected_note(to, note)

    def service(self, to, actor, note, seen):
        trajectory = Trajectory(pk=self.record.pk)
        if to == TrajectoryStatus.ENDED:
            trajectory_end(
                trajectory=trajectory,
                outcome=Outcome.VOLUNTEERING,
                note=note,
                actor=actor,
                seen=seen,
            )
        else:
            trajectory_step(trajectory=trajectory, target=to, note=note, actor=actor, seen=seen)


class ReferralMachine(WorkflowMachine):
    steps = {
        (ReferralStatus.NEW, ReferralStatus.ACCEPTED): BROKERS,
        (ReferralStatus.NEW, ReferralStatus.DECLINED): BROKERS,
    }
    notes_required = frozenset({(ReferralStatus.NEW, ReferralStatus.DECLINED)})
    targets = [ReferralStatus.ACCEPTED, ReferralStatus.DECLINED]
    notes = ("", "Past beter bij het wijkteam.")
    stale_check = True
    log_model, log_parent = ReferralTransition, "referral"
    municipality: object

    def create(self):
        referral = ReferralFactory(municipality=self.municipality)
        ReferralTransitionFactory(referral=referral)
        return referral

    def expected_note(self, to, note):
        return "" if to == ReferralStatus.ACCEPTED else super().expected_note(to, note)

    def service(self, to, actor, note, seen):
        referral = Referral(pk=self.record.pk)
        if to == ReferralStatus.ACCEPTED:
            profile = VolunteerProfileFactory(municipality=self.municipality, user=None)
            referral_accept(referral=referral, profile=profile, actor=actor, seen=seen)
        else:
            referral_decline(referral=referral, reason=note, actor=actor, seen=seen)


@pytest.fixture
def machine(heerde, dalfsen, make_member) -> dict:
    users = {
        "broker": make_member(Role.BROKER, heerde),
        "other_broker": make_member(Role.BROKER, dalfsen),
        "consultant": make_member(Role.CONSULTANT, heerde),
        "referrer": make_member(Role.REFERRER, heerde),
        "system": None,
    }
    return {"users": users, "municipality": heerde}


def test_trajectory_status_steps(machine):
    run_machine(TrajectoryMachine, **machine)


def test_referral_status_steps(machine):
    run_machine(ReferralMachine, **machine)


def test_only_the_workflows_write_a_status():
    package = Path(__file__).resolve().parents[1]
    assert workflow_field_writes(package, {"status"}) == []


def test_the_machine_fails_against_a_wrong_table(machine):
    wrong = {**TRAJECTORY_STEPS, (TrajectoryStatus.ENDED, TrajectoryStatus.INTAKE): BROKERS}
    with pytest.raises(AssertionError, match="ended -> intake by .* was refused"):
        run_machine(TrajectoryMachine, **machine, steps=wrong, run=FAILS_FAST)
