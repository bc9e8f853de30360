"""The payment batch page, the figures page and the shop's redemption page in headless
Chromium with axe-core."""

from decimal import Decimal

from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.services.shops import create_shop
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory, VoucherFactory
from omzien.common.services import Actor
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in

pytestmark = BROWSER_MARKS


def test_make_a_batch_and_its_page_are_accessible(live_server, page, make_member, heerde):
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    round_ = RoundFactory(municipality=heerde, name="Waardering Heerde")
    for name in ("Anna", "Bram", "Cor"):
        ApplicationFactory(
            round=round_,
            first_name=name,
            status=constants.ApplicationStatus.GRANTED,
            amount=Decimal("100"),
        )
    log_in(page, live_server, officer)
    page.goto(live_server.url + reverse("appreciation:payment_list", args=[round_.pk]))
    assert axe_violations(page) == []
    # The form as the browser would send it again (a double click, a retry after a time-out):
    # the same request key. Sent first by the button, then once more: one batch.
    form = page.locator("form:has(input[name='request_key'])")
    sent = {
        name: form.locator(f"input[name='{name}']").input_value()
        for name in ("csrfmiddlewaretoken", "request_key")
    }
    page.get_by_role("button", name="Betaalopdracht maken").click()
    page.wait_for_url("**/payments/1/")
    expect(page.locator("#omzien-messages")).to_contain_text("Betaalopdracht 1 is gemaakt")
    again = page.request.post(
        live_server.url + reverse("appreciation:batch_create", args=[round_.pk]),
        form=sent,
        headers={"Referer": page.url},
    )
    assert again.ok and again.url.endswith("/payments/1/")
    expect(page.get_by_text("Totaal van 3 betalingen")).to_be_visible()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], width
    page.get_by_role("button", name="Markeren als naar de bank gestuurd").click()
    page.get_by_role("link", name="Vastleggen als teruggestort").first.click()
    page.get_by_role("button", name="Vastleggen als teruggestort").click()
    expect(page.get_by_role("alert").first).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []
    page.locator("input[name=reason]").fill("Rekening opgeheven")
    page.get_by_role("button", name="Vastleggen als teruggestort").click()
    page.goto(live_server.url + reverse("appreciation:payment_list", args=[round_.pk]))
    assert page.get_by_role("link", name="Betaalopdracht 1").count() == 1  # one batch
    assert axe_violations(page) == []
    # The returned payment leads to its application, which is paid again from there.
    page.locator("#not-paid-heading ~ div table a").first.click()
    expect(page.get_by_role("heading", name="Betaling teruggestort door de bank")).to_be_visible()
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], width
    page.get_by_role("button", name="Opnieuw betalen").click()
    expect(page.locator("#omzien-messages")).to_contain_text(
        "De aanvraag gaat mee in de volgende betaalopdracht."
    )
    expect(page.get_by_role("heading", name="Betaling teruggestort door de bank")).to_have_count(0)


def test_the_figures_page_is_accessible(live_server, page, make_member, heerde):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    before = RoundFactory(municipality=heerde, year=2025, name="Waardering 2025")
    round_ = RoundFactory(
        municipality=heerde, year=2026, name="Waardering 2026", copied_from=before
    )
    for _ in range(6):
        ApplicationFactory(
            round=round_, status=constants.ApplicationStatus.PAID, amount=Decimal("100")
        )
    ApplicationFactory(round=before, status=constants.ApplicationStatus.REFUSED)
    log_in(page, live_server, advisor)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + reverse("appreciation:round_figures", args=[round_.pk]))
        assert page.get_by_role("heading", level=1).count() == 1
        assert page.get_by_text("afgeschermd").first.is_visible()
        assert axe_violations(page) == [], width


def test_a_shop_redeems_a_voucher_on_its_accessible_page(live_server, page, heerde, admin_heerde):
    VoucherFactory(application__round__municipality=heerde, code="ABCDEFGHJKMN")
    _shop, token = create_shop(municipality=heerde, name="Boekhandel", actor=Actor(admin_heerde))
    page.goto(live_server.url + reverse("appreciation:shop_redeem", args=[token]))
    assert axe_violations(page) == []
    page.get_by_label("Code van de waardebon").fill("abcd efgh jkmn")
    page.get_by_role("button", name="Waardebon innemen").click()
    expect(page.get_by_role("status").filter(has_text="€\u00a025,00").first).to_be_visible()
    page.get_by_label("Code van de waardebon").fill("ABCD-EFGH-JKMN")
    page.get_by_role("button", name="Waardebon innemen").click()
    expect(page.get_by_role("alert").first).to_contain_text("al ingewisseld")
    assert axe_violations(page) == []
