"""The public campaign page and its sign-up errors in headless Chromium with axe-core."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.testing.browser import BROWSER_MARKS, axe_violations
from omzien.volunteering import constants
from omzien.volunteering.models import Campaign, CampaignSignup
from omzien.volunteering.tests.factories import OrganisationFactory, VacancyFactory

pytestmark = BROWSER_MARKS


def test_public_campaign_page_and_signup(live_server, page, heerde, wapenveld):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        municipality=heerde,
        name="NL Doet in Heerde",
        kind=constants.CampaignKind.NL_DOET,
        description="Samen klussen in het dorp.",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=7),
        is_public=True,
    )
    organisation = OrganisationFactory(municipality=heerde, name="Speeltuin Wapenveld")
    for title in ("Bankjes verven", "Zandbak vullen"):
        VacancyFactory(
            organisation=organisation,
            campaign=campaign,
            title=title,
            kind=constants.VacancyKind.ONE_OFF,
            day_parts=[],
            hours_per_week=None,
            locality=wapenveld,
            places=2,
            starts_at=timezone.now() + datetime.timedelta(days=2),
        )
    page.goto(live_server.url + reverse("volunteering:campaign_public_list"))
    page.get_by_role("link", name="NL Doet in Heerde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("NL Doet in Heerde")
    assert axe_violations(page) == []

    form = page.get_by_role("form", name="Aanmelden voor Bankjes verven")
    form.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert").first).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []

    form = page.get_by_role("form", name="Aanmelden voor Bankjes verven")
    form.get_by_label("Uw naam").fill("Jan Jansen")
    form.get_by_label("Uw e-mailadres").fill("jan@example.org")
    form.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw aanmelding")
    assert axe_violations(page) == []
    assert CampaignSignup.objects.get().email == "jan@example.org"
    assert page.csp_errors == []
