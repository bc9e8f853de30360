"""Responses to vacancies and the placements that follow: writes (services) and reads.

Every change of a response's status goes through :func:`response_transition`, which takes
the step through the workflow ``workflows.RESPONSE`` (the one place that says which status
may follow which, and who may take the step) on the locked row: it checks the status it
found, appends a :class:`ResponseTransition` and writes the audit event. Two organisation
members who act on the same response at once cannot both succeed: the second finds the
changed status under the lock and is refused.

A broker's proposal starts as PROPOSED. The organisation does not see it until the volunteer
agrees (the broker records the agreement for an assisted volunteer without an account): the
agreement sets ``sent_to_organisation``, and a proposal the volunteer said no to never has it
(``volunteering.query``).

Accepting creates a :class:`Placement` (the returned response's ``placement``), on the
waiting list when the vacancy's places are taken. Every change of a placement's status goes
the same way through the workflow ``workflows.PLACEMENT``, logged in
:class:`PlacementTransition`. The hard requirements of the vacancy (minimum age, a VOG) are
checked against the start date: a start date is refused unless a broker has recorded an
exception on the placement. A one-off task's placement starts on the task's date when the
requirements are met; otherwise it waits, planned, for the broker's exception.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from omzien.accounts.constants import Role
from omzien.common.dates import add_months, age_on
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor
from omzien.common.workflow import Step
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    CheckIn,
    Placement,
    Vacancy,
    VacancyResponse,
    VolunteerProfile,
)
from omzien.volunteering.permissions import is_member
from omzien.volunteering.selectors.vacancies import public_vacancies
from omzien.volunteering.selectors.vog import vacancy_vog_max_age, vog_fits, vog_of
from omzien.volunteering.services import notifications
from omzien.volunteering.workflows import ANSWERED, PLACEMENT, RESPONSE

NOTE_MAX = 255
MESSAGE_MAX = 2000
REMIND_AFTER_DAYS = 7
NO_REPLY_AFTER_DAYS = 28
CHECK_IN_MONTHS = (1, 3)
ACTIVE_PLACEMENT = (
    volunteering_constants.PlacementStatus.PLANNED,
    volunteering_constants.PlacementStatus.RUNNING,
)

# --- Helpers ---------------------------------------------------------------------------------


def first_name(profile: VolunteerProfile) -> str:
    parts = (profile.full_name or "").split()
    return parts[0] if parts else ""


def volunteer_email(profile: VolunteerProfile) -> str:
    if profile.user_id and profile.user.is_active and profile.user.email:
        return profile.user.email
    return ""


def volunteer_language(profile: VolunteerProfile) -> str | None:
    """The language the volunteer chose for their account (None: the request's language)."""
    if profile.user_id and profile.user.preferred_language:
        return profile.user.preferred_language
    return None


def mail_on_commit(
    template: str, recipients: list[str], context: dict, language: str | None = None
) -> None:
    """Send once the transaction commits: a change that is rolled back (or a retried request
    that the workflow refuses) mails nobody, and each change mails once."""
    recipients = [r for r in recipients if r]
    if not recipients:
        return

    def send() -> None:
        for email in recipients:
            send_templated_mail(
                template=f"volunteering/email/{template}",
                context=context,
                to=[email],
                language=language,
            )

    transaction.on_commit(send)


def _vacancy_is_open(vacancy: Vacancy, today: datetime.date) -> bool:
    return public_vacancies(today=today).filter(pk=vacancy.pk).exists()


def _closed_message() -> str:
    return _(
        "You can no longer respond to this vacancy: it is closed, filled or no longer "
        "published. Look for other volunteer work."
    )


def _lock_response(response: VacancyResponse) -> VacancyResponse:
    return (
        VacancyResponse.objects.select_for_update(of=("self",))
        .select_related("vacancy__organisation", "vacancy__municipality", "profile__user")
        .select_related("municipality")
        .get(pk=response.pk)
    )


def _status_label(status: str) -> str:
    return str(dict(volunteering_constants.ResponseStatus.choices).get(status, status)).lower()


def _notify_volunteer(response: VacancyResponse, actor: Actor, template: str, **extra) -> None:
    context = {
        "title": response.vacancy.title,
        "organisation": response.vacancy.organisation.name,
        "link": absolute_url(actor.request, reverse("volunteering:response_mine")),
        "search_link": absolute_url(actor.request, reverse("volunteering:vacancy_search")),
    }
    context.update(extra)
    mail_on_commit(
        template,
        [volunteer_email(response.profile)],
        context,
        language=volunteer_language(response.profile),
    )


# --- Responses -------------------------------------------------------------------------------


def _profile_for(user, vacancy: Vacancy) -> VolunteerProfile | None:
    """The user's profile in the vacancy's municipality, else one in its region."""
    ids = vacancy.municipality.region_municipality_ids()
    profiles = list(
        VolunteerProfile.objects.filter(user=user, municipality_id__in=ids).order_by("pk")
    )
    for profile in profiles:
        if profile.municipality_id == vacancy.municipality_id:
            return profile
    return profiles[0] if profiles else None


def _create(*, vacancy: Vacancy, profile: VolunteerProfile, status: str, message: str, actor):
    if VacancyResponse.objects.filter(vacancy=vacancy, profile=profile).exists():
        raise ValidationError(
            _("There is already a response of this volunteer to this vacancy."),
            code="already_responded",
        )
    response = VacancyResponse(
        vacancy=vacancy,
        profile=profile,
        municipality_id=vacancy.municipality_id,
        message=message,
        status=status,
        proposed_by=actor.authenticated_user
        if status == volunteering_constants.ResponseStatus.PROPOSED
        else None,
        # A broker's proposal reaches the organisation only once the volunteer agrees.
        sent_to_organisation=status != volunteering_constants.ResponseStatus.PROPOSED,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as error:
        raise ValidationError(
            _("There is already a response of this volunteer to this vacancy."),
            code="already_responded",
        ) from error
    RESPONSE.log_step(response, source="", target=status, actor=actor)
    audit_by(AuditAction.CREATE, response, actor, extra={"status": status})
    return response


@transaction.atomic
def response_create(
    *, vacancy: Vacancy, user, message: str, actor: Actor, today: datetime.date | None = None
) -> VacancyResponse:
    """A resident responds to a vacancy with their volunteer profile of the region."""
    today = today or timezone.localdate()
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError(
            {
                "message": [
                    ValidationError(
                        _("The message may be at most 2000 characters."), code="message_too_long"
                    )
                ]
            }
        )
    if not _vacancy_is_open(vacancy, today):
        raise ValidationError(_closed_message(), code="vacancy_closed")
    profile = _profile_for(user, vacancy)
    if profile is None:
        raise ValidationError(
            _(
                "To respond you need a volunteer profile in this municipality or region. "
                "Make one first under “My volunteer profile”."
            ),
            code="no_profile",
        )
    if profile.paused:
        raise ValidationError(
            _("Your volunteer profile is paused. Turn the pause off first, then respond."),
            code="profile_paused",
        )
    response = _create(
        vacancy=vacancy,
        profile=profile,
        status=volunteering_constants.ResponseStatus.OPEN,
        message=message,
        actor=actor,
    )
    notifications.response_waiting(response)
    _notify_volunteer(response, actor, "response_received")
    return response


@transaction.atomic
def response_propose(
    *,
    vacancy: Vacancy,
    profile: VolunteerProfile,
    message: str,
    actor: Actor,
    today: datetime.date | None = None,
) -> VacancyResponse:
    """A broker proposes a volunteer; the volunteer agrees before the organisation sees it."""
    today = today or timezone.localdate()
    user = actor.user
    if (
        user is None
        or not user.is_authenticated
        or not user.has_role_in(vacancy.municipality, Role.BROKER)
    ):
        raise PermissionDenied
    if not (
        user.has_role_in(profile.municipality, Role.BROKER)
        and profile.municipality_id in vacancy.municipality.region_municipality_ids()
    ):
        raise PermissionDenied
    if not _vacancy_is_open(vacancy, today):
        raise ValidationError(_closed_message(), code="vacancy_closed")
    if profile.paused:
        raise ValidationError(_("This volunteer has paused their profile."), code="profile_paused")
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError(
            {
                "message": [
                    ValidationError(
                        _("The message may be at most 2000 characters."), code="message_too_long"
                    )
                ]
            }
        )
    response = _create(
        vacancy=vacancy,
        profile=profile,
        status=volunteering_constants.ResponseStatus.PROPOSED,
        message=message,
        actor=actor,
    )
    notifications.proposal_made(response)
    return response


@transaction.atomic
def response_transition(
    *, response: VacancyResponse, to_status: str, actor: Actor, note: str = "", expected: str = ""
) -> VacancyResponse:
    """Move the response to ``to_status`` if the workflow ``RESPONSE`` allows it for this actor.

    ``expected`` is the status the actor saw; when given and no longer current, the step is
    refused (someone else acted first). Accepting creates the placement: the returned
    response's ``placement`` (loaded, no query).
    """
    current = _lock_response(response)
    from_status = current.status
    step, note = RESPONSE.check(
        current, target=to_status, actor=actor, expected=expected, note=note
    )
    now = timezone.now()
    fields = ["updated_at", "version"]
    current.version = F("version") + 1
    if to_status in ANSWERED and current.answered_at is None:
        current.answered_at = now
        fields.append("answered_at")
    if to_status == volunteering_constants.ResponseStatus.DECLINED:
        current.decline_reason = note
        fields.append("decline_reason")
    if to_status == volunteering_constants.ResponseStatus.OPEN:
        # The response reaches the organisation now: the reminders count from here.
        current.created_at = now
        current.sent_to_organisation = True
        fields += ["created_at", "sent_to_organisation"]
    RESPONSE.record(current, step=step, actor=actor, note=note, fields=fields)
    current.refresh_from_db(fields=["version"])
    if to_status == volunteering_constants.ResponseStatus.ACCEPTED:
        _placement_create(current, actor)  # sets current.placement too
    if from_status == volunteering_constants.ResponseStatus.OPEN:
        notifications.response_handled(current)  # a member answered (or the volunteer left)
    elif from_status == volunteering_constants.ResponseStatus.PROPOSED:
        notifications.proposal_answered(current)
    if to_status == volunteering_constants.ResponseStatus.OPEN:
        notifications.response_waiting(current)
        # The volunteer (or the broker for them) agreed to the proposal: it is sent now.
        _notify_volunteer(current, actor, "response_received")
    elif to_status == volunteering_constants.ResponseStatus.ACCEPTED and (
        current.placement.status == volunteering_constants.PlacementStatus.WAITING_LIST
    ):
        _notify_volunteer(current, actor, "response_accepted_waiting", note=note)
    elif to_status in ANSWERED:
        _notify_volunteer(current, actor, f"response_{to_status}", note=note)
    elif to_status == volunteering_constants.ResponseStatus.NO_REPLY:
        _notify_volunteer(current, actor, "response_no_reply")
    elif to_status == volunteering_constants.ResponseStatus.WITHDRAWN:
        _notify_volunteer(current, actor, "response_withdrawn")
    return current


# --- Placements ------------------------------------------------------------------------------


def requirement_problems(
    *, vacancy: Vacancy, profile: VolunteerProfile, day: datetime.date
) -> list[str]:
    """The vacancy's hard requirements the volunteer does not meet on ``day``."""
    problems = []
    if vacancy.min_age:
        if profile.date_of_birth is None:
            problems.append(
                _("The vacancy has a minimum age of %(age)s and the date of birth is unknown.")
                % {"age": vacancy.min_age}
            )
        elif age_on(profile.date_of_birth, day) < vacancy.min_age:
            problems.append(
                _("The volunteer is younger than the minimum age of %(age)s on the start date.")
                % {"age": vacancy.min_age}
            )
    if vacancy.vog_required and not vog_fits(vog=vog_of(profile), vacancy=vacancy, day=day):
        problems.append(
            _(
                "The vacancy requires a VOG of at most %(years)s years old on the start date "
                "that covers its screening profile; the volunteer has not recorded one."
            )
            % {"years": vacancy_vog_max_age(vacancy)}
        )
    return problems


def _check_requirements(placement: Placement, day: datetime.date) -> None:
    if placement.override_by_id is not None:
        return
    problems = requirement_problems(vacancy=placement.vacancy, profile=placement.profile, day=day)
    if problems:
        raise ValidationError(
            [
                ValidationError(message, code="requirement_not_met")
                for message in [*problems, _("Only the volunteer broker can allow an exception.")]
            ]
        )


def _lock_vacancy(vacancy_id: int) -> Vacancy:
    return Vacancy.objects.select_for_update(of=("self",)).get(pk=vacancy_id)


def _places_taken(vacancy_id: int, exclude_pk: int | None = None) -> int:
    qs = Placement.objects.filter(vacancy_id=vacancy_id, status__in=ACTIVE_PLACEMENT)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.count()


def _create_check_ins(placement: Placement) -> None:
    CheckIn.objects.bulk_create(
        CheckIn(placement=placement, due_on=add_months(placement.start_date, months))
        for months in CHECK_IN_MONTHS
    )


def _placement_create(response: VacancyResponse, actor: Actor) -> Placement:
    """Called inside the accept transition: a place if one is free, else the waiting list.

    The placement is created in its first status (logged from ""): planned, on the waiting
    list, or running for a one-off task whose requirements are met on the task's date.
    """
    vacancy = _lock_vacancy(response.vacancy_id)
    full = _places_taken(vacancy.pk) >= vacancy.places
    status = (
        volunteering_constants.PlacementStatus.WAITING_LIST
        if full
        else volunteering_constants.PlacementStatus.PLANNED
    )
    start_date = started_confirmed_at = None
    if (
        response.vacancy.kind == volunteering_constants.VacancyKind.ONE_OFF
        and response.vacancy.starts_at
    ):
        start_date = timezone.localtime(response.vacancy.starts_at).date()
        problems = requirement_problems(
            vacancy=response.vacancy, profile=response.profile, day=start_date
        )
        if not full and not problems:
            # A one-off task: accepting records the participation on the task's date.
            status = volunteering_constants.PlacementStatus.RUNNING
            started_confirmed_at = timezone.now()
    placement = Placement.objects.create(
        response=response,
        vacancy=response.vacancy,
        profile=response.profile,
        municipality_id=response.municipality_id,
        status=status,
        start_date=start_date,
        started_confirmed_at=started_confirmed_at,
    )
    PLACEMENT.log_step(placement, source="", target=status, actor=actor)
    audit_by(AuditAction.CREATE, placement, actor, extra={"status": status})
    return placement


def _lock_placement(placement: Placement) -> Placement:
    current = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("vacancy__organisation", "profile__user", "municipality", "response")
        .get(pk=placement.pk)
    )
    return current


def _check_member(placement: Placement, actor: Actor) -> None:
    if not is_member(actor.user, placement.vacancy.organisation_id):
        raise PermissionDenied


def _check_version(placement: Placement, version: int | None) -> None:
    if version is not None and placement.version != version:
        raise ValidationError(
            _("Someone else already changed this placement. Nothing was changed; look again."),
            code="stale",
        )


def _save(
    placement: Placement, fields: list[str], *, actor: Actor, step: Step | None = None
) -> None:
    """Save a locked placement with the next version. A ``step`` (checked by
    ``PLACEMENT.check``) is written by ``PLACEMENT.record``: status, log row and audit event."""
    placement.version = F("version") + 1
    fields = [*fields, "version", "updated_at"]
    if step is None:
        placement.save(update_fields=fields)
    else:
        PLACEMENT.record(placement, step=step, actor=actor, fields=fields)
    placement.refresh_from_db(fields=["version"])


@transaction.atomic
def placement_set_start(
    *,
    placement: Placement,
    start_date: datetime.date,
    actor: Actor,
    version: int | None = None,
    category: str = "",
) -> Placement:
    """The organisation plans the start date and says in which volunteer category the
    volunteer works (coördinerend, regulier, ondersteunend; unchanged when not given); the
    vacancy's requirements must be met on the start date."""
    current = _lock_placement(placement)
    _check_member(current, actor)
    _check_version(current, version)
    if current.status != volunteering_constants.PlacementStatus.PLANNED:
        raise ValidationError(
            _("Only a planned placement can get a start date."), code="not_planned"
        )
    _check_requirements(current, start_date)
    fields = ["start_date"]
    current.start_date = start_date
    if category:
        if category not in volunteering_constants.VolunteerCategory.values:
            raise ValidationError(_("Choose the volunteer category."), code="bad_category")
        current.category = category
        fields.append("category")
    _save(current, fields, actor=actor)
    audit_by(AuditAction.UPDATE, current, actor, reason=" ".join(fields))
    return current


@transaction.atomic
def placement_confirm_start(
    *, placement: Placement, actor: Actor, version: int | None = None, today=None
) -> Placement:
    """The organisation confirms the volunteer has started; the check-ins are planned."""
    today = today or timezone.localdate()
    current = _lock_placement(placement)
    _check_member(current, actor)
    _check_version(current, version)
    step, _note = PLACEMENT.check(
        current, target=volunteering_constants.PlacementStatus.RUNNING, actor=actor
    )
    if current.start_date is None:
        raise ValidationError(_("Fill in the start date first."), code="no_start_date")
    if current.start_date > today:
        raise ValidationError(
            _("The start date lies in the future: confirm it on or after it."),
            code="start_in_future",
        )
    _check_requirements(current, current.start_date)
    current.started_confirmed_at = timezone.now()
    _save(current, ["started_confirmed_at"], actor=actor, step=step)
    if current.vacancy.kind != volunteering_constants.VacancyKind.ONE_OFF:
        _create_check_ins(current)
    response = current.response
    response.vacancy, response.profile = current.vacancy, current.profile  # loaded already
    _notify_volunteer(response, actor, "placement_started")
    return current


@transaction.atomic
def placement_volunteer_answer(*, placement: Placement, confirm: bool, actor: Actor) -> Placement:
    """The volunteer confirms, or disputes, that the placement really started."""
    current = _lock_placement(placement)
    user = actor.user
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    own = current.profile.user_id is not None and current.profile.user_id == user.pk
    assisted = current.profile.user_id is None and user.has_role_in(
        current.municipality, Role.BROKER
    )
    if not (own or assisted):
        raise PermissionDenied
    if current.started_confirmed_at is None:
        raise ValidationError(
            _("The organisation has not yet confirmed the start."), code="not_started"
        )
    if current.volunteer_confirmed_at or current.volunteer_disputed_at:
        raise ValidationError(
            _("You have already answered about the start."), code="already_answered"
        )
    field = "volunteer_confirmed_at" if confirm else "volunteer_disputed_at"
    setattr(current, field, timezone.now())
    _save(current, [field], actor=actor)
    audit_by(AuditAction.UPDATE, current, actor, reason=field)
    if not confirm:
        notifications.placement_disputed(current)
    return current


@transaction.atomic
def placement_override(*, placement: Placement, reason: str, actor: Actor) -> Placement:
    """A broker allows the placement despite the minimum age or the VOG requirement.

    A one-off task's placement that waited, planned, only for this exception starts on the
    task's date: the broker takes the step to running.
    """
    current = _lock_placement(placement)
    if not (actor.user and actor.user.has_role_in(current.municipality, Role.BROKER)):
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            {
                "reason": [
                    ValidationError(_("Give the reason for the exception."), code="note_required")
                ]
            }
        )
    if len(reason) > NOTE_MAX:
        raise ValidationError(
            {
                "reason": [
                    ValidationError(
                        _("The reason may be at most 255 characters long."), code="note_too_long"
                    )
                ]
            }
        )
    if current.status == volunteering_constants.PlacementStatus.ENDED:
        raise ValidationError(_("This placement has ended."), code="ended")
    current.override_by = actor.user
    current.override_reason = reason
    fields = ["override_by", "override_reason"]
    step = None
    one_off = current.vacancy.kind == volunteering_constants.VacancyKind.ONE_OFF
    if (
        one_off
        and current.status == volunteering_constants.PlacementStatus.PLANNED
        and current.start_date
    ):
        step, _note = PLACEMENT.check(
            current, target=volunteering_constants.PlacementStatus.RUNNING, actor=actor
        )
        current.started_confirmed_at = timezone.now()
        fields.append("started_confirmed_at")
    _save(current, fields, actor=actor, step=step)
    audit_by(AuditAction.UPDATE, current, actor, reason="override")
    notifications.placement_exception_made(current)
    return current


