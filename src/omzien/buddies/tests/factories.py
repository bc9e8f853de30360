import datetime

import factory

from omzien.buddies import constants as buddies_constants
from omzien.buddies.models import BuddyPair, BuddyParticipant, BuddyProgramme
from omzien.volunteering.constants import ConsentHow


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuddyProgramme

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
