"""Writes to the carer registry: one function per business operation.

Each locks what it changes, validates, writes the carer's timeline event and the audit
event, and leaves mail to ``transaction.on_commit``. The carer's status (active, after-care,
anonymised) changes only along the workflow ``workflows.CAREGIVER``, which appends each step
to the carer's status log.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import (
    BurdenWarning,
    Caregiver,
    CaregiverEvent,
    CaregiverTransition,
    CareRelationship,
    ContactMoment,
    IncomingReferral,
    IncomingReferralTransition,
    Referral,
    ReferralTransition,
    Screening,
    ScreeningInvitation,
)
from omzien.caregivers.workflows import CAREGIVER
from omzien.common.dates import add_months, age_on
from omzien.common.phrases import choice_label, phrase
from omzien.common.services import Actor, EditConflict, versioned_update  # noqa: F401 - re-exported
from omzien.notifications.services import notify_role, resolve
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import ANONYMOUS_NAME, AuditAction
from omzien.tenants.reference import reference
from omzien.tenants.validators import normalise_postcode

# Fields a consultant (or the carer) may set on a registration.
CAREGIVER_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "email",
    "phone",
    "street_address",
    "postcode",
    "town",
    "reach_by",
    "newsletter",
    "work_study",
    "source",
    "filled_in_by",
    "helper_name",
    "legal_basis",
    "consent_given_on",
    "consent_by",
    "consent_guardian_name",
)
# Set from the caller's objects, not from typed data (``caregiver_register``).
_GIVEN_RELATIONS = ("municipality", "consultant", "user", "locality")
# A change of one of these checks again who may have given the consent.
CONSENT_FIELDS = (
    "date_of_birth",
    "legal_basis",
    "consent_given_on",
    "consent_by",
    "consent_guardian_name",
)
RELATIONSHIP_FIELDS = (
    "recipient_name",
    "relationship",
    "need_kind",
    "lives_together",
    "in_care_institution",
    "started_on",
    "hours_band",
    "tasks",
)


class DuplicateCaregiver(Exception):
    """Someone with the same name, date of birth and postcode is registered already."""

    def __init__(self, existing: list[Caregiver]):
        super().__init__("duplicate")
        self.existing = existing


def caregiver_event(
    *, caregiver: Caregiver, kind: str, actor=None, summary="", obj=None
) -> CaregiverEvent:
    """One timeline row. ``summary`` is what a PhraseField takes (a lazy text, a list of them,
    a :func:`~omzien.common.phrases.phrase` or a plain value): each reader reads it in their
    own language."""
    return CaregiverEvent.objects.create(
        caregiver=caregiver,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        summary=summary,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
    )


def _clean_address(caregiver: Caregiver) -> None:
    """Normalise the postcode and derive the locality when it lies in the municipality."""
    caregiver.locality = None
    if caregiver.postcode:
        try:
            caregiver.postcode = normalise_postcode(caregiver.postcode)
        except ValidationError as error:
            raise ValidationError({"postcode": error.error_list}) from error
        caregiver.locality_id = reference().locality_id_for_postcode(
            caregiver.municipality_id, caregiver.postcode
        )
    if caregiver.date_of_birth:
        caregiver.birth_year = caregiver.date_of_birth.year


def _consent_errors(caregiver: Caregiver) -> dict:
    """Under 16 on the date of consent, a parent or guardian consents (UAVG art. 5), and the
    registration records who: every channel (forms, referral, import) comes through here."""
    caregiver.consent_guardian_name = (caregiver.consent_guardian_name or "").strip()
    if caregiver.consent_by != caregivers_constants.ConsentBy.GUARDIAN:
        caregiver.consent_guardian_name = ""  # a name is recorded only for a guardian
    if caregiver.legal_basis != caregivers_constants.LegalBasis.CONSENT:
        return {}
    errors = {}
    guardian = caregivers_constants.ConsentBy.GUARDIAN
    if (
        caregiver.date_of_birth
        and caregiver.consent_given_on
        and caregiver.consent_by != guardian
        and age_on(caregiver.date_of_birth, caregiver.consent_given_on)
        < caregivers_constants.CONSENT_AGE
    ):
        errors["consent_by"] = [
            ValidationError(
                _(
                    "The carer was younger than 16 on the date of consent: a parent or "
                    "guardian must give consent. Record who did and their name."
                ),
                code="guardian_consent_required",
            )
        ]
    if caregiver.consent_by == guardian and not caregiver.consent_guardian_name:
        errors["consent_guardian_name"] = [
            ValidationError(
                _("Fill in the name of the parent or guardian who gave consent."),
                code="guardian_name_required",
            )
        ]
    return errors


def _validate_caregiver(caregiver: Caregiver, *, check_consent: bool = True) -> None:
    errors = _consent_errors(caregiver) if check_consent else {}
    today = timezone.localdate()
    if caregiver.date_of_birth and caregiver.date_of_birth > today:
        errors["date_of_birth"] = [
            ValidationError(_("The date of birth lies in the future."), code="future")
        ]
    elif caregiver.date_of_birth and caregiver.age_on(today) < 8:
        errors["date_of_birth"] = [
            ValidationError(_("Carers registered here are 8 years or older."), code="too_young")
        ]
    if (
        caregiver.legal_basis == caregivers_constants.LegalBasis.CONSENT
        and not caregiver.consent_given_on
    ):
        errors["consent_given_on"] = [
            ValidationError(_("Record when consent was given."), code="required")
        ]
    if caregiver.consent_given_on and caregiver.consent_given_on > today:
        errors["consent_given_on"] = [
            ValidationError(_("The date of consent lies in the future."), code="future")
        ]
    if caregiver.reach_by == "email" and not caregiver.email:
        errors["email"] = [
            ValidationError(
                _("Fill in an e-mail address, or choose another way of contact."), code="required"
            )
        ]
    if caregiver.reach_by == "phone" and not caregiver.phone:
        errors["phone"] = [
            ValidationError(
                _("Fill in a phone number, or choose another way of contact."), code="required"
            )
        ]
    if caregiver.newsletter == "email" and not caregiver.email:
        errors["email"] = [
            ValidationError(
                _("Fill in an e-mail address for the newsletter, or choose it by post."),
                code="required",
            )
        ]
    if caregiver.newsletter == "post" and not (caregiver.street_address and caregiver.postcode):
        errors["street_address"] = [
            ValidationError(
                _("Fill in the address for the newsletter by post, or choose it by e-mail."),
                code="required",
            )
        ]
    if caregiver.reach_by == "post" and not (caregiver.street_address and caregiver.postcode):
        errors["street_address"] = [
            ValidationError(
                _("Fill in the address, or choose another way of contact."), code="required"
            )
        ]
    if caregiver.filled_in_by in (
        caregivers_constants.FilledInBy.PARENT,
        caregivers_constants.FilledInBy.PROFESSIONAL,
    ) and not (caregiver.helper_name):
        errors["helper_name"] = [
            ValidationError(_("Fill in the name of the person who helped."), code="required")
        ]
    if errors:
        raise ValidationError(errors)


def caregiver_find_duplicates(
    *,
    municipality,
    first_name: str,
    last_name: str,
    date_of_birth,
    postcode: str,
    exclude_pk=None,
) -> list[Caregiver]:
    if not (date_of_birth and postcode):
        return []
    try:
        pc = normalise_postcode(postcode)
    except ValidationError:
        return []
    # Names as people mean them: a decomposed accent, a double space, "ĳ" or a capital make no
    # other person (omzien.common.text.fold, on the stored search column).
    qs = (
        Caregiver.objects.registered()
        .same_name(first_name, last_name)
        .filter(municipality=municipality, date_of_birth=date_of_birth, postcode__iexact=pc)
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs)


@transaction.atomic
def caregiver_register(
    *,
    municipality,
    data: dict,
    actor: Actor,
    allow_duplicate: bool = False,
    relationships: list[dict] | None = None,
    consultant=None,
    user=None,
    event_kind: str = caregivers_constants.EventKind.REGISTERED,
    intensive: bool = False,
) -> Caregiver:
    """Register a carer. Raises DuplicateCaregiver unless ``allow_duplicate``.

    ``intensive`` registers the carer for intensive contact at once, as
    ``caregiver_set_intensive`` would right after (the actor becomes the consultant when
    there is none), in the same save.
    """
    caregiver = Caregiver(municipality=municipality, consultant=consultant, user=user)
    for field in CAREGIVER_FIELDS:
        if field in data:
            setattr(caregiver, field, data[field])
    if intensive:
        caregiver.intensive_contact = True
        if caregiver.consultant_id is None and actor.user is not None:
            caregiver.consultant = actor.user
    _clean_address(caregiver)
    # The foreign keys are the caller's own objects (and the locality one just read), never
    # typed in: checking that each exists would cost a query each, for every imported row.
    caregiver.full_clean(exclude=["version", *_GIVEN_RELATIONS])
    _validate_caregiver(caregiver)
    if not allow_duplicate:
        existing = caregiver_find_duplicates(
            municipality=municipality,
            first_name=caregiver.first_name,
            last_name=caregiver.last_name,
            date_of_birth=caregiver.date_of_birth,
            postcode=caregiver.postcode,
        )
        if existing:
            raise DuplicateCaregiver(existing)
    caregiver.save()
    CAREGIVER.log_step(caregiver, source="", target=caregiver.status, actor=actor)
    caregiver_event(
        caregiver=caregiver,
        kind=event_kind,
        actor=actor.user,
        summary=choice_label(caregiver, "source"),
    )
    for item in relationships or []:
        relationship_add(caregiver=caregiver, data=item, actor=actor)
    if intensive:
        _intensive_event(caregiver, actor)
    audit_by(AuditAction.CREATE, caregiver, actor)
    if (
        caregiver.source == caregivers_constants.Source.SELF
        and caregiver.consultant_id is None
        and event_kind != caregivers_constants.EventKind.IMPORTED
    ):
        # Every list that is work has an owner: until one takes the carer on, all
        # consultants of the municipality hear of the registration. Not of an imported one:
        # a consultant imported the file, and a file of old registrations would send every
        # colleague a message per row.
        notify_role(
            municipality=municipality,
            roles=[Role.CONSULTANT],
            kind="caregiver_registered",
            message=gettext_lazy(
                "A carer registered themselves in %(municipality)s: get in touch."
            ),
            params={"municipality": municipality.name},
            url=reverse("caregivers:detail", args=[caregiver.pk]),
            key=f"caregiver_registered:{caregiver.pk}",
        )
    return caregiver


def _clean_registration(caregiver: Caregiver, *, check_consent: bool = True) -> None:
    _clean_address(caregiver)
    caregiver.full_clean(exclude=["version"])
    _validate_caregiver(caregiver, check_consent=check_consent)


@transaction.atomic
def caregiver_update(*, caregiver: Caregiver, version: int, data: dict, actor: Actor) -> Caregiver:
    """Change a registration, refusing if someone else saved it since ``version``.

    Who gave consent is checked again when the date of birth or a consent field changes; a
    carer changing how they are reached is not held up by it.
    """
    current = Caregiver.objects.select_for_update(of=("self",)).get(pk=caregiver.pk)
    if current.anonymised_at:
        raise EditConflict
    check_consent = any(
        field in data and getattr(current, field) != data[field] for field in CONSENT_FIELDS
    )
    changed = versioned_update(
        current,
        version=version,
        data=data,
        fields=CAREGIVER_FIELDS,
        clean=lambda obj: _clean_registration(obj, check_consent=check_consent),
    )
    if changed:
        caregiver_event(
            caregiver=current,
            kind=caregivers_constants.EventKind.CHANGED,
            actor=actor.user,
            summary=[Caregiver._meta.get_field(field).verbose_name for field in changed],
        )
    audit_by(AuditAction.UPDATE, current, actor, reason=",".join(changed))
    return current


def _check_relationship(relationship: CareRelationship) -> None:
    relationship.full_clean(exclude=["caregiver"])
    unknown = set(relationship.tasks) - set(caregivers_constants.CareTask.values)
    if unknown:
        raise ValidationError(
            {
                "tasks": [
                    ValidationError(
                        _("Unknown task: %s") % ", ".join(sorted(unknown)), code="unknown_task"
                    )
                ]
            }
        )
    if relationship.started_on and relationship.started_on > timezone.localdate():
        raise ValidationError(
            {
                "started_on": [
                    ValidationError(_("The start of the care lies in the future."), code="future")
                ]
            }
        )


@transaction.atomic
def relationship_add(*, caregiver: Caregiver, data: dict, actor: Actor) -> CareRelationship:
    relationship = CareRelationship(caregiver=caregiver)
    for field in RELATIONSHIP_FIELDS:
        if field in data:
            setattr(relationship, field, data[field])
    _check_relationship(relationship)
    relationship.save()
    caregiver_event(
        caregiver=caregiver,
        kind=caregivers_constants.EventKind.RELATIONSHIP_ADDED,
        actor=actor.user,
        summary=choice_label(relationship, "need_kind"),
        obj=relationship,
    )
    audit_by(AuditAction.CREATE, relationship, actor, municipality=caregiver.municipality)
    return relationship


@transaction.atomic
def relationship_update(
    *, relationship: CareRelationship, data: dict, actor: Actor, version: int | None
) -> CareRelationship:
    """Change a care relationship; refused (EditConflict) when it changed since ``version``."""
    relationship = CareRelationship.objects.select_for_update(of=("self",)).get(pk=relationship.pk)
    versioned_update(
        relationship,
        version=version,
        data=data,
        fields=RELATIONSHIP_FIELDS,
        clean=_check_relationship,
    )
    caregiver_event(
        caregiver=relationship.caregiver,
        kind=caregivers_constants.EventKind.RELATIONSHIP_CHANGED,
        actor=actor.user,
        summary=choice_label(relationship, "need_kind"),
        obj=relationship,
    )
    audit_by(
        AuditAction.UPDATE, relationship, actor, municipality=relationship.caregiver.municipality
    )
    return relationship


@transaction.atomic
def contact_record(
    *,
    caregiver: Caregiver,
    contact_on: date,
    channel: str,
    topic: str,
    notes: str = "",
    next_contact_on: date | None = None,
    actor: Actor,
) -> ContactMoment:
    """Record a contact moment and keep the carer's last and next contact up to date."""
    today = timezone.localdate()
    errors = {}
    if contact_on > today:
        errors["contact_on"] = [
            ValidationError(_("A contact moment cannot lie in the future."), code="future")
        ]
    if next_contact_on and next_contact_on < contact_on:
        errors["next_contact_on"] = [
            ValidationError(_("The next contact lies before this contact."), code="before_contact")
        ]
    if errors:
        raise ValidationError(errors)
    locked = Caregiver.objects.select_for_update(of=("self",)).get(pk=caregiver.pk)
    moment = ContactMoment(
        caregiver=locked,
        contact_on=contact_on,
        channel=channel,
        topic=topic.strip(),
        notes=notes.strip(),
        next_contact_on=next_contact_on,
        consultant=actor.user,
    )
    moment.full_clean(exclude=["caregiver", "consultant"])
    moment.save()
    fields = []
    if locked.last_contact_on is None or contact_on >= locked.last_contact_on:
        locked.last_contact_on = contact_on
        locked.next_contact_on = next_contact_on
        fields += ["last_contact_on", "next_contact_on"]
    if locked.consultant_id is None and getattr(actor.user, "is_authenticated", False):
        locked.consultant = actor.user
        fields.append("consultant")
    if fields:
        locked.save(update_fields=[*fields, "updated_at"])
    caregiver_event(
        caregiver=locked,
        kind=caregivers_constants.EventKind.CONTACT,
        actor=actor.user,
        summary=choice_label(moment, "channel"),
        obj=moment,
    )
    audit_by(AuditAction.CREATE, moment, actor, municipality=locked.municipality)
    return moment


