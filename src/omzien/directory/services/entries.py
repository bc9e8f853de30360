"""Social map entries: the writes.

An organisation member writes an entry of their organisation as a draft and submits it; a
broker or consultant of the municipality publishes it or rejects it with a reason (the workflow
``workflows.ENTRY``). Staff also write and keep entries themselves and may publish them
directly (named providers without an account in Omzien, the municipality's own services).

A change of a published entry by its owner is reviewed before the public sees it: the new
values wait in ``Entry.pending`` (the workflow ``workflows.CHANGE``) while the published values
stay live; approving applies them, rejecting keeps the published values. Staff edits apply at
once: they are the reviewers.

Every edit carries the version the editor started from (optimistic locking): two editors never
overwrite each other; the second is told and shown the current values.

Freshness: publishing and confirming set ``last_confirmed_on``; from it follow the day the owner
is asked to confirm again (``confirm_due_on``: after the municipality's ``confirm_months``) and
the day an unconfirmed entry drops out of the public search (``drops_out_on``: a grace period
later). The nightly task :func:`entries_request_confirmation` asks the owners.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from omzien.accounts.constants import Role
from omzien.common.dates import add_months
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor, apply_changes, check_version, versioned_update
from omzien.directory import constants
from omzien.directory.constants import ChangeStatus, EntryStatus
from omzien.directory.models import DirectorySettings, Entry
from omzien.directory.permissions import member_of, staff_of
from omzien.directory.workflows import CHANGE, ENTRY, STAFF
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.tenants.models import Locality
from omzien.volunteering.models import Organisation, OrganisationMember

# The fields of a pending change that hold a related row (stored as its pk).
RELATED = {"locality": Locality}


# --- Helpers ---------------------------------------------------------------------------------


def settings_for(municipality_id: int) -> tuple[int, int]:
    """(confirm_months, grace_months) of the municipality."""
    found = (
        DirectorySettings.objects.filter(municipality_id=municipality_id)
        .values_list("confirm_months", "grace_months")
        .first()
    )
    return found or (constants.CONFIRM_MONTHS_DEFAULT, constants.GRACE_MONTHS_DEFAULT)


def freshness_dates(
    confirmed_on: datetime.date, *, confirm_months: int, grace_months: int
) -> tuple[datetime.date, datetime.date]:
    """The day confirmation is due and the day an unconfirmed entry drops out."""
    due = add_months(confirmed_on, confirm_months)
    return due, add_months(due, grace_months)


def _set_confirmed(entry: Entry, day: datetime.date) -> list[str]:
    confirm_months, grace_months = settings_for(entry.municipality_id)
    entry.last_confirmed_on = day
    entry.confirm_due_on, entry.drops_out_on = freshness_dates(
        day, confirm_months=confirm_months, grace_months=grace_months
    )
    return ["last_confirmed_on", "confirm_due_on", "drops_out_on"]


def _lock(entry: Entry) -> Entry:
    return (
        Entry.objects.select_for_update(of=("self",))
        .select_related("municipality", "organisation", "locality")
        .get(pk=entry.pk)
    )


def _is_staff(entry: Entry, actor: Actor) -> bool:
    return actor.user is not None and staff_of(entry.municipality_id, actor.user)


def _may_edit(entry: Entry, actor: Actor) -> bool:
    return _is_staff(entry, actor) or member_of(entry.organisation_id, actor.user)


def _validate(entry: Entry) -> None:
    """Every rule of an entry at once, as one ValidationError per field (Dutch messages)."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    try:
        entry.full_clean(
            exclude=[
                "municipality",
                "organisation",
                "status",
                "change_status",
                "pending",
                "version",
                "created_by",
                "pending_by",
            ]
        )
    except ValidationError as error:
        errors.update(error.error_dict)
    if not entry.categories:
        add("categories", _("Choose at least one category."), "categories_required")
    for field, known in (
        ("categories", set(constants.Category.values)),
        ("target_groups", set(constants.TargetGroup.values)),
    ):
        value = getattr(entry, field)
        if not isinstance(value, list):
            add(field, _("Choose from the list."), "invalid_choice")
            continue
        unknown = set(value) - known
        if unknown:
            add(field, _("Unknown choice: %s") % ", ".join(sorted(unknown)), "invalid_choice")
    if entry.organisation_id is None and not entry.provider_name:
        add("provider_name", _("Fill in who offers this."), "provider_required")
    if not (entry.locality_id or entry.address or entry.region_wide or entry.online):
        add(
            "locality",
            _("Say where: a village or an address, the whole region, or online."),
            "where_required",
        )
    if entry.locality_id and entry.locality.municipality_id != entry.municipality_id:
        add(
            "locality",
            _("Choose a village or town in the municipality of the entry."),
            "locality_other_municipality",
        )
    if entry.cost == constants.Cost.PAID and not entry.cost_text:
        add("cost_text", _("Say what it costs."), "cost_text_required")
    if not (entry.phone or entry.email or entry.website or entry.address):
        add(
            "phone",
            _("Give at least one way to get in touch: phone, e-mail, website or address."),
            "contact_required",
        )
    if errors:
        raise ValidationError(errors)


