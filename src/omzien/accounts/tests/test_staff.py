"""The functional administrator's staff administration: invitations, roles, second factors."""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership, StaffInvitation, User
from omzien.accounts.services import staff as services
from omzien.accounts.tests.factories import (
    PASSWORD,
    MembershipFactory,
    StaffInvitationFactory,
    UserFactory,
)
from omzien.common.services import Actor
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.errors import error_codes
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db
SETUP = "/account/two_factor/setup/"


def _codes(excinfo) -> list[str]:
    return [code for codes in error_codes(excinfo.value).values() for code in codes]


@pytest.fixture
def actor(admin_heerde):
    return Actor(user=admin_heerde)


def _link_token(mail) -> str:
    return re.search(r"/account/invitation/([^/\s]+)/", mail.body).group(1)


# --- Services --------------------------------------------------------------------------------


def test_invite_mails_a_one_time_link_and_stores_only_its_hash(
    heerde, actor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.staff_invite(
            municipality=heerde, email=" Nieuw@Example.org ", role=Role.BROKER, actor=actor
        )
    assert invitation.email == "nieuw@example.org"
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    assert [m.to for m in mailoutbox] == [["nieuw@example.org"]]
    assert _link_token(mailoutbox[0]) == token
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="accounts.staffinvitation", municipality=heerde
    ).exists()


def test_an_invitation_from_an_administrator_working_in_english_is_mailed_in_dutch(
    heerde, actor, mailoutbox, django_capture_on_commit_callbacks
):
    """The invitee has no account yet, so no language of their own: Dutch, role and all."""
    from django.utils import translation

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.staff_invite(
            municipality=heerde, email="nieuw@example.org", role=Role.BROKER, actor=actor
        )
    [mail] = mailoutbox
    assert "als Vrijwilligersmakelaar." in " ".join(mail.body.split())
    assert "Volunteer broker" not in mail.body


def test_inviting_again_while_pending_sends_nothing(
    heerde, actor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, _token = services.staff_invite(
            municipality=heerde, email="a@example.org", role=Role.BROKER, actor=actor
        )
        again, token = services.staff_invite(
            municipality=heerde, email="A@example.org", role=Role.BROKER, actor=actor
        )
    assert again == first and token is None
    assert len(mailoutbox) == 1
    assert StaffInvitation.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "code"), [(Role.RESIDENT, "invalid_role"), (Role.ORGANISATION_MEMBER, "invalid_role")]
)
def test_invite_refuses_non_staff_roles(heerde, actor, role, code):
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invite(municipality=heerde, email="a@example.org", role=role, actor=actor)
    assert code in _codes(excinfo)


def test_invite_refuses_someone_who_has_the_role(heerde, actor, make_member):
    broker = make_member(Role.BROKER, heerde)
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invite(
            municipality=heerde, email=broker.email, role=Role.BROKER, actor=actor
        )
    assert _codes(excinfo) == ["has_role"]


def test_invite_needs_the_admin_role_in_that_municipality(dalfsen, actor):
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invite(
            municipality=dalfsen, email="a@example.org", role=Role.BROKER, actor=actor
        )
    assert _codes(excinfo) == ["not_admin"]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"accepted_at": timezone.now()}, "used"),
        ({"cancelled_at": timezone.now()}, "cancelled"),
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, "expired"),
    ],
)
def test_a_closed_invitation_does_not_work(heerde, fields, code):
    StaffInvitationFactory(municipality=heerde, token="tok", **fields)
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invitation_get(token="tok")
    assert _codes(excinfo) == [code]
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invitation_get(token="other")
    assert _codes(excinfo) == ["unknown"]


def test_resend_replaces_the_link_and_cancel_closes_it(heerde, actor):
    invitation = StaffInvitationFactory(municipality=heerde, token="old")
    new_token = services.staff_invitation_resend(invitation=invitation, actor=actor)
    with pytest.raises(ValidationError):
        services.staff_invitation_get(token="old")
    assert services.staff_invitation_get(token=new_token) == invitation
    services.staff_invitation_cancel(invitation=invitation, actor=actor)
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invitation_get(token=new_token)
    assert _codes(excinfo) == ["cancelled"]
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invitation_cancel(invitation=invitation, actor=actor)
    assert _codes(excinfo) == ["not_pending"]