def _intensive_event(caregiver: Caregiver, actor: Actor) -> None:
    caregiver_event(
        caregiver=caregiver,
        kind=caregivers_constants.EventKind.INTENSIVE,
        actor=actor.user,
        summary=gettext_lazy("Intensive contact on")
        if caregiver.intensive_contact
        else gettext_lazy("Intensive contact off"),
    )


@transaction.atomic
def caregiver_set_intensive(*, caregiver: Caregiver, intensive: bool, actor: Actor) -> Caregiver:
    locked = Caregiver.objects.select_for_update(of=("self",)).get(pk=caregiver.pk)
    if locked.intensive_contact != intensive:
        locked.intensive_contact = intensive
        if intensive and locked.consultant_id is None and actor.user is not None:
            locked.consultant = actor.user
        locked.save(update_fields=["intensive_contact", "consultant", "updated_at"])
        _intensive_event(locked, actor)
        audit_by(AuditAction.UPDATE, locked, actor, reason="intensive_contact")
    return locked


@transaction.atomic
def caregiver_take_on(*, caregiver: Caregiver, actor: Actor) -> Caregiver:
    """The consultant takes on a carer nobody has taken on yet ("Ik neem dit op").

    The row lock makes the second of two consultants who click at the same time wait and then
    see the first one's name: they are refused with ``taken_by_other``. Taking on one's own
    carer again changes nothing. The carer's open early warnings nobody was assigned to go to
    the consultant too.
    """
    locked = _lock(caregiver)
    if locked.anonymised_at or locked.merged_into_id:
        raise ValidationError(_("This carer is no longer registered."), code="not_registered")
    user = actor.authenticated_user
    if user is None or not user.has_role_in(locked.municipality_id, Role.CONSULTANT):
        raise ValidationError(
            _("Only a consultant of the carer's municipality can take on this carer."),
            code="not_consultant",
        )
    if locked.consultant_id == user.pk:
        return locked
    if locked.consultant_id is not None:
        raise ValidationError(
            _("Another consultant has just taken on this carer."), code="taken_by_other"
        )
    locked.consultant = user
    locked.save(update_fields=["consultant", "updated_at"])
    BurdenWarning.objects.filter(
        caregiver=locked, resolved_at__isnull=True, assigned_to__isnull=True
    ).update(assigned_to=user)
    caregiver_event(
        caregiver=locked,
        kind=caregivers_constants.EventKind.CHANGED,
        actor=user,
        summary=gettext_lazy("Taken on by a consultant"),
    )
    audit_by(AuditAction.UPDATE, locked, actor, reason="consultant")
    # The colleagues who were told of the registration need not start on it any more.
    resolve(key=f"caregiver_registered:{locked.pk}")
    return locked


