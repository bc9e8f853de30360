"""Responding and answering in headless Chromium with axe-core."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Placement, VacancyResponse
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = BROWSER_MARKS


def test_volunteer_responds_and_organisation_accepts(live_server, page, heerde, make_member):
    organisation = OrganisationFactory(municipality=heerde, name="Natuurvereniging")
    vacancy = VacancyFactory(organisation=organisation, title="Snoeien in de boomgaard")
    volunteer = make_member(Role.RESIDENT, heerde, full_name="Vera de Vries")
    VolunteerProfileFactory(user=volunteer, municipality=heerde)

    log_in(page, live_server, volunteer, totp=False)
    page.goto(live_server.url + reverse("volunteering:vacancy_detail", args=[vacancy.pk]))
    page.get_by_role("link", name="Reageren").click()
    expect(page.get_by_label("Uw bericht aan de organisatie")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Uw bericht aan de organisatie").fill("Ik snoei graag.")
    page.get_by_role("button", name="Mijn reactie versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn reacties")
    assert "Snoeien in de boomgaard" in page.content()
    assert axe_violations(page) == []
    assert VacancyResponse.objects.get().status == volunteering_constants.ResponseStatus.OPEN

    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    page.context.clear_cookies()
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("volunteering:vacancy_responses", args=[vacancy.pk]))
    assert "Ik snoei graag." in page.content()
    assert axe_violations(page) == []
    page.evaluate("window.omzienNoReload = true")
    page.get_by_role("button", name="Aannemen").click()
    expect(page.get_by_role("button", name="Startdatum opslaan")).to_have_count(1)
    # htmx swapped the responses and placements in place, with the message, without a reload.
    expect(page.locator("#omzien-messages")).to_contain_text("aangenomen")
    assert page.evaluate("window.omzienNoReload") is True
    assert Placement.objects.get().status == volunteering_constants.PlacementStatus.PLANNED
    assert axe_violations(page) == []
    assert page.csp_errors == []
