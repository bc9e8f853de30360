"""The round pages in headless Chromium with axe-core: a refused new round and the rules."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.appreciation import constants
from omzien.appreciation.tests.factories import AgeBandFactory, RoundFactory
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in

pytestmark = BROWSER_MARKS


def test_new_round_with_errors_is_accessible(live_server, page, admin_heerde):
    log_in(page, live_server, admin_heerde)
    page.goto(live_server.url + reverse("appreciation:round_create"))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []
    # A filled-in round the service refuses: its reasons in the summary.
    year = timezone.localdate().year
    page.get_by_label("Naam", exact=True).fill(f"Mantelzorgwaardering {year}")
    page.get_by_label("Jaar", exact=True).fill(str(year))
    page.get_by_label("Aanvragen vanaf").fill(f"{year}-03-01")
    page.get_by_label("Aanvragen tot en met").fill(f"{year}-02-01")
    page.get_by_label("Uitbetaaldatum").fill(f"{year}-11-15")
    page.locator("#id_bands-0-min_age").fill("18")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert").first
    expect(summary).to_contain_text("De aanvraagperiode eindigt voordat ze begint.")
    expect(summary).to_contain_text("vul het bedrag van de bankoverschrijving in")
    assert axe_violations(page) == []


def test_round_rules_are_accessible_wide_and_narrow(live_server, page, admin_heerde, heerde):
    round_ = RoundFactory(municipality=heerde, household_cap=Decimal("200"))
    AgeBandFactory(round=round_)
    AgeBandFactory(
        round=round_,
        min_age=12,
        max_age=17,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25"),
    )
    log_in(page, live_server, admin_heerde)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for url in (
            reverse("appreciation:round_detail", args=[round_.pk]),
            reverse("appreciation:round_edit", args=[round_.pk]),
            reverse("appreciation:round_list"),
        ):
            page.goto(live_server.url + url)
            assert page.get_by_role("heading", level=1).count() == 1, url
            assert axe_violations(page) == [], (width, url)
    page.goto(live_server.url + reverse("appreciation:round_detail", args=[round_.pk]))
    assert page.get_by_text("18 jaar en ouder: €\u00a0100 per bankoverschrijving").is_visible()


def test_the_shop_secret_page_is_accessible_and_copies(live_server, page, admin_heerde):
    log_in(page, live_server, admin_heerde)
    page.goto(live_server.url + reverse("appreciation:shop_create"))
    page.get_by_label("Naam van de winkel").fill("Boekhandel")
    page.get_by_role("button", name="Winkel toevoegen").click()
    secret = page.get_by_label("Geheime link van de winkel")
    assert secret.input_value().startswith(live_server.url + "/waardebon/")
    assert axe_violations(page) == []
