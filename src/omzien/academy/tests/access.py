"""How the authorization walk (ui/tests/access.py) requests the academy's URLs: each side has
a course of its municipality with a held date, the side's resident (volunteering's access
module made their profile) enrolled and attended, a date to come, a budget with a booking, and
a training request of the side's organisation."""

from django.utils import timezone

from omzien.academy.tests.factories import (
    BookingFactory,
    BudgetFactory,
    CourseFactory,
    EnrolmentFactory,
    TrainingRequestFactory,
    held_date,
)
from omzien.activities.tests.factories import OccurrenceFactory, SignUpFactory
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    course = CourseFactory(municipality=side.municipality)
    side.academy_course = course
    side.academy_upcoming = OccurrenceFactory(activity=course.activity)
    side.academy_enrolment = EnrolmentFactory(
        course=course,
        profile=side.profile,
        signup=SignUpFactory(occurrence=held_date(course), user=side.resident, status="attended"),
        attended_at=timezone.now(),
    )
    budget = BudgetFactory.build(municipality=side.municipality)
    if not type(budget).objects.filter(municipality=side.municipality, year=budget.year).exists():
        budget.save()
    else:
        budget = type(budget).objects.get(municipality=side.municipality, year=budget.year)
    side.academy_booking = BookingFactory(budget=budget)
    TrainingRequestFactory(municipality=side.municipality, organisation=side.organisation)


def _pk(attribute):
    return lambda side: {"pk": getattr(side, attribute).pk}


PAGES = {
    # The broker.
    "academy:courses": Page(),
    "academy:course_new": Page(),
    "academy:course": Page(_pk("academy_course")),
    "academy:attendance": action(_pk("academy_enrolment"), data=lambda s: {"attended": "1"}),
    "academy:qualify": action(_pk("academy_enrolment")),
    "academy:requests": Page(),
    "academy:budget": Page(),
    "academy:budget_set": Page(),
    "academy:booking_new": Page(),
    "academy:booking_status": action(_pk("academy_booking"), data=lambda s: {"target": "spent"}),
    # Organisation members.
    "academy:organisation_mine": Page(success=302),
    "academy:organisation": Page(_pk("organisation")),
    "academy:organisation_enrol": Page(
        lambda s: {"pk": s.organisation.pk, "occurrence": s.academy_upcoming.pk}
    ),
    "academy:organisation_request": Page(_pk("organisation")),
    # Volunteers.
    "academy:mine": Page(),
    "academy:enrol": action(data=lambda s: {"occurrence": s.academy_upcoming.pk}),
    "academy:certificate": Page(_pk("academy_enrolment")),
}
