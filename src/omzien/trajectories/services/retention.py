"""Retention of trajectories and referrals (docs/privacy.md): an ended trajectory is
anonymised ``ANONYMISE_AFTER_MONTHS`` (24) after its end: the link to the volunteer, the goals
(and the progress on them), the guidance, the contact person, the evaluations' summaries, the
notes of its status changes and its referral's details go; the kind, the dates, the statuses and
the outcome stay for the figures. A declined referral is anonymised
``DECLINED_REFERRAL_MONTHS`` (6) after the decline."""

import datetime

from django.db import transaction
from django.utils import timezone

from omzien.common.dates import months_ago, on_days
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.trajectories import constants
from omzien.trajectories.models import (
    Evaluation,
    Goal,
    Referral,
    ReferralTransition,
    Trajectory,
    TrajectoryTransition,
)

REFERRAL_BLANK = {
    "full_name": "",
    "phone": "",
    "email": "",
    "reason": "",
    "decline_reason": "",
}


def _anonymise_referrals(referrals, now) -> None:
    referrals.update(**REFERRAL_BLANK, anonymised_at=now)
    ReferralTransition.objects.filter(referral__in=referrals).update(note="")


def trajectory_anonymise(*, trajectory: Trajectory, actor: Actor, reason: str) -> Trajectory:
    """Remove what names or describes the volunteer; keep what the figures count."""
    with transaction.atomic():
        current = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
        now = timezone.now()
        Goal.objects.filter(trajectory=current).delete()  # with the progress on them
        Evaluation.objects.filter(trajectory=current).update(summary="")
        TrajectoryTransition.objects.filter(trajectory=current).update(note="")
        if current.referral_id:
            _anonymise_referrals(Referral.objects.filter(pk=current.referral_id), now)
        current.profile = None
        current.guidance = ""
        current.guidance_contact = ""
        current.outcome_note = ""
        current.anonymised_at = now
        current.save(
            update_fields=[
                "profile",
                "guidance",
                "guidance_contact",
                "outcome_note",
                "anonymised_at",
            ]
        )
        audit_by(AuditAction.UPDATE, current, actor, reason=f"anonymised: {reason}")
    return current


@transaction.atomic
def referral_anonymise(*, referral: Referral, actor: Actor, reason: str) -> Referral:
    """An erasure request of the referred resident: the referral's details go, and the
    trajectory it became is anonymised with it."""
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    trajectory = Trajectory.objects.filter(referral=current).first()
    if trajectory is not None:
        trajectory_anonymise(trajectory=trajectory, actor=actor, reason=reason)
    _anonymise_referrals(Referral.objects.filter(pk=current.pk), timezone.now())
    audit_by(AuditAction.UPDATE, current, actor, reason=f"anonymised: {reason}")
    current.refresh_from_db()
    return current


def trajectories_apply_retention(today: datetime.date | None = None) -> int:
    """The nightly rule (privacy.retention). Returns the trajectories and referrals handled."""
    today = today or timezone.localdate()
    handled = 0
    ended = Trajectory.objects.filter(
        status=constants.TrajectoryStatus.ENDED,
        anonymised_at__isnull=True,
        ended_on__lte=months_ago(today, constants.ANONYMISE_AFTER_MONTHS),
    ).order_by("pk")
    for trajectory in list(ended):
        trajectory_anonymise(trajectory=trajectory, actor=Actor(), reason="retention")
        handled += 1
    declined = Referral.objects.filter(
        status=constants.ReferralStatus.DECLINED,
        anonymised_at__isnull=True,
        **on_days("handled_at", last=months_ago(today, constants.DECLINED_REFERRAL_MONTHS)),
    )
    ids = list(declined.values_list("pk", flat=True))
    if ids:
        with transaction.atomic():
            _anonymise_referrals(Referral.objects.filter(pk__in=ids), timezone.now())
        handled += len(ids)
    return handled
