import re

import pytest
from django.core import mail
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership, User
from omzien.accounts.services import resident_sign_up
from omzien.accounts.tests.factories import PASSWORD, UserFactory
from omzien.privacy.constants import PRIVACY_STATEMENT_VERSION, AuditAction
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def sign_up_data(home, **overrides):
    data = {
        "full_name": "Anna de Vries",
        "email": "anna@example.org",
        "municipality": home.pk,
        "password1": "Zonnebloem-in-Wapenveld",
        "password2": "Zonnebloem-in-Wapenveld",
        "privacy": "on",
    }
    data.update(overrides)
    return data


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_verify_and_log_in(client, heerde, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:sign_up"), sign_up_data(heerde))
    assert response.status_code == 302
    user = User.objects.get(email="anna@example.org")
    assert not user.is_active
    assert user.privacy_accepted_at is not None
    assert user.privacy_version == PRIVACY_STATEMENT_VERSION  # which text was agreed to
    assert Membership.objects.filter(user=user, municipality=heerde, role=Role.RESIDENT).exists()
    assert len(mail.outbox) == 1
    assert "Bevestig" in mail.outbox[0].subject
    link = link_in(mail.outbox[0])

    # Password login is refused until the address is confirmed.
    login = client.post(
        "/account/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": "anna@example.org",
            "auth-password": "Zonnebloem-in-Wapenveld",
        },
    )
    assert login.status_code == 200

    assert client.get(link).status_code == 200  # a confirm button, not yet active
    user.refresh_from_db()
    assert not user.is_active
    assert client.post(link).status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.EMAIL_VERIFIED, actor=user).exists()
    assert client.post(link).status_code == 400  # one-time link

    login = client.post(
        "/account/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": "anna@example.org",
            "auth-password": "Zonnebloem-in-Wapenveld",
        },
    )
    assert login.status_code == 302


def test_signing_up_twice_registers_once_and_reveals_nothing(
    client, heerde, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("accounts:sign_up"), sign_up_data(heerde))
    User.objects.filter(email="anna@example.org").update(is_active=True)  # confirmed
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(
            reverse("accounts:sign_up"), sign_up_data(heerde, email="ANNA@example.org")
        )
    assert first.status_code == second.status_code == 302
    assert User.objects.filter(email__iexact="anna@example.org").count() == 1
    assert len(mail.outbox) == 2
    assert "al een account" in mail.outbox[1].subject


