"""The academy's services: the budget's arithmetic (and its refusal below zero), requests
grouped by topic, signing up, attendance and the qualification a certificate becomes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from omzien.academy.constants import BookingStatus, Topic
from omzien.academy.models import Budget, Enrolment, TrainingRequest
from omzien.academy.selectors.budget import budget_totals
from omzien.academy.selectors.requests import request_groups
from omzien.academy.services import budget as budget_services
from omzien.academy.services.courses import course_create
from omzien.academy.services.enrolments import (
    attendance_record,
    enrol_for_organisation,
    enrol_volunteer,
    enrolment_qualify,
)
from omzien.academy.tests.factories import (
    BudgetFactory,
    EnrolmentFactory,
    TrainingRequestFactory,
    held_date,
)
from omzien.accounts.constants import Role
from omzien.activities.constants import Kind, SignUpStatus
from omzien.activities.tests.factories import OccurrenceFactory, SignUpFactory
from omzien.common.services import Actor, EditConflict
from omzien.privacy.models import AuditEvent
from omzien.volunteering.constants import QualificationKind
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _book(budget, amount, actor, **kwargs):
    return budget_services.booking_create(
        budget=budget,
        data={"supplier": "Veilig Werken", "description": "Agressietraining", "amount": amount},
        actor=actor,
        **kwargs,
    )


def test_the_budget_shows_spent_committed_and_left_and_refuses_to_go_below_zero(heerde, actor):
    budget = budget_services.budget_set(
        municipality=heerde, year=2026, amount=Decimal("15000"), actor=actor
    )
    paid = _book(budget, Decimal("3200"), actor)
    budget_services.booking_transition(
        booking=paid, target=BookingStatus.SPENT, actor=actor, seen="committed"
    )
    ordered = _book(budget, Decimal("2450.50"), actor)
    assert budget_totals(budget) == {
        "amount": Decimal("15000"),
        "committed": Decimal("2450.50"),
        "spent": Decimal("3200"),
        "left": Decimal("9349.50"),
    }

    with pytest.raises(ValidationError) as refused:
        _book(budget, Decimal("9349.51"), actor)
    assert refused.value.error_dict["amount"][0].code == "over_budget"
    assert "€\u00a09.349,50" in refused.value.messages[0]
    _book(budget, Decimal("9349.50"), actor)  # exactly what is left
    assert budget_totals(budget)["left"] == 0

    # The budget cannot be set below what has been booked; a cancellation frees its amount.
    with pytest.raises(ValidationError) as lower:
        budget_services.budget_set(
            municipality=heerde,
            year=2026,
            amount=Decimal("14999"),
            version=budget.version,
            actor=actor,
        )
    assert lower.value.error_dict["amount"][0].code == "below_booked"
    budget_services.booking_transition(booking=ordered, target=BookingStatus.CANCELLED, actor=actor)
    assert budget_totals(budget)["left"] == Decimal("2450.50")
    with pytest.raises(ValidationError) as twice:
        budget_services.booking_transition(booking=ordered, target=BookingStatus.SPENT, actor=actor)
    assert twice.value.code == "not_allowed"
    assert list(ordered.transitions.values_list("to_status", flat=True)) == [
        BookingStatus.COMMITTED,
        BookingStatus.CANCELLED,
    ]


def test_only_the_municipalitys_broker_books(heerde, dalfsen, make_member):
    budget = BudgetFactory(municipality=heerde)
    other = make_member(Role.BROKER, dalfsen)
    with pytest.raises(PermissionDenied):
        _book(budget, Decimal("10"), Actor(user=other))
    with pytest.raises(PermissionDenied):
        budget_services.budget_set(
            municipality=heerde, year=2026, amount=Decimal("1"), actor=Actor(user=other)
        )


def test_requests_are_grouped_by_topic_most_organisations_first_and_a_booking_buys_them(
    heerde, dalfsen, broker, actor
):
    # Privacy: one organisation asks for many people; aggression: three organisations.
    TrainingRequestFactory(municipality=heerde, topic=Topic.PRIVACY, people=40)
    for people in (6, 4, 8):
        TrainingRequestFactory(municipality=heerde, topic=Topic.AGGRESSION, people=people)
    same = TrainingRequestFactory(municipality=heerde, topic=Topic.FIRST_AID, people=5)
    TrainingRequestFactory(
        municipality=heerde, organisation=same.organisation, topic=Topic.FIRST_AID, people=5
    )
    TrainingRequestFactory(municipality=dalfsen, topic=Topic.DEMENTIA)  # another municipality

    groups = request_groups(user=broker, municipality_id=heerde.pk)
    assert [(g["topic"], g["organisations"], g["requests"], g["people"]) for g in groups] == [
        (Topic.AGGRESSION, 3, 3, 18),
        (Topic.PRIVACY, 1, 1, 40),
        (Topic.FIRST_AID, 1, 2, 10),
    ]
    assert len(groups[0]["items"]) == 3

    booking = _book(
        BudgetFactory(municipality=heerde), Decimal("3200"), actor, topic=Topic.AGGRESSION
    )
    assert TrainingRequest.objects.filter(booking=booking).count() == 3
    assert [g["topic"] for g in request_groups(user=broker, municipality_id=heerde.pk)] == [
        Topic.PRIVACY,
        Topic.FIRST_AID,
    ]


def test_a_course_is_a_training_in_the_activity_calendar(heerde, actor):
    start = (timezone.now() + datetime.timedelta(days=10)).replace(second=0, microsecond=0)
    course = course_create(
        municipality=heerde,
        data={
            "title": "EHBO voor vrijwilligers",
            "topic": Topic.FIRST_AID,
            "description": "Eerste hulp.",
            "address": "Dorpsstraat 20",
            "starts_at": start,
            "duration_minutes": 120,
            "repeat": "weekly",
            "count": 3,
            "qualification_valid_months": 24,
        },
        actor=actor,
    )
    assert course.activity.kind == Kind.TRAINING
    assert course.activity.organisation is None
    assert course.activity.occurrences.count() == 3


def test_volunteers_and_organisations_sign_up_once_each(
    heerde, course, volunteer, member, organisation
):
    occurrence = OccurrenceFactory(activity=course.activity)
    first = enrol_volunteer(occurrence_id=occurrence.pk, actor=Actor(user=volunteer))
    again = enrol_volunteer(occurrence_id=occurrence.pk, actor=Actor(user=volunteer))
    assert first == again and first.profile.user == volunteer
    assert first.signup.user == volunteer and first.signup.status == SignUpStatus.CONFIRMED

    people = [("Anna de Vries", "anna@example.org"), ("Henk Jansen", "henk@example.org")]
    made = enrol_for_organisation(
        occurrence_id=occurrence.pk,
        organisation=organisation,
        people=people,
        actor=Actor(user=member),
    )
    assert {e.signup.name for e in made} == {"Anna de Vries", "Henk Jansen"}
    assert all(e.organisation == organisation for e in made)
    assert Enrolment.objects.count() == 3

    other = OrganisationFactory(municipality=heerde)
    with pytest.raises(PermissionDenied):
        enrol_for_organisation(
            occurrence_id=occurrence.pk, organisation=other, people=people, actor=Actor(user=member)
        )


def test_attendance_gives_a_certificate_that_becomes_a_qualification(
    heerde, course, volunteer, actor
):
    profile = VolunteerProfile.objects.get(user=volunteer)
    occurrence = held_date(course)
    enrolment = EnrolmentFactory(
        course=course,
        profile=profile,
        signup=SignUpFactory(occurrence=occurrence, user=volunteer, name="Vera Vrijwilliger"),
    )
    with pytest.raises(ValidationError) as early:
        enrolment_qualify(enrolment_id=enrolment.pk, expires_on=None, actor=actor)
    assert early.value.error_dict["expires_on"][0].code == "not_attended"

    attendance_record(enrolment_id=enrolment.pk, attended=True, actor=actor)
    enrolment.refresh_from_db()
    assert enrolment.attended_at is not None
    assert enrolment.signup.status == SignUpStatus.ATTENDED

    expires = timezone.localdate() + datetime.timedelta(days=3 * 365)
    enrolment_qualify(enrolment_id=enrolment.pk, expires_on=expires, actor=actor)
    enrolment.refresh_from_db()
    qualification = enrolment.qualification
    assert qualification.profile == profile
    assert qualification.kind == QualificationKind.TRAINING
    assert qualification.name == course.activity.title
    assert qualification.expires_on == expires
    assert AuditEvent.objects.filter(
        object_type="volunteering.qualification", object_id=str(qualification.pk)
    ).exists()

    with pytest.raises(ValidationError) as absent:
        attendance_record(enrolment_id=enrolment.pk, attended=False, actor=actor)
    assert absent.value.error_dict["attended"][0].code == "qualified"


def test_a_broker_of_another_municipality_records_no_attendance(course, dalfsen, make_member):
    enrolment = EnrolmentFactory(course=course, signup__occurrence=held_date(course))
    other = make_member(Role.BROKER, dalfsen)
    with pytest.raises(PermissionDenied):
        attendance_record(enrolment_id=enrolment.pk, attended=True, actor=Actor(user=other))


def test_the_indicators_count_meetings_held_participants_certificates_and_spent(heerde, course):
    from omzien.academy.selectors.figures import academy_indicators
    from omzien.academy.tests.factories import BookingFactory
    from omzien.privacy.statistics import YEAR, Period

    held = held_date(course, days_ago=0)
    for status, attended in (("attended", True), ("absent", False), ("cancelled", False)):
        EnrolmentFactory(
            course=course,
            signup__occurrence=held,
            signup__status=status,
            attended_at=timezone.now() if attended else None,
        )
    OccurrenceFactory(activity=course.activity)  # to come: not held
    budget = BudgetFactory(municipality=heerde, year=held.starts_at.year)
    BookingFactory(budget=budget, amount=Decimal("1200"), status=BookingStatus.SPENT)
    BookingFactory(budget=budget, amount=Decimal("800"))  # committed: not spent
    figures = academy_indicators(
        municipality=heerde, period=Period(timezone.localdate().year, YEAR)
    )
    assert {code: result.value for code, result in figures.items()} == {
        "academy.meetings": 1,
        "academy.participants": 2,
        "academy.certificates": 1,
        "academy.budget_spent": Decimal("1200"),
    }


def test_two_brokers_setting_the_budget_at_once_do_not_overwrite_each_other(heerde, actor):
    """Both opened the form on the same budget (or on no budget yet): the second save is
    refused, not silently laid over the first."""
    first = budget_services.budget_set(
        municipality=heerde, year=2027, amount=Decimal("10000"), actor=actor
    )
    assert first.version == 1
    with pytest.raises(EditConflict):  # the other form showed no budget yet
        budget_services.budget_set(
            municipality=heerde, year=2027, amount=Decimal("12000"), actor=actor
        )
    raised = budget_services.budget_set(
        municipality=heerde, year=2027, amount=Decimal("11000"), version=1, actor=actor
    )
    assert (raised.amount, raised.version) == (Decimal("11000"), 2)
    with pytest.raises(EditConflict):  # the other form showed version 1
        budget_services.budget_set(
            municipality=heerde, year=2027, amount=Decimal("9000"), version=1, actor=actor
        )
    assert Budget.objects.get(pk=first.pk).amount == Decimal("11000")
