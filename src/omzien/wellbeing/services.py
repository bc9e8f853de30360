"""Wellbeing: the writes.

A GP or POH refers a patient for welzijn op recept (``referral_submit``, referrer role); a
welfare worker registers residents in other support (``participant_register``), holds the
intake (``trajectory_intake``), records follow-up contacts (``contact_record``) and closes
with an outcome (``trajectory_close``: the referring practice gets a short message with status
and outcome only). Loneliness measurements are recorded by the worker in a conversation
(``measurement_record``) or by the resident through a one-time link (``measurement_invite``,
``measurement_fill_by_invitation``: only the SHA-256 of the token is stored, the link works
for 14 days and once, as the carers' questionnaire link does).

A trajectory's status changes only along ``workflows.TRAJECTORY``.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.common.dates import months_ago
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.phrases import choice_label
from omzien.common.services import Actor, EditConflict
from omzien.directory.selectors import entries as directory_selectors
from omzien.notifications.services import notify, notify_role, resolve
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.wellbeing import constants, scoring
from omzien.wellbeing.models import (
    WORKERS,
    Contact,
    Measurement,
    MeasurementInvitation,
    Participant,
    Trajectory,
)
from omzien.wellbeing.workflows import TRAJECTORY

__all__ = ["Actor", "EditConflict"]

Status = constants.Status
PARTICIPANT_FIELDS = ("name", "email", "phone", "birth_year")


class InvitationInvalid(Exception):
    status = 404


class InvitationUsed(InvitationInvalid):
    status = 410


class InvitationExpired(InvitationInvalid):
    status = 410


# --- Helpers ---------------------------------------------------------------------------------


def _check_worker(actor: Actor, municipality_id: int) -> None:
    user = actor.user
    if not (
        getattr(user, "is_authenticated", False) and user.has_role_in(municipality_id, *WORKERS)
    ):
        raise PermissionDenied


def _errors_of(obj, exclude: list[str]) -> dict:
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        return {field: list(errors) for field, errors in error.error_dict.items()}
    return {}


def _required(errors: dict, field: str, message: str) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code="required"))


def _lock(trajectory: Trajectory) -> Trajectory:
    return (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("municipality", "participant", "referred_by")
        .get(pk=trajectory.pk)
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_participant(municipality, data: dict, actor_user) -> Participant:
    participant = Participant(municipality=municipality, created_by=actor_user)
    for field in PARTICIPANT_FIELDS:
        value = data.get(field)
        setattr(participant, field, value.strip() if isinstance(value, str) else value)
    participant.email = (participant.email or "").lower()
    participant.phone = participant.phone or ""
    return participant


def _participant_errors(participant: Participant) -> dict:
    errors = _errors_of(participant, ["municipality", "created_by"])
    if participant.birth_year and participant.birth_year > timezone.localdate().year:
        errors.setdefault("birth_year", []).append(
            ValidationError(_("The year of birth lies in the future."), code="future")
        )
    if not (participant.phone or participant.email):
        errors.setdefault("phone", []).append(
            ValidationError(
                _("Fill in a phone number or an e-mail address so the resident can be reached."),
                code="no_contact",
            )
        )
    return errors


# --- Referral by a GP or POH (welzijn op recept) ---------------------------------------------


@transaction.atomic
def referral_submit(*, municipality, submitted_by, data: dict, request=None) -> Trajectory:
    """A referrer (GP, POH) sends a patient to the welfare workers for welzijn op recept."""
    if not submitted_by.has_role_in(municipality, Role.REFERRER):
        raise PermissionDenied
    participant = _new_participant(municipality, data, submitted_by)
    trajectory = Trajectory(
        municipality=municipality,
        participant=participant,
        kind=constants.Kind.PRESCRIPTION,
        referred_by=submitted_by,
        practice=(data.get("practice") or "").strip(),
        practice_email=(data.get("practice_email") or "").strip().lower(),
        referral_reason=(data.get("referral_reason") or "").strip(),
    )
    errors = _participant_errors(participant)
    errors.update(_errors_of(trajectory, ["municipality", "participant", "referred_by", "coach"]))
    if not trajectory.practice:
        _required(errors, "practice", _("Fill in the name of your practice."))
    if not trajectory.referral_reason:
        _required(errors, "referral_reason", _("Say briefly why you refer this patient."))
    if data.get("consent_confirmed") is not True:
        errors.setdefault("consent_confirmed", []).append(
            ValidationError(
                _("Refer a patient only when they agree to it, and confirm that they do."),
                code="consent_required",
            )
        )
    if errors:
        raise ValidationError(errors)
    participant.save()
    trajectory.participant = participant
    trajectory.save()
    actor = Actor(user=submitted_by, request=request)
    TRAJECTORY.log_step(trajectory, source="", target=trajectory.status, actor=actor)
    audit_by(AuditAction.CREATE, trajectory, actor, reason="referral")
    notify_role(
        municipality=municipality,
        roles=[Role.WELFARE_WORKER],
        kind="wellbeing_referral",
        message=gettext_lazy("A patient was referred for welzijn op recept in %(municipality)s."),
        params={"municipality": municipality.name},
        url=reverse("wellbeing:trajectory_detail", args=[trajectory.pk]),
        key=f"wellbeing_referral:{trajectory.pk}",
    )
    return trajectory


# --- Registration by a welfare worker --------------------------------------------------------


@transaction.atomic
def participant_register(*, municipality, data: dict, actor: Actor) -> Trajectory:
    """A welfare worker registers a resident with a first trajectory (at intake)."""
    _check_worker(actor, municipality.pk)
    participant = _new_participant(municipality, data, actor.authenticated_user)
    trajectory = Trajectory(
        municipality=municipality,
        participant=participant,
        kind=data.get("kind") or "",
        coach=actor.authenticated_user,
    )
    errors = _participant_errors(participant)
    errors.update(_errors_of(trajectory, ["municipality", "participant", "referred_by", "coach"]))
    if errors:
        raise ValidationError(errors)
    participant.save()
    trajectory.participant = participant
    trajectory.save()
    TRAJECTORY.log_step(trajectory, source="", target=trajectory.status, actor=actor)
    audit_by(AuditAction.CREATE, participant, actor)
    audit_by(AuditAction.CREATE, trajectory, actor)
    return trajectory


# --- The steps of a trajectory ---------------------------------------------------------------


@transaction.atomic
def trajectory_intake(
    *, trajectory: Trajectory, data: dict, actor: Actor, seen: str = ""
) -> Trajectory:
    """The intake is held: date, goals and activities agreed; the trajectory is underway."""
    current = _lock(trajectory)
    step, note = TRAJECTORY.check(current, target=Status.UNDERWAY, actor=actor, expected=seen)
    errors = {}
    intake_on = data.get("intake_on")
    goals = (data.get("goals") or "").strip()
    if not intake_on:
        _required(errors, "intake_on", _("Fill in the date of the intake."))
    elif intake_on > timezone.localdate():
        errors["intake_on"] = [
            ValidationError(_("The intake date lies in the future."), code="future")
        ]
    if not goals:
        _required(errors, "goals", _("Write down the goals agreed at the intake."))
    entry = None
    if data.get("entry_id") is not None:
        entry = directory_selectors.referable_get(
            municipality=current.municipality, pk=data["entry_id"]
        )
        if entry is None:
            errors["entry_id"] = [
                ValidationError(
                    _("Choose a service from the social map of this municipality."),
                    code="invalid_entry",
                )
            ]
    if errors:
        raise ValidationError(errors)
    current.intake_on = intake_on
    current.goals = goals
    current.entry = entry
    current.activities = (data.get("activities") or "").strip()
    current.coach = current.coach or actor.authenticated_user
    current.version = F("version") + 1
    TRAJECTORY.record(
        current,
        step=step,
        actor=actor,
        note=note,
        fields=["intake_on", "goals", "entry", "activities", "coach", "version", "updated_at"],
    )
    current.refresh_from_db(fields=["version"])
    resolve(key=f"wellbeing_referral:{current.pk}")
    return current


@transaction.atomic
def trajectory_close(
    *, trajectory: Trajectory, outcome: str, actor: Actor, note: str = "", seen: str = ""
) -> Trajectory:
    """Close with an outcome. The referring practice gets a short message with the status and
    the outcome only, never notes or goals."""
    current = _lock(trajectory)
    step, note = TRAJECTORY.check(
        current, target=Status.CLOSED, actor=actor, expected=seen, note=note
    )
    if outcome not in constants.Outcome.values:
        raise ValidationError(
            {"outcome": [ValidationError(_("Choose the outcome."), code="required")]}
        )
    current.outcome = outcome
    current.closed_on = timezone.localdate()
    current.version = F("version") + 1
    TRAJECTORY.record(
        current,
        step=step,
        actor=actor,
        note=note,
        fields=["outcome", "closed_on", "version", "updated_at"],
    )
    current.refresh_from_db(fields=["version"])
    resolve(key=f"wellbeing_referral:{current.pk}")
    _feedback(current, actor)
    return current


def _feedback(trajectory: Trajectory, actor: Actor) -> None:
    """The practice's feedback on a closed welzijn op recept referral: status and outcome."""
    if trajectory.referred_by_id is None:
        return
    notify(
        recipients=[trajectory.referred_by],
        municipality=trajectory.municipality,
        kind="wellbeing_referral_closed",
        message=gettext_lazy(
            "A welzijn op recept referral you sent has been closed. Outcome: %(outcome)s."
        ),
        params={"outcome": choice_label(trajectory, "outcome")},
        url=reverse("wellbeing:referral_mine"),
        key=f"wellbeing_referral_closed:{trajectory.pk}",
    )
    if not trajectory.practice_email:
        return
    context = {
        "sent_on": trajectory.created_at,
        "municipality": trajectory.municipality.name,
        "status": choice_label(trajectory, "status"),
        "outcome": choice_label(trajectory, "outcome"),
        "link": absolute_url(actor.request, reverse("wellbeing:referral_mine")),
    }
    to = [trajectory.practice_email]
    transaction.on_commit(
        lambda: send_templated_mail(
            template="wellbeing/email/feedback", context=context, to=to, language="nl"
        )
    )