@transaction.atomic
def placement_check_in_done(*, check_in: CheckIn, notes: str, actor: Actor, today=None) -> CheckIn:
    """The organisation, or a broker of the placement's municipality, records a check-in."""
    current = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("placement__vacancy", "placement__municipality")
        .get(pk=check_in.pk)
    )
    user = actor.user
    broker = bool(
        user
        and user.is_authenticated
        and user.has_role_in(current.placement.municipality, Role.BROKER)
    )
    if not (broker or is_member(user, current.placement.vacancy.organisation_id)):
        raise PermissionDenied
    if current.done_on is not None:
        raise ValidationError(
            _("This check-in has already been recorded."), code="already_recorded"
        )
    current.done_on = today or timezone.localdate()
    current.done_by = actor.user
    current.notes = (notes or "").strip()
    current.full_clean(exclude=["placement", "done_by"])
    current.save(update_fields=["done_on", "done_by", "notes"])
    audit_by(AuditAction.UPDATE, current.placement, actor, reason="check-in")
    return current


@transaction.atomic
def placement_end(
    *,
    placement: Placement,
    end_reason: str,
    evaluation: str,
    actor: Actor,
    ended_on: datetime.date | None = None,
) -> Placement:
    current = _lock_placement(placement)
    _check_member(current, actor)
    step, _note = PLACEMENT.check(
        current, target=volunteering_constants.PlacementStatus.ENDED, actor=actor
    )
    if end_reason not in volunteering_constants.PlacementEndReason.values:
        raise ValidationError(
            {"end_reason": [ValidationError(_("Choose the reason it ended."), code="required")]}
        )
    ended_on = ended_on or timezone.localdate()
    if current.start_date and ended_on < current.start_date:
        raise ValidationError(
            {
                "ended_on": [
                    ValidationError(_("The end lies before the start."), code="before_start")
                ]
            }
        )
    current.end_reason = end_reason
    current.evaluation = (evaluation or "").strip()
    current.ended_on = ended_on
    current.full_clean(
        exclude=["response", "vacancy", "profile", "municipality", "override_by", "version"]
    )
    _save(current, ["end_reason", "evaluation", "ended_on"], actor=actor, step=step)
    audit_by(AuditAction.UPDATE, current, actor, reason=f"ended: {end_reason}")
    return current


