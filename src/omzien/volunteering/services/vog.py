"""VOGs, VOG requests and qualifications (certificates and licences) of volunteers.

A VOG has an issue date and a screening profile (the function aspects it was requested for)
and no legal end date: a vacancy says how old it may be (``selectors.vog.vog_fits``). An
organisation asks a selected volunteer to request one (``vog_request_start``); the volunteer
records its issue date when it arrives (``vog_request_transition`` to received), and only
then may the placement start (``responses.requirement_problems``), unless a broker makes an
exception. Every status change goes through ``workflows.VOG_REQUEST``.

Qualifications have an optional expiry date; ``qualifications_remind`` (nightly, the command
``remind_qualifications``) reminds the volunteer and the organisations where they are placed
60 and 14 days before it. Each reminder is claimed by setting its marker
(``reminded_60_at``, ``reminded_14_at``) with a conditional update before anyone is
notified, and the notifications' keys are unique: a rerun, or two runs at once, remind once.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from omzien.accounts.constants import Role
from omzien.common.links import absolute_url
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    Organisation,
    Placement,
    Qualification,
    VacancyResponse,
    Vog,
    VogRequest,
    VolunteerProfile,
)
from omzien.volunteering.permissions import is_member
from omzien.volunteering.selectors.vog import SELECTED, placed_profiles
from omzien.volunteering.services import notifications
from omzien.volunteering.services.responses import (
    mail_on_commit,
    volunteer_email,
    volunteer_language,
)
from omzien.volunteering.workflows import VOG_REQUEST

VogRequestStatus = volunteering_constants.VogRequestStatus
ASPECTS = frozenset(volunteering_constants.VogAspect.values)


def _field_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _clean_aspects(aspects, field: str = "aspects") -> list[str]:
    aspects = sorted(set(aspects or ()))
    unknown = [a for a in aspects if a not in ASPECTS]
    if unknown:
        raise _field_error(field, _("Unknown choice: %s") % ", ".join(unknown), "invalid_choice")
    return aspects


def _check_issue_date(issued_on: datetime.date | None, today: datetime.date) -> None:
    if issued_on is None:
        raise _field_error("issued_on", _("Fill in the issue date of the VOG."), "required")
    if issued_on > today:
        raise _field_error("issued_on", _("The issue date cannot lie in the future."), "future")


def _acts_for(profile: VolunteerProfile, user) -> bool:
    """The volunteer themselves, or a broker of the municipality for an assisted volunteer."""
    if user is None or not user.is_authenticated:
        return False
    if profile.user_id is not None:
        return profile.user_id == user.pk
    return user.has_role_in(profile.municipality, Role.BROKER)


def _save_vog(
    profile: VolunteerProfile, *, issued_on: datetime.date, aspects: list[str], actor: Actor
) -> Vog:
    """The volunteer's VOG becomes this one (a new VOG replaces the previous one); the
    matching engine re-reads the profile."""
    vog = Vog.objects.select_for_update().filter(profile=profile).first()
    created = vog is None
    if created:
        vog = Vog(profile=profile, municipality_id=profile.municipality_id)
    vog.issued_on, vog.aspects = issued_on, aspects
    vog.recorded_by = actor.authenticated_user
    vog.full_clean()
    vog.save()
    VolunteerProfile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())
    audit_by(AuditAction.CREATE if created else AuditAction.UPDATE, vog, actor)
    return vog


@transaction.atomic
def vog_record(
    *,
    profile: VolunteerProfile,
    issued_on: datetime.date | None,
    aspects,
    actor: Actor,
    today: datetime.date | None = None,
) -> Vog:
    """The volunteer (or the broker of an assisted volunteer) records the VOG they have."""
    profile = VolunteerProfile.objects.select_for_update().get(pk=profile.pk)
    if not _acts_for(profile, actor.user):
        raise PermissionDenied
    _check_issue_date(issued_on, today or timezone.localdate())
    return _save_vog(profile, issued_on=issued_on, aspects=_clean_aspects(aspects), actor=actor)


@transaction.atomic
def vog_request_start(*, response: VacancyResponse, aspects, actor: Actor) -> VogRequest:
    """A member of the organisation asks the volunteer it selected to request a VOG for the
    screening profile of the vacancy. The request says whether the organisation may use the
    free VOG scheme; the volunteer is notified and mailed what to do."""
    response = (
        VacancyResponse.objects.select_for_update(of=("self",))
        .select_related("vacancy__organisation", "profile__user", "municipality")
        .get(pk=response.pk)
    )
    if not is_member(actor.user, response.vacancy.organisation_id):
        raise PermissionDenied
    if response.status not in SELECTED:
        raise ValidationError(
            _("Ask for a VOG once you have invited or accepted the volunteer."),
            code="not_selected",
        )
    if VogRequest.objects.filter(response=response, status=VogRequestStatus.REQUESTED).exists():
        raise ValidationError(
            _("A VOG request for this volunteer is already open."), code="already_requested"
        )
    organisation = response.vacancy.organisation
    request = VogRequest(
        municipality_id=response.municipality_id,
        response=response,
        profile=response.profile,
        aspects=_clean_aspects(aspects),
        free=organisation.free_vog,
        status=VogRequestStatus.REQUESTED,
        requested_by=actor.authenticated_user,
    )
    request.full_clean()
    request.save()
    VOG_REQUEST.log_step(request, source="", target=VogRequestStatus.REQUESTED, actor=actor)
    audit_by(AuditAction.CREATE, request, actor)
    notifications.vog_requested(request)
    mail_on_commit(
        "vog_requested",
        [volunteer_email(response.profile)],
        {
            "title": response.vacancy.title,
            "organisation": organisation.name,
            "free": request.free,
            "aspects": [str(volunteering_constants.VogAspect(a).label) for a in request.aspects],
            "link": absolute_url(
                actor.request, reverse("volunteering:vog_mine", args=[response.profile_id])
            ),
        },
        language=volunteer_language(response.profile),
    )
    return request


@transaction.atomic
def vog_request_transition(
    *,
    request: VogRequest,
    to_status: str,
    actor: Actor,
    expected: str = "",
    issued_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> VogRequest:
    """A step of a VOG request. Received: the volunteer records the issue date of the VOG that
    arrived, which becomes their VOG (for the aspects requested); the organisation is told.
    Withdrawn: the organisation no longer needs it. The row is locked, so of two tabs only the
    first takes the step (the other is ``stale``)."""
    current = (
        VogRequest.objects.select_for_update(of=("self",))
        .select_related("response__vacancy__organisation", "profile__user", "municipality")
        .get(pk=request.pk)
    )
    step, _note = VOG_REQUEST.check(current, target=to_status, actor=actor, expected=expected)
    fields = []
    if to_status == VogRequestStatus.RECEIVED:
        _check_issue_date(issued_on, today or timezone.localdate())
        if issued_on < timezone.localtime(current.created_at).date():
            raise _field_error(
                "issued_on",
                _("The VOG was requested on %(date)s: its issue date cannot be earlier.")
                % {"date": timezone.localtime(current.created_at).strftime("%d-%m-%Y")},
                "before_request",
            )
        current.received_on = issued_on
        fields.append("received_on")
        profile = VolunteerProfile.objects.select_for_update().get(pk=current.profile_id)
        _save_vog(profile, issued_on=issued_on, aspects=current.aspects, actor=actor)
    VOG_REQUEST.record(current, step=step, actor=actor, fields=[*fields, "updated_at"])
    notifications.vog_request_answered(current)
    return current


@transaction.atomic
def qualification_add(
    *,
    profile: VolunteerProfile,
    kind: str,
    actor: Actor,
    licence_category: str = "",
    name: str = "",
    expires_on: datetime.date | None = None,
    organisation: Organisation | None = None,
) -> Qualification:
    """The volunteer (or the broker of an assisted volunteer) records a qualification, or an
    organisation records one of a volunteer placed with it."""
    if organisation is None:
        if not _acts_for(profile, actor.user):
            raise PermissionDenied
    elif not (
        is_member(actor.user, organisation.pk)
        and placed_profiles(organisation=organisation).filter(pk=profile.pk).exists()
    ):
        raise PermissionDenied
    qualification = Qualification(
        municipality_id=profile.municipality_id,
        profile=profile,
        kind=kind,
        licence_category=licence_category or "",
        name=" ".join((name or "").split()),
        expires_on=expires_on,
        organisation=organisation,
        recorded_by=actor.authenticated_user,
    )
    qualification.full_clean()
    qualification.save()
    audit_by(AuditAction.CREATE, qualification, actor)
    return qualification


@transaction.atomic
def qualification_award(
    *,
    profile: VolunteerProfile,
    name: str,
    actor: Actor,
    expires_on: datetime.date | None = None,
) -> Qualification:
    """A broker of the volunteer's municipality records a training the volunteer completed
    (the academy turns a certificate into a qualification this way)."""
    user = actor.authenticated_user
    if user is None or not user.has_role_in(profile.municipality_id, Role.BROKER):
        raise PermissionDenied
    qualification = Qualification(
        municipality_id=profile.municipality_id,
        profile=profile,
        kind=volunteering_constants.QualificationKind.TRAINING,
        name=" ".join((name or "").split())[:150],
        expires_on=expires_on,
        recorded_by=user,
    )
    qualification.full_clean()
    qualification.save()
    audit_by(AuditAction.CREATE, qualification, actor)
    return qualification


@transaction.atomic
def qualification_remove(*, qualification: Qualification, actor: Actor) -> None:
    """The volunteer removes one of their qualifications, or the organisation one it entered."""
    current = (
        Qualification.objects.select_for_update(of=("self",))
        .select_related("profile__municipality")
        .get(pk=qualification.pk)
    )
    own = _acts_for(current.profile, actor.user)
    entered = current.organisation_id is not None and is_member(actor.user, current.organisation_id)
    if not (own or entered):
        raise PermissionDenied
    audit_by(AuditAction.DELETE, current, actor)
    current.delete()


def _claim(qualification_id: int, marker: str, now: datetime.datetime) -> bool:
    """Set the reminder's marker unless it is set: True for the one run that set it."""
    return bool(
        Qualification.objects.filter(pk=qualification_id, **{f"{marker}__isnull": True}).update(
            **{marker: now}
        )
    )


