"""Preventive home visits in headless Chromium with axe-core: a welfare worker makes a plan,
imports a list of addresses (trial first, then for real), assigns a visit to a volunteer; the
volunteer records it on a phone (375 px), held with a wish for a follow-up; the worker turns the
follow-up into a concern. Every page checked by axe, also with a form error, and at 375 px."""

from pathlib import Path

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.concerns.models import Concern
from omzien.homevisits.constants import Status
from omzien.homevisits.models import Visit
from omzien.homevisits.tests.conftest import CSV
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
    new_context,
    start_page_todo,
)

pytestmark = BROWSER_MARKS


def _check(page, what: str) -> None:
    assert axe_violations(page) == [], what
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, what)
    page.set_viewport_size(DESKTOP)


def test_a_worker_plans_a_volunteer_visits_and_the_worker_follows_up(
    live_server, page, browser, heerde, worker, volunteer, tmp_path: Path
):
    log_in(page, live_server, worker)
    page.goto(live_server.url + reverse("homevisits:plans"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Preventieve huisbezoeken")
    _check(page, "plans")
    page.get_by_role("link", name="Plan maken").click()
    page.get_by_role("button", name="Plan maken").click()  # nothing filled in
    expect(page.get_by_role("alert").first).to_be_visible()
    _check(page, "new plan with errors")
    page.get_by_label("Naam van het plan").fill("Huisbezoeken 75+ Heerde")
    page.get_by_label("Inwoners van 75 jaar en ouder").check()
    next_year = timezone.localdate().year + 1
    page.locator("[name=starts_on]").fill(f"{next_year}-01-01")
    page.locator("[name=ends_on]").fill(f"{next_year}-06-30")
    page.get_by_role("button", name="Plan maken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Adressen importeren")
    _check(page, "import")

    upload = tmp_path / "adressen.csv"
    upload.write_text(CSV + ";Kerkstraat;5;XYZ;Heerde;;\r\n", encoding="utf-8")
    page.get_by_label("Adressenlijst").set_input_files(str(upload))
    page.get_by_role("button", name="Bestand uploaden").click()
    expect(page.get_by_role("heading", name="Resultaat van de proefimport")).to_be_visible()
    expect(page.locator(".omzien-import-report")).to_contain_text("postcode")
    _check(page, "trial import with a row error")
    assert Visit.objects.count() == 0
    page.get_by_label("Adressenlijst").set_input_files(str(upload))
    page.get_by_label("Alleen controleren (proefimport)").uncheck()
    page.get_by_role("button", name="Bestand uploaden").click()
    expect(page.get_by_role("heading", name="Resultaat van de import")).to_be_visible()
    assert Visit.objects.count() == 2

    with page.expect_navigation():
        page.get_by_role("link", name="Naar de bezoeken van het plan").click()
    _check(page, "plan")
    page.get_by_role("button", name="De aangevinkte bezoeken toewijzen").click()  # none ticked
    expect(page.locator("#omzien-messages")).to_contain_text("Kies ten minste één bezoek.")
    _check(page, "plan with an error")
    page.get_by_role("checkbox", name="Kies Kerkstraat 4").check()
    page.get_by_label("Bezoeker").select_option(label="Vera Vrijwilliger")
    page.get_by_role("button", name="De aangevinkte bezoeken toewijzen").click()
    expect(page.get_by_text("1 bezoek is toegewezen.")).to_be_visible()
    visit = Visit.objects.get(assigned_to=volunteer)

    # The volunteer, on a phone.
    volunteer_page = new_context(browser, viewport=PHONE).new_page()
    log_in(volunteer_page, live_server, volunteer, totp=False)
    start_page_todo(volunteer_page, live_server, "Huisbezoeken te doen", 1, check=True)
    volunteer_page.set_viewport_size(PHONE)
    volunteer_page.goto(live_server.url + reverse("homevisits:mine"))
    assert axe_violations(volunteer_page) == []
    assert_fits_a_phone(volunteer_page, "my home visits")
    volunteer_page.get_by_role("link", name="Kerkstraat 4").click()
    volunteer_page.get_by_role("button", name="Opslaan").click()  # nothing chosen
    expect(volunteer_page.get_by_role("alert").first).to_be_visible()
    assert axe_violations(volunteer_page) == []
    assert_fits_a_phone(volunteer_page, "record with errors")
    volunteer_page.get_by_label("Gehouden").check()
    volunteer_page.get_by_label("Eenzaamheid").check()
    volunteer_page.get_by_label("Ondersteuning van het welzijnsteam").check()
    volunteer_page.get_by_label("Wat wil de inwoner?").fill("Graag een maatje om mee te wandelen.")
    volunteer_page.get_by_role("button", name="Opslaan").click()
    expect(volunteer_page.get_by_text("Het bezoek is vastgelegd. Dank u wel.")).to_be_visible()
    assert axe_violations(volunteer_page) == []
    visit.refresh_from_db()
    assert visit.status == Status.HELD

    # The worker turns the follow-up into a concern.
    page.goto(live_server.url + reverse("homevisits:visit", kwargs={"pk": visit.pk}))
    _check(page, "visit")
    page.get_by_role("link", name="Er een signaal van maken").click()
    page.get_by_label("Wat is gezien of gevraagd").fill("")
    page.get_by_role("button", name="Naar het aanspreekpunt sturen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    _check(page, "concern follow-up with an error")
    page.get_by_label("Wat is gezien of gevraagd").fill("Graag een maatje om mee te wandelen.")
    page.get_by_role("button", name="Naar het aanspreekpunt sturen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signaal")
    assert axe_violations(page) == []
    concern = Concern.objects.get()
    visit.refresh_from_db()
    assert visit.concern == concern
    assert concern.resident_name == visit.name
