"""Walk every page with every role: who gets in, who is sent away."""

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.testing.login import login_verified

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


# --- Carer pages: every URL with every role ------------------------------------------------

CARER_STAFF_PAGES = {
    "caregivers:registry": {Role.CONSULTANT},
    "caregivers:register": {Role.CONSULTANT},
    "caregivers:caseload": {Role.CONSULTANT},
    "caregivers:alerts": {Role.CONSULTANT},
    "caregivers:import": {Role.CONSULTANT},
    "caregivers:incoming_list": {Role.CONSULTANT},
    "caregivers:figures": {Role.CONSULTANT, Role.POLICY_ADVISOR},
    "caregivers:refer": {Role.REFERRER},
    "caregivers:my_referrals": {Role.REFERRER},
    "caregivers:settings": {Role.MUNICIPALITY_ADMIN},
}
CARER_RECORD_PAGES = [
    "caregivers:detail",
    "caregivers:edit",
    "caregivers:timeline",
    "caregivers:contact_new",
    "caregivers:relationship_new",
    "caregivers:end_care",
    "caregivers:merge",
    "caregivers:remove",
    "caregivers:screening_new",
    "caregivers:screening_invite",
    "caregivers:referral_new",
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(CARER_STAFF_PAGES))
def test_carer_staff_pages_by_role(client, make_member, heerde, role, name):
    user = make_member(role, heerde, totp=True)
    login_verified(client, user)
    response = client.get(reverse(name))
    assert response.status_code == (200 if role in CARER_STAFF_PAGES[name] else 403), name


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", CARER_RECORD_PAGES)
def test_carer_record_pages_by_role(client, make_member, heerde, role, name):
    from omzien.caregivers.tests.factories import CaregiverFactory

    carer = CaregiverFactory(municipality=heerde)
    user = make_member(role, heerde, totp=True)
    login_verified(client, user)
    response = client.get(reverse(name, args=[carer.pk]))
    assert response.status_code == (200 if role == Role.CONSULTANT else 403), name


@pytest.mark.parametrize("name", sorted(CARER_STAFF_PAGES) + CARER_RECORD_PAGES)
def test_carer_pages_send_anonymous_users_to_login(client, heerde, name):
    from omzien.caregivers.tests.factories import CaregiverFactory

    args = [CaregiverFactory(municipality=heerde).pk] if name in CARER_RECORD_PAGES else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
