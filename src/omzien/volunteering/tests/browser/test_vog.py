"""A VOG request runs from the organisation's choice to the placement's start, on a phone, in
headless Chromium with axe-core (the volunteer's form error included). The certificate
reminders are service and task tests (tests/test_vog.py)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.testing.browser import BROWSER_MARKS, PHONE, assert_fits_a_phone, log_in
from omzien.volunteering import constants
from omzien.volunteering.models import Placement, Vog, VogRequest
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    PlacementFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = BROWSER_MARKS


def test_a_vog_request_runs_from_selection_to_the_start(live_server, page, heerde, make_member):
    organisation = OrganisationFactory(municipality=heerde, name="Jeugdhonk Heerde", free_vog=True)
    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    volunteer = make_member(Role.RESIDENT, heerde, full_name="Vera de Vries")
    profile = VolunteerProfileFactory(user=volunteer, municipality=heerde, vog_willing=True)
    vacancy = VacancyFactory(
        organisation=organisation,
        title="Begeleider tienerinloop",
        vog_required=True,
        vog_aspects=[constants.VogAspect.CARE_FOR_MINORS],
    )
    placement = PlacementFactory(
        response=ResponseFactory(
            vacancy=vacancy, profile=profile, status=constants.ResponseStatus.ACCEPTED
        )
    )
    page.set_viewport_size(PHONE)

    # The organisation asks the volunteer it chose for a VOG.
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("volunteering:vacancy_responses", args=[vacancy.pk]))
    expect(page.get_by_text("nog geen passende VOG")).to_be_visible()
    page.get_by_role("link", name="Vraag een VOG van Vera de Vries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag Vera de Vries om een VOG")
    expect(page.get_by_label("84 — zorg voor minderjarigen")).to_be_checked()
    expect(page.get_by_text("Regeling Gratis VOG").first).to_be_visible()
    assert_fits_a_phone(page, "VOG request form")
    page.get_by_role("button", name="VOG-aanvraag vastleggen").click()
    expect(page.locator("#omzien-messages")).to_contain_text("De VOG-aanvraag is vastgelegd")
    expect(page.get_by_text("VOG aangevraagd op")).to_be_visible()
    assert_fits_a_phone(page, "responses with a VOG request")
    request = VogRequest.objects.get()
    assert (request.free, request.aspects) == (True, ["84"])

    # The volunteer records the issue date when the VOG arrives: a date in the future first.
    page.context.clear_cookies()
    log_in(page, live_server, volunteer, totp=False)
    page.goto(live_server.url + reverse("volunteering:profile_mine"))
    page.get_by_role("link", name="Mijn VOG en certificaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("VOG en certificaten")
    expect(page.get_by_text("maak de aanvraag af met DigiD")).to_be_visible()
    assert_fits_a_phone(page, "the volunteer's VOG page")
    section = page.locator("section.omzien-card", has_text="Begeleider tienerinloop")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    section.get_by_label("Datum van afgifte van de VOG").fill(tomorrow.isoformat())
    section.get_by_role("button", name="Mijn VOG is binnen").click()
    expect(page.locator(".omzien-error-summary")).to_be_visible()
    assert_fits_a_phone(page, "the volunteer's VOG page with an error")
    assert not Vog.objects.exists()
    section = page.locator("section.omzien-card", has_text="Begeleider tienerinloop")
    section.get_by_label("Datum van afgifte van de VOG").fill(timezone.localdate().isoformat())
    section.get_by_role("button", name="Mijn VOG is binnen").click()
    expect(page.locator("#omzien-messages")).to_contain_text("de organisatie kan uw plaatsing")
    expect(page.get_by_text("Uw VOG is afgegeven op")).to_be_visible()
    assert_fits_a_phone(page, "the volunteer's VOG page, received")

    # The organisation starts the placement.
    page.context.clear_cookies()
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("volunteering:vacancy_responses", args=[vacancy.pk]))
    expect(page.get_by_text("VOG past")).to_be_visible()
    page.get_by_label("Startdatum").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Startdatum opslaan").click()
    expect(page.locator("#omzien-messages")).to_contain_text("De plaatsing is bijgewerkt.")
    start = page.get_by_role("button", name="Bevestigen dat de vrijwilliger is begonnen")
    start.click()
    # The message is the same as the start date's: wait until the step is gone from the list
    # that HTMX swaps in, so the check below does not read the row before the POST is done.
    expect(start).to_have_count(0)
    expect(page.locator("#omzien-messages")).to_contain_text("De plaatsing is bijgewerkt.")
    assert_fits_a_phone(page, "responses, placement started")
    placement.refresh_from_db()
    assert placement.status == constants.PlacementStatus.RUNNING
    assert Placement.objects.get().started_confirmed_at is not None
    assert page.csp_errors == []
