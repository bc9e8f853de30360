"""Burden screening and early warning: record, invite, fill in by link, resolve, settings.

Scoring and the early-warning rule live in :mod:`.instruments`; this module writes. Every
function locks what it changes, writes the carer's timeline event and the audit event, and
sends mail only after the transaction commits. Timeline summaries and mails never hold a
name or health details: "EDIZ 7/9" at most, and the consultant's mail only links to the
carer's page behind the login.
"""

import hashlib
import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers import instruments
from omzien.caregivers.models import (
    BurdenWarning,
    Caregiver,
    CaregiverSettings,
    Screening,
    ScreeningInvitation,
)
from omzien.caregivers.services.caregivers import Actor, caregiver_event
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import versioned_update
from omzien.notifications.services import notify, resolve, role_holders
from omzien.privacy.audit import audit_by, audit_log
from omzien.privacy.constants import AuditAction

INVITATION_VALID_DAYS = 14
SETTINGS_FIELDS = (
    "ediz_heavy_threshold",
    "ediz_rise_alert",
    "ggd_rise_alert",
    "young_ediz_threshold",
    "young_carer_age_limit",
    "contact_due_days",
    "no_contact_months",
)


class InvitationInvalid(Exception):
    """The link is unknown (or its carer is no longer registered)."""

    status = 404


class InvitationUsed(InvitationInvalid):
    """The questionnaire of this link has been filled in already."""

    status = 410


class InvitationExpired(InvitationInvalid):
    """The link is older than its validity period."""

    status = 410


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_registered(caregiver: Caregiver) -> None:
    if caregiver.anonymised_at or caregiver.merged_into_id:
        raise ValidationError(_("This carer is no longer registered."), code="not_found")


def _responsible_consultant(caregiver: Caregiver):
    """The carer's consultant, if they are still a consultant of the carer's municipality."""
    consultant = caregiver.consultant
    if consultant is None or not consultant.is_active:
        return None
    is_consultant = Membership.objects.filter(
        user=consultant,
        municipality_id=caregiver.municipality_id,
        role=Role.CONSULTANT,
        is_active=True,
    ).exists()
    return consultant if is_consultant else None


def _raise_alert(
    *, caregiver: Caregiver, screening: Screening, reasons: list[str], actor: Actor
) -> BurdenWarning:
    alert = BurdenWarning.objects.create(
        caregiver=caregiver,
        screening=screening,
        reasons=reasons,
        assigned_to=_responsible_consultant(caregiver),
    )
    caregiver_event(
        caregiver=caregiver,
        kind=caregivers_constants.EventKind.ALERT,
        actor=actor.user,
        summary=alert.reason_labels(),
        obj=alert,
    )
    audit_by(
        AuditAction.CREATE,
        alert,
        actor,
        municipality=caregiver.municipality,
        reason=",".join(reasons),
    )
    # The carer's consultant, or (nobody's carer yet) every consultant of the municipality.
    # The notification names no one: who it is about is behind the carer page's access rule.
    notify(
        recipients=[alert.assigned_to]
        if alert.assigned_to
        else role_holders(caregiver.municipality, [Role.CONSULTANT]),
        kind="burden_warning",
        message=gettext_lazy(
            "A carer in your caseload needs attention: a burden screening raised an early warning."
        ),
        url=reverse("caregivers:detail", args=[caregiver.pk]),
        key=f"burden_warning:{alert.pk}",
        municipality=caregiver.municipality,
    )
    return alert