def test_accept_with_another_address_is_refused(heerde):
    StaffInvitationFactory(municipality=heerde, token="tok", email="juist@example.org")
    other = UserFactory(email="anders@example.org")
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invitation_accept(token="tok", user=other, actor=Actor(user=other))
    assert _codes(excinfo) == ["wrong_email"]
    assert not Membership.objects.filter(user=other, municipality=heerde).exists()


def test_sign_up_applies_the_password_validators(heerde):
    StaffInvitationFactory(municipality=heerde, token="tok")
    with pytest.raises(ValidationError) as excinfo:
        services.staff_invitation_sign_up(token="tok", full_name="Nieuw", password="12345678")
    assert "password1" in error_codes(excinfo.value)
    assert not User.objects.filter(full_name="Nieuw").exists()


def test_grant_and_revoke_a_role(heerde, actor, make_member):
    person = make_member(Role.BROKER, heerde)
    membership = services.membership_grant(
        municipality=heerde, user=person, role=Role.CONSULTANT, actor=actor
    )
    assert membership.is_active
    with pytest.raises(ValidationError) as excinfo:
        services.membership_grant(
            municipality=heerde, user=person, role=Role.CONSULTANT, actor=actor
        )
    assert _codes(excinfo) == ["has_role"]
    services.membership_revoke(membership=membership, actor=actor)
    membership.refresh_from_db()
    assert not membership.is_active
    # Given again: the same row is switched on again.
    again = services.membership_grant(
        municipality=heerde, user=person, role=Role.CONSULTANT, actor=actor
    )
    assert again.pk == membership.pk and again.is_active
    assert AuditEvent.objects.filter(
        object_type="accounts.user", object_id=str(person.pk), reason="role consultant taken"
    ).exists()


def test_grant_needs_a_person_of_the_municipality(heerde, dalfsen, actor, make_member):
    stranger = make_member(Role.BROKER, dalfsen)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_grant(municipality=heerde, user=stranger, role=Role.BROKER, actor=actor)
    assert _codes(excinfo) == ["unknown_person"]


def test_admin_cannot_take_own_last_admin_role(heerde, admin_heerde, actor):
    own = Membership.objects.get(user=admin_heerde, role=Role.MUNICIPALITY_ADMIN)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_revoke(membership=own, actor=actor)
    assert _codes(excinfo) == ["own_last_admin"]
    own.refresh_from_db()
    assert own.is_active


def test_admin_may_take_own_admin_role_when_another_remains(heerde, dalfsen, admin_heerde):
    MembershipFactory(user=admin_heerde, municipality=dalfsen, role=Role.MUNICIPALITY_ADMIN)
    own = Membership.objects.get(
        user=admin_heerde, municipality=heerde, role=Role.MUNICIPALITY_ADMIN
    )
    services.membership_revoke(membership=own, actor=Actor(user=admin_heerde))
    own.refresh_from_db()
    assert not own.is_active


def test_revoke_refuses_resident_memberships(heerde, actor, make_member):
    resident = make_member(Role.RESIDENT, heerde)
    membership = Membership.objects.get(user=resident)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_revoke(membership=membership, actor=actor)
    assert _codes(excinfo) == ["not_staff_role"]


def test_deactivate_switches_off_only_this_municipality(heerde, dalfsen, actor, make_member):
    person = make_member(Role.BROKER, heerde)
    MembershipFactory(user=person, municipality=heerde, role=Role.CONSULTANT)
    MembershipFactory(user=person, municipality=dalfsen, role=Role.BROKER)
    assert services.account_deactivate(municipality=heerde, user=person, actor=actor) == 2
    assert set(
        Membership.objects.filter(user=person, is_active=True).values_list(
            "municipality", flat=True
        )
    ) == {dalfsen.pk}
    with pytest.raises(ValidationError) as excinfo:
        services.account_deactivate(municipality=heerde, user=person, actor=actor)
    assert _codes(excinfo) == ["inactive"]


def test_deactivate_refuses_oneself(heerde, admin_heerde, actor):
    with pytest.raises(ValidationError) as excinfo:
        services.account_deactivate(municipality=heerde, user=admin_heerde, actor=actor)
    assert _codes(excinfo) == ["self"]


