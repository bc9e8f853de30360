import datetime

import factory
from django.utils import timezone

from omzien.homevisits import constants
from omzien.homevisits.models import Visit, VisitPlan, VisitTransition
from omzien.tenants.tests.factories import MunicipalityFactory


class VisitPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitPlan

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Huisbezoeken 75+ ronde {n + 1}")
    target_group = constants.TargetGroup.OLDER
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))


class VisitFactory(factory.django.DjangoModelFactory):
    """A planned visit as the import leaves it; rows only, no services."""

    class Meta:
        model = Visit

    plan = factory.SubFactory(VisitPlanFactory)
    municipality = factory.LazyAttribute(lambda o: o.plan.municipality)
    name = factory.Sequence(lambda n: f"Bewoner {n}")
    street = "Dorpsstraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "8181 AB"
    locality = "Heerde"


class VisitTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitTransition

    visit = factory.SubFactory(VisitFactory)
    from_status = ""
    to_status = constants.Status.PLANNED