def _lock(caregiver: Caregiver) -> Caregiver:
    return (
        Caregiver.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=caregiver.pk)
    )


@transaction.atomic
def relationship_end(
    *, relationship: CareRelationship, ended_on: date, reason: str, actor: Actor
) -> CareRelationship:
    """One care relationship has ended; the carer's other relationships go on.

    A carer whose father died but who still cares for their mother ends the one relationship
    and stays active. Only when the last active relationship ends has the care ended: the
    carer then goes into after-care along the workflow, as with ``caregiver_end_care``.

    The carer's row is locked first, so two consultants ending the carer's last two
    relationships at once cannot both see "another one is still active".
    """
    caregiver = _lock(relationship.caregiver)
    locked = CareRelationship.objects.select_for_update(of=("self",)).get(
        pk=relationship.pk, caregiver=caregiver
    )
    locked.caregiver = caregiver
    if caregiver.anonymised_at or caregiver.merged_into_id:
        raise ValidationError(_("This carer is no longer registered."), code="not_registered")
    if locked.ended_on is not None:
        raise ValidationError(
            _("This care relationship has already ended. Nothing was saved."),
            code="already_ended",
        )
    errors = {}
    if reason not in caregivers_constants.RELATIONSHIP_END_REASONS:
        errors["end_reason"] = [ValidationError(_("Choose a reason."), code="reason")]
    if ended_on > timezone.localdate():
        errors["ended_on"] = [
            ValidationError(_("The end of the care cannot lie in the future."), code="future")
        ]
    elif locked.started_on and ended_on < locked.started_on:
        errors["ended_on"] = [
            ValidationError(_("The end of the care lies before its start."), code="before_start")
        ]
    if errors:
        raise ValidationError(errors)
    locked.ended_on = ended_on
    locked.end_reason = reason
    locked.save(update_fields=["ended_on", "end_reason"])
    caregiver_event(
        caregiver=caregiver,
        kind=caregivers_constants.EventKind.RELATIONSHIP_ENDED,
        actor=actor.user,
        summary=choice_label(locked, "end_reason"),
        obj=locked,
    )
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        municipality=caregiver.municipality,
        reason="relationship_ended",
    )
    still_caring = CareRelationship.objects.filter(
        caregiver=caregiver, ended_on__isnull=True
    ).exists()
    if not still_caring and caregiver.status == caregivers_constants.CaregiverStatus.ACTIVE:
        step, _note = CAREGIVER.check(
            caregiver, target=caregivers_constants.CaregiverStatus.AFTERCARE, actor=actor
        )
        _start_aftercare(caregiver, step=step, ended_on=ended_on, reason=reason, actor=actor)
    return locked


