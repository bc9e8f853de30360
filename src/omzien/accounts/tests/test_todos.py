"""The functional administrator's start page: staff invitations not yet accepted (pending, and
expired ones to send again) and the municipality's settings, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.services import staff as services
from omzien.accounts.tests.factories import StaffInvitationFactory
from omzien.common.services import Actor

pytestmark = pytest.mark.django_db


def todos(response) -> dict[str, object]:
    return {
        str(todo.label): todo for section in response.context["sections"] for todo in section.todos
    }


def _invitations(municipality, n):
    past = timezone.now() - timedelta(days=1)
    for _ in range(n):
        StaffInvitationFactory(municipality=municipality)
        StaffInvitationFactory(municipality=municipality, expires_at=past)
        StaffInvitationFactory(municipality=municipality, accepted_at=past)
        StaffInvitationFactory(municipality=municipality, cancelled_at=past)


def test_the_administrator_sees_open_invitations_and_the_settings(admin_client, heerde, dalfsen):
    _invitations(heerde, 2)
    _invitations(dalfsen, 3)  # another municipality's
    found = todos(admin_client.get(reverse("ui:dashboard")))
    pending = found["Uitnodigingen voor medewerkers die nog niet zijn aanvaard"]
    assert pending.count == 2
    assert pending.url == f"{reverse('accounts:staff_list')}?municipality={heerde.pk}#invitations"
    assert found["Verlopen uitnodigingen om opnieuw te versturen"].count == 2
    settings = found["Instellingen van de gemeente"]
    assert settings.url == reverse("tenants:settings", args=[heerde.pk])


def test_others_get_no_administration_section(client, heerde, make_member):
    client.force_login(make_member(Role.RESIDENT, heerde))
    assert "Instellingen van de gemeente" not in todos(client.get(reverse("ui:dashboard")))


@pytest.mark.parametrize("n", [1, 5])
def test_the_administrators_start_page_runs_a_fixed_number_of_queries(
    admin_client, heerde, django_assert_num_queries, n
):
    _invitations(heerde, n)
    admin_client.get(reverse("ui:dashboard"))
    # session, user, device, memberships, the invitation counts, the partners' figures
    # waiting for the municipality (monitor), the volunteer prize's (recognition)
    with django_assert_num_queries(8):
        admin_client.get(reverse("ui:dashboard"))


def test_an_expired_invitation_is_sent_again_or_cancelled(
    heerde, admin_heerde, mailoutbox, django_capture_on_commit_callbacks
):
    actor = Actor(user=admin_heerde)
    past = timezone.now() - timedelta(days=1)
    expired = StaffInvitationFactory(municipality=heerde, token="old", expires_at=past)
    with django_capture_on_commit_callbacks(execute=True):
        token = services.staff_invitation_resend(invitation=expired, actor=actor)
    assert services.staff_invitation_get(token=token) == expired
    assert [m.to for m in mailoutbox] == [[expired.email]]

    other = StaffInvitationFactory(municipality=heerde, expires_at=past)
    services.staff_invitation_cancel(invitation=other, actor=actor)
    other.refresh_from_db()
    assert other.cancelled_at is not None


def test_inviting_an_address_whose_invitation_expired_renews_it(heerde, admin_heerde):
    past = timezone.now() - timedelta(days=1)
    expired = StaffInvitationFactory(
        municipality=heerde, email="laat@example.org", role=Role.BROKER, expires_at=past
    )
    invitation, token = services.staff_invite(
        municipality=heerde,
        email="laat@example.org",
        role=Role.BROKER,
        actor=Actor(user=admin_heerde),
    )
    assert invitation == expired and token is not None
    invitation.refresh_from_db()
    assert invitation.is_pending
