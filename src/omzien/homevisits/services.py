"""The writes of the preventive home visits: plans, the address import, assignment, the
visit's result, the follow-ups made in one step, retention and erasure.

Every status change goes through ``workflows.VISIT`` (``check`` then ``record``). Services take
an ``Actor`` and raise ``ValidationError`` with a code, or ``PermissionDenied``.
"""

import datetime
import io
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.services import io as tabular
from omzien.caregivers.services.caregivers import DuplicateCaregiver, caregiver_register
from omzien.caregivers.services.referrals import incoming_submit
from omzien.common.dates import add_months, months_ago
from omzien.common.imports import ImportOutcome
from omzien.common.services import Actor
from omzien.common.text import fold
from omzien.concerns import constants as concerns_constants
from omzien.concerns.services import concern_report
from omzien.homevisits import constants
from omzien.homevisits.models import Visit, VisitPlan, VisitTransition
from omzien.homevisits.workflows import VISIT, is_worker
from omzien.notifications.services import notify
from omzien.privacy.audit import audit_by, audit_log
from omzien.privacy.constants import ANONYMOUS_NAME, AuditAction
from omzien.volunteering.models import VolunteerProfile

__all__ = [
    "DuplicateCaregiver",
    "homevisits_apply_retention",
    "import_visits",
    "plan_create",
    "run_visit_import",
    "visit_anonymise",
    "visit_assign",
    "visit_follow_up_carer",
    "visit_follow_up_concern",
    "visit_follow_up_referral",
    "visit_plan_again",
    "visit_reassign",
    "visit_record",
    "visits_assign",
]

ASSIGNED = gettext_lazy("A home visit has been assigned to you.")
ASSIGNED_MANY = gettext_lazy("Home visits have been assigned to you.")


def _error(field_name: str, message: str, code: str) -> ValidationError:
    return ValidationError({field_name: [ValidationError(message, code=code)]})


def _require_worker_of(municipality_id: int, actor: Actor) -> None:
    user = actor.authenticated_user
    if user is None or not user.has_role_in(municipality_id, Role.WELFARE_WORKER):
        raise PermissionDenied


def _lock(visit: Visit) -> Visit:
    return Visit.objects.select_for_update().select_related("plan", "municipality").get(pk=visit.pk)


# --- Plans ------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, municipality, data: dict, actor: Actor) -> VisitPlan:
    """A welfare worker plans a round of visits to a target group."""
    _require_worker_of(municipality.pk, actor)
    plan = VisitPlan(municipality=municipality, created_by=actor.authenticated_user)
    for name in ("name", "target_group", "starts_on", "ends_on", "remove_after_months"):
        if name in data and data[name] is not None:
            setattr(plan, name, data[name])
    plan.name = " ".join((plan.name or "").split())
    errors = {}
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        errors["ends_on"] = [
            ValidationError(_("The plan ends before it starts."), code="ends_before_start")
        ]
    try:
        plan.full_clean()
    except ValidationError as error:
        for name, messages in error.error_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    plan.save()
    audit_by(AuditAction.CREATE, plan, actor, municipality=municipality)
    return plan


# --- The address import (the carer registry's tabular import, caregivers.services.io) --------

COLUMNS: tuple[tabular.Column, ...] = (
    tabular.Column(
        "naam", "name", True, tabular.parse_text,
        gettext_lazy("Name of the resident, as on the letter."), "mevrouw A. de Vries",
        values=tabular.TEXT,
    ),
    tabular.Column(
        "straat", "street", True, tabular.parse_text, gettext_lazy("Street."), "Dorpsstraat",
        values=tabular.TEXT,
    ),
    tabular.Column(
        "huisnummer", "house_number", True, tabular.parse_text,
        gettext_lazy("House number with any addition."), "12a", values=tabular.TEXT,
    ),
    tabular.Column(
        "postcode", "postcode", True, tabular.parse_postcode, gettext_lazy("Dutch postcode."),
        "8181 AB", values=gettext_lazy("For example 8181 AB"),
    ),
    tabular.Column(
        "woonplaats", "locality", False, tabular.parse_text, gettext_lazy("Locality."),
        "Heerde", values=tabular.TEXT,
    ),
    tabular.Column(
        "geboortedatum", "date_of_birth", False, tabular.parse_past_date,
        gettext_lazy("Date of birth, if the list has it."), "03-02-1948",
        values=tabular.DATE_VALUES,
    ),
    tabular.Column(
        "telefoon", "phone", False, tabular.parse_phone,
        gettext_lazy("Phone number, to make an appointment."), "0578-123456",
        values=gettext_lazy("For example 06-12345678 or 0578-123456"),
    ),
)  # fmt: skip
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
IMPORT_KIND = "homevisits"