@transaction.atomic
def placement_move_up(*, placement: Placement, actor: Actor) -> Placement:
    """The organisation moves the first of the waiting list up when a place is free."""
    current = _lock_placement(placement)
    _check_member(current, actor)
    vacancy = _lock_vacancy(current.vacancy_id)
    step, _note = PLACEMENT.check(
        current, target=volunteering_constants.PlacementStatus.PLANNED, actor=actor
    )
    first = (
        Placement.objects.filter(
            vacancy_id=vacancy.pk, status=volunteering_constants.PlacementStatus.WAITING_LIST
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if first != current.pk:
        raise ValidationError(
            _("Move up the first volunteer on the waiting list first."), code="not_first"
        )
    if _places_taken(vacancy.pk) >= vacancy.places:
        raise ValidationError(
            _("All places are taken: no one can move up yet."), code="places_taken"
        )
    _save(current, [], actor=actor, step=step)
    _notify_volunteer(current.response, actor, "placement_moved_up")
    return current


# --- Reminders -------------------------------------------------------------------------------


def responses_remind(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Remind the organisation after 7 days without an answer; after 28 days: no reply."""
    now = now or timezone.now()
    done = {"reminded": 0, "no_reply": 0}
    late = VacancyResponse.objects.filter(
        status=volunteering_constants.ResponseStatus.OPEN,
        created_at__lte=now - datetime.timedelta(days=NO_REPLY_AFTER_DAYS),
    )
    for pk in late.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            response = VacancyResponse.objects.select_for_update(of=("self",)).get(pk=pk)
            if response.status != volunteering_constants.ResponseStatus.OPEN:
                continue
            response_transition(
                response=response,
                to_status=volunteering_constants.ResponseStatus.NO_REPLY,
                actor=Actor(),
                expected=volunteering_constants.ResponseStatus.OPEN,
            )
            done["no_reply"] += 1
    due = VacancyResponse.objects.filter(
        status=volunteering_constants.ResponseStatus.OPEN,
        reminded_at__isnull=True,
        created_at__lte=now - datetime.timedelta(days=REMIND_AFTER_DAYS),
    )
    for pk in due.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            response = _lock_response(VacancyResponse(pk=pk))
            if (
                response.status != volunteering_constants.ResponseStatus.OPEN
                or response.reminded_at is not None
            ):
                continue
            response.reminded_at = now
            response.save(update_fields=["reminded_at", "updated_at"])
            audit_by(AuditAction.UPDATE, response, Actor(), reason="reminder")
            notifications.response_waiting(response, reminder=True)
            done["reminded"] += 1
    return done


@task()
def responses_remind_task() -> dict[str, int]:
    return responses_remind()
