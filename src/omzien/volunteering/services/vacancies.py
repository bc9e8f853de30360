"""Vacancies and one-off tasks: the writes.

Organisation members create and edit the vacancies of their organisation. Every change of
state goes through :func:`vacancy_transition`, which locks the row and takes the step through
the workflow ``workflows.VACANCY`` (the one place that says which state may follow which, and
who may make that step): it appends a :class:`VacancyTransition` and writes the audit event.

Review: a volunteer broker of the municipality reviews a vacancy before its *first*
publication. A member's later edit of a published vacancy keeps it published: the
organisation was approved and the vacancy reviewed once, a fresh review for each correction
of a typo or a date would leave volunteers looking at stale text, and each edit is audited
with the fields it changed. A broker who disagrees with an edit takes the vacancy offline
(back to draft, with a reason), after which it needs a new review. A filled or expired
vacancy may be published again by its members for the same reason.

The public search shows published vacancies within their publication period, of approved
organisations. Text search uses PostgreSQL full-text search with the Dutch dictionary and
falls back to matching every word on SQLite.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import (  # noqa: F401 - re-exported
    Actor,
    EditConflict,
    apply_changes,
    check_version,
    versioned_update,
)
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Organisation, OrganisationMember, Vacancy
from omzien.volunteering.permissions import is_member
from omzien.volunteering.services import notifications
from omzien.volunteering.workflows import BROKER, NEEDS_APPROVED_ORGANISATION, VACANCY

PAGE_SIZE = 20
NOTE_MAX = 255

# What the organisation fills in (the municipality follows from the organisation).
VACANCY_FIELDS = (
    "title",
    "description",
    "domains",
    "tasks",
    "target_groups",
    "kind",
    "day_parts",
    "hours_per_week",
    "starts_at",
    "ends_at",
    "places",
    "location_kind",
    "locality",
    "address",
    "min_age",
    "vog_required",
    "vog_aspects",
    "vog_max_age_years",
    "driving_licence",
    "languages",
    "suitable_young",
    "suitable_distance_labour",
    "basic_dutch_ok",
    "guidance_offered",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_public",
    "publish_from",
    "publish_until",
)
# Members may change a vacancy in these states; a closed vacancy is final.
EDITABLE_STATES = frozenset(
    {
        volunteering_constants.VacancyStatus.DRAFT,
        volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        volunteering_constants.VacancyStatus.PUBLISHED,
        volunteering_constants.VacancyStatus.FILLED,
        volunteering_constants.VacancyStatus.EXPIRED,
    }
)

# --- Helpers ---------------------------------------------------------------------------------


def _lock(vacancy: Vacancy) -> Vacancy:
    return (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("municipality", "organisation")
        .get(pk=vacancy.pk)
    )


def _local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def _validate(vacancy: Vacancy) -> None:
    """The rules a form alone cannot check; raises one ValidationError with every field."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    try:
        vacancy.full_clean(
            exclude=[
                "version",
                "municipality",
                "organisation",
                "status",
                "created_by",
                "first_published_at",
            ]
        )
    except ValidationError as error:
        errors.update(error.error_dict)
    if not vacancy.domains:
        add("domains", _("Choose at least one domain."), "domains_required")
    for field, known in (
        ("domains", set(volunteering_constants.Domain.values)),
        ("target_groups", set(volunteering_constants.TargetGroup.values)),
        ("languages", {code for code, _label in volunteering_constants.LANGUAGES}),
        ("day_parts", set(volunteering_constants.DAY_PART_CODES)),
        ("vog_aspects", set(volunteering_constants.VogAspect.values)),
    ):
        unknown = set(getattr(vacancy, field) or []) - known
        if unknown:
            add(field, _("Unknown choice: %s") % ", ".join(sorted(unknown)), "invalid_choice")
    if not vacancy.vog_required:
        # A screening profile or an age only means something for a VOG that is required.
        vacancy.vog_aspects, vacancy.vog_max_age_years = [], None
    if vacancy.kind == volunteering_constants.VacancyKind.ONE_OFF:
        if vacancy.starts_at is None:
            add("starts_at", _("A one-off task needs a date and a starting time."), "date_required")
        if vacancy.day_parts:
            add(
                "day_parts",
                _("A one-off task has a date and time, not day-parts of the week: untick them."),
                "day_parts_not_allowed",
            )
    elif vacancy.kind and not vacancy.day_parts:
        add(
            "day_parts",
            _("Choose at least one day-part when the volunteer is needed."),
            "day_parts_required",
        )
    if vacancy.starts_at and vacancy.ends_at and vacancy.ends_at <= vacancy.starts_at:
        add("ends_at", _("The end lies before the start."), "before_start")
    at_address = vacancy.location_kind == volunteering_constants.LocationKind.ADDRESS
    if at_address and vacancy.locality_id is None and not vacancy.address:
        add("locality", _("Choose a village or town, or fill in the address."), "locality_required")
    if vacancy.locality_id and vacancy.locality.municipality_id != vacancy.municipality_id:
        add(
            "locality",
            _("Choose a village or town in the municipality of the organisation."),
            "locality_other_municipality",
        )
    until = vacancy.publish_until
    if until and vacancy.publish_from and until < vacancy.publish_from:
        add(
            "publish_until",
            _("The end of the publication lies before its start."),
            "publication_before_start",
        )
    one_off_date = vacancy.kind == volunteering_constants.VacancyKind.ONE_OFF and vacancy.starts_at
    if until and one_off_date and until > _local_date(vacancy.starts_at):
        add(
            "publish_until",
            _("A one-off task cannot stay published after its date."),
            "published_after_date",
        )
    if errors:
        raise ValidationError(errors)