@transaction.atomic
def caregiver_end_care(
    *, caregiver: Caregiver, ended_on: date, reason: str, actor: Actor
) -> Caregiver:
    """All care has ended: every open relationship ends, and after-care for the
    municipality's period follows, then anonymisation."""
    locked = _lock(caregiver)
    step, _note = CAREGIVER.check(
        locked, target=caregivers_constants.CaregiverStatus.AFTERCARE, actor=actor
    )
    if reason not in caregivers_constants.EndReason.values:
        raise ValidationError(
            {"end_reason": [ValidationError(_("Choose a reason."), code="required")]}
        )
    if ended_on > timezone.localdate():
        raise ValidationError(
            {
                "care_ended_on": [
                    ValidationError(
                        _("The end of the care cannot lie in the future."), code="future"
                    )
                ]
            }
        )
    locked.relationships.filter(ended_on__isnull=True).update(ended_on=ended_on, end_reason=reason)
    return _start_aftercare(locked, step=step, ended_on=ended_on, reason=reason, actor=actor)


def _start_aftercare(locked: Caregiver, *, step, ended_on: date, reason: str, actor: Actor):
    """Take the checked step to after-care on the locked carer: the end of all care."""
    locked.care_ended_on = ended_on
    locked.end_reason = reason
    locked.aftercare_until = add_months(ended_on, locked.municipality.aftercare_months)
    # The consultant gets in touch soon after: the caseload lists it under after-care.
    locked.next_contact_on = max(ended_on, timezone.localdate())
    locked.version = F("version") + 1
    CAREGIVER.record(
        locked,
        step=step,
        actor=actor,
        fields=[
            "care_ended_on",
            "end_reason",
            "aftercare_until",
            "next_contact_on",
            "version",
            "updated_at",
        ],
        audit=False,  # audited below, reason "care_ended"
    )
    locked.refresh_from_db()
    caregiver_event(
        caregiver=locked,
        kind=caregivers_constants.EventKind.CARE_ENDED,
        actor=actor.user,
        summary=choice_label(locked, "end_reason"),
    )
    audit_by(AuditAction.UPDATE, locked, actor, reason="care_ended")
    return locked