def column_docs() -> list[dict]:
    return [
        {
            "name": column.name,
            "required": column.required,
            "values": column.allowed_values,
            "help": column.help,
        }
        for column in COLUMNS
    ]


def _identity(name: str, postcode: str, house_number: str) -> tuple:
    return (fold(name), postcode.replace(" ", "").upper(), fold(house_number).replace(" ", ""))


def _parse(table: tabular.Table, cells: list) -> tuple[dict, dict[str, list[str]]]:
    data, errors = {}, {}
    values = {c: raw for c, raw in zip(table.columns, cells, strict=True) if c is not None}
    for column in COLUMNS:
        raw = values.get(column)
        if tabular.cell_text(raw) == "":
            if column.required and column in values:
                errors[column.name] = [_("This column is required.")]
            data[column.field] = None if column.field == "date_of_birth" else ""
            continue
        try:
            data[column.field] = column.parser(raw)
        except tabular.CellError as error:
            errors[column.name] = [str(error)]
    for column in COLUMNS:
        limit = getattr(Visit._meta.get_field(column.field), "max_length", None)
        value = data.get(column.field)
        if limit and isinstance(value, str) and len(value) > limit and column.name not in errors:
            errors[column.name] = [
                _("At most %(limit)s characters.") % {"limit": limit},
            ]
    return data, errors


def _import_rows(*, plan, table, actor, result: tabular.ImportResult, progress) -> None:
    known = {
        _identity(*row): None
        for row in Visit.objects.filter(plan=plan).values_list("name", "postcode", "house_number")
    }
    in_file: dict[tuple, int] = {}
    new = []
    for done, (number, cells) in enumerate(table.rows):
        progress(done, len(table.rows))
        data, errors = _parse(table, cells)
        for column_name in table.lost_letters.get(number, ()):
            errors.setdefault(column_name, []).append(
                _(
                    "A letter was lost here (“?”): the file is not in UTF-8. Save it as “CSV "
                    "UTF-8” and upload it again, or correct the letter after the import."
                )
            )
        name = data.get("name") or ""
        if errors:
            result.invalid += 1
            order = {n: i for i, n in enumerate(COLUMN_NAMES)}
            result.reports.append(
                tabular.RowReport(
                    number,
                    tabular.INVALID,
                    name,
                    [
                        (column, message)
                        for column in sorted(errors, key=lambda n: order.get(n, 99))
                        for message in errors[column]
                    ],
                )
            )
            continue
        key = _identity(name, data["postcode"], data["house_number"])
        if key in known or key in in_file:
            message = (
                _("Already in this plan: the same resident as row %(row)s of this file.")
                % {"row": in_file[key]}
                if key in in_file
                else _("Already in this plan; skipped.")
            )
            result.duplicates += 1
            result.reports.append(
                tabular.RowReport(number, tabular.DUPLICATE, name, [("", message)])
            )
            continue
        in_file[key] = number
        new.append(
            Visit(
                municipality_id=plan.municipality_id,
                plan=plan,
                **data,
            )  # fmt: skip
        )
        result.created += 1
    created = Visit.objects.bulk_create(new, batch_size=500)
    VisitTransition.objects.bulk_create(
        [
            VisitTransition(
                visit=visit,
                from_status="",
                to_status=constants.Status.PLANNED,
                actor=actor.authenticated_user,
            )  # fmt: skip
            for visit in created
        ],
        batch_size=500,
    )


