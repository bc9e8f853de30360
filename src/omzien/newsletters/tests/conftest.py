import pytest

from omzien.accounts.constants import Role
from omzien.testing.login import login_verified


@pytest.fixture
def consultant(make_member, heerde):
    return make_member(Role.CONSULTANT, heerde, totp=True, email="consulent@heerde.test")


@pytest.fixture
def consultant_client(client, consultant):
    return login_verified(client, consultant)
