import pytest

from omzien.accounts.constants import Role
from omzien.buddies.tests.factories import ParticipantFactory, ProgrammeFactory
from omzien.common.services import Actor
from omzien.tenants.tests.factories import LocalityFactory
from omzien.testing.login import login_verified


@pytest.fixture
def heerde_village(heerde):
    return LocalityFactory(municipality=heerde, name="Heerde", latitude=52.387, longitude=6.04)


@pytest.fixture
def wapenveld(heerde):
    return LocalityFactory(municipality=heerde, name="Wapenveld", latitude=52.433, longitude=6.07)


@pytest.fixture
def broker(make_member, heerde):
    return make_member(Role.BROKER, heerde, totp=True, full_name="Mila Makelaar")


@pytest.fixture
def consultant(make_member, heerde):
    return make_member(Role.CONSULTANT, heerde, totp=True, full_name="Cor Consulent")


@pytest.fixture
def broker_client(client, broker):
    return login_verified(client, broker)


@pytest.fixture
def actor(broker):
    return Actor(user=broker)


@pytest.fixture
def programme(heerde):
    return ProgrammeFactory(municipality=heerde, name="Maatjesproject Heerde")


@pytest.fixture
def person(programme, heerde_village):
    """person(side, name, **fields) -> a participant of the programme in Heerde."""

    def make(side="a", name=None, **fields):
        fields.setdefault("locality", heerde_village)
        if name:
            fields["name"] = name
        return ParticipantFactory(programme=programme, side=side, **fields)

    return make
