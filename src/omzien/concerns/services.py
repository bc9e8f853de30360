"""The writes of the concerns capability: reporting, handling at the central contact point,
the links to other capabilities, retention and erasure.

Every status change goes through ``workflows.CONCERN`` (``check`` then ``record``). Services
take an ``Actor`` and raise ``ValidationError`` with a code, or ``PermissionDenied``.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.buddies import selectors as buddies_selectors
from omzien.buddies.services import DuplicateParticipant, participant_propose
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.services.caregivers import DuplicateCaregiver, caregiver_register
from omzien.common.dates import add_working_days, months_ago
from omzien.common.mail import send_templated_mail
from omzien.common.phone import normalise_phone
from omzien.common.services import Actor, versioned_update
from omzien.concerns import constants
from omzien.concerns.models import Concern, ConcernAction, ConcernSettings, ConcernTransition
from omzien.concerns.workflows import CONCERN, may_handle
from omzien.directory.selectors import entries as directory_selectors
from omzien.notifications.services import notify, notify_role, resolve
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import ANONYMOUS_NAME, AuditAction
from omzien.tenants.validators import normalise_postcode

__all__ = [
    "DuplicateCaregiver",
    "DuplicateParticipant",
    "concern_action_add",
    "concern_anonymise",
    "concern_assign",
    "concern_close",
    "concern_contact",
    "concern_reassign",
    "concern_propose_buddy",
    "concern_remove_reporter",
    "concern_register_carer",
    "concern_reopen",
    "concern_report",
    "concern_report_for_carer",
    "concern_settings_update",
    "concerns_apply_retention",
]

REPORT_FIELDS = (
    "resident_name",
    "resident_address",
    "resident_postcode",
    "resident_phone",
    "resident_birth_year",
    "kind",
    "life_event",
    "urgency",
    "observation",
    "consent",
    "profession",
    "organisation",
    "reporter_name",
    "reporter_email",
    "reporter_phone",
)

# The caregivers' source of a carer registered from a concern, by the reporter's profession.
CARER_SOURCE = {
    constants.Profession.GP: caregivers_constants.Source.GP,
    constants.Profession.POH: caregivers_constants.Source.GP,
    constants.Profession.SOCIAL_WORKER: caregivers_constants.Source.SOCIAL_WORKER,
    constants.Profession.SCHOOL: caregivers_constants.Source.SCHOOL,
    constants.Profession.HOME_CARE: caregivers_constants.Source.HOME_CARE,
    constants.Profession.WMO_CONSULTANT: caregivers_constants.Source.WMO_CONSULTANT,
}

NEW_CONCERN = gettext_lazy("A new concern has come in at the contact point of %(municipality)s.")
ASSIGNED = gettext_lazy("A concern has been assigned to you.")


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _require_worker(concern: Concern, actor: Actor) -> None:
    user = actor.authenticated_user
    if user is None or not may_handle(concern, user):
        raise PermissionDenied


def _lock(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().select_related("municipality").get(pk=concern.pk)


def _url(concern: Concern) -> str:
    return reverse("concerns:detail", kwargs={"pk": concern.pk})


# --- Reporting --------------------------------------------------------------------------------


def _clean_report(concern: Concern, today: datetime.date) -> None:
    errors = {}
    for field in ("resident_name", "observation", "organisation", "reporter_name"):
        setattr(concern, field, " ".join((getattr(concern, field) or "").split()))
    concern.observation = concern.observation[:4000]
    if not concern.resident_name:
        errors["resident_name"] = [
            ValidationError(_("Fill in the name of the resident."), code="required")
        ]
    if not (concern.resident_address or concern.resident_postcode or concern.resident_phone):
        errors["resident_address"] = [
            ValidationError(
                _("Fill in an address, postcode or phone number so the resident can be found."),
                code="no_way_to_reach",
            )
        ]
    if concern.resident_postcode:
        try:
            concern.resident_postcode = normalise_postcode(concern.resident_postcode)
        except ValidationError as error:
            errors["resident_postcode"] = error.error_list
    for field in ("resident_phone", "reporter_phone"):
        if getattr(concern, field):
            try:
                setattr(concern, field, normalise_phone(getattr(concern, field)))
            except ValidationError as error:
                errors[field] = error.error_list
    if concern.resident_birth_year and not 1900 <= concern.resident_birth_year <= today.year:
        errors["resident_birth_year"] = [
            ValidationError(_("Fill in a year of birth between 1900 and now."), code="bad_year")
        ]
    if concern.kind not in constants.Kind.values:
        errors["kind"] = [ValidationError(_("Choose what the concern is about."), code="required")]
    if concern.kind == constants.Kind.LIFE_EVENT:
        if concern.life_event not in constants.LifeEvent.values:
            errors["life_event"] = [ValidationError(_("Choose the life event."), code="required")]
    else:
        concern.life_event = ""
    if not concern.observation:
        errors["observation"] = [
            ValidationError(_("Describe what you have seen or heard."), code="required")
        ]
    if concern.consent not in constants.Consent.values:
        errors["consent"] = [
            ValidationError(_("Say whether the resident knows about this."), code="required")
        ]
    if concern.urgency not in constants.Urgency.values:
        errors["urgency"] = [ValidationError(_("Choose the urgency."), code="required")]
    if concern.source == constants.Source.PROFESSIONAL:
        if concern.profession not in constants.Profession.values:
            errors["profession"] = [ValidationError(_("Choose your profession."), code="required")]
        if not concern.organisation:
            errors["organisation"] = [
                ValidationError(_("Fill in your organisation."), code="required")
            ]
    elif concern.source == constants.Source.PUBLIC:
        concern.profession = ""
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def concern_report(*, municipality, data: dict, source: str, actor: Actor) -> Concern:
    """A concern comes in: from the public form (anyone, no account), a referrer (a
    professional, with organisation and profession) or the welfare team itself."""
    user = actor.authenticated_user
    if source == constants.Source.PROFESSIONAL:
        if user is None or not user.has_role_in(municipality, Role.REFERRER):
            raise PermissionDenied
    elif source == constants.Source.STAFF:
        if user is None or not user.has_role_in(municipality, Role.WELFARE_WORKER):
            raise PermissionDenied
    elif source != constants.Source.PUBLIC:
        raise ValueError(source)
    return _report(municipality=municipality, data=data, source=source, actor=actor)


@transaction.atomic
def concern_report_for_carer(*, caregiver, data: dict, actor: Actor) -> Concern:
    """A carer consultant reports a registered carer's overload to the central contact point
    (from an early warning, caregivers.services.screening.alert_report): a professional's
    concern about carer overload, with the carer's details and the link to the registration,
    so the welfare worker sees who it is and the consultant follows it."""
    municipality = caregiver.municipality
    user = actor.authenticated_user
    if user is None or not user.has_role_in(municipality, Role.CONSULTANT):
        raise PermissionDenied
    resident = {
        "resident_name": f"{caregiver.first_name} {caregiver.last_name}".strip(),
        "resident_address": caregiver.street_address,
        "resident_postcode": caregiver.postcode,
        "resident_phone": caregiver.phone,
        "resident_birth_year": caregiver.date_of_birth.year if caregiver.date_of_birth else None,
        "kind": constants.Kind.CARER_OVERLOAD,
        "profession": constants.Profession.CARER_CONSULTANT,
        "organisation": municipality.name,
    }
    return _report(
        municipality=municipality,
        data={**data, **resident},
        source=constants.Source.PROFESSIONAL,
        actor=actor,
        caregiver=caregiver,
    )


def _report(*, municipality, data: dict, source: str, actor: Actor, caregiver=None) -> Concern:
    user = actor.authenticated_user
    today = timezone.localdate()
    concern = Concern(municipality=municipality, source=source, caregiver=caregiver)
    for field in REPORT_FIELDS:
        if field in data and data[field] is not None:
            value = data[field]
            setattr(concern, field, value.strip() if isinstance(value, str) else value)
    if source == constants.Source.PROFESSIONAL:
        concern.submitted_by = user
        if not concern.reporter_email:
            concern.reporter_email = user.email
    _clean_report(concern, today)
    days = ConcernSettings.for_municipality(municipality).first_contact_days
    concern.first_contact_due = add_working_days(today, days)
    concern.full_clean(exclude=["version"])
    concern.save()
    CONCERN.log_step(concern, source="", target=concern.status, actor=actor)
    audit_by(AuditAction.CREATE, concern, actor, reason=f"concern reported: {source}")
    roles = [Role.WELFARE_WORKER]
    if concern.kind == constants.Kind.CARER_OVERLOAD:
        roles.append(Role.CONSULTANT)
    notify_role(
        municipality=municipality,
        roles=roles,
        kind="concern_new",
        message=NEW_CONCERN,
        params={"municipality": municipality.name},
        url=_url(concern),
        key=f"concern_new:{concern.pk}",
    )
    return concern


# --- Handling ---------------------------------------------------------------------------------


def _check_assignee(concern: Concern, assignee) -> None:
    if assignee is None or not assignee.is_active or not may_handle(concern, assignee):
        raise _error(
            "assignee",
            _("Choose a welfare worker of this municipality."),
            "not_a_worker",
        )


def _after_assign(concern: Concern, assignee, actor: Actor) -> None:
    resolve(key=f"concern_new:{concern.pk}")
    if assignee != actor.authenticated_user:
        notify(
            recipients=[assignee],
            kind="concern_assigned",
            message=ASSIGNED,
            url=_url(concern),
            key=f"concern_assigned:{concern.pk}:{assignee.pk}",
            municipality=concern.municipality,
        )
    _send_picked_up(concern)


def _send_picked_up(concern: Concern) -> None:
    """The public reporter who left an e-mail address hears once that the concern was picked
    up: the time is stored on the locked row, so a retried request sends nothing again."""
    if (
        concern.source != constants.Source.PUBLIC
        or not concern.reporter_email
        or concern.picked_up_sent_at is not None
    ):
        return
    concern.picked_up_sent_at = timezone.now()
    concern.save(update_fields=["picked_up_sent_at"])
    address = concern.reporter_email
    context = {"municipality": concern.municipality.name, "name": concern.reporter_name}
    transaction.on_commit(
        lambda: send_templated_mail(
            template="concerns/mail/picked_up", context=context, to=[address], language="nl"
        )
    )


@transaction.atomic
def concern_assign(*, concern: Concern, assignee, actor: Actor, seen: str = "") -> Concern:
    """Take a new concern on: assign it to a worker (oneself or a colleague)."""
    concern = _lock(concern)
    if concern.status == constants.Status.CLOSED:
        raise ValidationError(_("A closed concern is reopened, not assigned."), code="not_allowed")
    step, note = CONCERN.check(
        concern, target=constants.Status.ASSIGNED, actor=actor, expected=seen
    )
    _check_assignee(concern, assignee)
    concern.assigned_to = assignee
    concern.version += 1
    CONCERN.record(concern, step=step, actor=actor, fields=["assigned_to", "version", "updated_at"])
    _after_assign(concern, assignee, actor)
    return concern


@transaction.atomic
def concern_reassign(*, concern: Concern, assignee, actor: Actor) -> Concern:
    """Hand an open concern that is assigned to another worker (no change of status)."""
    concern = _lock(concern)
    _require_worker(concern, actor)
    if concern.status not in (constants.Status.ASSIGNED, constants.Status.IN_CONTACT):
        raise ValidationError(
            _("Only an assigned concern that is still open can be handed to someone else."),
            code="not_allowed",
        )
    _check_assignee(concern, assignee)
    if concern.assigned_to_id == assignee.pk:
        return concern
    concern.assigned_to = assignee
    concern.version += 1
    concern.save(update_fields=["assigned_to", "version", "updated_at"])
    audit_by(AuditAction.UPDATE, concern, actor, reason="assigned to another worker")
    _after_assign(concern, assignee, actor)
    return concern


def _check_action(concern: Concern, done_on, kind: str, note: str, kinds) -> dict:
    errors = {}
    today = timezone.localdate()
    if not done_on:
        errors["done_on"] = [ValidationError(_("Fill in the date."), code="required")]
    elif done_on > today:
        errors["done_on"] = [ValidationError(_("The date lies in the future."), code="future")]
    elif done_on < timezone.localdate(concern.created_at):
        errors["done_on"] = [
            ValidationError(_("The date lies before the concern came in."), code="too_early")
        ]
    if kind not in kinds:
        errors["kind"] = [ValidationError(_("Choose what was done."), code="required")]
    if len(note or "") > 4000:
        errors["note"] = [
            ValidationError(_("The note may be at most 4000 characters."), code="too_long")
        ]
    return errors


@transaction.atomic
def concern_contact(
    *, concern: Concern, done_on, kind: str, note: str = "", actor: Actor, seen: str = ""
) -> Concern:
    """The worker reached the resident for the first time."""
    concern = _lock(concern)
    step, _note = CONCERN.check(
        concern, target=constants.Status.IN_CONTACT, actor=actor, expected=seen
    )
    errors = _check_action(concern, done_on, kind, note, constants.CONTACT_KINDS)
    if errors:
        raise ValidationError(errors)
    ConcernAction.objects.create(
        concern=concern, done_on=done_on, kind=kind, note=(note or "").strip(), by=actor.user
    )
    concern.first_contact_on = done_on
    concern.version += 1
    CONCERN.record(
        concern, step=step, actor=actor, fields=["first_contact_on", "version", "updated_at"]
    )
    return concern


@transaction.atomic
def concern_action_add(
    *, concern: Concern, done_on, kind: str, note: str = "", actor: Actor
) -> ConcernAction:
    """Add an action or note to an open concern."""
    concern = _lock(concern)
    _require_worker(concern, actor)
    if concern.status == constants.Status.CLOSED:
        raise ValidationError(
            _("The concern is closed: reopen it to add an action."), code="closed"
        )
    kinds = [k for k in constants.ActionKind.values if k not in constants.LINK_KINDS]
    errors = _check_action(concern, done_on, kind, note, kinds)
    if errors:
        raise ValidationError(errors)
    action = ConcernAction.objects.create(
        concern=concern, done_on=done_on, kind=kind, note=(note or "").strip(), by=actor.user
    )
    audit_by(AuditAction.CREATE, action, actor, municipality=concern.municipality)
    return action


@transaction.atomic
def concern_close(
    *,
    concern: Concern,
    outcome: str,
    note: str = "",
    entry_id: int | None = None,
    actor: Actor,
    seen: str = "",
) -> Concern:
    """Close the concern with its outcome and, if it is on the social map, where the resident
    was referred to or support started."""
    concern = _lock(concern)
    step, note = CONCERN.check(
        concern, target=constants.Status.CLOSED, actor=actor, expected=seen, note=note
    )
    if outcome not in constants.Outcome.values:
        raise _error("outcome", _("Choose the outcome."), "outcome_required")
    entry = None
    if entry_id is not None:
        entry = directory_selectors.referable_get(municipality=concern.municipality, pk=entry_id)
        if entry is None:
            raise _error(
                "entry_id",
                _("Choose a service from the social map of this municipality."),
                "invalid_entry",
            )
    concern.outcome = outcome
    concern.entry = entry
    concern.closed_on = timezone.localdate()
    concern.version += 1
    CONCERN.record(
        concern,
        step=step,
        actor=actor,
        note=note,
        fields=["outcome", "entry", "closed_on", "version", "updated_at"],
    )
    resolve(key=f"concern_new:{concern.pk}")
    return concern


@transaction.atomic
def concern_reopen(*, concern: Concern, note: str, actor: Actor, seen: str = "") -> Concern:
    """Open a closed concern again (with the reason): it is assigned to its worker, or to the
    worker who reopens it."""
    concern = _lock(concern)
    if concern.anonymised_at is not None:
        raise ValidationError(
            _("This concern has been anonymised and cannot be reopened."), code="anonymised"
        )
    step, note = CONCERN.check(
        concern, target=constants.Status.ASSIGNED, actor=actor, expected=seen, note=note
    )
    if concern.assigned_to_id is None or not may_handle(concern, concern.assigned_to):
        concern.assigned_to = actor.user
    concern.outcome = ""
    concern.entry = None
    concern.closed_on = None
    concern.version += 1
    CONCERN.record(
        concern,
        step=step,
        actor=actor,
        note=note,
        fields=["assigned_to", "outcome", "entry", "closed_on", "version", "updated_at"],
    )
    return concern


# --- Links to other capabilities --------------------------------------------------------------


@transaction.atomic
def concern_register_carer(
    *, concern: Concern, data: dict, actor: Actor, on_duplicate: str = ""
) -> Concern:
    """Register the resident of a carer-overload concern as a carer, through the caregivers'
    own registration (with its duplicate check), and keep the link on the concern.

    With a likely duplicate, ``DuplicateCaregiver`` is raised unless ``on_duplicate`` says what
    to do: ``"link"`` links the concern to the carer already registered, ``"register"``
    registers a second record (a consultant merges them)."""
    concern = _lock(concern)
    _require_worker(concern, actor)
    if concern.kind != constants.Kind.CARER_OVERLOAD:
        raise ValidationError(
            _("Only the resident of a concern about carer overload is registered as a carer."),
            code="not_overload",
        )
    if concern.caregiver_id is not None:
        raise ValidationError(
            _("The resident of this concern is registered as a carer already."),
            code="already_linked",
        )
    if concern.status == constants.Status.CLOSED:
        raise ValidationError(
            _("The concern is closed: reopen it to register the carer."), code="closed"
        )
    carer_data = {
        **data,
        "source": CARER_SOURCE.get(concern.profession, caregivers_constants.Source.OTHER),
        "legal_basis": caregivers_constants.LegalBasis.CONSENT,
        "consent_given_on": timezone.localdate(),
    }
    try:
        with transaction.atomic():
            caregiver = caregiver_register(
                municipality=concern.municipality,
                data=carer_data,
                actor=actor,
                allow_duplicate=on_duplicate == "register",
            )
    except DuplicateCaregiver as duplicate:
        if on_duplicate != "link":
            raise
        caregiver = duplicate.existing[0]
    concern.caregiver = caregiver
    concern.version += 1
    concern.save(update_fields=["caregiver", "version", "updated_at"])
    ConcernAction.objects.create(
        concern=concern,
        done_on=timezone.localdate(),
        kind=constants.ActionKind.CARER_REGISTERED,
        by=actor.user,
    )
    audit_by(AuditAction.UPDATE, concern, actor, reason="linked to a registered carer")
    return concern


@transaction.atomic
def concern_propose_buddy(
    *, concern: Concern, programme_id: int, data: dict, actor: Actor, on_duplicate: str = ""
) -> ConcernAction:
    """Propose the resident of an open concern for a buddy programme of the concern's
    municipality, as a participant in its group A, through the buddies' own service (with its
    duplicate check); the concern records an action that links to the participant.

    With a likely duplicate, ``DuplicateParticipant`` is raised unless ``on_duplicate`` says
    what to do: ``"link"`` links the concern to the participant already there, ``"register"``
    proposes a second record (the broker merges or removes it)."""
    concern = _lock(concern)
    _require_worker(concern, actor)
    if concern.status == constants.Status.CLOSED:
        raise ValidationError(
            _("The concern is closed: reopen it to propose the resident."), code="closed"
        )
    programme = (
        buddies_selectors.programme_choices(municipality=concern.municipality)
        .filter(pk=programme_id)
        .first()
    )
    if programme is None:
        raise _error(
            "programme",
            _("Choose an active buddy programme of this municipality."),
            "invalid_programme",
        )
    try:
        with transaction.atomic():
            participant = participant_propose(
                programme=programme,
                data=data,
                actor=actor,
                allow_duplicate=on_duplicate == "register",
            )
    except DuplicateParticipant as duplicate:
        if on_duplicate != "link":
            raise
        participant = duplicate.existing[0]
    if ConcernAction.objects.filter(concern=concern, participant=participant).exists():
        raise ValidationError(
            _("The resident of this concern has been proposed for this programme already."),
            code="already_linked",
        )
    action = ConcernAction.objects.create(
        concern=concern,
        done_on=timezone.localdate(),
        kind=constants.ActionKind.BUDDY_PROPOSED,
        note=programme.name,
        participant=participant,
        by=actor.user,
    )
    concern.version += 1
    concern.save(update_fields=["version", "updated_at"])
    audit_by(AuditAction.UPDATE, concern, actor, reason="proposed for a buddy programme")
    return action


# --- Settings ---------------------------------------------------------------------------------


@transaction.atomic
def concern_settings_update(
    *, municipality, data: dict, actor: Actor, version: int | None = None
) -> ConcernSettings:
    """Change the municipality's concern settings; refused (EditConflict) when another
    administrator saved since ``version``, the version the form showed."""
    user = actor.authenticated_user
    if user is None or not user.has_role_in(municipality, Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    found = ConcernSettings.for_municipality(municipality)
    found = ConcernSettings.objects.select_for_update().get(pk=found.pk)
    versioned_update(
        found,
        version=version,
        data=data,
        fields=("first_contact_days", "anonymise_after_months"),
        clean=lambda row: row.full_clean(exclude=["municipality", "version"]),
        required=False,
    )
    audit_by(AuditAction.UPDATE, found, actor, municipality=municipality)
    return found


# --- Retention and erasure --------------------------------------------------------------------


def _remove_reporter(concern: Concern) -> None:
    concern.reporter_name = ""
    concern.reporter_email = ""
    concern.reporter_phone = ""
    concern.reporter_details_removed_at = timezone.now()


@transaction.atomic
def concern_anonymise(*, concern: Concern, actor: Actor | None = None, reason: str) -> Concern:
    """Remove everything that says who the resident and the reporter are, and the free text;
    what stays (kind, source, dates, outcome) feeds the figures."""
    concern = _lock(concern)
    if concern.anonymised_at is not None:
        return concern
    concern.resident_name = ANONYMOUS_NAME
    concern.resident_address = ""
    concern.resident_postcode = ""
    concern.resident_phone = ""
    concern.resident_birth_year = None
    concern.observation = ""
    concern.organisation = ""
    _remove_reporter(concern)
    concern.anonymised_at = timezone.now()
    concern.version += 1
    concern.save()
    ConcernAction.objects.filter(concern=concern).update(note="")
    ConcernTransition.objects.filter(concern=concern).update(note="")
    audit_by(AuditAction.UPDATE, concern, actor or Actor(), reason=f"anonymised: {reason}")
    return concern


def concerns_apply_retention(today: datetime.date | None = None) -> int:
    """The nightly rule (privacy.retention): a public reporter's contact details are removed
    once the concern is closed; a concern closed with an outcome that led to nothing is
    anonymised after the municipality's period (default 12 months)."""
    today = today or timezone.localdate()
    handled = 0
    closed_public = Concern.objects.filter(
        status=constants.Status.CLOSED,
        source=constants.Source.PUBLIC,
        reporter_details_removed_at__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(closed_public.iterator()):
        with transaction.atomic():
            concern = Concern.objects.select_for_update().get(pk=pk)
            if concern.status != constants.Status.CLOSED:
                continue
            _remove_reporter(concern)
            concern.save(
                update_fields=[
                    "reporter_name",
                    "reporter_email",
                    "reporter_phone",
                    "reporter_details_removed_at",
                ]
            )
            audit_by(
                AuditAction.UPDATE, concern, Actor(), reason="reporter details removed: closed"
            )
            handled += 1
    nothing = Concern.objects.filter(
        status=constants.Status.CLOSED,
        outcome__in=constants.NOTHING_CAME_OF_IT,
        anonymised_at__isnull=True,
    )
    for municipality_id in nothing.order_by().values_list("municipality_id", flat=True).distinct():
        months = (
            ConcernSettings.objects.filter(municipality_id=municipality_id)
            .values_list("anonymise_after_months", flat=True)
            .first()
            or constants.DEFAULT_ANONYMISE_AFTER_MONTHS
        )
        cutoff = months_ago(today, months)
        for concern in nothing.filter(municipality_id=municipality_id, closed_on__lte=cutoff):
            concern_anonymise(concern=concern, reason="retention")
            handled += 1
    return handled


@transaction.atomic
def concern_remove_reporter(*, concern: Concern, actor: Actor, reason: str) -> Concern:
    """Remove the reporter's name and contact details (an erasure request of the reporter)."""
    concern = _lock(concern)
    _remove_reporter(concern)
    concern.save(
        update_fields=[
            "reporter_name",
            "reporter_email",
            "reporter_phone",
            "reporter_details_removed_at",
        ]
    )
    audit_by(AuditAction.UPDATE, concern, actor, reason=f"reporter details removed: {reason}")
    return concern
