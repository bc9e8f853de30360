import time

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.accounts.middleware import LOGIN_AT_SESSION_KEY, SESSION_KEY
from omzien.accounts.tests.factories import PASSWORD
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified, totp_token

pytestmark = pytest.mark.django_db
LOGIN = "/account/login/"


def post_password(client, email, password=PASSWORD):
    return client.post(
        LOGIN,
        {"login_view-current_step": "auth", "auth-username": email, "auth-password": password},
    )


def post_token(client, token):
    return client.post(LOGIN, {"login_view-current_step": "token", "token-otp_token": token})


def test_resident_logs_in_with_password_only(client, make_member, heerde):
    resident = make_member(Role.RESIDENT, heerde, email="inwoner@example.org")
    response = post_password(client, "INWONER@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("ui:dashboard")
    page = client.get(reverse("ui:dashboard"))
    assert page.status_code == 200
    assert "Inwoner" in page.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=resident).exists()


def test_staff_logs_in_with_password_and_totp(client, make_member, heerde):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    response = post_password(client, admin.email)
    assert response.status_code == 200  # token step
    assert 'name="token-otp_token"' in response.content.decode()
    wrong = post_token(client, "000000" if totp_token(admin) != "000000" else "111111")
    assert wrong.status_code == 200
    assert client.get(reverse("privacy:audit_list")).status_code == 302  # not logged in yet
    admin.totpdevice_set.get().throttle_reset()  # django-otp slows down after a wrong code
    response = post_token(client, totp_token(admin))
    assert response.status_code == 302
    assert client.get(reverse("privacy:audit_list")).status_code == 200


@pytest.mark.parametrize(
    "role",
    [Role.BROKER, Role.CONSULTANT, Role.REFERRER, Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN],
)
def test_staff_without_second_factor_is_sent_to_setup(client, make_member, heerde, role):
    user = make_member(role, heerde)
    response = post_password(client, user.email)
    assert response.status_code == 302
    dashboard = client.get(reverse("ui:dashboard"))
    assert dashboard.status_code == 302
    assert dashboard["Location"] == reverse("two_factor:setup")
    assert client.get(reverse("two_factor:setup")).status_code == 200


def test_staff_with_device_but_unverified_session_cannot_open_staff_page(
    client, make_member, heerde
):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    client.force_login(admin)  # password only, no second factor in this session
    response = client.get(reverse("privacy:audit_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_five_wrong_passwords_lock_the_account(client, make_member, heerde):
    user = make_member(Role.RESIDENT, heerde, email="doelwit@example.org")
    for _ in range(5):
        response = post_password(client, user.email, "fout-wachtwoord")
        assert response.status_code in {200, 429}
    response = post_password(client, user.email)  # the right password no longer helps
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    failed = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, actor_label=user.email)
    assert failed.count() >= 4
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, actor_label=user.email).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=user).exists()
    # Another account is not affected.
    other = make_member(Role.RESIDENT, heerde)
    assert post_password(client, other.email).status_code == 302


def test_four_wrong_passwords_do_not_lock(client, make_member, heerde):
    user = make_member(Role.RESIDENT, heerde)
    for _ in range(4):
        post_password(client, user.email, "fout-wachtwoord")
    assert post_password(client, user.email).status_code == 302


def test_logout_is_audited(client, make_member, heerde):
    user = make_member(Role.RESIDENT, heerde)
    client.force_login(user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=user).exists()


@pytest.mark.parametrize(
    ("role", "idle_minutes", "expired"),
    [
        (Role.CONSULTANT, 16, True),
        (Role.CONSULTANT, 10, False),
        (Role.RESIDENT, 16, False),
        (Role.RESIDENT, 61, True),
    ],
)
def test_idle_session_times_out_by_role(client, make_member, heerde, role, idle_minutes, expired):
    user = make_member(role, heerde, totp=True)
    login_verified(client, user)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - idle_minutes * 60
    session.save()
    response = client.get(reverse("accounts:settings"))
    if expired:
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert AuditEvent.objects.filter(action=AuditAction.SESSION_EXPIRED, actor=user).exists()
        assert client.get(reverse("accounts:settings")).status_code == 302
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "hours_ago", "expired"),
    [
        (Role.CONSULTANT, 9, True),
        (Role.CONSULTANT, 7, False),
        (Role.RESIDENT, 9, False),
        (Role.RESIDENT, 24 * 15, True),
    ],
)
def test_an_active_session_ends_after_its_absolute_lifetime(
    client, make_member, heerde, role, hours_ago, expired
):
    """Activity renews the idle timer, never the lifetime counted from the login."""
    user = make_member(role, heerde, totp=True)
    login_verified(client, user)
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = int(time.time()) - hours_ago * 3600
    session[SESSION_KEY] = int(time.time()) - 30  # active half a minute ago
    session.save()
    response = client.get(reverse("accounts:settings"))
    if expired:
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        event = AuditEvent.objects.get(action=AuditAction.SESSION_EXPIRED, actor=user)
        assert event.reason == "session lifetime"
        page = client.get(response["Location"])
        assert "omdat u al lange tijd bent ingelogd" in page.content.decode()
        assert client.get(reverse("accounts:settings")).status_code == 302
    else:
        assert response.status_code == 200


def test_the_lifetime_starts_at_the_login(client, make_member, heerde):
    user = make_member(Role.RESIDENT, heerde)
    before = int(time.time())
    assert post_password(client, user.email).status_code == 302
    assert client.session[LOGIN_AT_SESSION_KEY] >= before
