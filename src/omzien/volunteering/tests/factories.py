import datetime

import factory
from django.utils import timezone

from omzien.accounts.tests.factories import UserFactory
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.volunteering import constants
from omzien.volunteering.models import (
    Organisation,
    OrganisationMember,
    Vacancy,
    VacancyResponse,
    VolunteerProfile,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Vereniging {n}")
    kind = constants.OrganisationKind.ASSOCIATION
    domains = factory.LazyFunction(lambda: [constants.Domain.SPORT])
    description = "Een actieve vereniging in het dorp."
    contact_name = "Piet Pietersen"
    contact_email = factory.Sequence(lambda n: f"info{n}@vereniging.example.org")
    status = constants.OrganisationStatus.APPROVED


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = constants.MemberRole.ADMIN


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    title = factory.Sequence(lambda n: f"Vrijwilliger gezocht {n}")
    description = "Help mee op zaterdagochtend."
    domains = factory.LazyFunction(lambda: [constants.Domain.SPORT])
    kind = constants.VacancyKind.STRUCTURAL
    address = "Sportlaan 1, Heerde"
    day_parts = factory.LazyFunction(lambda: ["sat_morning"])
    hours_per_week = 3
    status = constants.VacancyStatus.PUBLISHED
    publish_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerProfile

    municipality = factory.SubFactory(MunicipalityFactory)
    user = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(lambda o: o.user.full_name if o.user else "Vera Vrijwilliger")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "")
    interests = factory.LazyFunction(lambda: [constants.Domain.NATURE])
    availability = factory.LazyFunction(lambda: ["tue_morning", "sat_morning"])
    commitments = factory.LazyFunction(lambda: [constants.VacancyKind.STRUCTURAL])
    date_of_birth = datetime.date(1990, 1, 1)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyResponse

    vacancy = factory.SubFactory(VacancyFactory)
    municipality = factory.LazyAttribute(lambda o: o.vacancy.municipality)
    profile = factory.SubFactory(
        VolunteerProfileFactory, municipality=factory.SelfAttribute("..municipality")
    )
    message = "Ik help graag mee."
    status = constants.ResponseStatus.OPEN
    # As the services do: a broker's proposal reaches the organisation only once agreed to.
    sent_to_organisation = factory.LazyAttribute(
        lambda o: o.status != constants.ResponseStatus.PROPOSED
    )
