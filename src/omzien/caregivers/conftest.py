import pytest

from omzien.accounts.constants import Role
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.tenants.tests.factories import LocalityFactory, MunicipalityFactory, PostcodeFactory
from omzien.testing.login import login_verified


@pytest.fixture
def wapenveld(heerde):
    locality = LocalityFactory(municipality=heerde, name="Wapenveld")
    PostcodeFactory(code="8191", locality=locality)
    return locality


@pytest.fixture
def epe(region):
    return MunicipalityFactory(cbs_code="GM0232", name="Epe", slug="epe", region=region)


@pytest.fixture
def consultant(make_member, heerde):
    return make_member(Role.CONSULTANT, heerde, totp=True, full_name="Cor Consulent")


@pytest.fixture
def consultant_client(client, consultant):
    return login_verified(client, consultant)


@pytest.fixture
def carer(heerde):
    return CaregiverFactory(municipality=heerde, first_name="Anna", last_name="de Vries")
