"""Referrals by a client manager (participatie op recept, seed 003): the client manager sends
a short form and follows only its status; the broker takes it on as a trajectory for a
volunteer profile, or declines it with a reason the client manager does not see.

Every status change goes through ``workflows.REFERRAL`` on the locked row."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.trajectories import constants
from omzien.trajectories.models import Referral, Trajectory
from omzien.trajectories.services._common import clean_text, error
from omzien.trajectories.services.trajectories import trajectory_start
from omzien.trajectories.workflows import REFERRAL
from omzien.volunteering.models import VolunteerProfile

SUBMIT_FIELDS = ("full_name", "phone", "email", "kind", "reason", "consent_confirmed")


@transaction.atomic
def referral_submit(*, municipality, data: dict, actor: Actor) -> Referral:
    """A client manager (referrer role in ``municipality``) refers a resident, who agreed."""
    user = actor.authenticated_user
    if user is None or not user.has_role_in(municipality, Role.REFERRER):
        raise PermissionDenied
    if not data.get("consent_confirmed"):
        raise error(
            "consent_confirmed",
            _("Refer a resident only when they agree to it."),
            "consent_required",
        )
    referral = Referral(municipality=municipality, submitted_by=user)
    for field in SUBMIT_FIELDS:
        value = data.get(field)
        setattr(referral, field, value.strip() if isinstance(value, str) else value)
    referral.full_name = clean_text(referral.full_name)
    referral.full_clean(exclude=["municipality", "submitted_by", "handled_by"])
    referral.save()
    REFERRAL.log_step(referral, source="", target=referral.status, actor=actor)
    audit_by(AuditAction.CREATE, referral, actor)
    return referral


def _lock(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=referral.pk)
    )


@transaction.atomic
def referral_accept(
    *, referral: Referral, profile: VolunteerProfile, actor: Actor, seen: str = ""
) -> Trajectory:
    """Take the referral on: a trajectory of its kind for ``profile`` (a volunteer profile of
    the same municipality, registered with the resident's consent first)."""
    current = _lock(referral)
    step, _note = REFERRAL.check(
        current, target=constants.ReferralStatus.ACCEPTED, actor=actor, expected=seen
    )
    if profile is None or profile.municipality_id != current.municipality_id:
        raise error("profile", _("Choose a volunteer of this municipality."), "other_profile")
    trajectory = trajectory_start(profile=profile, kind=current.kind, actor=actor, referral=current)
    current.handled_by, current.handled_at = actor.authenticated_user, timezone.now()
    REFERRAL.record(current, step=step, actor=actor, fields=["handled_by", "handled_at"])
    return trajectory


@transaction.atomic
def referral_decline(*, referral: Referral, reason: str, actor: Actor, seen: str = "") -> Referral:
    current = _lock(referral)
    step, reason = REFERRAL.check(
        current,
        target=constants.ReferralStatus.DECLINED,
        actor=actor,
        expected=seen,
        note=reason,
    )
    current.handled_by, current.handled_at = actor.authenticated_user, timezone.now()
    current.decline_reason = reason
    REFERRAL.record(
        current,
        step=step,
        actor=actor,
        note=reason,
        fields=["handled_by", "handled_at", "decline_reason"],
    )
    return current
