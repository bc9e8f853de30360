"""Factories of the API's models (tests that call the API issue keys through the service:
``api.tests.keys.issue``)."""

import datetime
import hashlib

import factory
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import UserFactory
from omzien.api.models import ApiKey
from omzien.tenants.tests.factories import MunicipalityFactory


class ApiKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiKey

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Koppeling {n}")
    role = Role.CONSULTANT
    scopes = factory.LazyFunction(lambda: ["carers:write"])
    account = factory.SubFactory(UserFactory)
    prefix = factory.Sequence(lambda n: f"k{n:07d}")
    secret_hash = factory.Sequence(lambda n: hashlib.sha256(f"geheim{n}".encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