def test_two_factor_reset_deletes_devices_and_is_audited(heerde, actor, make_member):
    person = make_member(Role.CONSULTANT, heerde, totp=True)
    StaticDevice.objects.create(user=person, name="backup")
    with pytest.raises(ValidationError) as excinfo:
        services.two_factor_reset(municipality=heerde, user=person, reason=" ", actor=actor)
    assert _codes(excinfo) == ["reason_required"]
    assert (
        services.two_factor_reset(
            municipality=heerde, user=person, reason="Telefoon kwijt", actor=actor
        )
        == 2
    )
    assert not person.totpdevice_set.exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    event = AuditEvent.objects.get(
        action=AuditAction.TWO_FACTOR_DISABLED,
        object_id=person.pk,
        reason__startswith="second factor reset",
    )
    assert "Telefoon kwijt" in event.reason and event.municipality == heerde
    assert event.actor == actor.user


def test_two_factor_reset_refuses_oneself_and_non_staff(heerde, admin_heerde, actor, make_member):
    with pytest.raises(ValidationError) as excinfo:
        services.two_factor_reset(municipality=heerde, user=admin_heerde, reason="x", actor=actor)
    assert _codes(excinfo) == ["self"]
    resident = make_member(Role.RESIDENT, heerde, totp=True)
    with pytest.raises(ValidationError) as excinfo:
        services.two_factor_reset(municipality=heerde, user=resident, reason="x", actor=actor)
    assert _codes(excinfo) == ["not_staff"]
    assert admin_heerde.totpdevice_set.exists()


def test_retention_deletes_invitations_90_days_after_expiry(heerde):
    now = timezone.now()
    old = StaffInvitationFactory(municipality=heerde, expires_at=now - timedelta(days=91))
    recent = StaffInvitationFactory(municipality=heerde, expires_at=now - timedelta(days=89))
    assert services.staff_invitations_apply_retention(now=now) == 1
    assert list(StaffInvitation.objects.all()) == [recent]
    assert not StaffInvitation.objects.filter(pk=old.pk).exists()


def test_retention_rule_is_registered():
    from omzien.privacy.retention import rules

    assert "staff_invitations_apply_retention" in rules()


# --- Views -------------------------------------------------------------------------------------


def test_staff_list_shows_roles_filters_and_stays_bounded(
    admin_client, heerde, dalfsen, make_member, django_assert_max_num_queries
):
    for n in range(6):
        person = make_member(Role.BROKER, heerde, full_name=f"Bemiddelaar {n}", totp=True)
        MembershipFactory(user=person, municipality=heerde, role=Role.CONSULTANT)
    make_member(Role.POLICY_ADVISOR, heerde, full_name="Beleid Persoon")
    make_member(Role.BROKER, dalfsen, full_name="Elders Persoon")
    make_member(Role.RESIDENT, heerde, full_name="Inwoner Persoon")
    url = reverse("accounts:staff_list")
    with django_assert_max_num_queries(20):
        response = admin_client.get(url)
    content = response.content.decode()
    assert "Bemiddelaar 5" in content and "Beleid Persoon" in content
    assert "Elders Persoon" not in content and "Inwoner Persoon" not in content
    content = admin_client.get(url, {"role": Role.POLICY_ADVISOR}).content.decode()
    assert "Beleid Persoon" in content and "Bemiddelaar" not in content
    content = admin_client.get(url, {"q": "bemiddelaar 3"}).content.decode()
    assert "Bemiddelaar 3" in content and "Beleid Persoon" not in content
    # More people add no queries.
    for _n in range(10):
        make_member(Role.REFERRER, heerde, totp=True)
    with django_assert_max_num_queries(20):
        admin_client.get(url)


def test_staff_pages_of_another_municipality_answer_404(admin_client, dalfsen, make_member):
    person = make_member(Role.BROKER, dalfsen)
    assert (
        admin_client.get(reverse("accounts:staff_person", args=[dalfsen.pk, person.pk])).status_code
        == 404
    )
    assert admin_client.get(reverse("accounts:staff_invite", args=[dalfsen.pk])).status_code == 404


