"""Stip, the welfare partner of Dalfsen, enters the agreed figures of the last quarter on a
phone (375 px), first with a figure missing; Dalfsen's policy advisor accepts them. Headless
Chromium with axe-core."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.monitor.models import ExternalValue
from omzien.monitor.selectors.partners import period_label
from omzien.monitor.tests.factories import ExternalIndicatorFactory
from omzien.privacy.statistics import Period
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
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = BROWSER_MARKS


def test_partner_enters_the_quarters_figures_and_the_advisor_accepts_them(
    live_server, page, browser, make_member, dalfsen
):
    stip = OrganisationFactory(municipality=dalfsen, name="Stip Dalfsen")
    carers = ExternalIndicatorFactory(
        municipality=dalfsen, name="Mantelzorgers in beeld", unit="", partner=stip
    )
    meetings = ExternalIndicatorFactory(
        municipality=dalfsen, name="Voorlichtingsbijeenkomsten", unit="", partner=stip
    )
    partner = make_member(Role.ORGANISATION_MEMBER, dalfsen, full_name="Anne Stip")
    OrganisationMemberFactory(organisation=stip, user=partner)
    advisor = make_member(Role.POLICY_ADVISOR, dalfsen, totp=True)
    quarter = period_label(Period.last_complete(timezone.localdate()))

    page.set_viewport_size(PHONE)
    log_in(page, live_server, partner, totp=False)
    todo = start_page_todo(page, live_server, f"Cijfers {quarter} invullen", None, check=True)
    page.set_viewport_size(PHONE)
    todo.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Cijfers {quarter} invullen")
    page.get_by_label("Mantelzorgers in beeld").fill("812")
    page.get_by_role("button", name="Indienen bij de gemeente").click()
    expect(page.locator("main")).to_contain_text("Vul elk cijfer in")
    assert axe_violations(page) == []
    assert_fits_a_phone(page, "partner form with an error")
    page.get_by_label("Voorlichtingsbijeenkomsten").fill("6")
    page.get_by_role("button", name="Indienen bij de gemeente").click()
    expect(page.get_by_text("Uw cijfers zijn ingediend bij de gemeente.")).to_be_visible()

    staff = new_context(browser).new_page()
    staff.set_viewport_size(DESKTOP)
    log_in(staff, live_server, advisor)
    start_page_todo(staff, live_server, "Cijfers ingediend door partners", 1)
    staff.goto(live_server.url + reverse("monitor:partner_reports"))
    assert axe_violations(staff) == []
    staff.get_by_role("link", name="Stip Dalfsen").click()
    expect(staff.get_by_role("table").first).to_contain_text("812")
    staff.get_by_label("De cijfers accepteren").check()
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_text("Uw antwoord is opgeslagen")).to_be_visible()
    assert axe_violations(staff) == []
    assert ExternalValue.objects.get(indicator=carers).value == Decimal(812)
    value = ExternalValue.objects.get(indicator=meetings)
    assert value.value == Decimal(6) and value.source == "opgegeven door Stip Dalfsen"
