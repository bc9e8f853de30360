import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.testing.login import login_verified


@pytest.fixture
def advisor(make_member, heerde):
    return make_member(Role.POLICY_ADVISOR, heerde, totp=True, full_name="Bas Beleid")


@pytest.fixture
def actor(advisor):
    return Actor(user=advisor)


@pytest.fixture
def advisor_client(client, advisor):
    return login_verified(client, advisor)