@transaction.atomic
def contact_record(*, trajectory: Trajectory, data: dict, actor: Actor) -> Contact:
    current = _lock(trajectory)
    _check_worker(actor, current.municipality_id)
    if current.status == Status.CLOSED:
        raise ValidationError(_("This trajectory is closed."), code="closed")
    contact = Contact(
        trajectory=current,
        contact_on=data.get("contact_on"),
        summary=(data.get("summary") or "").strip(),
        recorded_by=actor.authenticated_user,
    )
    errors = _errors_of(contact, ["trajectory", "recorded_by"])
    if contact.contact_on and contact.contact_on > timezone.localdate():
        errors.setdefault("contact_on", []).append(
            ValidationError(_("The date lies in the future."), code="future")
        )
    if errors:
        raise ValidationError(errors)
    contact.save()
    audit_by(AuditAction.CREATE, contact, actor, municipality=current.municipality)
    return contact


# --- Measurements ----------------------------------------------------------------------------


def _clean_answers(version: int, answers: dict) -> dict:
    numbers = scoring.item_numbers(version)
    cleaned = {}
    for number in numbers:
        answer = answers.get(number, answers.get(str(number))) or ""
        if answer and answer not in scoring.ACCEPTED:
            raise ValidationError(_("An answer is not one of the choices."), code="bad_answer")
        if answer:
            cleaned[str(number)] = answer
    return cleaned