def import_visits(
    *,
    plan: VisitPlan,
    file,
    filename: str,
    dry_run: bool,
    actor: Actor,
    progress: Callable[[int, int], None] | None = None,
    audit_extra: dict | None = None,
) -> tabular.ImportResult:
    """Import a list of addresses into ``plan`` from a CSV or XLSX file, read by the carer
    registry's reader (sizes capped the same). A dry run writes nothing; a real run writes
    every valid row in one transaction and reports the others (each with its Dutch error); a
    resident already in the plan (same name, postcode and house number) is skipped with a
    message; a file that cannot be read as a whole writes nothing."""
    _require_worker_of(plan.municipality_id, actor)

    def audit(table, result) -> None:
        audit_log(
            action=AuditAction.CREATE,
            actor=actor.user,
            obj=plan,
            municipality=plan.municipality,
            request=actor.request,
            reason="home visit import",
            extra=tabular.import_summary(table, result, audit_extra),
        )

    return tabular.import_table(
        read=lambda: tabular.read_table(file, filename, COLUMNS),
        filename=filename,
        dry_run=dry_run,
        # One import per plan at a time, so two uploads cannot both pass the duplicate check.
        lock=lambda: VisitPlan.objects.select_for_update().filter(pk=plan.pk).exists(),
        import_rows=lambda table, result: _import_rows(
            plan=plan,
            table=table,
            actor=actor,
            result=result,
            progress=progress or (lambda done, total: None),
        ),
        audit=audit,
    )


def run_visit_import(*, job, data: bytes, progress) -> ImportOutcome:
    """The importer registered with ``common.imports``: runs one stored upload."""
    plan = VisitPlan.objects.filter(
        pk=job.options.get("plan"), municipality=job.municipality
    ).first()
    if plan is None:
        return ImportOutcome(file_errors=[_("The plan of this import no longer exists.")])
    result = import_visits(
        plan=plan,
        file=io.BytesIO(data),
        filename=job.filename,
        dry_run=job.dry_run,
        actor=Actor(user=job.created_by),
        progress=progress,
        audit_extra={"import_job": job.pk},
    )
    return ImportOutcome(
        summary={
            "created": result.created,
            "duplicates": result.duplicates,
            "invalid": result.invalid,
        },
        file_errors=result.file_errors,
        warnings=result.warnings,
        report=[
            {"row": r.row, "status": r.status, "name": r.name, "errors": r.errors}
            for r in result.reports
        ],
        rows_total=result.total,
    )


# A finished job as the result the import page shows: the carer registry's own.
result_of_job = tabular.result_of_job


def template_csv() -> bytes:
    import codecs
    import csv

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([list(COLUMN_NAMES), [column.example for column in COLUMNS]])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


# --- Assignment -------------------------------------------------------------------------------


def may_visit(municipality_id: int, user) -> bool:
    """A visitor: an active welfare worker of the municipality, or a volunteer there (an
    account with a volunteer profile in it that is not paused)."""
    if user is None or not user.is_active:
        return False
    if user.has_role_in(municipality_id, Role.WELFARE_WORKER):
        return True
    return VolunteerProfile.objects.filter(
        user=user, municipality_id=municipality_id, paused=False
    ).exists()


def _check_assignee(municipality_id: int, assignee) -> None:
    if not may_visit(municipality_id, assignee):
        raise _error(
            "assignee",
            _("Choose a volunteer or welfare worker of this municipality."),
            "not_a_visitor",
        )


def _tell(assignee, actor: Actor, municipality, message, key: str) -> None:
    if assignee != actor.authenticated_user:
        url = (
            reverse("homevisits:mine")
            if not assignee.has_role_in(municipality, Role.WELFARE_WORKER)
            else reverse("homevisits:plans")
        )
        notify(
            recipients=[assignee],
            kind="home_visit_assigned",
            message=message,
            url=url,
            key=key,
            municipality=municipality,
        )


@transaction.atomic
def visit_assign(*, visit: Visit, assignee, actor: Actor, seen: str = "") -> Visit:
    """Give a planned visit to a visitor (a volunteer or a welfare worker)."""
    visit = _lock(visit)
    step, _note = VISIT.check(visit, target=constants.Status.ASSIGNED, actor=actor, expected=seen)
    _check_assignee(visit.municipality_id, assignee)
    visit.assigned_to = assignee
    visit.version += 1
    VISIT.record(visit, step=step, actor=actor, fields=["assigned_to", "version", "updated_at"])
    _tell(assignee, actor, visit.municipality, ASSIGNED, f"home_visit:{visit.pk}")
    return visit


