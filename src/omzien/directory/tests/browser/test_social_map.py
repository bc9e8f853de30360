"""The social map in headless Chromium with axe-core, at desktop width and at 375 px: an
organisation member adds an entry, a broker approves it, a resident finds it from the home
page's search box; the respite-care overview."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.directory.constants import Category, EntryStatus
from omzien.directory.models import Entry
from omzien.directory.tests.factories import EntryFactory
from omzien.tenants.tests.factories import LocalityFactory
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
    start_page_todo,
)
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = BROWSER_MARKS

# Screenshots for a person to look at, when asked for: OMZIEN_SCREENSHOTS=/some/dir.
SHOTS = os.environ.get("OMZIEN_SCREENSHOTS", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _check_both_widths(page, what: str) -> None:
    violations = axe_violations(page)
    if violations:
        pytest.fail(f"{what}: {violations}")
    _shot(page, f"{what}-1280")
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, what)
    _shot(page, f"{what}-375")
    page.set_viewport_size(DESKTOP)


def test_member_adds_broker_approves_resident_finds(live_server, page, heerde, make_member):
    LocalityFactory(municipality=heerde, name="Heerde")
    organisation = OrganisationFactory(municipality=heerde, name="Alzheimer Nederland Veluwe")
    member = make_member(Role.ORGANISATION_MEMBER, heerde, email="lid@example.org")
    OrganisationMemberFactory(organisation=organisation, user=member)
    broker = make_member(Role.BROKER, heerde, totp=True, email="makelaar@heerde.test")

    # The member writes the entry; a mistake first, in Dutch.
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("directory:mine"))
    _check_both_widths(page, "mine")
    page.get_by_role("link", name="Nieuw aanbod van Alzheimer Nederland Veluwe").click()
    page.get_by_label("Titel").fill("Alzheimer Café Heerde")
    page.get_by_label("Wat is het?").fill("Elke maand een avond voor mensen met dementie.")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert").first
    expect(summary).to_contain_text("Kies ten minste één categorie.")
    _check_both_widths(page, "entry-form-errors")
    page.get_by_label("Ondersteuning bij dementie").check()
    page.get_by_label("Dorp of kern").select_option(label="Heerde")
    page.get_by_label("Telefoonnummer").fill("0578-123456")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Indienen ter beoordeling").click()
    expect(page.get_by_role("main")).to_contain_text("wacht op beoordeling", ignore_case=True)
    _check_both_widths(page, "entry-manage-owner")
    entry = Entry.objects.get(title="Alzheimer Café Heerde")
    assert entry.status == EntryStatus.AWAITING_REVIEW

    # The broker finds it on the start page and approves it.
    page.context.clear_cookies()
    log_in(page, live_server, broker)
    todo = start_page_todo(
        page, live_server, "Aanbod en wijzigingen die wachten op beoordeling", 1, check=True
    )
    todo.get_by_role("link").click()
    with page.expect_navigation():  # the check below must not run on the list it leaves
        page.get_by_role("link", name="Alzheimer Café Heerde").click()
    _check_both_widths(page, "entry-manage-staff")
    with page.expect_navigation():  # the database is read once the approval is done
        page.get_by_role("button", name="Goedkeuren en publiceren").click()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED

    # A resident without an account finds it from the home page's search box.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("ui:home"))
    _check_both_widths(page, "home")
    page.get_by_label("Wat zoekt u?").fill("alzheimer")
    page.get_by_role("button", name="Zoeken op de sociale kaart").click()
    results = page.locator("#search-results")
    expect(results).to_contain_text("1 resultaat")
    _check_both_widths(page, "search")
    results.get_by_role("link", name="Alzheimer Café Heerde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alzheimer Café Heerde")
    _check_both_widths(page, "entry-detail")


def test_respite_overview_is_accessible(live_server, page, heerde):
    EntryFactory(
        municipality=heerde, title="Logeerhuis De Hoeve", categories=[Category.RESPITE_STAY]
    )
    EntryFactory(
        municipality=heerde,
        title="Respijt aan huis",
        categories=[Category.RESPITE_AT_HOME, Category.RESPITE_VOLUNTEER],
    )
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("directory_public:respite", args=["heerde"]))
    assert page.get_by_role("heading", level=1).inner_text() == "Respijtzorg in Heerde"
    _check_both_widths(page, "respite")


def test_staff_list_and_figures_are_accessible(live_server, page, heerde, make_member):
    EntryFactory.create_batch(3, municipality=heerde)
    EntryFactory(municipality=heerde, title="Concept", status=EntryStatus.DRAFT)
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, consultant)
    for name in (
        "directory:entry_list",
        "directory:figures",
        "directory:entry_create",
        "directory:import",
    ):
        page.goto(live_server.url + reverse(name))
        assert page.get_by_role("heading", level=1).count() == 1, name
        _check_both_widths(page, name.split(":")[1])