def test_a_concurrent_sign_up_with_the_same_address_registers_once(
    heerde, concurrent_save, django_capture_on_commit_callbacks
):
    """Both requests find no account; the unique address decides and the second makes none."""
    concurrent_save(User, lambda: UserFactory(email="anna@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        result = resident_sign_up(
            email="anna@example.org", full_name="Anna", password=PASSWORD, municipality=heerde
        )
    assert result is None
    assert not Membership.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"password2": "iets-anders-helemaal"},
            "password2",
            "De twee wachtwoorden komen niet overeen",
        ),
        ({"password1": "kort", "password2": "kort"}, "password1", "te kort"),
        ({"email": "geen-adres"}, "email", "geldig e-mailadres"),
        ({"privacy": ""}, "privacy", "privacyverklaring"),
        ({"municipality": ""}, "municipality", "verplicht"),
    ],
)
def test_bad_input_gets_a_dutch_error_linked_to_the_field(
    client, heerde, overrides, field, message
):
    response = client.post(reverse("accounts:sign_up"), sign_up_data(heerde, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert f'href="#id_{field}"' in html  # error summary links to the field
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', html)
    assert not User.objects.exists()


def test_invalid_verification_link_is_refused(client, heerde):
    response = client.get(reverse("accounts:verify_email", args=["MQ", "bad-token"]))
    assert response.status_code == 400
    assert "niet (meer) geldig" in response.content.decode()


def test_password_reset_by_mail(client, make_member, heerde):
    user = make_member(Role.RESIDENT, heerde, email="vergeten@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "vergeten@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    response = client.get(link, follow=True)
    assert response.status_code == 200
    new = "Nieuw-wachtwoord-voor-Heerde"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(
        action=AuditAction.PASSWORD_RESET, object_id=str(user.pk)
    ).exists()


def test_password_reset_for_unknown_address_sends_nothing(client, heerde):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_account_settings_change_name_and_language(client, make_member, heerde):
    user = make_member(Role.RESIDENT, heerde)
    client.force_login(user)
    response = client.post(
        reverse("accounts:settings"), {"full_name": "Nieuwe Naam", "preferred_language": "en"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Nieuwe Naam"
    assert user.preferred_language == "en"
    assert response.cookies["django_language"].value == "en"
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_CHANGED, actor=user).exists()


def test_unconfirmed_sign_up_gets_a_new_link_when_signing_up_again(
    client, heerde, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up"), sign_up_data(heerde))
        client.post(reverse("accounts:sign_up"), sign_up_data(heerde))
    assert User.objects.filter(email="anna@example.org").count() == 1
    assert [m.subject for m in mail.outbox] == ["Bevestig uw e-mailadres voor Omzien"] * 2
    assert client.post(link_in(mail.outbox[1])).status_code == 302


@pytest.fixture
def hasher_calls(monkeypatch):
    """Count how often a password is hashed (the slow part of a sign-up)."""
    from django.contrib.auth.hashers import get_hasher

    hasher_class = type(get_hasher())
    calls = []
    original = hasher_class.encode

    def encode(self, password, salt, *args, **kwargs):
        calls.append(password)
        return original(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(hasher_class, "encode", encode)
    return calls


@pytest.mark.parametrize("existing", [None, "unconfirmed", "confirmed"])
def test_every_sign_up_path_hashes_once_and_mails_once(
    client, heerde, hasher_calls, django_capture_on_commit_callbacks, existing
):
    """A new and a known address cost the same (one hash, one mail): timing reveals nothing."""
    if existing:
        UserFactory(
            email="anna@example.org",
            is_active=existing == "confirmed",
            email_verified_at=None,
        )
        hasher_calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:sign_up"), sign_up_data(heerde))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign_up_done")
    assert hasher_calls == ["Zonnebloem-in-Wapenveld"]
    assert User.objects.filter(email="anna@example.org").count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    if existing == "confirmed":
        assert "al een account" in message.subject
        assert "Iemand probeerde zich bij Omzien aan te melden" in message.body
        assert reverse("accounts:password_reset") in message.body
    else:
        assert "Bevestig" in message.subject
        assert "/account/confirm/" in message.body


def test_sign_up_is_rate_limited_per_address_and_keeps_the_input(
    client, heerde, settings, django_capture_on_commit_callbacks
):
    settings.OMZIEN_RATE_LIMITS = {
        **settings.OMZIEN_RATE_LIMITS,
        "sign_up": {"ip": 100, "address": 2},
    }
    for ip in ("192.0.2.1", "192.0.2.2"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts:sign_up"), sign_up_data(heerde), REMOTE_ADDR=ip
            )
        assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:sign_up"), sign_up_data(heerde), REMOTE_ADDR="192.0.2.3"
        )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "U heeft dit formulier te vaak verstuurd" in html
    assert 'value="Anna de Vries"' in html
    assert len(mail.outbox) == 2, [(m.subject, m.to) for m in mail.outbox]


def test_password_reset_is_rate_limited_per_client(client, make_member, heerde, settings):
    settings.OMZIEN_RATE_LIMITS = {
        **settings.OMZIEN_RATE_LIMITS,
        "password_reset": {"ip": 2, "address": 100},
    }
    make_member(Role.RESIDENT, heerde, email="vergeten@example.org")
    url = reverse("accounts:password_reset")
    for address in ("vergeten@example.org", "iemand@example.org"):
        assert client.post(url, {"email": address}).status_code == 302
    response = client.post(url, {"email": "nog-een@example.org"})
    assert response.status_code == 429
    assert "te vaak verstuurd" in response.content.decode()
    assert 'value="nog-een@example.org"' in response.content.decode()
    assert len(mail.outbox) == 1
