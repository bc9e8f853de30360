import datetime

import factory

from omzien.caregivers import constants
from omzien.caregivers.models import (
    Caregiver,
    CareRelationship,
    ContactMoment,
    Referral,
    Screening,
)
from omzien.tenants.tests.factories import MunicipalityFactory


class CaregiverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Caregiver

    municipality = factory.SubFactory(MunicipalityFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=25, maximum_age=85)
    birth_year = factory.LazyAttribute(lambda o: o.date_of_birth.year if o.date_of_birth else None)
    email = factory.Sequence(lambda n: f"mantelzorger{n}@example.org")
    phone = "0578-123456"
    street_address = factory.Sequence(lambda n: f"Dorpsstraat {n + 1}")
    postcode = "8181 AB"
    reach_by = "phone"
    source = constants.Source.SELF
    legal_basis = constants.LegalBasis.CONSENT
    consent_given_on = factory.LazyFunction(datetime.date.today)


class CareRelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareRelationship

    caregiver = factory.SubFactory(CaregiverFactory)
    recipient_name = "M."
    relationship = constants.Relationship.PARENT
    need_kind = constants.NeedKind.DEMENTIA
    hours_band = constants.HoursBand.FROM_8
    tasks = factory.LazyFunction(lambda: [constants.CareTask.HOUSEHOLD])


class ContactMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMoment

    caregiver = factory.SubFactory(CaregiverFactory)
    contact_on = factory.LazyFunction(datetime.date.today)
    channel = constants.ContactChannel.PHONE
    topic = "Hoe gaat het?"
    notes = "Vertrouwelijke aantekening"


class ScreeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Screening

    caregiver = factory.SubFactory(CaregiverFactory)
    instrument = constants.Instrument.GGD
    answers = factory.LazyFunction(lambda: [1])
    score = 1
    heavily_burdened = False


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    caregiver = factory.SubFactory(CaregiverFactory)
    target = constants.ReferralTarget.RESPITE_CARE
    reason = "Even op adem komen"
