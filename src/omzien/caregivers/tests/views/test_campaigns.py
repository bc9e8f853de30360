"""Campaign pages: the public page in its visible period only, per municipality, escaped; the
editors' list, form and preview; the home page's block."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers import constants
from omzien.caregivers.models import CampaignPage
from omzien.caregivers.tests.factories import CampaignPageFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _public(client, slug, gemeente=None):
    data = {"gemeente": gemeente} if gemeente else {}
    return client.get(reverse("carer:campaign", args=[slug]), data)


@pytest.mark.parametrize(
    ("start", "end", "status"),
    [
        (TODAY, TODAY, 200),  # Dag van de mantelzorg: that one day
        (TODAY - 7 * DAY, TODAY - DAY, 404),  # over
        (TODAY + DAY, TODAY + 7 * DAY, 404),  # not yet
        (TODAY - 7 * DAY, TODAY, 200),  # its last day
        (TODAY, TODAY + 7 * DAY, 200),  # its first day
    ],
)
def test_the_public_page_shows_only_in_its_visible_period(client, heerde, start, end, status):
    CampaignPageFactory(municipality=heerde, slug="dag", visible_from=start, visible_until=end)
    assert _public(client, "dag", "heerde").status_code == status


def test_each_municipality_has_its_own_page_at_the_same_address(client, heerde, dalfsen):
    CampaignPageFactory(municipality=heerde, slug="week", title="Week in Heerde")
    CampaignPageFactory(municipality=dalfsen, slug="week", title="Week in Dalfsen")
    assert "Week in Heerde" in _public(client, "week", "heerde").content.decode()
    assert "Week in Dalfsen" in _public(client, "week", "dalfsen").content.decode()
    # Without a municipality: the visitor chooses.
    chooser = _public(client, "week").content.decode()
    assert "Kies uw gemeente" in chooser
    assert "?gemeente=heerde" in chooser and "?gemeente=dalfsen" in chooser
    # A municipality without a page at this address: 404.
    CampaignPage.objects.filter(municipality=dalfsen).delete()
    assert _public(client, "week", "dalfsen").status_code == 404
    # The only page at this address needs no choice.
    assert "Week in Heerde" in _public(client, "week").content.decode()


def test_a_logged_in_resident_gets_the_page_of_their_own_municipality(
    client, heerde, dalfsen, make_member
):
    CampaignPageFactory(municipality=heerde, slug="week", title="Week in Heerde")
    CampaignPageFactory(municipality=dalfsen, slug="week", title="Week in Dalfsen")
    client.force_login(make_member(Role.RESIDENT, dalfsen))
    assert "Week in Dalfsen" in _public(client, "week").content.decode()


def test_the_text_is_escaped_and_only_its_line_breaks_become_paragraphs(client, heerde):
    CampaignPageFactory(
        municipality=heerde,
        slug="week",
        title="<img src=x onerror=alert(1)>",
        intro="<script>alert('intro')</script>",
        body="Eerste alinea <b>vet</b>.\n\n<script>alert('body')</script>",
    )
    html = _public(client, "week", "heerde").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>vet</b>" not in html
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in html
    assert "<p>Eerste alinea &lt;b&gt;vet&lt;/b&gt;.</p>" in html


@pytest.mark.parametrize(
    ("action", "target"),
    [
        (constants.CallToAction.CHECK, "carer:check"),
        (constants.CallToAction.REGISTER, "carer:self_register"),
        (constants.CallToAction.APPRECIATION, "appreciation_public:rounds"),
        (constants.CallToAction.CALENDAR, "activities_public:calendar"),
    ],
)
def test_the_main_button_leads_where_the_editor_chose(client, heerde, action, target):
    CampaignPageFactory(municipality=heerde, slug="week", call_to_action=action)
    html = _public(client, "week", "heerde").content.decode()
    assert f'utrecht-button-link--primary-action" href="{reverse(target)}' in html


# --- The editors' pages ---------------------------------------------------------------------


@pytest.fixture
def consultant_client(client, make_member, heerde):
    return login_verified(client, make_member(Role.CONSULTANT, heerde, totp=True))


def test_the_list_shows_only_the_editors_municipality(consultant_client, heerde, dalfsen):
    CampaignPageFactory(municipality=heerde, title="Week in Heerde")
    CampaignPageFactory(municipality=dalfsen, title="Week in Dalfsen")
    html = consultant_client.get(reverse("caregivers:campaign_list")).content.decode()
    assert "Week in Heerde" in html
    assert "Week in Dalfsen" not in html


def test_the_list_runs_the_same_queries_for_one_or_five_times_the_pages(
    consultant_client, heerde, django_assert_num_queries
):
    url = reverse("caregivers:campaign_list")
    CampaignPageFactory(municipality=heerde)
    consultant_client.get(url)  # warm up the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        consultant_client.get(url)
    CampaignPageFactory.create_batch(4, municipality=heerde)
    with CaptureQueriesContext(connection) as five:
        response = consultant_client.get(url)
    assert response.content.decode().count("utrecht-table__row") == 6  # header and five
    assert len(five) == len(one)


def test_a_page_of_another_municipality_answers_404(consultant_client, dalfsen):
    other = CampaignPageFactory(municipality=dalfsen)
    for name in ("caregivers:campaign_edit", "caregivers:campaign_preview"):
        assert consultant_client.get(reverse(name, args=[other.pk])).status_code == 404


def test_a_consultant_writes_a_page_sees_the_preview_and_it_is_audited(consultant_client, heerde):
    response = consultant_client.post(
        reverse("caregivers:campaign_create"),
        {
            "kind": constants.CampaignKind.CARERS_DAY,
            "title": "Dag van de mantelzorg",
            "slug": "",
            "intro": "Op 10 november bedanken we alle mantelzorgers.",
            "body": "Kom naar de lunch.",
            "call_to_action": constants.CallToAction.APPRECIATION,
            "visible_from": (TODAY + 30 * DAY).isoformat(),
            "visible_until": (TODAY + 30 * DAY).isoformat(),
        },
    )
    page = CampaignPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("caregivers:campaign_preview", args=[page.pk])
    assert page.slug == "dag-van-de-mantelzorg"
    preview = consultant_client.get(response["Location"]).content.decode()
    assert "Voorbeeld. Inwoners zien deze pagina van" in preview
    assert "Dag van de mantelzorg" in preview
    # Not yet public.
    assert _public(consultant_client, page.slug, "heerde").status_code == 404
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="caregivers.campaignpage"
    ).exists()


def test_the_form_refuses_in_dutch(consultant_client, heerde):
    response = consultant_client.post(
        reverse("caregivers:campaign_create"),
        {
            "kind": constants.CampaignKind.CARERS_WEEK,
            "title": "Week",
            "intro": "",
            "call_to_action": constants.CallToAction.CHECK,
            "visible_from": TODAY.isoformat(),
            "visible_until": (TODAY - DAY).isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verbeter het volgende" in html
    assert "Dit veld is verplicht." in html
    assert not CampaignPage.objects.exists()


def test_a_stale_edit_is_refused_and_the_current_text_shown(consultant_client, heerde):
    page = CampaignPageFactory(municipality=heerde, title="Nieuw", version=3)
    response = consultant_client.post(
        reverse("caregivers:campaign_edit", args=[page.pk]),
        {
            "kind": page.kind,
            "title": "Mijn oude versie",
            "slug": page.slug,
            "intro": page.intro,
            "body": page.body,
            "call_to_action": page.call_to_action,
            "visible_from": page.visible_from.isoformat(),
            "visible_until": page.visible_until.isoformat(),
            "version": 2,
        },
        follow=True,
    )
    assert "Iemand anders heeft deze campagnepagina gewijzigd" in response.content.decode()
    assert CampaignPage.objects.get(pk=page.pk).title == "Nieuw"


# --- The home page ---------------------------------------------------------------------------


def test_the_home_page_shows_the_running_campaigns(client, heerde, dalfsen):
    CampaignPageFactory(municipality=heerde, slug="week", title="Week van de mantelzorg Heerde")
    CampaignPageFactory(
        municipality=dalfsen,
        title="Oude campagne",
        visible_from=TODAY - 30 * DAY,
        visible_until=TODAY - DAY,
    )
    html = client.get(reverse("ui:home")).content.decode()
    assert "Nu voor mantelzorgers" in html
    assert "Heerde: Week van de mantelzorg Heerde" in html
    assert reverse("carer:campaign", args=["week"]) + "?gemeente=heerde" in html
    assert "Oude campagne" not in html
    assert reverse("carer:check") in html
    assert reverse("carer:young") in html


def test_the_home_page_shows_the_visitors_own_municipality_only(
    client, heerde, dalfsen, make_member
):
    CampaignPageFactory(municipality=heerde, title="Week in Heerde")
    CampaignPageFactory(municipality=dalfsen, title="Week in Dalfsen")
    client.force_login(make_member(Role.RESIDENT, dalfsen))
    html = client.get(reverse("ui:home")).content.decode()
    assert "Week in Dalfsen" in html
    assert "Week in Heerde" not in html


def test_without_a_running_campaign_the_home_page_has_no_block(client, heerde):
    assert "Nu voor mantelzorgers" not in client.get(reverse("ui:home")).content.decode()


def test_the_home_block_costs_the_same_with_one_or_five_running_campaigns(client, heerde, dalfsen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CampaignPageFactory(municipality=heerde)
    client.get(reverse("ui:home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("ui:home"), {"gemeente": "heerde"})
    CampaignPageFactory.create_batch(2, municipality=heerde)
    CampaignPageFactory.create_batch(2, municipality=dalfsen)
    with CaptureQueriesContext(connection) as five:
        html = client.get(reverse("ui:home"), {"gemeente": "heerde"}).content.decode()
    assert len(five) == len(one)
    assert html.count("omzien-card__title") == 3  # at most three, Heerde's own
