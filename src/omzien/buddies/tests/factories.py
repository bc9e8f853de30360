import datetime

import factory
from django.utils import timezone

from omzien.buddies import constants as buddies_constants
from omzien.buddies.models import (
    BuddyCheckIn,
    BuddyPair,
    BuddyPairTransition,
    BuddyParticipant,
    BuddyProgramme,
)
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.volunteering.constants import ConsentHow


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuddyProgramme

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Maatjesproject {n}")
    label_a = "Deelnemers"
    label_b = "Maatjes"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuddyParticipant

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.LazyAttribute(lambda o: o.programme.municipality)
    side = buddies_constants.Side.A
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    gender = buddies_constants.Gender.FEMALE
    date_of_birth = datetime.date(1950, 5, 1)
    languages = factory.LazyFunction(lambda: ["nl"])
    travel_km = 10
    consent_how = ConsentHow.IN_PERSON


class PairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuddyPair

    participant_a = factory.SubFactory(ParticipantFactory)
    participant_b = factory.SubFactory(
        ParticipantFactory,
        programme=factory.SelfAttribute("..participant_a.programme"),
        side=buddies_constants.Side.B,
    )
    programme = factory.LazyAttribute(lambda o: o.participant_a.programme)
    municipality = factory.LazyAttribute(lambda o: o.participant_a.municipality)
    source = buddies_constants.PairSource.MANUAL
    fit_a = 0.5
    fit_b = 0.5


# --- Factories for the remaining models (issue 9: a factory for every model) ----------------


class BuddyPairTransitionFactory(factory.django.DjangoModelFactory):
    """The first row of a pair's log: proposed."""

    class Meta:
        model = BuddyPairTransition

    pair = factory.SubFactory(PairFactory)
    from_status = ""
    to_status = buddies_constants.PairStatus.PROPOSED


class BuddyCheckInFactory(factory.django.DjangoModelFactory):
    """The check-in a month after the pair was confirmed."""

    class Meta:
        model = BuddyCheckIn

    pair = factory.SubFactory(PairFactory, status=buddies_constants.PairStatus.CONFIRMED)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