@transaction.atomic
def caregiver_reactivate(*, caregiver: Caregiver, actor: Actor) -> Caregiver:
    """The carer cares for someone again: back from after-care to active."""
    locked = _lock(caregiver)
    step, _note = CAREGIVER.check(
        locked, target=caregivers_constants.CaregiverStatus.ACTIVE, actor=actor
    )
    locked.care_ended_on = None
    locked.end_reason = ""
    locked.aftercare_until = None
    locked.version = F("version") + 1
    CAREGIVER.record(
        locked,
        step=step,
        actor=actor,
        fields=["care_ended_on", "end_reason", "aftercare_until", "version", "updated_at"],
        audit=False,  # audited below, reason "reactivated"
    )
    locked.refresh_from_db()
    caregiver_event(
        caregiver=locked, kind=caregivers_constants.EventKind.REACTIVATED, actor=actor.user
    )
    audit_by(AuditAction.UPDATE, locked, actor, reason="reactivated")
    return locked


PERSONAL_FIELDS = {
    "first_name": ANONYMOUS_NAME,
    "last_name": "",
    "date_of_birth": None,
    "email": "",
    "phone": "",
    "street_address": "",
    "postcode": "",
    "town": "",
    "helper_name": "",
    "consent_guardian_name": "",
    "user": None,
    "consultant": None,
    "next_contact_on": None,
}


