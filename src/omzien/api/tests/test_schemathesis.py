"""The whole API from its own schema (schemathesis, in-process through the WSGI app, no
server): for the public endpoints and with a partner key of each role, no answer is a 500 and
every answer matches the schema (status, content type, body). Bounded: a few examples per
operation, so it runs in CI within about a minute."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from omzien.accounts.constants import Role
from omzien.api import scopes
from omzien.api.tests.keys import issue
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    ResponseFactory,
    VacancyFactory,
)

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.schemathesis]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 8


@pytest.fixture
def api(settings):
    settings.OMZIEN_API_RATE = "100000/m"  # the rate limit is tested in test_public.py
    settings.ALLOWED_HOSTS = ["*"]
    # As Django's test client does: the end of a request must not close the connection that
    # holds the test's transaction (PostgreSQL).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def run(api, *, partner: bool, headers=None):
    checked = 0
    for result in api.get_all_operations():
        operation = result.ok()
        if ("/partner/" in operation.path) != partner:
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
        checked += 1
    return checked


def test_the_public_endpoints_answer_as_their_schema_says(api):
    town = MunicipalityFactory(name="Heerde", slug="heerde")
    VacancyFactory(organisation=OrganisationFactory(municipality=town))
    assert run(api, partner=False) >= 10


@pytest.mark.parametrize(
    "role,granted",
    [
        (Role.CONSULTANT, [scopes.CARERS_WRITE, scopes.REFERRALS_READ]),
        (Role.ORGANISATION_MEMBER, sorted(scopes.ROLE_SCOPES[Role.ORGANISATION_MEMBER])),
    ],
)
def test_the_partner_endpoints_answer_as_their_schema_says_for_each_role(api, role, granted):
    town = MunicipalityFactory(name="Heerde", slug="heerde")
    organisation = OrganisationFactory(municipality=town)
    ResponseFactory(vacancy=VacancyFactory(organisation=organisation))
    organisations = [organisation] if role == Role.ORGANISATION_MEMBER else []
    _key, headers = issue(town, role, granted, organisations)
    header = {"Authorization": headers["HTTP_AUTHORIZATION"]}
    assert run(api, partner=True, headers=header) == 11  # every partner operation