def qualifications_remind(*, today: datetime.date | None = None) -> dict[int, int]:
    """Remind of qualifications that expire within 60 days (but more than 14) and within 14
    days, each reminder once. A run that was missed catches up the next night; a qualification
    entered with 20 days left gets the 60-day reminder at once and the 14-day one when due, one
    entered with 10 days left only the 14-day one. Returns how many of each were sent."""
    today = today or timezone.localdate()
    now = timezone.now()
    windows = sorted(volunteering_constants.QUALIFICATION_REMINDER_DAYS, reverse=True)
    sent = dict.fromkeys(windows, 0)
    for days, closer in zip(windows, [*windows[1:], -1], strict=True):
        marker = f"reminded_{days}_at"
        due = Qualification.objects.filter(
            expires_on__gt=today + datetime.timedelta(days=closer),
            expires_on__lte=today + datetime.timedelta(days=days),
            **{f"{marker}__isnull": True},
        )
        for pk in due.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                if not _claim(pk, marker, now):
                    continue  # another run sent it
                qualification = Qualification.objects.select_related(
                    "profile__user", "profile__municipality", "organisation"
                ).get(pk=pk)
                organisations = set(placed_organisation_ids(qualification.profile_id)) | (
                    {qualification.organisation_id} - {None}
                )
                audit_by(AuditAction.UPDATE, qualification, Actor(), reason=f"reminder {days}")
                notifications.qualification_expiring(
                    qualification, days=days, organisation_ids=sorted(organisations)
                )
                sent[days] += 1
    return sent


def placed_organisation_ids(profile_id: int) -> list[int]:
    """The organisations where the volunteer is placed (planned or running)."""
    return list(
        Placement.objects.filter(
            profile_id=profile_id,
            status__in=(
                volunteering_constants.PlacementStatus.PLANNED,
                volunteering_constants.PlacementStatus.RUNNING,
            ),
        )
        .values_list("vacancy__organisation_id", flat=True)
        .distinct()
    )


@task()
def qualifications_remind_task() -> dict[int, int]:
    return qualifications_remind()