# What _erase_personal_fields changes, for the save of the step to anonymised.
ERASED_FIELDS = [*PERSONAL_FIELDS, "birth_year", "anonymised_at"]


def _erase_personal_fields(caregiver: Caregiver) -> None:
    """Blank what identifies the carer on the row itself; the caller records the step to
    anonymised, which saves it."""
    if caregiver.date_of_birth:
        caregiver.birth_year = caregiver.date_of_birth.year
    for field, value in PERSONAL_FIELDS.items():
        setattr(caregiver, field, value)
    caregiver.anonymised_at = timezone.now()


def _erase_status_logs(caregiver: Caregiver) -> None:
    """The carer's status log keeps only statuses and times, as the timeline keeps no actors:
    an actor may be the carer's own account. The logs of the carer's referrals and incoming
    referrals keep their consultants (as the referrals keep ``created_by`` and
    ``handled_by``) but lose their notes."""
    CaregiverTransition.objects.filter(caregiver=caregiver).update(actor=None, note="")
    ReferralTransition.objects.filter(referral__caregiver=caregiver).exclude(note="").update(
        note=""
    )
    IncomingReferralTransition.objects.filter(incoming__caregiver=caregiver).exclude(
        note=""
    ).update(note="")


@transaction.atomic
def caregiver_anonymise(*, caregiver: Caregiver, actor: Actor, reason: str) -> Caregiver:
    """Remove everything that identifies the carer; keep what the statistics count.

    Kept: municipality, locality, year of birth, registration and end dates, source,
    statuses, kinds of need, hours bands, screening scores, referral kinds and outcomes,
    and the timeline's kinds and dates. Gone: names, date of birth, contact details,
    address, the cared-for person's name, contact notes and topics, referral reasons,
    screening answers, the link to an account, and the actors and notes of the status logs.
    """
    locked = _lock(caregiver)
    if locked.anonymised_at:
        return locked
    step, _note = CAREGIVER.check(
        locked, target=caregivers_constants.CaregiverStatus.ANONYMISED, actor=actor
    )
    _erase_personal_fields(locked)
    locked.version = F("version") + 1
    CAREGIVER.record(
        locked,
        step=step,
        actor=actor,
        fields=[*ERASED_FIELDS, "version", "updated_at"],
        audit=False,  # audited below as a deletion, with the reason
    )
    locked.refresh_from_db()
    CareRelationship.objects.filter(caregiver=locked).update(recipient_name="–")
    ContactMoment.objects.filter(caregiver=locked).update(topic="–", notes="")
    Referral.objects.filter(caregiver=locked).update(reason="–", target_detail="")
    Screening.objects.filter(caregiver=locked).update(answers=[])
    BurdenWarning.objects.filter(caregiver=locked).update(resolution="")
    ScreeningInvitation.objects.filter(caregiver=locked).delete()
    IncomingReferral.objects.filter(caregiver=locked).update(
        first_name=ANONYMOUS_NAME,
        last_name="",
        date_of_birth=None,
        phone="",
        email="",
        postcode="",
        reason="–",
    )
    CaregiverEvent.objects.filter(caregiver=locked).update(actor=None)
    # Accounts of merged-away registrations waiting to be linked to this record: never now.
    Caregiver.objects.filter(merged_into=locked, user__isnull=False).update(user=None)
    _erase_status_logs(locked)  # after the step was recorded: its own row too
    caregiver_event(
        caregiver=locked, kind=caregivers_constants.EventKind.ANONYMISED, summary=reason
    )
    audit_by(AuditAction.DELETE, locked, actor, reason=reason)
    return locked


