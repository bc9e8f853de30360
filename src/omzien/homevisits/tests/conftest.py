import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.homevisits.tests.factories import VisitPlanFactory
from omzien.testing.login import login_verified
from omzien.volunteering.tests.factories import VolunteerProfileFactory


@pytest.fixture
def worker(make_member, heerde):
    return make_member(Role.WELFARE_WORKER, heerde, totp=True, full_name="Wil Welzijn")


@pytest.fixture
def worker_client(client, worker):
    return login_verified(client, worker)


@pytest.fixture
def actor(worker):
    return Actor(user=worker)


@pytest.fixture
def volunteer(make_member, heerde):
    user = make_member(Role.RESIDENT, heerde, full_name="Vera Vrijwilliger")
    VolunteerProfileFactory(user=user, municipality=heerde)
    return user


@pytest.fixture
def plan(heerde, worker):
    return VisitPlanFactory(municipality=heerde, created_by=worker)


CSV = (
    "naam;straat;huisnummer;postcode;woonplaats;geboortedatum;telefoon\r\n"
    "mevrouw G. Jansen;Kerkstraat;4;8181 AA;Heerde;12-03-1946;0578-123456\r\n"
    "de heer H. Mulder;Molenweg;17a;8191ab;Wapenveld;;\r\n"
)
