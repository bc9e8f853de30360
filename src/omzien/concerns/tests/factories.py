import datetime

import factory
from django.utils import timezone

from omzien.concerns import constants
from omzien.concerns.models import Concern, ConcernAction, ConcernSettings, ConcernTransition
from omzien.tenants.tests.factories import MunicipalityFactory


class ConcernSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernSettings
        django_get_or_create = ("municipality",)

    municipality = factory.SubFactory(MunicipalityFactory)


class ConcernFactory(factory.django.DjangoModelFactory):
    """A concern as the public form leaves it (new, not assigned); rows only, no services."""

    class Meta:
        model = Concern

    municipality = factory.SubFactory(MunicipalityFactory)
    resident_name = factory.Sequence(lambda n: f"Bewoner {n}")
    resident_address = factory.Sequence(lambda n: f"Dorpsstraat {n + 1}")
    resident_postcode = "8181 AA"
    kind = constants.Kind.LONELINESS
    urgency = constants.Urgency.NORMAL
    observation = "Komt niet meer naar de soos sinds haar man is overleden."
    consent = constants.Consent.NOT_YET
    source = constants.Source.PUBLIC
    first_contact_due = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=5)
    )


class ConcernTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernTransition

    concern = factory.SubFactory(ConcernFactory)
    from_status = ""
    to_status = constants.Status.NEW


class ConcernActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernAction

    concern = factory.SubFactory(ConcernFactory)
    done_on = factory.LazyFunction(timezone.localdate)
    kind = constants.ActionKind.PHONE
    note = "Gebeld, afspraak gemaakt."