def test_invite_view_and_pending_list(admin_client, heerde, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("accounts:staff_invite", args=[heerde.pk]),
            {"email": "nieuw@example.org", "role": Role.REFERRER},
        )
    assert response.status_code == 302
    content = admin_client.get(response["Location"]).content.decode()
    assert "nieuw@example.org" in content


def test_two_factor_reset_view(admin_client, heerde, make_member):
    person = make_member(Role.CONSULTANT, heerde, totp=True)
    url = reverse("accounts:staff_two_factor_reset", args=[heerde.pk, person.pk])
    admin_client.post(url, {"reason": ""})
    assert person.totpdevice_set.exists()
    admin_client.post(url, {"reason": "Nieuwe telefoon"})
    assert not person.totpdevice_set.exists()


# --- The invited person: invite -> accept -> two-factor enrolment ---------------------------


def test_invited_newcomer_creates_account_and_enrols_in_two_factor(
    client, admin_client, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("accounts:staff_invite", args=[heerde.pk]),
            {"email": "nieuw@example.org", "role": Role.CONSULTANT},
        )
    token = _link_token(mailoutbox[-1])
    url = reverse("accounts:staff_invitation", args=[token])
    from django.test import Client

    newcomer = Client()
    page = newcomer.get(url)
    assert page.status_code == 200 and 'name="password1"' in page.content.decode()
    response = newcomer.post(
        url, {"full_name": "Nieuwe Consulent", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == SETUP
    user = User.objects.get(email="nieuw@example.org")
    assert user.is_active and user.email_verified_at is not None
    assert user.has_role_in(heerde, Role.CONSULTANT)
    # Staff pages send them to the set-up until they have a second factor.
    assert newcomer.get(reverse("caregivers:registry"))["Location"] == SETUP
    newcomer.post(SETUP, {"setup_view-current_step": "welcome"})
    secret = newcomer.session["django_two_factor-qr_secret_key"]
    response = newcomer.post(
        SETUP,
        {
            "setup_view-current_step": "generator",
            "generator-token": f"{totp(b32decode(secret)):06d}",
        },
    )
    assert response.status_code == 302
    assert newcomer.get(reverse("caregivers:registry")).status_code == 200
    # The link works once.
    used = Client().get(url)
    assert used.status_code == 410
    assert "al gebruikt" in used.content.decode() or "used already" in used.content.decode()


def test_existing_account_logs_in_and_accepts(client, heerde, make_member):
    person = make_member(Role.RESIDENT, heerde)
    StaffInvitationFactory(municipality=heerde, email=person.email, token="tok", role=Role.BROKER)
    url = reverse("accounts:staff_invitation", args=["tok"])
    anonymous = client.get(url).content.decode()
    assert reverse("two_factor:login") in anonymous and 'name="password1"' not in anonymous
    client.force_login(person)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == SETUP
    assert Membership.objects.get(user=person, role=Role.BROKER, municipality=heerde).is_active


def test_existing_staff_with_device_goes_on_to_the_dashboard(client, heerde, make_member):
    person = make_member(Role.CONSULTANT, heerde, totp=True)
    StaffInvitationFactory(municipality=heerde, email=person.email, token="tok", role=Role.BROKER)
    login_verified(client, person)
    response = client.post(reverse("accounts:staff_invitation", args=["tok"]))
    assert response["Location"] == reverse("ui:dashboard")


@pytest.mark.parametrize(
    "fields",
    [
        {"accepted_at": timezone.now()},
        {"cancelled_at": timezone.now()},
        {"expires_at": timezone.now() - timedelta(days=1)},
    ],
)
def test_closed_link_shows_a_clear_page(client, heerde, fields):
    StaffInvitationFactory(municipality=heerde, token="tok", **fields)
    response = client.get(
        reverse("accounts:staff_invitation", args=["tok"]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 410
    assert "Deze uitnodiging werkt niet" in response.content.decode()


def test_factor_reset_user_must_enrol_again(client, admin_heerde, heerde, make_member):
    person = make_member(Role.CONSULTANT, heerde, totp=True)
    services.two_factor_reset(
        municipality=heerde, user=person, reason="kwijt", actor=Actor(user=admin_heerde)
    )
    client.force_login(person)
    assert client.get(reverse("caregivers:registry"))["Location"] == SETUP
