"""Campaign pages: the broker's management pages, the public page and its sign-up form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Campaign, CampaignSignup
from omzien.volunteering.tests.factories import VacancyFactory

TODAY = timezone.localdate()


def task(organisation, **kwargs):
    return VacancyFactory(
        organisation=organisation,
        kind=volunteering_constants.VacancyKind.ONE_OFF,
        day_parts=[],
        hours_per_week=None,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        **kwargs,
    )


@pytest.fixture
def campaign(heerde):
    return Campaign.objects.create(
        municipality=heerde,
        name="NL Doet Heerde",
        kind=volunteering_constants.CampaignKind.NL_DOET,
        description="Samen klussen.",
        starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=7),
        is_public=True,
    )


def test_broker_creates_campaign(broker_client, heerde):
    response = broker_client.post(
        reverse("volunteering:campaign_create"),
        {
            "name": "Week van de mantelzorg",
            "kind": volunteering_constants.CampaignKind.CARERS_WEEK,
            "description": "Help een mantelzorger.",
            "starts_on": TODAY.isoformat(),
            "ends_on": TODAY.isoformat(),
            "is_public": "on",
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.municipality == heerde
    assert broker_client.get(reverse("volunteering:campaign_list")).status_code == 200


def test_create_form_end_before_start(broker_client):
    response = broker_client.post(
        reverse("volunteering:campaign_create"),
        {
            "name": "X",
            "kind": volunteering_constants.CampaignKind.OTHER,
            "description": "y",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    assert not Campaign.objects.exists()


def test_manage_add_remove_and_signups(broker_client, campaign, organisation):
    vacancy = task(organisation, title="Schilderen clubhuis")
    page = broker_client.get(reverse("volunteering:campaign_manage", args=[campaign.pk]))
    assert "Schilderen clubhuis" in page.content.decode()
    broker_client.post(
        reverse("volunteering:campaign_add_task", args=[campaign.pk]), {"vacancy": vacancy.pk}
    )
    vacancy.refresh_from_db()
    assert vacancy.campaign == campaign
    CampaignSignup.objects.create(
        campaign=campaign, vacancy=vacancy, name="Jan", email="jan@example.org", phone="0611"
    )
    response = broker_client.get(reverse("volunteering:campaign_signups", args=[campaign.pk]))
    assert "jan@example.org" in response.content.decode()
    assert AuditEvent.objects.filter(action="view", object_type="volunteering.campaign").exists()
    broker_client.post(
        reverse("volunteering:campaign_remove_task", args=[campaign.pk]), {"vacancy": vacancy.pk}
    )
    vacancy.refresh_from_db()
    assert vacancy.campaign is None


def test_add_refusal_shows_message(broker_client, campaign, organisation):
    vacancy = VacancyFactory(organisation=organisation)
    response = broker_client.post(
        reverse("volunteering:campaign_add_task", args=[campaign.pk]),
        {"vacancy": vacancy.pk},
        follow=True,
    )
    vacancy.refresh_from_db()
    assert vacancy.campaign is None
    assert len(list(response.context["messages"])) == 1


@pytest.mark.parametrize("name", ["campaign_manage", "campaign_edit", "campaign_signups"])
def test_epe_broker_gets_404(client, make_member, epe, campaign, name):
    login_verified(client, make_member(Role.BROKER, epe, totp=True))
    assert client.get(reverse(f"volunteering:{name}", args=[campaign.pk])).status_code == 404


def test_epe_broker_cannot_attach(client, make_member, epe, campaign, organisation):
    login_verified(client, make_member(Role.BROKER, epe, totp=True))
    vacancy = task(organisation)
    url = reverse("volunteering:campaign_add_task", args=[campaign.pk])
    assert client.post(url, {"vacancy": vacancy.pk}).status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.campaign is None


@pytest.mark.parametrize(
    "name, args",
    [("campaign_list", []), ("campaign_create", []), ("campaign_manage", [1])],
)
def test_resident_gets_403(client, make_member, heerde, campaign, name, args):
    client.force_login(make_member(Role.RESIDENT, heerde))
    args = [campaign.pk] if args else []
    assert client.get(reverse(f"volunteering:{name}", args=args)).status_code == 403


def test_public_page_404_unless_public(client, campaign):
    url = reverse("volunteering:campaign_public", args=[campaign.pk])
    assert client.get(url).status_code == 200
    Campaign.objects.filter(pk=campaign.pk).update(is_public=False)
    assert client.get(url).status_code == 404


def test_public_signup_and_errors(
    client, campaign, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    vacancy = task(organisation, campaign=campaign, places=1, title="Bankjes verven")
    url = reverse("volunteering:campaign_public", args=[campaign.pk])
    prefix = f"task{vacancy.pk}"
    page = client.get(url).content.decode()
    assert "Bankjes verven" in page and organisation.name in page
    response = client.post(url, {"task": vacancy.pk, f"{prefix}-name": "", f"{prefix}-email": "x"})
    assert response.status_code == 200
    assert response.context["posted"].form.errors
    assert not CampaignSignup.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"task": vacancy.pk, f"{prefix}-name": "Jan", f"{prefix}-email": "jan@example.org"},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("volunteering:campaign_thanks", args=[campaign.pk])
    assert len(mailoutbox) == 1
    # Now full: the form is gone and a stale post is refused.
    assert f'name="{prefix}-email"' not in client.get(url).content.decode()
    response = client.post(
        url, {"task": vacancy.pk, f"{prefix}-name": "Piet", f"{prefix}-email": "p@example.org"}
    )
    assert response.status_code == 200
    assert response.context["posted"].form.non_field_errors()
    assert "Helaas, deze klus is vol" in response.content.decode()
    assert CampaignSignup.objects.count() == 1


def test_public_post_for_unknown_task_redirects(client, campaign, organisation):
    other = task(organisation)
    url = reverse("volunteering:campaign_public", args=[campaign.pk])
    response = client.post(url, {"task": other.pk})
    assert response.status_code == 302
    assert not CampaignSignup.objects.exists()


def test_public_list(client, campaign):
    response = client.get(reverse("volunteering:campaign_public_list"))
    assert "NL Doet Heerde" in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_public_page_bounded_queries(
    client, campaign, organisation, count, django_assert_num_queries
):
    for _ in range(count):
        task(organisation, campaign=campaign)
    url = reverse("volunteering:campaign_public", args=[campaign.pk])
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.content.decode().count("<section") == count


@pytest.mark.parametrize("count", [3, 30])
def test_manage_pages_bounded_queries(
    broker_client, campaign, organisation, count, django_assert_max_num_queries
):
    for _ in range(count):
        vacancy = task(organisation, campaign=campaign)
        CampaignSignup.objects.create(
            campaign=campaign, vacancy=vacancy, name="A", email=f"a{vacancy.pk}@example.org"
        )
    with django_assert_max_num_queries(15):
        broker_client.get(reverse("volunteering:campaign_manage", args=[campaign.pk]))
    with django_assert_max_num_queries(16):
        broker_client.get(reverse("volunteering:campaign_signups", args=[campaign.pk]))


def test_a_stale_edit_form_saves_nothing_and_says_why(broker_client, campaign):
    url = reverse("volunteering:campaign_edit", args=[campaign.pk])
    Campaign.objects.filter(pk=campaign.pk).update(version=2, name="Al gewijzigd")
    response = broker_client.post(
        url,
        {
            "name": "Mijn wijziging",
            "kind": campaign.kind,
            "description": campaign.description,
            "starts_on": campaign.starts_on.isoformat(),
            "ends_on": campaign.ends_on.isoformat(),
            "is_public": "on",
            "version": "1",
        },
        follow=True,
    )
    campaign.refresh_from_db()
    assert campaign.name == "Al gewijzigd"
    assert response.redirect_chain[-1][0] == url


def test_the_organisation_sees_who_signed_up_for_its_task(org_client, campaign, organisation):
    vacancy = task(organisation, title="Schilderen clubhuis", campaign=campaign)
    other = task(organisation, title="Zonder campagne")
    CampaignSignup.objects.create(
        campaign=campaign, vacancy=vacancy, name="Jan", email="jan@example.org", phone="0611"
    )
    page = org_client.get(reverse("volunteering:vacancy_responses", args=[vacancy.pk]))
    assert "jan@example.org" in page.content.decode()
    assert AuditEvent.objects.filter(
        action="view", object_type="volunteering.vacancy", object_id=str(vacancy.pk)
    ).exists()
    page = org_client.get(reverse("volunteering:vacancy_responses", args=[other.pk]))
    assert "jan@example.org" not in page.content.decode()


def test_other_organisations_do_not_see_sign_ups(
    client, make_member, heerde, campaign, organisation
):
    vacancy = task(organisation, campaign=campaign)
    client.force_login(make_member(Role.ORGANISATION_MEMBER, heerde))
    url = reverse("volunteering:vacancy_responses", args=[vacancy.pk])
    assert client.get(url).status_code == 404


def test_public_signup_is_rate_limited_and_keeps_the_input(
    client, campaign, organisation, settings
):
    settings.OMZIEN_RATE_LIMITS = {
        **settings.OMZIEN_RATE_LIMITS,
        "campaign_signup": {"ip": 2, "address": 100},
    }
    url = reverse("volunteering:campaign_public", args=[campaign.pk])
    vacancies = [task(organisation, campaign=campaign, places=5) for _ in range(3)]
    for n, vacancy in enumerate(vacancies):
        prefix = f"task{vacancy.pk}"
        response = client.post(
            url,
            {"task": vacancy.pk, f"{prefix}-name": "Jan", f"{prefix}-email": f"jan{n}@example.org"},
        )
    assert response.status_code == 429
    html = response.content.decode()
    assert "U heeft dit formulier te vaak verstuurd" in html
    assert 'value="jan2@example.org"' in html
    assert CampaignSignup.objects.count() == 2