def _measurement(*, trajectory, version, moment, answers, taken_on, user) -> Measurement:
    if version not in scoring.Version.values:
        raise ValidationError(_("Choose the 11- or the 6-question version."), code="bad_version")
    if moment not in constants.Moment.values:
        raise ValidationError(
            {"moment": [ValidationError(_("Choose the moment."), code="required")]}
        )
    cleaned = _clean_answers(version, answers)
    result = scoring.score(version, cleaned)
    if not result.computable:
        raise ValidationError(
            _(
                "Too many questions are unanswered to compute a score (6 questions: at most "
                "one may be left open; 11 questions: all must be answered)."
            ),
            code="incomplete",
        )
    if taken_on > timezone.localdate():
        raise ValidationError(
            {"taken_on": [ValidationError(_("The date lies in the future."), code="future")]}
        )
    return Measurement.objects.create(
        municipality_id=trajectory.municipality_id,
        participant_id=trajectory.participant_id,
        trajectory=trajectory,
        version=version,
        moment=moment,
        answers=cleaned,
        total=result.total,
        emotional=result.emotional,
        social=result.social,
        category=result.category or "",
        taken_on=taken_on,
        taken_by=user,
    )


@transaction.atomic
def measurement_record(
    *, trajectory: Trajectory, version: int, moment: str, answers: dict, taken_on, actor: Actor
) -> Measurement:
    """The worker records the scale as filled in together in a conversation."""
    current = _lock(trajectory)
    _check_worker(actor, current.municipality_id)
    measurement = _measurement(
        trajectory=current,
        version=version,
        moment=moment,
        answers=answers,
        taken_on=taken_on or timezone.localdate(),
        user=actor.authenticated_user,
    )
    audit_by(AuditAction.CREATE, measurement, actor, municipality=current.municipality)
    return measurement


