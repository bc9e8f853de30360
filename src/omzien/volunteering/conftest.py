import pytest

from omzien.accounts.constants import Role
from omzien.tenants.tests.factories import LocalityFactory, MunicipalityFactory, PostcodeFactory
from omzien.testing.login import login_verified
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory


@pytest.fixture
def wapenveld(heerde):
    locality = LocalityFactory(municipality=heerde, name="Wapenveld")
    PostcodeFactory(code="8191", locality=locality)
    return locality


@pytest.fixture
def epe(region):
    return MunicipalityFactory(cbs_code="GM0232", name="Epe", slug="epe", region=region)


@pytest.fixture
def broker(make_member, heerde):
    return make_member(Role.BROKER, heerde, totp=True, full_name="Mila Makelaar")


@pytest.fixture
def broker_client(client, broker):
    return login_verified(client, broker)


@pytest.fixture
def organisation(heerde):
    return OrganisationFactory(municipality=heerde, name="Sportclub Heerde")


@pytest.fixture
def org_admin(make_member, heerde, organisation):
    user = make_member(Role.ORGANISATION_MEMBER, heerde, full_name="Otto Organisatie")
    OrganisationMemberFactory(organisation=organisation, user=user)
    return user


@pytest.fixture
def org_client(client, org_admin):
    client.force_login(org_admin)
    return client


# Villages with coordinates and an organisation there, for the matching engine.
@pytest.fixture
def heerde_village(heerde):
    return LocalityFactory(municipality=heerde, name="Heerde", latitude=52.387, longitude=6.042)


@pytest.fixture
def wapenveld_village(heerde):
    return LocalityFactory(municipality=heerde, name="Wapenveld", latitude=52.432, longitude=6.075)


@pytest.fixture
def nature_org(heerde, heerde_village):
    return OrganisationFactory(municipality=heerde, name="Groen Heerde", locality=heerde_village)
