"""Support and referrals: where a carer was referred to, and carers referred from outside.

A consultant records a referral (respite care, peer support, ...) and later its outcome; the
outcome moves along the workflow ``workflows.REFERRAL_OUTCOME`` only. A referrer (GP, school,
social worker) sends an :class:`IncomingReferral`; a consultant of the municipality takes it
on (linking it to a registered carer or registering one) or declines it, along
``workflows.INCOMING``, and the referrer is told the new status by e-mail, without any carer
details. Each step appends a row to the record's transition log. The reads are in
``selectors.referrals``.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import (
    Caregiver,
    IncomingReferral,
    IncomingReferralTransition,
    Referral,
)
from omzien.caregivers.services.caregivers import (
    ANONYMOUS_NAME,
    Actor,
    caregiver_event,
    caregiver_register,
)
from omzien.caregivers.workflows import INCOMING, REFERRAL_OUTCOME
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.phrases import choice_label, phrase
from omzien.common.workflow import NOTE_MAX, Step
from omzien.directory import constants as directory_constants
from omzien.directory.selectors import entries as directory_selectors
from omzien.notifications.services import notify_role, resolve
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.tenants.validators import normalise_postcode

Outcome = caregivers_constants.ReferralOutcome

# How a referrer may describe themselves (the carer's "came in through").
REFERRER_KINDS = (
    caregivers_constants.Source.GP,
    caregivers_constants.Source.SCHOOL,
    caregivers_constants.Source.SOCIAL_WORKER,
    caregivers_constants.Source.HOME_CARE,
    caregivers_constants.Source.WMO_CONSULTANT,
    caregivers_constants.Source.OTHER,
)
# Who may send a carer to the consultants: referrers (the form above), and the municipality's
# welfare workers after a preventive home visit (homevisits), who refer as HOME_VISIT.
SUBMITTERS = {
    Role.REFERRER: REFERRER_KINDS,
    Role.WELFARE_WORKER: (caregivers_constants.Source.HOME_VISIT,),
}
INCOMING_FIELDS = (
    "referrer_kind",
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "postcode",
    "suggested_target",
    "reason",
    "consent_confirmed",
)


def allowed_outcomes(current: str) -> list[str]:
    """The outcomes a referral may move to from ``current``, in the order of the choices."""
    allowed = REFERRAL_OUTCOME.targets(current)
    return [value for value in Outcome.values if value in allowed]


def _check_dates(*, referred_on: date, follow_up_on: date | None) -> dict:
    errors = {}
    if referred_on > timezone.localdate():
        errors["referred_on"] = [
            ValidationError(_("The date of the referral cannot lie in the future."), code="future")
        ]
    if follow_up_on and follow_up_on < referred_on:
        errors["follow_up_on"] = [
            ValidationError(
                _("The follow-up date lies before the referral."), code="before_referral"
            )
        ]
    return errors


# --- Referrals by the consultant -------------------------------------------------------------


# The kind of referral a social map entry stands for, by its categories (first match wins).
ENTRY_TARGETS = (
    (directory_constants.RESPITE_CATEGORIES, caregivers_constants.ReferralTarget.RESPITE_CARE),
    ({directory_constants.Category.PEER_SUPPORT}, caregivers_constants.ReferralTarget.PEER_SUPPORT),
    ({directory_constants.Category.CARER_BROKER}, caregivers_constants.ReferralTarget.CARE_BROKER),
)


def target_of_entry(entry) -> str:
    """The referral target a social map entry implies; another organisation otherwise."""
    for categories, target in ENTRY_TARGETS:
        if categories.intersection(entry.categories or []):
            return target
    return caregivers_constants.ReferralTarget.OTHER_ORGANISATION


@transaction.atomic
def referral_create(
    *,
    caregiver: Caregiver,
    target: str = "",
    target_detail: str = "",
    entry_id: int | None = None,
    reason: str,
    referred_on: date,
    follow_up_on: date | None = None,
    actor: Actor,
    incoming: IncomingReferral | None = None,
) -> Referral:
    """Record that the carer was referred to ``target``; the outcome starts as pending."""
    locked = Caregiver.objects.select_for_update(of=("self",)).get(pk=caregiver.pk)
    if locked.anonymised_at or locked.merged_into_id:
        raise ValidationError(_("This carer is no longer in the registry."), code="not_found")
    errors = _check_dates(referred_on=referred_on, follow_up_on=follow_up_on)
    entry = None
    if entry_id is not None:
        entry = directory_selectors.referable_get(municipality=locked.municipality, pk=entry_id)
        if entry is None:
            errors["entry_id"] = [
                ValidationError(
                    _("Choose a service from the social map of this municipality."),
                    code="invalid_entry",
                )
            ]
        else:
            target = target or target_of_entry(entry)
            target_detail = (target_detail or "").strip() or entry.title[:200]
    if target not in caregivers_constants.ReferralTarget.values:
        errors["target"] = [
            ValidationError(_("Choose where the carer was referred to."), code="required")
        ]
    if not (reason or "").strip():
        errors["reason"] = [ValidationError(_("Say why the carer was referred."), code="required")]
    if (
        target == caregivers_constants.ReferralTarget.OTHER_ORGANISATION
        and not (target_detail or "").strip()
    ):
        errors["target_detail"] = [
            ValidationError(
                _("Fill in the organisation the carer was referred to."), code="required"
            )
        ]
    if errors:
        raise ValidationError(errors)
    referral = Referral(
        caregiver=locked,
        target=target,
        target_detail=(target_detail or "").strip(),
        entry=entry,
        reason=reason.strip(),
        referred_on=referred_on,
        follow_up_on=follow_up_on,
        created_by=actor.authenticated_user,
        incoming=incoming,
    )
    referral.full_clean(exclude=["caregiver", "created_by", "incoming"])
    referral.save()
    REFERRAL_OUTCOME.log_step(referral, source="", target=referral.outcome, actor=actor)
    caregiver_event(
        caregiver=locked,
        kind=caregivers_constants.EventKind.REFERRAL,
        actor=actor.user,
        summary=choice_label(referral, "target"),
        obj=referral,
    )
    audit_by(AuditAction.CREATE, referral, actor, municipality=locked.municipality)
    return referral


@transaction.atomic
def referral_update_outcome(
    *, referral: Referral, outcome: str, follow_up_on: date | None, actor: Actor
) -> Referral:
    """Record what came of a referral, along the workflow ``REFERRAL_OUTCOME`` only.

    Keeping the outcome and changing only the follow-up date is allowed while the referral
    is still open (pending or on a waiting list); that is no step and is not logged as one.
    """
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("caregiver__municipality")
        .get(pk=referral.pk)
    )
    if outcome not in Outcome.values:
        raise ValidationError(
            {"outcome": [ValidationError(_("Choose an outcome."), code="required")]}
        )
    current = locked.outcome
    step: Step | None = None
    if outcome == current:
        open_steps = REFERRAL_OUTCOME.steps_from(current)
        if not open_steps:
            raise ValidationError(
                _("The outcome of this referral is final and can no longer be changed."),
                code="not_allowed",
            )
        # Who may record the outcome may also move the follow-up date.
        if not any(REFERRAL_OUTCOME.may(each, locked, actor.user) for each in open_steps):
            raise PermissionDenied
        if follow_up_on == locked.follow_up_on:
            raise ValidationError(_("Nothing has changed."), code="unchanged")
    else:
        try:
            step, _note = REFERRAL_OUTCOME.check(locked, target=outcome, actor=actor)
        except ValidationError as error:
            # Shown at the form's outcome field, where the consultant chose it.
            raise ValidationError({"outcome": [error]}) from None
    errors = _check_dates(referred_on=locked.referred_on, follow_up_on=follow_up_on)
    errors.pop("referred_on", None)
    if errors:
        raise ValidationError(errors)
    locked.follow_up_on = follow_up_on
    fields = ["follow_up_on", "updated_at"]
    if step is None:
        locked.save(update_fields=fields)
    else:
        # Audited below, with the carer's municipality (a referral has none of its own).
        REFERRAL_OUTCOME.record(locked, step=step, actor=actor, fields=fields, audit=False)
    caregiver_event(
        caregiver=locked.caregiver,
        kind=caregivers_constants.EventKind.REFERRAL_UPDATED,
        actor=actor.user,
        summary=phrase(
            gettext_lazy("%(target)s: %(outcome)s"),
            target=choice_label(locked, "target"),
            outcome=choice_label(locked, "outcome"),
        ),
        obj=locked,
    )
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        municipality=locked.caregiver.municipality,
        reason=f"outcome {current} -> {outcome}",
    )
    return locked


# --- Referrals received from outside ---------------------------------------------------------


@transaction.atomic
def incoming_submit(*, municipality, submitted_by, data: dict, request=None) -> IncomingReferral:
    """A referrer (or a welfare worker after a home visit) sends a carer to the consultants
    of ``municipality``; the kinds the submitter may refer as follow from their roles."""
    kinds = [
        kind
        for role, role_kinds in SUBMITTERS.items()
        if submitted_by.has_role_in(municipality, role)
        for kind in role_kinds
    ]
    if not kinds:
        raise PermissionDenied
    incoming = IncomingReferral(municipality=municipality, submitted_by=submitted_by)
    for field in INCOMING_FIELDS:
        if field in data:
            value = data[field]
            setattr(incoming, field, value.strip() if isinstance(value, str) else value)
    errors = {}
    if incoming.referrer_kind not in kinds:
        errors["referrer_kind"] = [ValidationError(_("Choose as whom you refer."), code="required")]
    if not incoming.postcode:
        errors["postcode"] = [ValidationError(_("Fill in the carer's postcode."), code="required")]
    else:
        try:
            incoming.postcode = normalise_postcode(incoming.postcode)
        except ValidationError as error:
            errors["postcode"] = error.error_list
    if not (incoming.phone or incoming.email):
        errors["phone"] = [
            ValidationError(
                _(
                    "Fill in a phone number or an e-mail address so the consultant can reach "
                    "the carer."
                ),
                code="no_contact",
            )
        ]
    if incoming.date_of_birth and incoming.date_of_birth > timezone.localdate():
        errors["date_of_birth"] = [
            ValidationError(_("The date of birth lies in the future."), code="future")
        ]
    if not incoming.reason:
        errors["reason"] = [ValidationError(_("Say why you refer this carer."), code="required")]
    if incoming.consent_confirmed is not True:
        errors["consent_confirmed"] = [
            ValidationError(
                _("Refer a carer only when they agree to it, and confirm that they do."),
                code="consent_required",
            )
        ]
    if errors:
        raise ValidationError(errors)
    incoming.full_clean(exclude=["municipality", "submitted_by"])
    incoming.save()
    actor = Actor(user=submitted_by, request=request)
    INCOMING.log_step(incoming, source="", target=incoming.status, actor=actor)
    audit_by(AuditAction.CREATE, incoming, actor, municipality=municipality)
    notify_role(
        municipality=municipality,
        roles=[Role.CONSULTANT],
        kind="incoming_referral",
        message=gettext_lazy("A carer was referred to the consultants of %(municipality)s."),
        params={"municipality": municipality.name},
        url=reverse("caregivers:incoming_detail", args=[incoming.pk]),
        key=f"incoming_referral:{incoming.pk}",
    )
    return incoming


def _claim(
    incoming: IncomingReferral, *, target: str, actor: Actor, note: str = ""
) -> tuple[IncomingReferral, Step, str]:
    """Lock the incoming referral and check the step to ``target``.

    Taking on and declining are offered for a new referral only, so new is the status the
    consultant saw: when another consultant handled it meanwhile, the step is refused as
    stale. On PostgreSQL the row lock makes the second of two simultaneous requests wait for
    the first and then see its step.
    """
    locked = (
        IncomingReferral.objects.select_for_update(of=("self",))
        .select_related("municipality", "submitted_by")
        .get(pk=incoming.pk)
    )
    step, note = INCOMING.check(
        locked,
        target=target,
        actor=actor,
        expected=caregivers_constants.IncomingStatus.NEW,
        note=note,
    )
    return locked, step, note


def _mark_handled(
    locked: IncomingReferral, *, step: Step, actor: Actor, note: str = "", **fields
) -> None:
    """Write the step with who handled the referral and when (audited by the caller)."""
    locked.handled_by = actor.user
    locked.handled_at = timezone.now()
    for name, value in fields.items():
        setattr(locked, name, value)
    INCOMING.record(
        locked,
        step=step,
        actor=actor,
        note=note,
        fields=["handled_by", "handled_at", *fields],
        audit=False,
    )
    # Handled: the other consultants' notification of it is read, so nobody starts on it.
    resolve(key=f"incoming_referral:{locked.pk}")


def _notify_referrer(incoming: IncomingReferral, actor: Actor) -> None:
    """Tell the referrer the new status: no carer details, only a link to their list."""
    referrer = incoming.submitted_by
    if not referrer.email:
        return
    link = absolute_url(actor.request, reverse("caregivers:my_referrals"))
    context = {
        "status": choice_label(incoming, "status"),
        "accepted": incoming.status == caregivers_constants.IncomingStatus.ACCEPTED,
        "sent_on": timezone.localtime(incoming.created_at).date(),
        "municipality": incoming.municipality.name,
        "link": link,
    }
    language = getattr(referrer, "preferred_language", None)
    transaction.on_commit(
        lambda: send_templated_mail(
            template="caregivers/email/referral_status",
            context=context,
            to=[referrer.email],
            language=language,
        )
    )


@transaction.atomic
def incoming_accept(
    *,
    incoming: IncomingReferral,
    caregiver: Caregiver | None = None,
    register_data: dict | None = None,
    actor: Actor,
) -> IncomingReferral:
    """Take on an incoming referral: link it to a carer, or register the carer first.

    Registering raises :class:`~.services.DuplicateCaregiver` when someone with the same name,
    date of birth and postcode is registered already: the consultant links to them instead.
    """
    if (caregiver is None) == (register_data is None):
        raise ValueError("Pass either caregiver or register_data.")
    locked, step, _note = _claim(
        incoming, target=caregivers_constants.IncomingStatus.ACCEPTED, actor=actor
    )
    if caregiver is not None:
        caregiver = (
            Caregiver.objects.visible_to(actor.user)
            .registered()
            .filter(pk=caregiver.pk, municipality_id=locked.municipality_id)
            .first()
        )
        if caregiver is None:
            raise ValidationError(
                {
                    "caregiver": [
                        ValidationError(
                            _("Choose a carer registered in this municipality."),
                            code="other_municipality",
                        )
                    ]
                }
            )
    else:
        data = {
            "first_name": locked.first_name,
            "last_name": locked.last_name,
            "date_of_birth": locked.date_of_birth,
            "phone": locked.phone,
            "email": locked.email,
            "postcode": locked.postcode,
            **register_data,
            "source": locked.referrer_kind,
            "legal_basis": caregivers_constants.LegalBasis.CONSENT,
            "consent_given_on": timezone.localdate(),
            "filled_in_by": caregivers_constants.FilledInBy.CONSULTANT,
        }
        caregiver = caregiver_register(
            municipality=locked.municipality,
            data=data,
            actor=actor,
            allow_duplicate=False,
            consultant=actor.authenticated_user,
        )
    _mark_handled(locked, step=step, actor=actor, caregiver=caregiver)
    if locked.suggested_target:
        referral_create(
            caregiver=caregiver,
            target=locked.suggested_target,
            reason=locked.reason,
            referred_on=min(timezone.localtime(locked.created_at).date(), timezone.localdate()),
            actor=actor,
            incoming=locked,
        )
    else:
        caregiver_event(
            caregiver=caregiver,
            kind=caregivers_constants.EventKind.REFERRAL,
            actor=actor.user,
            summary=phrase(
                gettext_lazy("Referred by: %(source)s"),
                source=caregivers_constants.Source(locked.referrer_kind).label,
            ),
            obj=locked,
        )
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        municipality=locked.municipality,
        reason=f"accepted, carer #{caregiver.pk}",
    )
    _notify_referrer(locked, actor)
    return locked


@transaction.atomic
def incoming_decline(*, incoming: IncomingReferral, reason: str, actor: Actor) -> IncomingReferral:
    """Do not take on an incoming referral; the reason stays with the consultants."""
    reason = (reason or "").strip()
    # Checked before the lock and under the form's field name; the step requires it too.
    if not reason:
        error = ValidationError(_("Say why the referral is not taken on."), code="note_required")
        raise ValidationError({"reason": [error]})
    if len(reason) > NOTE_MAX:
        error = ValidationError(_("Keep the reason under 255 characters."), code="note_too_long")
        raise ValidationError({"reason": [error]})
    locked, step, note = _claim(
        incoming, target=caregivers_constants.IncomingStatus.DECLINED, actor=actor, note=reason
    )
    _mark_handled(locked, step=step, actor=actor, note=note, decline_reason=reason)
    audit_by(AuditAction.UPDATE, locked, actor, municipality=locked.municipality, reason="declined")
    _notify_referrer(locked, actor)
    return locked


DECLINED_RETENTION_DAYS = 182


def incoming_referrals_apply_retention(*, now=None) -> int:
    """Erase who was referred from referrals declined more than half a year ago.

    A declined referral never became a registration: after six months (long enough for the
    referrer to see the outcome and for questions about it) only its kind, dates and status
    remain, and its status log loses the notes (the decline reason). Accepted referrals follow
    the carer's own retention.
    """
    now = now or timezone.now()
    due = IncomingReferral.objects.filter(
        status=caregivers_constants.IncomingStatus.DECLINED,
        handled_at__lt=now - timedelta(days=DECLINED_RETENTION_DAYS),
    )
    # The note of the decline step is the decline reason.
    IncomingReferralTransition.objects.filter(incoming__in=due).exclude(note="").update(note="")
    return due.exclude(first_name=ANONYMOUS_NAME).update(
        first_name=ANONYMOUS_NAME,
        last_name="",
        date_of_birth=None,
        phone="",
        email="",
        postcode="",
        reason="–",
        decline_reason="",
    )


def _erase_incoming(due) -> int:
    IncomingReferralTransition.objects.filter(incoming__in=due).exclude(note="").update(note="")
    return due.update(
        first_name=ANONYMOUS_NAME,
        last_name="",
        date_of_birth=None,
        phone="",
        email="",
        postcode="",
        reason="–",
        decline_reason="",
    )


@transaction.atomic
def incoming_erase(*, incoming: IncomingReferral, actor: Actor) -> IncomingReferral:
    """Erase who was referred from an incoming referral that never became a registration
    (an erasure request, AVG art. 17): its kind, dates and status remain."""
    _erase_incoming(IncomingReferral.objects.filter(pk=incoming.pk))
    incoming.refresh_from_db()
    audit_by(
        AuditAction.DELETE,
        incoming,
        actor,
        municipality=incoming.municipality,
        reason="removal on request",
    )
    return incoming