@transaction.atomic
def visit_reassign(*, visit: Visit, assignee, actor: Actor) -> Visit:
    """Hand an assigned visit to another visitor (no change of status)."""
    visit = _lock(visit)
    user = actor.authenticated_user
    if user is None or not is_worker(visit, user):
        raise PermissionDenied
    if visit.status != constants.Status.ASSIGNED:
        raise ValidationError(
            _("Only an assigned visit can be given to another visitor."), code="not_allowed"
        )
    _check_assignee(visit.municipality_id, assignee)
    if visit.assigned_to_id == assignee.pk:
        return visit
    visit.assigned_to = assignee
    visit.version += 1
    visit.save(update_fields=["assigned_to", "version", "updated_at"])
    audit_by(AuditAction.UPDATE, visit, actor, reason="assigned to another visitor")
    _tell(assignee, actor, visit.municipality, ASSIGNED, f"home_visit:{visit.pk}")
    return visit


@transaction.atomic
def visits_assign(*, plan: VisitPlan, pks: list[int], assignee, actor: Actor) -> int:
    """Assign several planned visits of a plan to one visitor at once (the ones that are no
    longer planned are left as they are). Returns how many were assigned."""
    _require_worker_of(plan.municipality_id, actor)
    _check_assignee(plan.municipality_id, assignee)
    visits = list(
        Visit.objects.select_for_update()
        .filter(plan=plan, pk__in=pks, status=constants.Status.PLANNED)
        .order_by("pk")
    )
    if not visits:
        raise _error(
            "visits", _("Choose at least one visit that is still to be assigned."), "none_chosen"
        )
    step = VISIT.step(constants.Status.PLANNED, constants.Status.ASSIGNED)
    VISIT.record_many(
        visits,
        step=step,
        actor=actor,
        values={"assigned_to": assignee, "version": F("version") + 1, "updated_at": timezone.now()},
    )
    _tell(assignee, actor, plan.municipality, ASSIGNED_MANY, f"home_visits:{plan.pk}")
    return len(visits)


# --- The visit --------------------------------------------------------------------------------


def _clean_result(visit: Visit, *, visited_on, topics, follow_up, result: str) -> dict:
    errors = {}
    today = timezone.localdate()
    if not visited_on:
        errors["visited_on"] = [
            ValidationError(_("Fill in the date of the visit."), code="required")
        ]
    elif visited_on > today:
        errors["visited_on"] = [ValidationError(_("The date lies in the future."), code="future")]
    elif visited_on < timezone.localdate(visit.created_at):
        errors["visited_on"] = [
            ValidationError(_("The date lies before the visit was planned."), code="too_early")
        ]
    unknown = [t for t in topics if t not in constants.Topic.values]
    if unknown:
        errors["topics"] = [
            ValidationError(_("Choose topics from the list."), code="invalid_topic")
        ]
    if follow_up and follow_up not in constants.FollowUp.values:
        errors["follow_up"] = [ValidationError(_("Choose a follow-up."), code="invalid_follow_up")]
    if follow_up and result != constants.Status.HELD:
        errors["follow_up"] = [
            ValidationError(
                _("A follow-up is recorded for a visit that was held."), code="follow_up_not_held"
            )
        ]
    return errors


@transaction.atomic
def visit_record(
    *,
    visit: Visit,
    result: str,
    visited_on: datetime.date,
    topics: list[str] | None = None,
    follow_up: str = "",
    follow_up_wishes: str = "",
    notes: str = "",
    actor: Actor,
    seen: str = "",
) -> Visit:
    """The visitor records the visit: held (with topics, follow-up wishes and notes), nobody
    at home, or declined."""
    visit = _lock(visit)
    if result not in constants.RESULTS:
        raise _error("result", _("Choose how the visit went."), "result_required")
    step, _note = VISIT.check(visit, target=result, actor=actor, expected=seen)
    topics = list(dict.fromkeys(topics or []))
    errors = _clean_result(
        visit, visited_on=visited_on, topics=topics, follow_up=follow_up, result=result
    )
    if len(notes or "") > 4000:
        errors["notes"] = [ValidationError(_("At most 4000 characters."), code="too_long")]
    if len(follow_up_wishes or "") > 2000:
        errors["follow_up_wishes"] = [
            ValidationError(_("At most 2000 characters."), code="too_long")
        ]
    if errors:
        raise ValidationError(errors)
    held = result == constants.Status.HELD
    visit.visited_on = visited_on
    visit.topics = topics if held else []
    visit.follow_up = follow_up if held else ""
    visit.follow_up_wishes = (follow_up_wishes or "").strip() if held else ""
    visit.notes = (notes or "").strip()
    visit.version += 1
    VISIT.record(
        visit,
        step=step,
        actor=actor,
        fields=[
            "visited_on",
            "topics",
            "follow_up",
            "follow_up_wishes",
            "notes",
            "version",
            "updated_at",
        ],
    )
    return visit


