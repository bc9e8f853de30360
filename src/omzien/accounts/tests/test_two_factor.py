from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp

from omzien.accounts.constants import Role
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db
SETUP = "/account/two_factor/setup/"


def test_staff_enrols_totp_and_then_reaches_staff_pages(client, make_member, heerde):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    client.force_login(admin)
    assert client.get(reverse("privacy:audit_list"))["Location"] == SETUP
    assert client.get(SETUP).status_code == 200
    response = client.post(SETUP, {"setup_view-current_step": "welcome"})
    assert response.status_code == 200
    secret = client.session["django_two_factor-qr_secret_key"]
    assert secret in response.content.decode()  # typed-in alternative to the QR code
    token = f"{totp(b32decode(secret)):06d}"
    response = client.post(
        SETUP, {"setup_view-current_step": "generator", "generator-token": token}
    )
    assert response.status_code == 302
    assert client.get(reverse("privacy:audit_list")).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.TWO_FACTOR_ENABLED, actor=admin, municipality=heerde
    ).exists()


def test_wrong_setup_code_is_refused_in_dutch(client, make_member, heerde):
    admin = make_member(Role.CONSULTANT, heerde)
    client.force_login(admin)
    client.post(SETUP, {"setup_view-current_step": "welcome"})
    response = client.post(
        SETUP, {"setup_view-current_step": "generator", "generator-token": "123"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not admin.totpdevice_set.exists()


def test_staff_cannot_turn_two_factor_off(client, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    response = client.post("/account/two_factor/disable/", {"understand": "on"})
    assert response.status_code == 302
    assert consultant.totpdevice_set.exists()


def test_resident_may_turn_two_factor_off(client, make_member, heerde):
    resident = make_member(Role.RESIDENT, heerde, totp=True)
    login_verified(client, resident)
    response = client.post("/account/two_factor/disable/", {"understand": "on"})
    assert response.status_code == 302
    assert not resident.totpdevice_set.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.TWO_FACTOR_DISABLED, actor=resident
    ).exists()


def test_profile_and_backup_codes_pages(client, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    html = client.get(reverse("two_factor:profile")).content.decode()
    assert "kan niet worden uitgezet" in html
    response = client.post(reverse("two_factor:backup_tokens"))
    assert response.status_code == 302
    html = client.get(reverse("two_factor:backup_tokens")).content.decode()
    assert html.count('<code class="utrecht-code">') == 10
