"""Partner keys for tests: issued through the service, as the administrator's page does."""

import datetime

from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.api.services.keys import api_key_issue
from omzien.common.services import Actor


def issue(municipality, role, scopes, organisations=(), **kwargs):
    """(key, the header that carries it)."""
    admin = MembershipFactory(municipality=municipality, role=Role.MUNICIPALITY_ADMIN).user
    key, raw = api_key_issue(
        municipality=municipality,
        name=kwargs.pop("name", "Welzijnssysteem"),
        role=role,
        scopes=scopes,
        organisations=organisations,
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
        actor=Actor(user=admin),
    )
    return key, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