def _tidy(data: dict) -> dict:
    tidy = dict(data)
    for key in ("title", "provider_name", "address", "access_text", "cost_text", "phone"):
        if isinstance(tidy.get(key), str):
            tidy[key] = " ".join(tidy[key].split())
    for key in ("categories", "target_groups"):
        if key in tidy and tidy[key] is not None:
            tidy[key] = sorted(set(tidy[key])) if isinstance(tidy[key], list) else tidy[key]
    return tidy


def _owner_emails(entry: Entry) -> list[str]:
    if entry.organisation_id is None:
        return []
    return sorted(
        OrganisationMember.objects.filter(
            organisation_id=entry.organisation_id, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def _mail_owners(entry: Entry, template: str, context: dict) -> None:
    recipients = _owner_emails(entry)
    if not recipients:
        return

    def send() -> None:
        for email in recipients:  # one mail each: colleagues' addresses are not shared
            send_templated_mail(template=f"directory/email/{template}", context=context, to=[email])

    transaction.on_commit(send)


def _mail_context(entry: Entry, actor: Actor | None, note: str = "") -> dict:
    request = actor.request if actor else None
    return {
        "title": entry.title,
        "municipality": entry.municipality.name,
        "note": note,
        "link": absolute_url(request, reverse("directory:mine_detail", args=[entry.pk])),
        "public_link": absolute_url(request, reverse("directory_public:detail", args=[entry.pk])),
    }


# --- Creating and changing -------------------------------------------------------------------


@transaction.atomic
def entry_create(
    *, municipality, data: dict, actor: Actor, organisation: Organisation | None = None
) -> Entry:
    """A new entry as a draft: by a member of ``organisation`` (for it), or by staff of the
    municipality (for an organisation of it, or a named provider)."""
    user = actor.user
    if organisation is not None and organisation.municipality_id != municipality.pk:
        raise PermissionDenied
    is_staff = user is not None and staff_of(municipality.pk, user)
    if not is_staff and not (organisation is not None and member_of(organisation.pk, user)):
        raise PermissionDenied
    entry = Entry(
        municipality=municipality,
        organisation=organisation,
        status=EntryStatus.DRAFT,
        created_by=actor.authenticated_user,
    )
    apply_changes(entry, _tidy(data), constants.ENTRY_FIELDS)
    _validate(entry)
    entry.save()
    ENTRY.log_step(entry, source="", target=EntryStatus.DRAFT, actor=actor)
    audit_by(AuditAction.CREATE, entry, actor)
    return entry


def _pending_value(entry: Entry, field: str, value):
    if field in RELATED:
        return value.pk if value is not None else None
    return value


def _current_value(entry: Entry, field: str):
    if field in RELATED:
        return getattr(entry, f"{field}_id")
    return getattr(entry, field)


@transaction.atomic
def entry_update(*, entry: Entry, version: int, data: dict, actor: Actor) -> Entry:
    """Change an entry; refused when someone else saved it since ``version``.

    The owner's change of a published entry waits for review (``pending``) and the published
    values stay live; every other edit applies at once. Returns the entry as saved.
    """
    current = _lock(entry)
    if not _may_edit(current, actor):
        raise PermissionDenied
    check_version(current, version)
    if current.status == EntryStatus.ARCHIVED:
        raise ValidationError(
            _("An entry that was removed from the map cannot be changed. Reuse it as a draft."),
            code="not_editable",
        )
    data = _tidy(data)
    if current.status == EntryStatus.PUBLISHED and not _is_staff(current, actor):
        return _submit_change(current, data=data, actor=actor)
    changed = versioned_update(
        current, version=version, data=data, fields=constants.ENTRY_FIELDS, clean=_validate
    )
    audit_by(
        AuditAction.UPDATE,
        current,
        actor,
        reason=",".join(changed)[:255],
        extra={"status": current.status},
    )
    return current


def _submit_change(current: Entry, *, data: dict, actor: Actor) -> Entry:
    """Validate the changed entry as a whole, keep only the new values, send it for review."""
    proposal = Entry.objects.select_related("locality").get(pk=current.pk)
    changed = apply_changes(proposal, data, constants.ENTRY_FIELDS)
    if not changed:
        return current
    _validate(proposal)
    pending = {
        field: _pending_value(proposal, field, getattr(proposal, field)) for field in changed
    }
    step = None
    if current.change_status != ChangeStatus.AWAITING_REVIEW:
        step, _note = CHANGE.check(current, target=ChangeStatus.AWAITING_REVIEW, actor=actor)
    current.pending = pending
    current.pending_by = actor.authenticated_user
    current.pending_at = timezone.now()
    current.version = F("version") + 1
    fields = ["pending", "pending_by", "pending_at", "version", "updated_at"]
    if step is not None:
        CHANGE.record(current, step=step, actor=actor, fields=fields)
    else:  # a second edit of a change still waiting replaces it
        current.save(update_fields=fields)
        audit_by(AuditAction.UPDATE, current, actor, reason="pending change replaced")
    current.refresh_from_db()
    return current


@transaction.atomic
def entry_change_decide(
    *, entry: Entry, approve: bool, actor: Actor, version: int, note: str = ""
) -> Entry:
    """Staff approve a pending change (its values replace the published ones) or reject it
    with a reason (the published values stay)."""
    current = _lock(entry)
    check_version(current, version)
    target = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    step, note = CHANGE.check(current, target=target, actor=actor, note=note)
    fields = ["pending", "pending_by", "pending_at", "review_note", "version", "updated_at"]
    applied: list[str] = []
    if approve:
        for field, value in current.pending.items():
            if field not in constants.ENTRY_FIELDS:
                continue
            if field in RELATED:
                setattr(current, f"{field}_id", value)
                current.locality = (
                    Locality.objects.filter(pk=value).first() if value is not None else None
                )
            else:
                setattr(current, field, value)
            applied.append(field)
        _validate(current)
        fields += applied
    current.pending = {}
    current.pending_by = None
    current.pending_at = None
    current.review_note = note
    current.version = F("version") + 1
    CHANGE.record(current, step=step, actor=actor, note=note, fields=fields)
    current.refresh_from_db()
    template = "change_approved" if approve else "change_rejected"
    _mail_owners(current, template, _mail_context(current, actor, note))
    return current


@transaction.atomic
def entry_change_withdraw(*, entry: Entry, actor: Actor, version: int) -> Entry:
    current = _lock(entry)
    check_version(current, version)
    step, _note = CHANGE.check(current, target=ChangeStatus.NONE, actor=actor)
    current.pending = {}
    current.pending_by = None
    current.pending_at = None
    current.version = F("version") + 1
    CHANGE.record(
        current, step=step, actor=actor, fields=["pending", "pending_by", "pending_at", "version"]
    )
    current.refresh_from_db()
    return current


def pending_diff(entry: Entry) -> list[dict]:
    """The fields a pending change alters: label, published value and proposed value."""
    rows = []
    localities = {}
    if "locality" in entry.pending and entry.pending["locality"] is not None:
        localities = {
            loc.pk: loc.name for loc in Locality.objects.filter(pk=entry.pending["locality"])
        }
    for field in constants.ENTRY_FIELDS:
        if field not in entry.pending:
            continue
        value = entry.pending[field]
        model_field = Entry._meta.get_field(field)
        if field == "locality":
            old = entry.locality.name if entry.locality_id else ""
            new = localities.get(value, "")
        elif field in ("categories", "target_groups"):
            choices = dict(
                constants.Category.choices
                if field == "categories"
                else constants.TargetGroup.choices
            )
            old = ", ".join(str(choices.get(v, v)) for v in getattr(entry, field))
            new = ", ".join(str(choices.get(v, v)) for v in value)
        elif model_field.choices:
            choices = dict(model_field.choices)
            old, new = choices.get(getattr(entry, field), ""), choices.get(value, "")
        elif isinstance(value, bool):
            old = _("yes") if getattr(entry, field) else _("no")
            new = _("yes") if value else _("no")
        else:
            old, new = getattr(entry, field), value
        rows.append({"field": field, "label": model_field.verbose_name, "old": old, "new": new})
    return rows


# --- Status ----------------------------------------------------------------------------------


@transaction.atomic
def entry_transition(
    *, entry: Entry, target: str, actor: Actor, expected: str = "", note: str = ""
) -> Entry:
    """Take one step of ``workflows.ENTRY``. Publishing counts as a confirmation."""
    current = _lock(entry)
    step, note = ENTRY.check(current, target=target, actor=actor, expected=expected, note=note)
    if target in (EntryStatus.AWAITING_REVIEW, EntryStatus.PUBLISHED):
        _validate(current)
    fields = ["updated_at", "version", "review_note"]
    current.review_note = note if target in (EntryStatus.REJECTED, EntryStatus.DRAFT) else ""
    if target == EntryStatus.PUBLISHED:
        fields += _set_confirmed(current, timezone.localdate())
        if current.first_published_at is None:
            current.first_published_at = timezone.now()
            fields.append("first_published_at")
    current.version = F("version") + 1
    ENTRY.record(current, step=step, actor=actor, note=note, fields=fields)
    current.refresh_from_db()
    if STAFF in step.parties and target in (EntryStatus.PUBLISHED, EntryStatus.REJECTED):
        template = "entry_published" if target == EntryStatus.PUBLISHED else "entry_rejected"
        _mail_owners(current, template, _mail_context(current, actor, note))
    return current


@transaction.atomic
def entry_confirm(*, entry: Entry, actor: Actor) -> Entry:
    """The owner (or staff) confirms that a published entry is still right."""
    current = _lock(entry)
    if not _may_edit(current, actor):
        raise PermissionDenied
    if current.status != EntryStatus.PUBLISHED:
        raise ValidationError(_("Only a published entry can be confirmed."), code="not_published")
    fields = _set_confirmed(current, timezone.localdate())
    current.save(update_fields=[*fields, "updated_at"])
    audit_by(AuditAction.UPDATE, current, actor, reason="confirmed")
    return current


# --- Settings --------------------------------------------------------------------------------


@transaction.atomic
def settings_update(
    *, municipality, data: dict, actor: Actor, version: int | None
) -> DirectorySettings:
    """The administrator sets how often entries are confirmed; the due and drop-out dates of
    the municipality's entries follow at once."""
    if actor.user is None or not actor.user.has_role_in(municipality, Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    found, _created = DirectorySettings.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    changed = versioned_update(
        found,
        version=None if _created else version,
        data=data,
        fields=("confirm_months", "grace_months"),
        clean=lambda obj: obj.full_clean(exclude=["municipality", "version"]),
        required=False,
    )
    entries = list(
        Entry.objects.filter(municipality=municipality, last_confirmed_on__isnull=False).only(
            "pk", "last_confirmed_on"
        )
    )
    for entry in entries:
        entry.confirm_due_on, entry.drops_out_on = freshness_dates(
            entry.last_confirmed_on,
            confirm_months=found.confirm_months,
            grace_months=found.grace_months,
        )
    Entry.objects.bulk_update(entries, ["confirm_due_on", "drops_out_on"], batch_size=500)
    audit_by(
        AuditAction.UPDATE,
        found,
        actor,
        municipality=municipality,
        reason=",".join(changed),
    )
    return found


# --- Nightly ---------------------------------------------------------------------------------


def entries_request_confirmation(*, today: datetime.date | None = None) -> int:
    """Ask the owners of published entries whose confirmation is due, once per period (one
    mail per member; staff see the entries flagged on their list and start page). Returns how
    many entries were asked about."""
    today = today or timezone.localdate()
    asked = 0
    due = (
        Entry.objects.filter(status=EntryStatus.PUBLISHED, confirm_due_on__lte=today)
        .exclude(confirm_requested_on__gte=F("last_confirmed_on"))
        .select_related("municipality")
        .order_by("pk")
    )
    for entry in due.iterator(chunk_size=200):
        with transaction.atomic():
            updated = (
                Entry.objects.filter(pk=entry.pk)
                .exclude(confirm_requested_on__gte=F("last_confirmed_on"))
                .update(confirm_requested_on=today)
            )
            if not updated:
                continue
            context = _mail_context(entry, None)
            context["drops_out_on"] = entry.drops_out_on
            _mail_owners(entry, "confirm_request", context)
            asked += 1
    return asked


@task()
def entries_request_confirmation_task() -> int:
    return entries_request_confirmation()


@transaction.atomic
def entry_erase_contact(*, entry: Entry, actor: Actor) -> Entry:
    """An erasure request (privacy.rights): blank the contact person, phone number and e-mail
    address of the entry, and of a change waiting for review."""
    current = _lock(entry)
    pending = {
        k: v for k, v in current.pending.items() if k not in ("contact_name", "phone", "email")
    }
    current.contact_name = current.phone = current.email = ""
    current.pending = pending
    current.version = F("version") + 1
    current.save(update_fields=["contact_name", "phone", "email", "pending", "version"])
    audit_by(AuditAction.DELETE, current, actor, reason="removal on request")
    current.refresh_from_db()
    return current
