"""Concerns in headless Chromium with axe-core: a member of the public reports a concern (with
form errors first, and on a phone), a welfare worker finds it on the start page and in the
queue, assigns it to themselves, records the first contact, proposes the resident for the
municipality's buddy programme and closes the concern."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.buddies.models import BuddyParticipant
from omzien.buddies.tests.factories import ProgrammeFactory
from omzien.concerns.constants import Status
from omzien.concerns.models import Concern
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
    start_page_todo,
)

pytestmark = BROWSER_MARKS


def test_a_reporter_reports_and_a_welfare_worker_handles_it(live_server, page, heerde, worker):
    programme = ProgrammeFactory(municipality=heerde, name="Maatjes Heerde")
    # The public form: errors first, at desktop width and on a phone.
    page.goto(live_server.url + reverse("concerns:report"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorgen over iemand melden")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.locator("[aria-invalid=true]").count() >= 3
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, "report form with errors")
    page.set_viewport_size(DESKTOP)

    page.get_by_label("Gemeente waar de inwoner woont").select_option(label="Heerde")
    page.get_by_label("Naam van de inwoner").fill("Greet Jansen")
    page.get_by_label("Straat en huisnummer").fill("Kerkstraat 4")
    page.get_by_label("Eenzaamheid").check()
    page.get_by_label("Wat heeft u gezien of gehoord?").fill("Ze komt niet meer buiten.")
    page.get_by_label("De inwoner weet het nog niet").check()
    page.get_by_label("Uw e-mailadres").fill("buur@example.test")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw melding")
    assert "Greet" not in page.content()
    assert axe_violations(page) == []
    concern = Concern.objects.get()

    # The welfare worker: the start page, the queue, the concern.
    log_in(page, live_server, worker)
    todo = start_page_todo(page, live_server, "Nieuwe signalen om op te pakken", 1, check=True)
    todo.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, "queue")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Greet Jansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal: Greet Jansen")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, "concern page")
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name="Toewijzen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal toewijzen: Greet Jansen")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal: Greet Jansen")

    page.get_by_role("link", name="Eerste contact vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Eerste contact vastleggen: Greet Jansen"
    )
    page.get_by_role("button", name="Opslaan").click()  # no way of contact chosen
    expect(page.get_by_role("alert").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Telefoongesprek").check()
    page.get_by_label("Toelichting").fill("Gebeld, ze was blij met het telefoontje.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal: Greet Jansen")

    # Propose the resident for the municipality's buddy programme: errors first.
    page.get_by_role("link", name="Voorstellen voor een maatjesproject").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Voorstellen voor een maatjesproject: Greet Jansen"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Voorstellen").click()  # no consent, no way to reach her
    expect(page.get_by_role("alert").first).to_be_visible()
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, "propose for a buddy programme with errors")
    page.set_viewport_size(DESKTOP)
    page.get_by_label("Maatjesproject", exact=True).select_option(label="Maatjes Heerde")
    page.get_by_label("Telefoonnummer").fill("0578 123 456")
    page.get_by_label("De inwoner gaat ermee akkoord").check()
    page.get_by_role("button", name="Voorstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal: Greet Jansen")
    expect(page.get_by_text("Voorgesteld voor een maatjesproject")).to_be_visible()
    assert BuddyParticipant.objects.get().programme == programme

    page.get_by_role("link", name="Afsluiten met uitkomst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal afsluiten: Greet Jansen")
    assert axe_violations(page) == []
    page.get_by_label("Ondersteuning gestart").check()
    page.get_by_role("button", name="Afsluiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal: Greet Jansen")
    assert axe_violations(page) == []

    concern.refresh_from_db()
    assert (concern.status, concern.outcome, concern.assigned_to) == (
        Status.CLOSED,
        "support_started",
        worker,
    )
    assert concern.first_contact_on is not None
    start_page_todo(page, live_server, "Nieuwe signalen om op te pakken", 0)
