import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.testing.login import login_verified


@pytest.fixture
def worker(make_member, heerde):
    return make_member(Role.WELFARE_WORKER, heerde, totp=True, full_name="Wil Welzijn")


@pytest.fixture
def colleague(make_member, heerde):
    return make_member(Role.WELFARE_WORKER, heerde, totp=True, full_name="Kees Collega")


@pytest.fixture
def consultant(make_member, heerde):
    return make_member(Role.CONSULTANT, heerde, totp=True, full_name="Cor Consulent")


@pytest.fixture
def referrer(make_member, heerde):
    return make_member(Role.REFERRER, heerde, totp=True, full_name="Huisarts Hendriks")


@pytest.fixture
def worker_client(client, worker):
    return login_verified(client, worker)


@pytest.fixture
def actor(worker):
    return Actor(user=worker)


REPORT = {
    "resident_name": "Greet Jansen",
    "resident_address": "Kerkstraat 4",
    "resident_postcode": "8181aa",
    "resident_phone": "0578 123 456",
    "resident_birth_year": 1941,
    "kind": "life_event",
    "life_event": "loss",
    "urgency": "normal",
    "observation": "Sinds haar man overleed zie ik haar niet meer buiten.",
    "consent": "not_yet",
}


@pytest.fixture
def report_data():
    return dict(REPORT)