@transaction.atomic
def caregiver_merge(*, source: Caregiver, target: Caregiver, actor: Actor) -> Caregiver:
    """Fold a duplicate into the record that stays, keeping all history.

    The account links stay where they were: the record that stays keeps its own (or none),
    and the duplicate's account gets no access to it. A public registration names whoever
    the person filling it in says they are; that it is the same carer is for the consultant
    to confirm with the carer, who then links the account (:func:`caregiver_link_account`).
    Until then the merged-away row keeps only that link, so the carer's account is told that
    their registration waits for the consultant, and nothing else.
    """
    if source.pk == target.pk:
        raise ValidationError(_("A carer cannot be merged with itself."), code="merge_self")
    if source.municipality_id != target.municipality_id:
        raise ValidationError(
            _("Only carers of the same municipality can be merged."), code="merge_other_tenant"
        )
    pks = sorted([source.pk, target.pk])
    locked = {
        cg.pk: cg for cg in Caregiver.objects.select_for_update(of=("self",)).filter(pk__in=pks)
    }
    source, target = locked[source.pk], locked[target.pk]
    if source.anonymised_at or target.anonymised_at or source.merged_into_id:
        raise ValidationError(_("This record cannot be merged any more."), code="merge_closed")
    if target.user_id is not None and source.user_id != target.user_id:
        # The account would see the duplicate's history and details without the carer ever
        # having shown they are theirs: merge the other way round, then link after confirming.
        raise ValidationError(
            _(
                "This record is linked to an account, which would then see the duplicate's "
                "details. Open the duplicate and merge this record into it; link the account "
                "there once the carer has confirmed the record is theirs."
            ),
            code="target_has_account",
        )
    # The duplicate ends anonymised. Its status log stays with it (it is the log of that row,
    # which stays as a pointer); its timeline, referrals and their logs move.
    step, _note = CAREGIVER.check(
        source, target=caregivers_constants.CaregiverStatus.ANONYMISED, actor=actor
    )
    for model in (
        CareRelationship,
        ContactMoment,
        Screening,
        ScreeningInvitation,
        BurdenWarning,
        Referral,
        CaregiverEvent,
    ):
        model.objects.filter(caregiver=source).update(caregiver=target)
    IncomingReferral.objects.filter(caregiver=source).update(caregiver=target)
    # Fill gaps in the record that stays; never overwrite what it has. A consent date taken
    # over brings who gave that consent with it.
    if not target.consent_given_on and source.consent_given_on:
        target.consent_by = source.consent_by
        target.consent_guardian_name = source.consent_guardian_name
    for field in (
        "email",
        "phone",
        "street_address",
        "postcode",
        "town",
        "work_study",
        "date_of_birth",
        "consent_given_on",
        "helper_name",
    ):
        if not getattr(target, field) and getattr(source, field):
            setattr(target, field, getattr(source, field))
    target.intensive_contact = target.intensive_contact or source.intensive_contact
    target.consultant = target.consultant or source.consultant
    # The duplicate's account waits for the consultant's confirmation (the record that stays
    # has none, or the same one); those that already waited on the duplicate now wait here.
    waiting_account = source.user if target.user_id is None else None
    Caregiver.objects.filter(merged_into=source, user__isnull=False).update(
        merged_into=target, **({} if target.user_id is None else {"user": None})
    )
    dates = [d for d in (target.last_contact_on, source.last_contact_on) if d]
    target.last_contact_on = max(dates) if dates else None
    target.registered_on = min(target.registered_on, source.registered_on)
    _clean_address(target)
    target.version = F("version") + 1
    target.save()
    target.refresh_from_db()
    # Everything moved to the record that stays: the duplicate keeps no personal data.
    source.merged_into = target
    _erase_personal_fields(source)
    source.user = waiting_account
    CAREGIVER.record(
        source,
        step=step,
        actor=actor,
        fields=["merged_into", *ERASED_FIELDS, "updated_at"],
        audit=False,  # audited below on the record that stays
    )
    _erase_status_logs(source)
    caregiver_event(
        caregiver=target,
        kind=caregivers_constants.EventKind.MERGED,
        actor=actor.user,
        summary=f"#{source.pk}",
    )
    audit_by(AuditAction.UPDATE, target, actor, reason=f"merged #{source.pk}")
    return target


