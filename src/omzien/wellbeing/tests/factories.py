import datetime
import hashlib

import factory
from django.utils import timezone

from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.wellbeing import constants, scoring
from omzien.wellbeing.models import (
    Contact,
    Measurement,
    MeasurementInvitation,
    Participant,
    Trajectory,
    TrajectoryTransition,
)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Inwoner {n}")
    email = factory.Sequence(lambda n: f"inwoner{n}@example.org")
    phone = "0578 123 456"
    birth_year = 1948


class TrajectoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trajectory

    participant = factory.SubFactory(ParticipantFactory)
    municipality = factory.LazyAttribute(lambda o: o.participant.municipality)
    kind = constants.Kind.PRESCRIPTION
    status = constants.Status.INTAKE


class TrajectoryTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrajectoryTransition

    trajectory = factory.SubFactory(TrajectoryFactory)
    to_status = constants.Status.INTAKE


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    trajectory = factory.SubFactory(TrajectoryFactory)
    contact_on = factory.LazyFunction(timezone.localdate)
    summary = "Gesproken over de wandelgroep."


def answers_for(version: int, total: int) -> dict:
    """Answers with exactly ``total`` items scoring 1: the first ``total`` items lonely."""
    answers = {}
    for position, item in enumerate(scoring.items(version)):
        lonely = position < total
        if item.subscale == scoring.EMOTIONAL:
            answers[str(item.number)] = "ja" if lonely else "nee"
        else:
            answers[str(item.number)] = "nee" if lonely else "ja"
    return answers


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    class Params:
        score = 4

    trajectory = factory.SubFactory(TrajectoryFactory)
    participant = factory.LazyAttribute(lambda o: o.trajectory.participant)
    municipality = factory.LazyAttribute(lambda o: o.trajectory.municipality)
    version = scoring.Version.SHORT
    moment = constants.Moment.INTAKE
    answers = factory.LazyAttribute(lambda o: answers_for(o.version, o.score))
    total = factory.LazyAttribute(lambda o: scoring.score(o.version, o.answers).total)
    emotional = factory.LazyAttribute(lambda o: scoring.score(o.version, o.answers).emotional)
    social = factory.LazyAttribute(lambda o: scoring.score(o.version, o.answers).social)
    category = factory.LazyAttribute(lambda o: scoring.score(o.version, o.answers).category)
    taken_on = factory.LazyFunction(timezone.localdate)


class MeasurementInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasurementInvitation

    trajectory = factory.SubFactory(TrajectoryFactory)
    municipality = factory.LazyAttribute(lambda o: o.trajectory.municipality)
    version = scoring.Version.SHORT
    moment = constants.Moment.MONTH_3
    token_hash = factory.Sequence(lambda n: hashlib.sha256(f"token-{n}".encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