@transaction.atomic
def visit_plan_again(*, visit: Visit, actor: Actor, seen: str = "") -> Visit:
    """Nobody was at home: plan the visit again (it is then assigned anew)."""
    visit = _lock(visit)
    step, _note = VISIT.check(visit, target=constants.Status.PLANNED, actor=actor, expected=seen)
    visit.assigned_to = None
    visit.visited_on = None
    visit.version += 1
    VISIT.record(
        visit, step=step, actor=actor, fields=["assigned_to", "visited_on", "version", "updated_at"]
    )
    return visit


# --- Follow-ups in one step -------------------------------------------------------------------


def _check_follow_up(visit: Visit, actor: Actor) -> None:
    user = actor.authenticated_user
    if user is None or not is_worker(visit, user):
        raise PermissionDenied
    if visit.status != constants.Status.HELD:
        raise ValidationError(_("A follow-up is made from a visit that was held."), code="not_held")
    if visit.followed_up:
        raise ValidationError(_("A follow-up has been made already."), code="already_followed_up")


def concern_data(visit: Visit) -> dict:
    """What the concern form starts from: the resident and their wishes."""
    topics = {
        constants.Topic.LONELINESS: concerns_constants.Kind.LONELINESS,
        constants.Topic.CARER: concerns_constants.Kind.CARER_OVERLOAD,
    }
    kind = next((topics[t] for t in visit.topics if t in topics), concerns_constants.Kind.OTHER)
    return {
        "kind": kind,
        "observation": visit.follow_up_wishes,
        "consent": concerns_constants.Consent.KNOWS,
        "urgency": concerns_constants.Urgency.NORMAL,
    }


@transaction.atomic
def visit_follow_up_concern(*, visit: Visit, data: dict, actor: Actor):
    """Turn the follow-up of a held visit into a concern at the welfare team's contact point
    (concerns.services.concern_report, as the team's own report), and keep the link."""
    visit = _lock(visit)
    _check_follow_up(visit, actor)
    report = {
        "resident_name": visit.name,
        "resident_address": visit.address,
        "resident_postcode": visit.postcode,
        "resident_phone": visit.phone,
        "resident_birth_year": visit.date_of_birth.year if visit.date_of_birth else None,
        **{
            k: data[k]
            for k in ("kind", "life_event", "urgency", "observation", "consent")
            if k in data
        },  # fmt: skip
    }
    concern = concern_report(
        municipality=visit.municipality,
        data=report,
        source=concerns_constants.Source.STAFF,
        actor=actor,
    )
    visit.concern = concern
    visit.follow_up_done_on = timezone.localdate()
    visit.version += 1
    visit.save(update_fields=["concern", "follow_up_done_on", "version", "updated_at"])
    audit_by(AuditAction.UPDATE, visit, actor, reason="follow-up: concern")
    return concern


@transaction.atomic
def visit_follow_up_carer(
    *, visit: Visit, data: dict, actor: Actor, on_duplicate: str = ""
) -> Visit:
    """Register the resident of a held visit as a carer through the caregivers' own
    registration (with its duplicate check), and keep the link.

    With a likely duplicate, ``DuplicateCaregiver`` is raised unless ``on_duplicate`` says what
    to do: ``"link"`` links the visit to the carer already registered, ``"register"``
    registers a second record (a consultant merges them)."""
    visit = _lock(visit)
    _check_follow_up(visit, actor)
    carer_data = {
        **data,
        "source": caregivers_constants.Source.OTHER,
        "legal_basis": caregivers_constants.LegalBasis.CONSENT,
        "consent_given_on": timezone.localdate(),
    }
    try:
        with transaction.atomic():
            caregiver = caregiver_register(
                municipality=visit.municipality,
                data=carer_data,
                actor=actor,
                allow_duplicate=on_duplicate == "register",
            )
    except DuplicateCaregiver as duplicate:
        if on_duplicate != "link":
            raise
        caregiver = duplicate.existing[0]
    visit.caregiver = caregiver
    visit.follow_up_done_on = timezone.localdate()
    visit.version += 1
    visit.save(update_fields=["caregiver", "follow_up_done_on", "version", "updated_at"])
    audit_by(AuditAction.UPDATE, visit, actor, reason="follow-up: carer registered")
    return visit


