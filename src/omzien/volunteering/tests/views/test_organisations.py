"""Organisation pages as each role sees them: permissions, forms and query counts."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.accounts.tests.factories import UserFactory
from omzien.testing.login import login_verified
from omzien.ui.navigation import navigation_for
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Organisation, OrganisationInvitation, OrganisationMember
from omzien.volunteering.services import organisations as orgs
from omzien.volunteering.services.organisations import Actor
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Rita Resident")


@pytest.fixture
def pending(heerde):
    return OrganisationFactory(
        municipality=heerde,
        name="Buurtvereniging Oost",
        status=volunteering_constants.OrganisationStatus.PENDING,
    )


@pytest.fixture
def epe_broker_client(client, make_member, epe):
    return login_verified(client, make_member(Role.BROKER, epe, totp=True))


def _form(heerde, wapenveld, **overrides) -> dict:
    data = {
        "municipality": heerde.pk,
        "name": "Stichting Groen Wapenveld",
        "kind": volunteering_constants.OrganisationKind.FOUNDATION,
        "domains": [volunteering_constants.Domain.NATURE],
        "description": "Wij onderhouden het groen.",
        "locality": wapenveld.pk,
        "address": "",
        "postcode": "",
        "contact_name": "Gerda de Groot",
        "contact_email": "info@groen.example.org",
        "contact_phone": "",
        "website": "groen.example.org",
        "kvk_number": "1234 5678",
        "free_vog": "yes",
    }
    data.update(overrides)
    return data


# --- Registration --------------------------------------------------------------------------------


def test_register_needs_login(client):
    response = client.get(reverse("volunteering:organisation_register"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


def test_register(client, resident, heerde, wapenveld, broker):
    client.force_login(resident)
    url = reverse("volunteering:organisation_register")
    page = client.get(url)
    assert page.status_code == 200
    assert "Wapenveld" in page.content.decode()
    # Not a member yet: cancelling leads to the start page, not to "my organisations" (403).
    assert f'href="{reverse("ui:dashboard")}">Annuleren' in page.content.decode()
    response = client.post(url, _form(heerde, wapenveld))
    assert response.status_code == 302
    assert response.url == reverse("volunteering:organisation_mine")
    organisation = Organisation.objects.get()
    assert organisation.status == volunteering_constants.OrganisationStatus.PENDING
    assert organisation.kvk_number == "12345678"
    assert organisation.website == "https://groen.example.org"
    assert organisation.free_vog is True
    assert OrganisationMember.objects.get().user == resident


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kvk_number": "1234"}, "8 cijfers"),
        ({"name": "Sportclub Heerde"}, "al een organisatie met deze naam"),
        ({"locality": "", "postcode": ""}, "Kies een kern"),
        ({"domains": []}, "Kies minstens één"),
    ],
)
def test_register_errors_in_dutch_and_nothing_written(
    client, resident, heerde, wapenveld, organisation, overrides, message
):
    client.force_login(resident)
    response = client.post(
        reverse("volunteering:organisation_register"), _form(heerde, wapenveld, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Organisation.objects.count() == 1  # only the fixture's


# --- The members' pages ----------------------------------------------------------------------


def test_dashboard_lists_own_organisations_only(org_client, organisation, heerde):
    other = OrganisationFactory(municipality=heerde, name="Andere club")
    VacancyFactory(organisation=organisation, title="Trainer gezocht")
    response = org_client.get(reverse("volunteering:organisation_mine"))
    content = response.content.decode()
    assert "Sportclub Heerde" in content and "Trainer gezocht" in content
    assert other.name not in content


def test_dashboard_links_vacancies_only_when_the_page_exists(org_client, organisation):
    vacancy = VacancyFactory(organisation=organisation)
    response = org_client.get(reverse("volunteering:organisation_mine"))
    (listed,) = response.context["organisations"][0].current_vacancies
    try:
        expected = reverse("volunteering:vacancy_manage", args=[vacancy.pk])
    except NoReverseMatch:  # the vacancy pages are built in their own part
        expected = ""
    assert listed.manage_url == expected
    if expected:
        assert f'href="{expected}"' in response.content.decode()
    try:
        new = reverse("volunteering:vacancy_create", args=[organisation.pk])
    except NoReverseMatch:
        new = ""
    assert response.context["organisations"][0].new_vacancy_url == new


@pytest.mark.parametrize("size", [3, 30])
def test_dashboard_runs_a_fixed_number_of_queries(
    org_client, org_admin, heerde, make_member, django_assert_num_queries, size
):
    for _i in range(size):
        organisation = OrganisationFactory(municipality=heerde)
        OrganisationMemberFactory(organisation=organisation, user=org_admin)
        OrganisationMemberFactory(
            organisation=organisation, user=make_member(Role.ORGANISATION_MEMBER, heerde)
        )
        VacancyFactory(organisation=organisation)
        VacancyFactory(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)
        OrganisationInvitation.objects.create(
            organisation=organisation,
            email=f"uitgenodigd{_i}@example.org",
            token_hash=f"{_i:064d}",
            expires_at=timezone.now() + datetime.timedelta(days=3),
        )
    url = reverse("volunteering:organisation_mine")
    org_client.get(url)
    # session, user, memberships (navigation), my organisations, vacancy counts,
    # current vacancies, members, invitations
    with django_assert_num_queries(8):
        response = org_client.get(url)
    assert len(response.context["organisations"]) == size + 1


def test_edit_by_admin(org_client, organisation, wapenveld):
    url = reverse("volunteering:organisation_edit", args=[organisation.pk])
    assert org_client.get(url).status_code == 200
    data = _form(organisation.municipality, wapenveld, name="Sportclub Heerde 1920", version=1)
    response = org_client.post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Sportclub Heerde 1920" and organisation.version == 2


def test_edit_conflict_saves_nothing(org_client, organisation, wapenveld):
    Organisation.objects.filter(pk=organisation.pk).update(version=5)
    url = reverse("volunteering:organisation_edit", args=[organisation.pk])
    data = _form(organisation.municipality, wapenveld, name="Overschreven", version=1)
    response = org_client.post(url, data, follow=True)
    assert "Niets is opgeslagen" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Sportclub Heerde"


def test_plain_member_cannot_edit_or_manage(client, organisation, heerde, make_member):
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(
        organisation=organisation, user=user, role=volunteering_constants.MemberRole.MEMBER
    )
    client.force_login(user)
    for name in ("organisation_edit", "organisation_members"):
        assert (
            client.get(reverse(f"volunteering:{name}", args=[organisation.pk])).status_code == 403
        )
    assert (
        client.get(reverse("volunteering:organisation_leave", args=[organisation.pk])).status_code
        == 200
    )


def test_non_member_gets_403(client, resident, organisation, org_admin):
    client.force_login(resident)
    for name in ("organisation_edit", "organisation_members", "organisation_leave"):
        response = client.get(reverse(f"volunteering:{name}", args=[organisation.pk]))
        assert response.status_code == 403, name
    member = OrganisationMember.objects.get(organisation=organisation)
    response = client.post(
        reverse("volunteering:organisation_member_remove", args=[organisation.pk, member.pk])
    )
    assert response.status_code == 403
    assert OrganisationMember.objects.filter(pk=member.pk).exists()


def test_invite_from_members_page(
    org_client, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("volunteering:organisation_members", args=[organisation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = org_client.post(url, {"email": "nieuw@example.org", "role": "member"})
    assert response.status_code == 302
    assert OrganisationInvitation.objects.get().email == "nieuw@example.org"
    assert mailoutbox[0].to == ["nieuw@example.org"]
    assert "nieuw@example.org" in org_client.get(url).content.decode()


def test_last_admin_cannot_remove_themselves(org_client, organisation, org_admin):
    member = OrganisationMember.objects.get(user=org_admin)
    response = org_client.post(
        reverse("volunteering:organisation_member_remove", args=[organisation.pk, member.pk]),
        follow=True,
    )
    assert "minstens één beheerder" in response.content.decode()
    assert OrganisationMember.objects.filter(pk=member.pk).exists()


def test_admin_changes_role_and_removes_member(org_client, organisation, heerde, make_member):
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    member = OrganisationMemberFactory(organisation=organisation, user=user, role="member")
    org_client.post(
        reverse("volunteering:organisation_member_role", args=[organisation.pk, member.pk]),
        {"role": "admin"},
    )
    member.refresh_from_db()
    assert member.role == volunteering_constants.MemberRole.ADMIN
    org_client.post(
        reverse("volunteering:organisation_member_remove", args=[organisation.pk, member.pk])
    )
    assert not OrganisationMember.objects.filter(pk=member.pk).exists()


def test_member_leaves(client, organisation, heerde, make_member):
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(
        organisation=organisation, user=user, role=volunteering_constants.MemberRole.MEMBER
    )
    client.force_login(user)
    response = client.post(reverse("volunteering:organisation_leave", args=[organisation.pk]))
    assert response.status_code == 302
    assert not OrganisationMember.objects.filter(user=user).exists()


def test_withdraw_invitation(org_client, organisation, org_admin):
    invitation, token = orgs.invitation_create(
        organisation=organisation, email="a@example.org", role="member", actor=Actor(user=org_admin)
    )
    org_client.post(
        reverse(
            "volunteering:organisation_invitation_cancel", args=[organisation.pk, invitation.pk]
        )
    )
    assert not OrganisationInvitation.objects.filter(pk=invitation.pk).exists()


# --- Accepting an invitation -----------------------------------------------------------------


@pytest.fixture
def invitation_token(organisation, org_admin):
    _invitation, token = orgs.invitation_create(
        organisation=organisation,
        email="nieuw@example.org",
        role="member",
        actor=Actor(user=org_admin),
    )
    return token


def test_invitation_page_for_anonymous_asks_to_log_in(client, invitation_token):
    url = reverse("volunteering:organisation_invitation", args=[invitation_token])
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sportclub Heerde" in content and reverse("accounts:sign_up") in content
    # A POST without login does nothing.
    client.post(url)
    assert OrganisationMember.objects.count() == 1


def test_accept_invitation(client, invitation_token, heerde):
    user = UserFactory(email="nieuw@example.org")
    client.force_login(user)
    url = reverse("volunteering:organisation_invitation", args=[invitation_token])
    response = client.post(url)
    assert response.status_code == 302
    assert OrganisationMember.objects.filter(user=user).exists()
    assert Membership.objects.filter(user=user, role=Role.ORGANISATION_MEMBER).exists()
    # The link works once.
    assert client.get(url).status_code == 400


def test_accept_invitation_with_another_address(client, invitation_token):
    user = UserFactory(email="iemand-anders@example.org")
    client.force_login(user)
    url = reverse("volunteering:organisation_invitation", args=[invitation_token])
    response = client.post(url)
    assert response.status_code == 400
    assert "ander e-mailadres" in response.content.decode()
    assert not OrganisationMember.objects.filter(user=user).exists()


def test_expired_and_unknown_invitation_links(client, invitation_token):
    OrganisationInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    url = reverse("volunteering:organisation_invitation", args=[invitation_token])
    assert "verlopen" in client.get(url).content.decode()
    assert (
        client.get(reverse("volunteering:organisation_invitation", args=["x"])).status_code == 400
    )


# --- Broker review ---------------------------------------------------------------------------


def test_review_list_is_for_brokers(client, resident, pending):
    url = reverse("volunteering:organisation_review_list")
    assert client.get(url).status_code == 302  # to the login
    client.force_login(resident)
    assert client.get(url).status_code == 403


def test_review_list_shows_own_municipality(broker_client, pending, epe):
    OrganisationFactory(municipality=epe, name="Vaassense Vogelwacht", status="pending")
    content = broker_client.get(reverse("volunteering:organisation_review_list")).content.decode()
    assert "Buurtvereniging Oost" in content and "Vogelwacht" not in content


@pytest.mark.parametrize("size", [3, 30])
def test_review_list_runs_a_fixed_number_of_queries(
    broker_client, heerde, wapenveld, make_member, django_assert_num_queries, size
):
    for _i in range(size):
        organisation = OrganisationFactory(
            municipality=heerde,
            status=volunteering_constants.OrganisationStatus.PENDING,
            locality=wapenveld,
            created_by=make_member(Role.RESIDENT, heerde),
        )
        OrganisationMemberFactory(organisation=organisation)
    url = reverse("volunteering:organisation_review_list")
    broker_client.get(url)
    # session, user, device, memberships, count, page
    with django_assert_num_queries(6):
        response = broker_client.get(url)
    assert len(response.context["page"].object_list) == size


def test_approve(broker_client, pending):
    url = reverse("volunteering:organisation_review", args=[pending.pk])
    assert broker_client.get(url).status_code == 200
    response = broker_client.post(reverse("volunteering:organisation_approve", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_approved
    # A second approval is refused with a message.
    response = broker_client.post(
        reverse("volunteering:organisation_approve", args=[pending.pk]), follow=True
    )
    assert "al beoordeeld" in response.content.decode()


def test_reject_needs_reason(broker_client, pending):
    url = reverse("volunteering:organisation_review", args=[pending.pk])
    response = broker_client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Geef de reden" in response.content.decode()
    response = broker_client.post(url, {"reason": "Dit is een commercieel bedrijf."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == volunteering_constants.OrganisationStatus.REJECTED


def test_broker_of_epe_cannot_review_heerde(epe_broker_client, pending):
    assert (
        epe_broker_client.get(
            reverse("volunteering:organisation_review", args=[pending.pk])
        ).status_code
        == 404
    )
    assert (
        epe_broker_client.post(
            reverse("volunteering:organisation_approve", args=[pending.pk])
        ).status_code
        == 404
    )
    assert (
        epe_broker_client.post(
            reverse("volunteering:organisation_review", args=[pending.pk]), {"reason": "nee"}
        ).status_code
        == 404
    )
    pending.refresh_from_db()
    assert pending.status == volunteering_constants.OrganisationStatus.PENDING


# --- Public ----------------------------------------------------------------------------------


def test_public_page(client, organisation):
    VacancyFactory(organisation=organisation, title="Trainer jeugd")
    VacancyFactory(organisation=organisation, title="Geheim concept", status="draft")
    response = client.get(reverse("volunteering:organisation_public", args=[organisation.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Trainer jeugd" in content and "Geheim concept" not in content
    assert organisation.contact_email not in content  # contact details stay with the broker


def test_public_page_of_unapproved_organisation_is_404(client, pending):
    assert (
        client.get(reverse("volunteering:organisation_public", args=[pending.pk])).status_code
        == 404
    )


def test_public_list(client, organisation, pending, epe):
    OrganisationFactory(municipality=epe, name="Vaassense Vogelwacht")
    url = reverse("volunteering:organisation_public_list")
    content = client.get(url).content.decode()
    assert "Sportclub Heerde" in content and "Vogelwacht" in content
    assert "Buurtvereniging Oost" not in content
    content = client.get(url, {"municipality": epe.pk}).content.decode()
    assert "Vogelwacht" in content and "Sportclub Heerde" not in content


# --- Navigation ------------------------------------------------------------------------------


def _nav_urls(user) -> set[str]:
    return {item["url"] for item in navigation_for(user=user, current_path="/")}


def test_navigation_by_role(resident, org_admin, broker):
    assert reverse("volunteering:organisation_register") in _nav_urls(resident)
    assert reverse("volunteering:organisation_mine") not in _nav_urls(resident)
    assert reverse("volunteering:organisation_mine") in _nav_urls(org_admin)
    assert reverse("volunteering:organisation_review_list") in _nav_urls(broker)
    assert reverse("volunteering:organisation_review_list") not in _nav_urls(org_admin)
