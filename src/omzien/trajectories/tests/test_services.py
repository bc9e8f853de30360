"""The trajectories' services: a client manager's referral taken on as a trajectory, the plan
and its placement, evaluations with progress per goal, the reminder before an evaluation, the
end with its outcome, retention and the figures."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common import indicators
from omzien.common.dates import start_of_day
from omzien.common.services import Actor, EditConflict
from omzien.privacy.models import AuditEvent
from omzien.privacy.statistics import Period
from omzien.testing.dates import month_end_boundary
from omzien.trajectories import constants
from omzien.trajectories.constants import TrajectoryStatus
from omzien.trajectories.models import Evaluation, Goal, GoalProgress, Referral, Trajectory
from omzien.trajectories.selectors.figures import trajectory_figures
from omzien.trajectories.services import referrals, retention, trajectories
from omzien.trajectories.tests.factories import (
    EvaluationMomentFactory,
    GoalFactory,
    ReferralFactory,
    TrajectoryFactory,
)
from omzien.volunteering.tests.factories import PlacementFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db
REFERRAL = {
    "full_name": "Sanne de Wit",
    "phone": "0578 123 456",
    "email": "",
    "kind": constants.TrajectoryKind.PRESCRIPTION,
    "reason": "Zoekt structuur en contact, graag buiten.",
    "consent_confirmed": True,
}


def test_a_referral_becomes_a_trajectory(heerde, client_manager, actor, profile):
    referral = referrals.referral_submit(
        municipality=heerde, data=REFERRAL, actor=Actor(user=client_manager)
    )
    assert referral.status == constants.ReferralStatus.NEW
    trajectory = referrals.referral_accept(referral=referral, profile=profile, actor=actor)
    referral.refresh_from_db()
    assert (referral.status, referral.handled_by) == (constants.ReferralStatus.ACCEPTED, actor.user)
    assert (trajectory.status, trajectory.kind, trajectory.referral) == (
        TrajectoryStatus.REFERRED,
        constants.TrajectoryKind.PRESCRIPTION,
        referral,
    )
    assert trajectory.broker == actor.user
    # A second open trajectory for the same volunteer is refused.
    with pytest.raises(ValidationError) as refused:
        trajectories.trajectory_start(
            profile=profile, kind=constants.TrajectoryKind.GUIDANCE, actor=actor
        )
    assert refused.value.error_dict["profile"][0].code == "already_open"


def test_only_a_client_manager_with_consent_refers(heerde, dalfsen, client_manager, broker):
    with pytest.raises(PermissionDenied):
        referrals.referral_submit(municipality=heerde, data=REFERRAL, actor=Actor(user=broker))
    with pytest.raises(PermissionDenied):
        referrals.referral_submit(
            municipality=dalfsen, data=REFERRAL, actor=Actor(user=client_manager)
        )
    with pytest.raises(ValidationError) as refused:
        referrals.referral_submit(
            municipality=heerde,
            data={**REFERRAL, "consent_confirmed": False},
            actor=Actor(user=client_manager),
        )
    assert refused.value.error_dict["consent_confirmed"][0].code == "consent_required"
    assert not Referral.objects.exists()


def test_a_broker_elsewhere_may_not_start_or_accept(dalfsen, make_member, profile):
    other = Actor(user=make_member(Role.BROKER, dalfsen))
    with pytest.raises(PermissionDenied):
        trajectories.trajectory_start(
            profile=profile, kind=constants.TrajectoryKind.GUIDANCE, actor=other
        )
    referral = ReferralFactory(municipality=profile.municipality)
    with pytest.raises(ValidationError) as refused:
        referrals.referral_accept(
            referral=referral,
            profile=VolunteerProfileFactory(municipality=dalfsen, user=None),
            actor=Actor(user=make_member(Role.BROKER, profile.municipality)),
        )
    assert refused.value.error_dict["profile"][0].code == "other_profile"


def test_the_plan_links_only_the_volunteers_own_placement(trajectory, placement, actor, heerde):
    strangers = PlacementFactory(response__vacancy__organisation__municipality=heerde)
    with pytest.raises(ValidationError):
        trajectories.trajectory_update_plan(
            trajectory=trajectory, data={"placement": strangers}, version=1, actor=actor
        )
    data = {
        "placement": placement,
        "guidance": "Elke week een kort gesprek met de boer; bij uitval belt de boer de makelaar.",
        "guidance_contact": "Gert Hoeve",
    }
    trajectories.trajectory_update_plan(trajectory=trajectory, data=data, version=1, actor=actor)
    trajectory.refresh_from_db()
    assert (trajectory.placement, trajectory.guidance_contact, trajectory.version) == (
        placement,
        "Gert Hoeve",
        2,
    )
    with pytest.raises(EditConflict):  # a stale form
        trajectories.trajectory_update_plan(
            trajectory=trajectory, data={"guidance_contact": "X"}, version=1, actor=actor
        )
    trajectories.trajectory_step(trajectory=trajectory, target=TrajectoryStatus.PLACED, actor=actor)
    assert Trajectory.objects.get(pk=trajectory.pk).status == TrajectoryStatus.PLACED


def test_placed_needs_a_placement(trajectory, actor):
    with pytest.raises(ValidationError) as refused:
        trajectories.trajectory_step(
            trajectory=trajectory, target=TrajectoryStatus.PLACED, actor=actor
        )
    assert refused.value.code == "no_placement"


def test_an_evaluation_scores_every_goal_and_starts_evaluating(trajectory, placement, actor):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        placement=placement, status=TrajectoryStatus.PLACED
    )
    first = trajectories.goal_add(trajectory=trajectory, description="Op tijd  komen", actor=actor)
    second = GoalFactory(trajectory=trajectory)
    moment = EvaluationMomentFactory(
        trajectory=trajectory, planned_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        trajectories.evaluation_record(
            trajectory=trajectory, held_on=today, progress={first.pk: (4, "")}, actor=actor
        )
    assert f"score_{second.pk}" in refused.value.error_dict
    assert not Evaluation.objects.exists()

    evaluation = trajectories.evaluation_record(
        trajectory=trajectory,
        held_on=today,
        progress={first.pk: (4, "Bijna altijd"), second.pk: (2, "")},
        summary="Gaat goed.",
        moment_id=moment.pk,
        actor=actor,
    )
    assert first.description == "Op tijd komen"
    assert dict(GoalProgress.objects.values_list("goal_id", "score")) == {
        first.pk: 4,
        second.pk: 2,
    }
    assert evaluation.moment == moment
    assert Trajectory.objects.get(pk=trajectory.pk).status == TrajectoryStatus.EVALUATING


def test_the_reminder_goes_once_to_the_guiding_broker(
    trajectory, broker, heerde, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    EvaluationMomentFactory(trajectory=trajectory, planned_on=today + datetime.timedelta(days=2))
    EvaluationMomentFactory(trajectory=trajectory, planned_on=today + datetime.timedelta(days=20))
    ended = TrajectoryFactory(municipality=heerde, broker=broker, status=TrajectoryStatus.ENDED)
    EvaluationMomentFactory(trajectory=ended, planned_on=today + datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert trajectories.moments_remind(today=today) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert trajectories.moments_remind(today=today) == 0
    [message] = mail.outbox
    assert message.to == [broker.email]
    assert f"/trajectories/{trajectory.pk}/" in message.body
    assert trajectory.profile.full_name not in message.body + message.subject


def test_the_end_needs_an_outcome_and_is_counted(trajectory, actor, heerde):
    with pytest.raises(ValidationError) as refused:
        trajectories.trajectory_end(trajectory=trajectory, outcome="", actor=actor)
    assert refused.value.error_dict["outcome"][0].code == "outcome_required"
    trajectories.trajectory_end(
        trajectory=trajectory, outcome=constants.Outcome.PAID_WORK, actor=actor
    )
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.ended_on) == (
        TrajectoryStatus.ENDED,
        timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        trajectories.goal_add(trajectory=trajectory, description="Nog een doel", actor=actor)


def test_figures_hide_small_numbers_and_the_indicators_count(heerde, settings):
    settings.OMZIEN_MIN_GROUP_SIZE = 5
    year = timezone.localdate().year
    for _ in range(6):
        TrajectoryFactory(municipality=heerde, started_on=datetime.date(year, 1, 10))
    TrajectoryFactory(
        municipality=heerde,
        started_on=datetime.date(year, 1, 10),
        status=TrajectoryStatus.ENDED,
        ended_on=datetime.date(year, 2, 1),
        outcome=constants.Outcome.PAID_WORK,
    )
    figures = trajectory_figures(municipality_ids={heerde.pk}, year=year)
    assert figures["started"].value == 7
    assert figures["ended"].suppressed
    codes = {i.code for i in indicators.indicators()}
    assert {"trajectories.started", "trajectories.ended_paid_work"} <= codes
    result = indicators.compute(
        municipality=heerde, period=Period.parse(str(year)), codes=["trajectories.started"]
    )
    assert result["trajectories.started"].value == 7


def test_retention_anonymises_two_years_after_the_end(heerde, trajectory, actor):
    evaluation_goal = GoalFactory(trajectory=trajectory)
    referral = ReferralFactory(municipality=heerde, status=constants.ReferralStatus.ACCEPTED)
    today = timezone.localdate()
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=TrajectoryStatus.ENDED,
        ended_on=today - datetime.timedelta(days=800),
        outcome=constants.Outcome.EDUCATION,
        guidance="Begeleiding door de boer",
        referral=referral,
    )
    recent = TrajectoryFactory(
        municipality=heerde,
        status=TrajectoryStatus.ENDED,
        ended_on=today - datetime.timedelta(days=300),
    )
    declined = ReferralFactory(
        municipality=heerde,
        status=constants.ReferralStatus.DECLINED,
        handled_at=timezone.now() - datetime.timedelta(days=200),
    )
    assert retention.trajectories_apply_retention(today=today) == 2
    trajectory.refresh_from_db()
    assert trajectory.profile is None and trajectory.guidance == ""
    assert trajectory.outcome == constants.Outcome.EDUCATION  # still counted
    assert not Goal.objects.filter(pk=evaluation_goal.pk).exists()
    referral.refresh_from_db()
    declined.refresh_from_db()
    assert referral.full_name == declined.full_name == "" and declined.reason == ""
    recent.refresh_from_db()
    assert recent.profile is not None
    assert AuditEvent.objects.filter(reason="anonymised: retention").count() == 1
    assert retention.trajectories_apply_retention(today=today) == 0


def test_an_ended_trajectory_is_anonymised_on_the_day_its_months_have_passed_also_at_a_month_end(
    heerde,
):
    months = constants.ANONYMISE_AFTER_MONTHS
    today, due, not_yet = month_end_boundary(months)
    ended = {"municipality": heerde, "status": TrajectoryStatus.ENDED}
    old = TrajectoryFactory(**ended, ended_on=due)
    young = TrajectoryFactory(**ended, ended_on=not_yet)
    assert retention.trajectories_apply_retention(today=today) == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert old.anonymised_at is not None
    assert young.anonymised_at is None


def test_a_declined_referral_is_anonymised_on_the_day_its_months_have_passed_also_at_a_month_end(
    heerde,
):
    months = constants.DECLINED_REFERRAL_MONTHS
    today, due, not_yet = month_end_boundary(months)
    declined = {"municipality": heerde, "status": constants.ReferralStatus.DECLINED}
    # The last moment of the day that is due, and the first of the day after it.
    old = ReferralFactory(
        **declined, handled_at=start_of_day(not_yet) - datetime.timedelta(seconds=1)
    )
    young = ReferralFactory(**declined, handled_at=start_of_day(not_yet))
    assert retention.trajectories_apply_retention(today=today) == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert old.anonymised_at is not None
    assert young.anonymised_at is None
