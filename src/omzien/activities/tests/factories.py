import datetime
import hashlib

import factory
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.models import (
    Activity,
    ActivityTargetGroup,
    Occurrence,
    SignUp,
    SignUpTransition,
)
from omzien.tenants.tests.factories import MunicipalityFactory


def next_week_at(hour: int = 19, minute: int = 30) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class ActivityFactory(factory.django.DjangoModelFactory):
    """A one-off activity of the municipality next week, 12 places (no dates: see
    ``OccurrenceFactory`` or ``services.activities.activity_create``)."""

    class Meta:
        model = Activity

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Lotgenotenbijeenkomst {n}")
    description = "Ervaringen delen met andere mantelzorgers, onder begeleiding."
    kind = constants.Kind.PEER_SUPPORT
    address = "Dorpsstraat 1"
    capacity = 12
    signup_required = True
    starts_at = factory.LazyFunction(next_week_at)
    duration_minutes = 120


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityTargetGroup

    activity = factory.SubFactory(ActivityFactory)
    group = "carers"


class OccurrenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occurrence

    activity = factory.SubFactory(ActivityFactory)
    starts_at = factory.LazyAttribute(lambda o: o.activity.starts_at)
    ends_at = factory.LazyAttribute(
        lambda o: o.starts_at + datetime.timedelta(minutes=o.activity.duration_minutes)
    )


class SignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignUp

    occurrence = factory.SubFactory(OccurrenceFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    status = constants.SignUpStatus.CONFIRMED
    cancel_token_hash = factory.Sequence(
        lambda n: hashlib.sha256(f"token-{n}".encode()).hexdigest()
    )


class SignUpTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignUpTransition

    signup = factory.SubFactory(SignUpFactory)
    to_status = constants.SignUpStatus.CONFIRMED
