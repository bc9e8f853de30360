import datetime
from decimal import Decimal

import factory
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
from omzien.activities.constants import Kind
from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory, SignUpFactory
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.volunteering.tests.factories import OrganisationFactory


class CourseFactory(factory.django.DjangoModelFactory):
    """A course of the municipality next week (no dates: see ``OccurrenceFactory``)."""

    class Meta:
        model = Course

    municipality = factory.SubFactory(MunicipalityFactory)
    activity = factory.SubFactory(
        ActivityFactory,
        municipality=factory.SelfAttribute("..municipality"),
        kind=Kind.TRAINING,
        title=factory.Sequence(lambda n: f"Omgaan met agressie {n}"),
    )
    topic = constants.Topic.AGGRESSION


def held_date(course: Course, *, days_ago: int = 1):
    """A date of ``course`` that has been held."""
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return OccurrenceFactory(activity=course.activity, starts_at=start)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    signup = factory.SubFactory(
        SignUpFactory,
        occurrence=factory.SubFactory(
            OccurrenceFactory, activity=factory.SelfAttribute("...course.activity")
        ),
    )


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    municipality = factory.SubFactory(MunicipalityFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    amount = Decimal("15000.00")


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    budget = factory.SubFactory(BudgetFactory)
    supplier = "Stichting Veilig Werken"
    description = factory.Sequence(lambda n: f"Training {n}")
    amount = Decimal("1000.00")


class BookingTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingTransition

    booking = factory.SubFactory(BookingFactory)
    to_status = constants.BookingStatus.COMMITTED


class TrainingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRequest

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    topic = constants.Topic.AGGRESSION
    people = 5
