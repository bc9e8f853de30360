import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.testing.login import login_verified


@pytest.fixture
def worker(make_member, heerde):
    return make_member(Role.WELFARE_WORKER, heerde, totp=True, full_name="Wies Welzijn")


@pytest.fixture
def referrer(make_member, heerde):
    return make_member(Role.REFERRER, heerde, totp=True, full_name="Huib Huisarts")


@pytest.fixture
def actor(worker):
    return Actor(user=worker)


@pytest.fixture
def worker_client(client, worker):
    return login_verified(client, worker)


REFERRAL = {
    "practice": "Huisartsenpraktijk Veluwezoom",
    "practice_email": "praktijk@example.org",
    "name": "Gerda Alleman",
    "birth_year": 1944,
    "phone": "0578 123 456",
    "email": "gerda@example.org",
    "referral_reason": "Sinds het overlijden van haar man komt ze weinig buiten.",
    "consent_confirmed": True,
}