@transaction.atomic
def caregiver_link_account(
    *, caregiver: Caregiver, registration: Caregiver, channel: str, note: str, actor: Actor
) -> Caregiver:
    """Link the account of a registration merged into ``caregiver`` to it, once the consultant
    has confirmed with the carer that this record is theirs.

    ``channel`` and ``note`` say how the carer confirmed it; they are kept as a contact moment
    (for consultants only, erased with the record), the link itself on the timeline and in the
    audit trail. The account then reaches the carer's own pages of this record.
    """
    note = (note or "").strip()
    errors = {}
    if not note:
        errors["note"] = [
            ValidationError(
                _("Say how the carer confirmed that this record is theirs."),
                code="note_required",
            )
        ]
    if channel not in caregivers_constants.ContactChannel.values:
        errors["channel"] = [
            ValidationError(_("Choose how you spoke to the carer."), code="channel")
        ]
    if errors:
        raise ValidationError(errors)
    pks = sorted([caregiver.pk, registration.pk])
    locked = {
        cg.pk: cg for cg in Caregiver.objects.select_for_update(of=("self",)).filter(pk__in=pks)
    }
    target, waiting = locked[caregiver.pk], locked.get(registration.pk)
    if (
        waiting is None
        or waiting.merged_into_id != target.pk
        or waiting.user_id is None
        or target.user_id is not None
        or target.anonymised_at is not None
        or target.merged_into_id is not None
    ):
        raise ValidationError(
            _("There is no account waiting to be linked to this record."),
            code="nothing_to_link",
        )
    contact_record(
        caregiver=target,
        contact_on=timezone.localdate(),
        channel=channel,
        topic=_("Account linked after the carer confirmed this record is theirs"),
        notes=note,
        actor=actor,
    )
    Caregiver.objects.filter(pk=target.pk).update(
        user=waiting.user_id, version=F("version") + 1, updated_at=timezone.now()
    )
    Caregiver.objects.filter(pk=waiting.pk).update(user=None)
    target.refresh_from_db()
    caregiver_event(
        caregiver=target,
        kind=caregivers_constants.EventKind.ACCOUNT_LINKED,
        actor=actor.user,
        summary=f"#{waiting.pk}",
    )
    audit_by(AuditAction.UPDATE, target, actor, reason="account linked")
    return target


def caregivers_apply_retention(*, today: date | None = None) -> int:
    """Anonymise every carer whose after-care period has passed. Returns how many."""
    count = 0
    due = Caregiver.objects.due_for_retention(today=today)
    for pk in list(due.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            # Checked again under the lock: a consultant may just have made the carer active
            # again, and the retention job anonymises from after-care only.
            caregiver = due.select_for_update(of=("self",)).filter(pk=pk).first()
            if caregiver is None:
                continue
            caregiver_anonymise(caregiver=caregiver, actor=Actor(), reason="retention")
        count += 1
    return count


@transaction.atomic
def caregiver_set_newsletter(*, caregiver: Caregiver, newsletter: str, actor: Actor) -> Caregiver:
    """Change how the carer gets the newsletter (e.g. to "none" when they unsubscribed through
    the signed link in a newsletter, without logging in): timeline and audit event."""
    if newsletter not in caregivers_constants.Newsletter.values:
        raise ValidationError(
            {
                "newsletter": ValidationError(
                    _("Choose how the carer gets the newsletter."), code="invalid_newsletter"
                )
            }
        )
    locked = Caregiver.objects.select_for_update(of=("self",)).get(pk=caregiver.pk)
    if locked.newsletter != newsletter:
        locked.newsletter = newsletter
        locked.version = F("version") + 1
        locked.save(update_fields=["newsletter", "version", "updated_at"])
        locked.refresh_from_db(fields=["version"])
        caregiver_event(
            caregiver=locked,
            kind=caregivers_constants.EventKind.CHANGED,
            actor=actor.user,
            summary=phrase(
                gettext_lazy("Newsletter: %(channel)s"),
                channel=caregivers_constants.Newsletter(newsletter).label,
            ),
        )
        audit_by(AuditAction.UPDATE, locked, actor, reason=f"newsletter {newsletter}")
    return locked
