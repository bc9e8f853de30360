import pytest

from omzien.academy.tests.factories import CourseFactory
from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.testing.login import login_verified
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
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
def course(heerde):
    return CourseFactory(municipality=heerde, qualification_valid_months=36)


@pytest.fixture
def organisation(heerde):
    return OrganisationFactory(municipality=heerde, name="Zonnebloem Heerde")


@pytest.fixture
def member(make_member, heerde, organisation):
    user = make_member(Role.ORGANISATION_MEMBER, heerde, full_name="Otto Organisatie")
    OrganisationMemberFactory(organisation=organisation, user=user)
    return user


@pytest.fixture
def volunteer(make_member, heerde):
    user = make_member(Role.RESIDENT, heerde, full_name="Vera Vrijwilliger")
    VolunteerProfileFactory(municipality=heerde, user=user, full_name="Vera Vrijwilliger")
    return user
