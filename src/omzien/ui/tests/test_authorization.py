"""Walk every page with every role: who gets in, who is sent away."""

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.conftest import login_verified

pytestmark = pytest.mark.django_db

PUBLIC = {
    "ui:home",
    "ui:privacy",
    "accounts:sign_up",
    "accounts:sign_up_done",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "two_factor:login",
}
LOGGED_IN = {"ui:dashboard", "accounts:settings", "accounts:password_change"}
ADMIN_ONLY = {"privacy:audit_list"}

ALL_ROLES = list(Role)


@pytest.mark.parametrize("name", sorted(PUBLIC | LOGGED_IN | ADMIN_ONLY))
def test_anonymous(client, heerde, name):
    response = client.get(reverse(name))
    if name in PUBLIC:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(LOGGED_IN | ADMIN_ONLY))
def test_each_role(client, make_member, heerde, role, name):
    user = make_member(role, heerde, totp=True)
    login_verified(client, user)
    response = client.get(reverse(name))
    if name in ADMIN_ONLY and role != Role.MUNICIPALITY_ADMIN:
        assert response.status_code == 403
        assert "geen toegang" in response.content.decode()
    else:
        assert response.status_code == 200