@transaction.atomic
def screening_record(
    *, caregiver: Caregiver, instrument: str, answers: list, taken_on: date, actor: Actor
) -> Screening:
    """Score and keep one filled-in instrument; raise an early warning when it calls for one.

    ``actor.user`` is the consultant who recorded it during a call, or None when the carer
    filled it in themselves through an invitation link.
    """
    spec = instruments.definition(instrument)
    if taken_on > timezone.localdate():
        raise ValidationError(
            {
                "taken_on": [
                    ValidationError(
                        _("The date of the screening lies in the future."), code="future"
                    )
                ]
            }
        )
    locked = (
        Caregiver.objects.select_for_update(of=("self",))
        .select_related("municipality", "consultant")
        .get(pk=caregiver.pk)
    )
    _check_registered(locked)
    settings = CaregiverSettings.for_municipality(locked.municipality)
    result = instruments.score(
        spec.code, answers, ediz_heavy_threshold=settings.ediz_heavy_threshold
    )
    previous = (
        Screening.objects.filter(caregiver=locked, instrument=spec.code, taken_on__lte=taken_on)
        .order_by("-taken_on", "-pk")
        .only("score")
        .first()
    )
    recorded_by = actor.authenticated_user
    screening = Screening(
        caregiver=locked,
        instrument=spec.code,
        taken_on=taken_on,
        answers=list(answers),
        score=result.score,
        heavily_burdened=result.heavily_burdened,
        recorded_by=recorded_by,
    )
    screening.full_clean(exclude=["caregiver", "recorded_by"])
    screening.save()
    caregiver_event(
        caregiver=locked,
        kind=caregivers_constants.EventKind.SCREENING,
        actor=recorded_by,
        summary=instruments.score_label(spec.code, result.score),
        obj=screening,
    )
    audit_by(AuditAction.CREATE, screening, actor, municipality=locked.municipality)
    reasons = instruments.alert_reasons(
        instrument=spec.code,
        result=result,
        previous_score=previous.score if previous is not None else None,
        # Young on the day of the screening (a screening may be recorded days later), by the
        # municipality's young-carer age.
        young=locked.is_young_carer_on(taken_on, age_limit=settings.young_carer_age_limit),
        ediz_rise_alert=settings.ediz_rise_alert,
        ggd_rise_alert=settings.ggd_rise_alert,
        young_ediz_threshold=settings.young_ediz_threshold,
    )
    if reasons:
        _raise_alert(caregiver=locked, screening=screening, reasons=reasons, actor=actor)
    return screening


@transaction.atomic
def alert_resolve(*, alert: BurdenWarning, resolution: str, actor: Actor) -> BurdenWarning:
    """Close an early warning with what was done about it."""
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError(
            {
                "resolution": [
                    ValidationError(
                        _("Describe what was done about this warning."), code="required"
                    )
                ]
            }
        )
    locked = (
        BurdenWarning.objects.select_for_update(of=("self",))
        .select_related("caregiver__municipality")
        .get(pk=alert.pk)
    )
    if locked.resolved_at is not None:
        raise ValidationError(
            _("This warning has already been dealt with."), code="already_resolved"
        )
    locked.resolution = resolution
    locked.resolved_at = timezone.now()
    locked.resolved_by = actor.authenticated_user
    locked.save(update_fields=["resolution", "resolved_at", "resolved_by"])
    # Dealt with: the notification of it is read for every consultant who had it.
    resolve(key=f"burden_warning:{locked.pk}")
    caregiver_event(
        caregiver=locked.caregiver,
        kind=caregivers_constants.EventKind.ALERT_RESOLVED,
        actor=actor.user,
        # The resolution itself may hold personal details: it stays on the alert only.
        summary=locked.reason_labels(),
        obj=locked,
    )
    audit_by(AuditAction.UPDATE, locked, actor, municipality=locked.caregiver.municipality)
    return locked


@transaction.atomic
def alert_report(*, alert: BurdenWarning, data: dict, actor: Actor) -> BurdenWarning:
    """The consultant chooses to raise a concern about the carer's overload for the welfare
    team (the central contact point, ``omzien.concerns``), with what they saw, the urgency and
    whether the carer knows. Once per warning: the warning's row is locked and keeps the
    concern (one-to-one), so a retried or double request finds it and raises nothing more."""
    # Imported here: the concerns capability itself calls the caregivers' services.
    from omzien.concerns.services import concern_report_for_carer

    locked = (
        BurdenWarning.objects.select_for_update(of=("self",))
        .select_related("caregiver__municipality")
        .get(pk=alert.pk)
    )
    if locked.concern_id is not None:
        return locked
    concern = concern_report_for_carer(caregiver=locked.caregiver, data=data, actor=actor)
    locked.concern = concern
    locked.save(update_fields=["concern"])
    caregiver_event(
        caregiver=locked.caregiver,
        kind=caregivers_constants.EventKind.ALERT_REPORTED,
        actor=actor.user,
        summary=locked.reason_labels(),
        obj=locked,
    )
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        municipality=locked.caregiver.municipality,
        reason="reported to the central contact point",
    )
    return locked


