"""The academy's rights provider (privacy.rights) and its retention rule (docs/privacy.md)."""

import datetime

import pytest
from django.utils import timezone

from omzien.academy import constants
from omzien.academy.models import (
    Booking,
    BookingTransition,
    Budget,
    Course,
    Enrolment,
    TrainingRequest,
)
from omzien.academy.rights import AcademyProvider
from omzien.academy.services.retention import academy_apply_retention
from omzien.academy.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    TrainingRequestFactory,
    held_date,
)
from omzien.accounts.constants import Role
from omzien.activities.tests.factories import SignUpFactory
from omzien.common.dates import start_of_day
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.dates import month_end_boundary
from omzien.testing.rights import assert_covers_app, find_all, leftovers

pytestmark = pytest.mark.django_db

EMAIL = "h.zwaluwstaart@example.org"

EXCLUDED = {
    Course: "a course: a title, a topic and dates, no person in it",
    Budget: "an amount per year",
    Booking: "a supplier (a business) and an amount",
    BookingTransition: "the broker's own status changes, in the audit trail",
}


def test_the_participant_and_the_requester_are_found_and_erased(heerde, dalfsen, make_member):
    assert isinstance(providers()["academy"], AcademyProvider)
    assert_covers_app(providers()["academy"], "academy", EXCLUDED)
    course = CourseFactory(municipality=heerde)
    enrolment = EnrolmentFactory(
        course=course, signup=SignUpFactory(occurrence=held_date(course), email=EMAIL)
    )
    requester = make_member(Role.ORGANISATION_MEMBER, heerde, email="r.vraag@example.org")
    training_request = TrainingRequestFactory(
        municipality=heerde, requested_by=requester, details="Zwaluwstaart vraagt dit"
    )
    provider = AcademyProvider()
    [match] = find_all(provider, heerde, PersonQuery(email=EMAIL.upper()))
    assert match.key == f"enrolment:{enrolment.pk}"
    assert find_all(provider, dalfsen, PersonQuery(email=EMAIL)) == []
    provider.erase(match, Actor())
    assert not Enrolment.objects.filter(pk=enrolment.pk).exists()

    [asked] = find_all(provider, heerde, PersonQuery(email="r.vraag@example.org"))
    provider.erase(asked, Actor())
    training_request.refresh_from_db()
    assert (training_request.requested_by, training_request.details) == (None, "")
    assert leftovers(provider.models, ["Zwaluwstaart"]) == []


def test_retention_deletes_old_attendance_and_clears_old_requests(heerde):
    course = CourseFactory(municipality=heerde)
    old = EnrolmentFactory(course=course, signup__occurrence=held_date(course, days_ago=800))
    recent = EnrolmentFactory(course=course, signup__occurrence=held_date(course, days_ago=30))
    asked = TrainingRequestFactory(municipality=heerde, details="Oud verzoek")
    TrainingRequestFactory(municipality=heerde, details="Nieuw verzoek")
    type(asked).objects.filter(pk=asked.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=800)
    )
    assert academy_apply_retention() == 2
    assert list(Enrolment.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Enrolment.objects.filter(pk=old.pk).exists()
    asked.refresh_from_db()
    assert asked.details == ""
    assert academy_apply_retention() == 0


def test_who_attended_a_date_is_deleted_on_the_day_its_months_have_passed_also_at_a_month_end(
    heerde,
):
    months = constants.ENROLMENT_RETENTION_MONTHS
    today, due, not_yet = month_end_boundary(months)
    course = CourseFactory(municipality=heerde)
    # A date late on the day that is due, and one at the first moment of the day after it.
    late = start_of_day(not_yet) - datetime.timedelta(seconds=1)
    EnrolmentFactory(course=course, signup__occurrence__starts_at=late)
    young = EnrolmentFactory(course=course, signup__occurrence__starts_at=start_of_day(not_yet))
    assert academy_apply_retention(today) == 1
    assert list(Enrolment.objects.values_list("pk", flat=True)) == [young.pk]


def test_a_training_request_is_cleared_on_the_day_its_months_have_passed_also_at_a_month_end(
    heerde,
):
    months = constants.REQUEST_RETENTION_MONTHS
    today, due, not_yet = month_end_boundary(months)
    old = TrainingRequestFactory(municipality=heerde, details="Oud verzoek")
    young = TrainingRequestFactory(municipality=heerde, details="Jong verzoek")
    # Made at the last moment of the day that is due, and at the first of the day after it.
    TrainingRequest.objects.filter(pk=old.pk).update(
        created_at=start_of_day(not_yet) - datetime.timedelta(seconds=1)
    )
    TrainingRequest.objects.filter(pk=young.pk).update(created_at=start_of_day(not_yet))
    assert academy_apply_retention(today) == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.details, young.details) == ("", "Jong verzoek")
