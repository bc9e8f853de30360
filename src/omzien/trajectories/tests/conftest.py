import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.testing.login import login_verified
from omzien.trajectories.tests.factories import TrajectoryFactory
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    PlacementFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)


@pytest.fixture
def broker(make_member, heerde):
    return make_member(Role.BROKER, heerde, totp=True, full_name="Mila Makelaar")


@pytest.fixture
def broker_client(client, broker):
    return login_verified(client, broker)


@pytest.fixture
def actor(broker):
    return Actor(user=broker)


@pytest.fixture
def client_manager(make_member, heerde):
    return make_member(Role.REFERRER, heerde, totp=True, full_name="Vera Verwijzer")


@pytest.fixture
def profile(heerde):
    return VolunteerProfileFactory(municipality=heerde, user=None, full_name="Sanne de Wit")


@pytest.fixture
def trajectory(heerde, profile, broker):
    return TrajectoryFactory(municipality=heerde, profile=profile, broker=broker)


@pytest.fixture
def placement(heerde, profile):
    vacancy = VacancyFactory(
        organisation=OrganisationFactory(municipality=heerde, name="Zorgboerderij De Hoeve"),
        title="Helpen bij de dieren",
    )
    return PlacementFactory(response__vacancy=vacancy, response__profile=profile)