@transaction.atomic
def screening_invite(*, caregiver: Caregiver, instrument: str, actor: Actor) -> ScreeningInvitation:
    """Mail the carer a one-time link to fill in the instrument themselves.

    Only the SHA-256 hash of the token is stored; the link works for 14 days and once.
    """
    spec = instruments.definition(instrument)
    locked = (
        Caregiver.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=caregiver.pk)
    )
    _check_registered(locked)
    if not locked.email:
        raise ValidationError(
            _(
                "This carer has no e-mail address, so no link can be sent. Fill in the "
                "questionnaire together during a phone call, or add an e-mail address first."
            ),
            code="no_email",
        )
    token = secrets.token_urlsafe(32)
    invitation = ScreeningInvitation(
        caregiver=locked,
        instrument=spec.code,
        token_hash=_token_hash(token),
        created_by=actor.authenticated_user,
        expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean(exclude=["caregiver", "created_by", "screening"])
    invitation.save()
    audit_by(
        AuditAction.CREATE, invitation, actor, municipality=locked.municipality, reason="invitation"
    )
    link = absolute_url(actor.request, reverse("caregivers:screening_fill", args=[token]))
    context = {
        "first_name": locked.first_name,
        "link": link,
        "expires_at": invitation.expires_at,
        "municipality": locked.municipality.name,
    }
    email = locked.email
    transaction.on_commit(
        lambda: send_templated_mail(
            template="caregivers/email/screening_invitation",
            context=context,
            to=[email],
            language="nl",
        )
    )
    return invitation


def invitation_get(*, token: str) -> ScreeningInvitation:
    """The open invitation of this token, or InvitationInvalid / -Used / -Expired."""
    invitation = (
        ScreeningInvitation.objects.select_related("caregiver")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid
    if invitation.caregiver.anonymised_at or invitation.caregiver.merged_into_id:
        raise InvitationInvalid
    if invitation.used_at is not None:
        raise InvitationUsed
    if invitation.expires_at <= timezone.now():
        raise InvitationExpired
    return invitation


@transaction.atomic
def screening_fill_by_invitation(*, token: str, answers: list, request=None) -> Screening:
    """The carer's own answers through the link: recorded once, whatever is submitted twice."""
    found = invitation_get(token=token)
    invitation = ScreeningInvitation.objects.select_for_update(of=("self",)).get(pk=found.pk)
    now = timezone.now()
    # Claim the link with a conditional update: a second submit (also on a database
    # without row locks) finds nothing left to claim.
    claimed = ScreeningInvitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
        used_at=now
    )
    if not claimed:
        raise InvitationUsed
    screening = screening_record(
        caregiver=found.caregiver,
        instrument=invitation.instrument,
        answers=answers,
        taken_on=timezone.localdate(),
        actor=Actor(user=None, request=request),
    )
    invitation.used_at = now
    invitation.screening = screening
    invitation.save(update_fields=["used_at", "screening"])
    return screening


@transaction.atomic
def caregiver_settings_update(
    *, settings: CaregiverSettings, data: dict, actor: Actor, version: int | None = None
) -> CaregiverSettings:
    """Change a municipality's carer thresholds; the audit event names what changed. Refused
    (EditConflict) when another administrator saved since ``version``, the version the form
    showed."""
    locked = (
        CaregiverSettings.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=settings.pk)
    )
    old = {f: getattr(locked, f) for f in SETTINGS_FIELDS}
    changed = versioned_update(
        locked,
        version=version,
        data=data,
        fields=SETTINGS_FIELDS,
        clean=lambda obj: obj.full_clean(),
        required=False,
        save_unchanged=False,
    )
    audit_log(
        action=AuditAction.UPDATE,
        actor=actor.user,
        obj=locked,
        municipality=locked.municipality,
        request=actor.request,
        reason=",".join(changed),
        extra={f: [old[f], getattr(locked, f)] for f in changed},
    )
    return locked
