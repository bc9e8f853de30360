import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.marketplace.tests.factories import EventFactory
from omzien.testing.login import login_verified
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory


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
def event(heerde):
    return EventFactory(municipality=heerde)


@pytest.fixture
def organisation(heerde):
    return OrganisationFactory(
        municipality=heerde, name="Korfbalvereniging Heerde", domains=["sport"]
    )


@pytest.fixture
def member(make_member, heerde, organisation):
    user = make_member(Role.ORGANISATION_MEMBER, heerde, full_name="Otto Organisatie")
    OrganisationMemberFactory(organisation=organisation, user=user)
    return user


BUSINESS = {
    "name": "Installatiebedrijf Vechtdal",
    "contact_name": "Jan Koster",
    "contact_email": "jan@vechtdal.example.org",
    "contact_phone": "0529 481 234",
    "direction": "offer",
    "kind": "skills",
    "title": "Advies over energiebesparing",
    "description": "Een adviseur kijkt een middag mee hoe het clubhuis energie kan besparen.",
    "hours": 4,
}
