"""Signing up for an academy date, attendance, and the qualification a certificate becomes.

The place itself is the calendar's sign-up (``activities.services.signups``): it locks the
occurrence row, so the last place goes to one person and the rest to the waiting list, and a
retried POST finds the sign-up it made. The academy's ``Enrolment`` is written in the same
transaction, once per sign-up (a one-to-one field), so a retry never enrols twice. Attendance
goes through the calendar's workflow too (the broker is an organiser of the municipality's
activities); the enrolment row is locked while it changes."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.academy import constants
from omzien.academy.models import Course, Enrolment
from omzien.academy.services._common import error, require_broker
from omzien.activities.constants import SignUpStatus
from omzien.activities.services.signups import signup_create, signup_mark
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation, OrganisationMember, VolunteerProfile
from omzien.volunteering.services.vog import qualification_award


def _course_of(occurrence_id: int) -> Course:
    course = (
        Course.objects.select_related("activity", "municipality")
        .filter(activity__occurrences=occurrence_id)
        .first()
    )
    if course is None:
        raise error("occurrence", _("This date is not part of the academy."), "not_academy")
    return course


def _enrol(course, result, *, actor: Actor, organisation=None, profile=None) -> Enrolment:
    enrolment = Enrolment.objects.filter(signup=result.signup).first()
    if enrolment is not None:
        return enrolment
    enrolment = Enrolment.objects.create(
        course=course,
        signup=result.signup,
        organisation=organisation,
        profile=profile,
        signed_up_by=actor.authenticated_user,
    )
    audit_by(
        AuditAction.CREATE,
        enrolment,
        actor,
        municipality=course.municipality,
        extra={"status": result.signup.status},
    )
    return enrolment


@transaction.atomic
def enrol_volunteer(*, occurrence_id: int, actor: Actor, request=None) -> Enrolment:
    """A volunteer signs themselves up with their volunteer profile in the course's
    municipality (confirmed, or on the waiting list when the date is full)."""
    user = actor.authenticated_user
    if user is None:
        raise PermissionDenied
    course = _course_of(occurrence_id)
    profile = (
        VolunteerProfile.objects.filter(user=user, municipality=course.municipality_id)
        .order_by("pk")
        .first()
    )
    if profile is None:
        raise error(
            "occurrence",
            _("Make your volunteer profile in this municipality first."),
            "no_profile",
        )
    result = signup_create(
        occurrence_id=occurrence_id,
        name=profile.full_name,
        email=user.email,
        user=user,
        actor=actor,
        request=request,
    )
    return _enrol(course, result, actor=actor, profile=profile)


@transaction.atomic
def enrol_for_organisation(
    *,
    occurrence_id: int,
    organisation: Organisation,
    people: list[tuple[str, str]],
    actor: Actor,
    request=None,
) -> list[Enrolment]:
    """A member signs up people of their organisation (name and e-mail address each)."""
    user = actor.authenticated_user
    if (
        user is None
        or not OrganisationMember.objects.filter(organisation=organisation, user=user).exists()
    ):
        raise PermissionDenied
    if organisation.status != OrganisationStatus.APPROVED:
        raise PermissionDenied
    course = _course_of(occurrence_id)
    if organisation.municipality_id != course.municipality_id:
        raise error(
            "occurrence", _("This date belongs to another municipality."), "other_municipality"
        )
    if not people:
        raise error("people", _("Name at least one person."), "no_people")
    if len(people) > constants.MAX_ENROL_AT_ONCE:
        raise error(
            "people",
            _("Sign up at most %(max)d people at once.") % {"max": constants.MAX_ENROL_AT_ONCE},
            "too_many",
        )
    return [
        _enrol(
            course,
            signup_create(
                occurrence_id=occurrence_id,
                name=name,
                email=email,
                actor=actor,
                request=request,
            ),
            actor=actor,
            organisation=organisation,
        )
        for name, email in people
    ]


def _lock(enrolment_id: int) -> Enrolment:
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course__activity", "course__municipality", "signup__occurrence")
        .get(pk=enrolment_id)
    )


@transaction.atomic
def attendance_record(*, enrolment_id: int, attended: bool, actor: Actor) -> Enrolment:
    """The broker records whether the person came (once the date has begun). Who came gets a
    certificate; a certificate that already became a qualification is not taken back."""
    enrolment = _lock(enrolment_id)
    require_broker(enrolment.course.municipality_id, actor)
    if not attended and enrolment.qualification_id is not None:
        raise error(
            "attended",
            _("This attendance has become a qualification already: remove that first."),
            "qualified",
        )
    signup_mark(
        signup_id=enrolment.signup_id,
        status=SignUpStatus.ATTENDED if attended else SignUpStatus.ABSENT,
        actor=actor,
    )
    enrolment.attended_at = (enrolment.attended_at or timezone.now()) if attended else None
    enrolment.save(update_fields=["attended_at"])
    audit_by(AuditAction.UPDATE, enrolment, actor, extra={"attended": attended})
    return enrolment


@transaction.atomic
def enrolment_qualify(
    *, enrolment_id: int, expires_on: datetime.date | None, actor: Actor
) -> Enrolment:
    """The broker turns the certificate of a volunteer who came into a qualification of
    their volunteer profile (kind *training*), with an optional expiry date."""
    enrolment = _lock(enrolment_id)
    require_broker(enrolment.course.municipality_id, actor)
    if enrolment.attended_at is None:
        raise error(
            "expires_on", _("Only a person who attended gets a qualification."), "not_attended"
        )
    if enrolment.profile_id is None:
        raise error(
            "expires_on",
            _("This person has no volunteer profile to hold the qualification."),
            "no_profile",
        )
    if enrolment.qualification_id is not None:
        raise error(
            "expires_on", _("This certificate is a qualification already."), "already_qualified"
        )
    if expires_on is not None and expires_on <= timezone.localdate():
        raise error("expires_on", _("The expiry date must lie in the future."), "past")
    enrolment.qualification = qualification_award(
        profile=enrolment.profile,
        name=enrolment.course.activity.title,
        expires_on=expires_on,
        actor=actor,
    )
    enrolment.save(update_fields=["qualification"])
    audit_by(AuditAction.UPDATE, enrolment, actor, extra={"qualification": True})
    return enrolment