def _prepare(vacancy: Vacancy) -> None:
    """Derived values: tidy text, and a one-off task is published until its date."""
    vacancy.address = (vacancy.address or "").strip()
    vacancy.title = (vacancy.title or "").strip()
    if (
        vacancy.kind == volunteering_constants.VacancyKind.ONE_OFF
        and vacancy.starts_at
        and not vacancy.publish_until
    ):
        vacancy.publish_until = _local_date(vacancy.starts_at)


def _member_emails(vacancy: Vacancy) -> list[str]:
    return sorted(
        OrganisationMember.objects.filter(
            organisation_id=vacancy.organisation_id, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def _mail(template: str, recipients: list[str], context: dict) -> None:
    def send() -> None:
        # One mail per person: addresses of colleagues are not shared.
        for email in recipients:
            send_templated_mail(
                template=f"volunteering/email/{template}", context=context, to=[email]
            )

    transaction.on_commit(send)


def _notify(vacancy: Vacancy, from_status: str, to_status: str, actor: Actor, note: str) -> None:
    """The work of the status the vacancy left is done; whoever it now waits for is notified
    (``notifications``); the members read by e-mail that a broker published it."""
    notifications.vacancy_left(vacancy, from_status)
    notifications.vacancy_entered(vacancy, to_status)
    if (
        to_status == volunteering_constants.VacancyStatus.PUBLISHED
        and VACANCY.step(from_status, to_status).by == BROKER
    ):
        context = {
            "title": vacancy.title,
            "organisation": vacancy.organisation.name,
            "municipality": vacancy.municipality.name,
            "note": note,
            "link": absolute_url(
                actor.request, reverse("volunteering:vacancy_manage", args=[vacancy.pk])
            ),
            "public_link": absolute_url(
                actor.request, reverse("volunteering:vacancy_detail", args=[vacancy.pk])
            ),
        }
        _mail("vacancy_published", _member_emails(vacancy), context)


# --- Services ------------------------------------------------------------------------------


def _prepare_and_validate(vacancy: Vacancy) -> None:
    _prepare(vacancy)
    _validate(vacancy)


@transaction.atomic
def vacancy_create(*, organisation: Organisation, data: dict, actor: Actor) -> Vacancy:
    """A member of the organisation writes a new vacancy; it starts as a draft."""
    if not is_member(actor.user, organisation.pk):
        raise PermissionDenied
    vacancy = Vacancy(
        organisation=organisation,
        municipality_id=organisation.municipality_id,
        status=volunteering_constants.VacancyStatus.DRAFT,
        created_by=actor.user,
    )
    apply_changes(vacancy, data, VACANCY_FIELDS)
    _prepare(vacancy)
    _validate(vacancy)
    vacancy.save()
    VACANCY.log_step(
        vacancy, source="", target=volunteering_constants.VacancyStatus.DRAFT, actor=actor
    )
    audit_by(AuditAction.CREATE, vacancy, actor)
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, version: int, data: dict, actor: Actor) -> Vacancy:
    """A member changes the vacancy; refused if someone else saved it since ``version``.

    The status stays as it is (see the module's docstring for why a published vacancy
    stays published).
    """
    current = _lock(vacancy)
    if not is_member(actor.user, current.organisation_id):
        raise PermissionDenied
    check_version(current, version)
    if current.status not in EDITABLE_STATES:
        raise ValidationError(_("A closed vacancy can no longer be changed."), code="not_editable")
    changed = versioned_update(
        current, version=version, data=data, fields=VACANCY_FIELDS, clean=_prepare_and_validate
    )
    audit_by(
        AuditAction.UPDATE,
        current,
        actor,
        reason=",".join(changed)[:255],
        extra={"status": current.status},
    )
    return current


def _check_publishable(vacancy: Vacancy) -> None:
    today = timezone.localdate()
    if vacancy.publish_until and vacancy.publish_until < today:
        raise ValidationError(
            _(
                "The publication period has ended. Change the date in “publish until” first, "
                "then try again."
            ),
            code="publication_ended",
        )


@transaction.atomic
def vacancy_transition(
    *, vacancy: Vacancy, to_status: str, actor: Actor, note: str = ""
) -> Vacancy:
    """Move the vacancy to ``to_status`` if the workflow ``VACANCY`` allows it for this actor."""
    current = _lock(vacancy)
    from_status = current.status
    step, note = VACANCY.check(current, target=to_status, actor=actor, note=note)
    if to_status in NEEDS_APPROVED_ORGANISATION and not current.organisation.is_approved:
        raise ValidationError(
            _(
                "The volunteer broker has not yet approved the organisation. Its vacancies "
                "can be reviewed and published after approval."
            ),
            code="organisation_not_approved",
        )
    if to_status in (
        volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        volunteering_constants.VacancyStatus.PUBLISHED,
    ):
        _validate(current)
        _check_publishable(current)
    fields = ["updated_at"]
    if (
        to_status == volunteering_constants.VacancyStatus.PUBLISHED
        and current.first_published_at is None
    ):
        current.first_published_at = timezone.now()
        fields.append("first_published_at")
    VACANCY.record(current, step=step, actor=actor, note=note, fields=fields)
    _notify(current, from_status, to_status, actor, note)
    return current


def vacancies_expire(*, today: datetime.date | None = None) -> int:
    """Move published vacancies whose publication period has ended to expired."""
    today = today or timezone.localdate()
    done = 0
    due = Vacancy.objects.filter(
        status=volunteering_constants.VacancyStatus.PUBLISHED, publish_until__lt=today
    )
    for pk in due.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            vacancy = Vacancy.objects.select_for_update(of=("self",)).get(pk=pk)
            # Checked again under the lock: a member may have just changed the dates.
            if vacancy.status != volunteering_constants.VacancyStatus.PUBLISHED or not (
                vacancy.publish_until and vacancy.publish_until < today
            ):
                continue
            vacancy_transition(
                vacancy=vacancy,
                to_status=volunteering_constants.VacancyStatus.EXPIRED,
                actor=Actor(),
            )
            done += 1
    return done


@task()
def vacancies_expire_task() -> int:
    return vacancies_expire()