@transaction.atomic
def measurement_invite(
    *, trajectory: Trajectory, version: int, moment: str, actor: Actor
) -> tuple[MeasurementInvitation, str]:
    """A one-time link for the resident; mailed when the resident has an e-mail address.
    Returns the invitation and the link (shown once to the worker, to hand over otherwise)."""
    current = _lock(trajectory)
    _check_worker(actor, current.municipality_id)
    if current.status == Status.CLOSED:
        raise ValidationError(_("This trajectory is closed."), code="closed")
    if version not in scoring.Version.values or moment not in constants.Moment.values:
        raise ValidationError(_("Choose the version and the moment."), code="required")
    token = secrets.token_urlsafe(32)
    invitation = MeasurementInvitation.objects.create(
        municipality_id=current.municipality_id,
        trajectory=current,
        version=version,
        moment=moment,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + timedelta(days=constants.INVITATION_VALID_DAYS),
        created_by=actor.authenticated_user,
    )
    audit_by(AuditAction.CREATE, invitation, actor, municipality=current.municipality)
    link = absolute_url(actor.request, reverse("wellbeing:questionnaire_fill", args=[token]))
    email = current.participant.email
    if email:
        context = {
            "link": link,
            "expires_at": invitation.expires_at,
            "municipality": current.municipality.name,
        }
        transaction.on_commit(
            lambda: send_templated_mail(
                template="wellbeing/email/invitation", context=context, to=[email], language="nl"
            )
        )
    return invitation, link


def invitation_get(*, token: str) -> MeasurementInvitation:
    """The open invitation of this token, or InvitationInvalid / -Used / -Expired."""
    invitation = (
        MeasurementInvitation.objects.select_related("trajectory", "municipality")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid
    if invitation.used_at is not None:
        raise InvitationUsed
    if invitation.expires_at <= timezone.now():
        raise InvitationExpired
    return invitation


@transaction.atomic
def measurement_fill_by_invitation(*, token: str, answers: dict, request=None) -> Measurement:
    """The resident's own answers through the link: recorded once, whatever is sent twice."""
    found = invitation_get(token=token)
    now = timezone.now()
    # Claim the link with a conditional update: a second submit finds nothing left to claim.
    claimed = MeasurementInvitation.objects.filter(pk=found.pk, used_at__isnull=True).update(
        used_at=now
    )
    if not claimed:
        raise InvitationUsed
    measurement = _measurement(
        trajectory=found.trajectory,
        version=found.version,
        moment=found.moment,
        answers=answers,
        taken_on=timezone.localdate(),
        user=None,
    )
    MeasurementInvitation.objects.filter(pk=found.pk).update(measurement=measurement)
    audit_by(
        AuditAction.CREATE,
        measurement,
        Actor(user=None, request=request),
        municipality=found.municipality,
        reason="filled in through a link",
    )
    return measurement


# --- Privacy ---------------------------------------------------------------------------------


@transaction.atomic
def participant_erase(*, participant: Participant, actor: Actor) -> None:
    """Erase a resident with everything about them (trajectories, contacts, measurements,
    links); the audit trail keeps that it happened, not who it was."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    audit_by(AuditAction.DELETE, locked, actor, reason="erased")
    MeasurementInvitation.objects.filter(trajectory__participant=locked).delete()
    locked.delete()


def wellbeing_apply_retention(*, today=None) -> dict:
    """Delete trajectories closed ``RETENTION_MONTHS`` or more ago (with their contacts,
    measurements and links), then residents left without a trajectory; and links that expired
    more than 30 days ago without being used."""
    today = today or timezone.localdate()
    before = months_ago(today, constants.RETENTION_MONTHS)
    with transaction.atomic():
        old = Trajectory.objects.filter(status=Status.CLOSED, closed_on__lte=before)
        MeasurementInvitation.objects.filter(trajectory__in=old).delete()
        _total, detail = old.delete()
        _total, gone = Participant.objects.filter(trajectories__isnull=True).delete()
        links, _detail = MeasurementInvitation.objects.filter(
            used_at__isnull=True, expires_at__lt=timezone.now() - timedelta(days=30)
        ).delete()
    return {
        "trajectories": detail.get(Trajectory._meta.label, 0),
        "participants": gone.get(Participant._meta.label, 0),
        "links": links,
    }
