"""The trajectories' provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py). A volunteer is found through the profile a
trajectory is kept for (``trajectory:<pk>``), a referred resident through the referral
(``referral:<pk>``), by name with date of birth, e-mail address or phone number. Erasure
anonymises, as retention does: the counts of the figures stay, nothing that names or describes
the person."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of
from omzien.trajectories.models import (
    Evaluation,
    EvaluationMoment,
    Goal,
    GoalProgress,
    Referral,
    ReferralTransition,
    Trajectory,
    TrajectoryTransition,
)
from omzien.trajectories.services.retention import referral_anonymise, trajectory_anonymise

NAME = "trajectories"


def _referral_records(referrals) -> list[Record]:
    return records_of(referrals) + records_of(
        ReferralTransition.objects.filter(referral__in=referrals).order_by("pk")
    )


def _export_trajectory(match: Match) -> list[Record]:
    trajectory = match.obj
    referrals = [trajectory.referral] if trajectory.referral_id else []
    return (
        records_of([trajectory])
        + records_of(Goal.objects.filter(trajectory=trajectory).order_by("pk"))
        + records_of(EvaluationMoment.objects.filter(trajectory=trajectory).order_by("pk"))
        + records_of(Evaluation.objects.filter(trajectory=trajectory).order_by("pk"))
        + records_of(GoalProgress.objects.filter(evaluation__trajectory=trajectory).order_by("pk"))
        + records_of(TrajectoryTransition.objects.filter(trajectory=trajectory).order_by("pk"))
        + _referral_records(referrals)
    )


def _export_referral(match: Match) -> list[Record]:
    return _referral_records([match.obj])


class TrajectoriesProvider(KindsProvider):
    name = NAME
    label = _("Trajectories")
    models = (
        Referral,
        ReferralTransition,
        Trajectory,
        TrajectoryTransition,
        Goal,
        EvaluationMoment,
        Evaluation,
        GoalProgress,
    )
    kinds = (
        RecordKind(
            key="trajectory",
            label=_("Trajectory with guidance"),
            rows=lambda municipality: Trajectory.objects.filter(
                municipality=municipality, profile__isnull=False
            ).select_related("profile", "referral"),
            name=lambda trajectory: trajectory.profile.full_name,
            details=lambda trajectory: {
                "name": trajectory.profile.full_name,
                "date_of_birth": trajectory.profile.date_of_birth,
                "email": trajectory.profile.email,
                "phone": trajectory.profile.phone,
            },
            edit_url=lambda trajectory: reverse("trajectories:plan", args=[trajectory.pk]),
            export=_export_trajectory,
            erase=lambda match, actor: trajectory_anonymise(
                trajectory=match.obj, actor=actor, reason="erasure request"
            ),
        ),
        RecordKind(
            key="referral",
            label=_("Referral to the volunteer centre"),
            rows=lambda municipality: Referral.objects.filter(
                municipality=municipality, anonymised_at__isnull=True
            ),
            name=lambda referral: referral.full_name,
            details=lambda referral: {
                "name": referral.full_name,
                "email": referral.email,
                "phone": referral.phone,
            },
            export=_export_referral,
            erase=lambda match, actor: referral_anonymise(
                referral=match.obj, actor=actor, reason="erasure request"
            ),
        ),
    )