@transaction.atomic
def visit_follow_up_referral(*, visit: Visit, data: dict, actor: Actor):
    """Refer the resident of a held visit to the carer consultants (caregivers' incoming
    referral, as a home visit), and keep the link: the consultant takes it on or declines it,
    and the visit shows its status."""
    visit = _lock(visit)
    _check_follow_up(visit, actor)
    incoming = incoming_submit(
        municipality=visit.municipality,
        submitted_by=actor.authenticated_user,
        data={**data, "referrer_kind": caregivers_constants.Source.HOME_VISIT},
        request=actor.request,
    )
    visit.incoming_referral = incoming
    visit.follow_up_done_on = timezone.localdate()
    visit.version += 1
    visit.save(update_fields=["incoming_referral", "follow_up_done_on", "version", "updated_at"])
    audit_by(AuditAction.UPDATE, visit, actor, reason="follow-up: referred to the consultants")
    return incoming


# --- Retention and erasure --------------------------------------------------------------------


def _remove_address(visit: Visit) -> None:
    visit.name = ANONYMOUS_NAME
    visit.street = ""
    visit.house_number = ""
    visit.postcode = ""
    visit.phone = ""
    visit.date_of_birth = None
    visit.address_removed_at = timezone.now()


@transaction.atomic
def visit_anonymise(*, visit: Visit, actor: Actor | None = None, reason: str) -> Visit:
    """Remove who the resident is and everything written about them; what stays (the plan,
    the status, the date, the topics) feeds the figures."""
    visit = _lock(visit)
    _remove_address(visit)
    visit.locality = ""
    visit.notes = ""
    visit.follow_up_wishes = ""
    visit.notes_anonymised_at = timezone.now()
    visit.version += 1
    visit.save()
    VisitTransition.objects.filter(visit=visit).update(note="")
    audit_by(AuditAction.UPDATE, visit, actor or Actor(), reason=f"anonymised: {reason}")
    return visit


def homevisits_apply_retention(today: datetime.date | None = None) -> int:
    """The nightly rule (privacy.retention; docs/privacy.md): the address of a visit that was
    not held is removed once its plan has ended plus the plan's months; the notes and wishes
    of a held visit are removed 12 months after the visit unless a follow-up was made."""
    today = today or timezone.localdate()
    handled = 0
    not_held = Visit.objects.filter(address_removed_at__isnull=True).exclude(
        status=constants.Status.HELD
    )
    plans = VisitPlan.objects.filter(
        pk__in=not_held.values("plan_id"), ends_on__lt=today
    ).values_list("pk", "ends_on", "remove_after_months")
    for plan_id, ends_on, months in list(plans):
        if add_months(ends_on, months) > today:
            continue
        for pk in list(not_held.filter(plan_id=plan_id).values_list("pk", flat=True)):
            with transaction.atomic():
                visit = Visit.objects.select_for_update().get(pk=pk)
                if visit.status == constants.Status.HELD or visit.address_removed_at:
                    continue
                _remove_address(visit)
                visit.notes = ""
                visit.save()
                VisitTransition.objects.filter(visit=visit).update(note="")
                audit_by(AuditAction.UPDATE, visit, Actor(), reason="address removed: retention")
                handled += 1
    cutoff = months_ago(today, constants.NOTES_ANONYMISE_AFTER_MONTHS)
    stale = Visit.objects.filter(
        status=constants.Status.HELD,
        visited_on__lte=cutoff,
        notes_anonymised_at__isnull=True,
    ).not_followed_up()
    for visit in list(stale.only("pk")):
        visit_anonymise(visit=visit, reason="retention")
        handled += 1
    return handled
