"""The application pages in headless Chromium with axe-core: the public form sent empty and
then valid, the staff queue, and an application with the decision form."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.models import Application
from omzien.appreciation.tests.factories import AgeBandFactory, ApplicationFactory, RoundFactory
from omzien.tenants.tests.factories import LocalityFactory, PostcodeFactory
from omzien.testing.browser import (
    BROWSER_MARKS,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
)

pytestmark = BROWSER_MARKS


@pytest.fixture
def round_(heerde):
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    found = RoundFactory(municipality=heerde, name="Mantelzorgwaardering Heerde")
    AgeBandFactory(round=found, min_age=18, amount=Decimal("100.00"))
    return found


def test_public_form_with_errors_and_then_sent(live_server, page, round_):
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + reverse("appreciation_public:rounds"))
        assert axe_violations(page) == [], width
    page.get_by_role("link", name="Aanvragen in Heerde").click()
    page.get_by_role("button", name="Aanvraag versturen").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Aanvraag versturen").click()
    summary = page.get_by_role("alert").first
    expect(summary).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []
    page.get_by_label("Uw voornaam").fill("Anna")
    page.get_by_label("Uw achternaam").fill("de Vries")
    page.get_by_label("Uw geboortedatum").fill("1960-04-02")
    page.get_by_label("Straat").fill("Dorpsstraat")
    page.get_by_label("Huisnummer", exact=True).fill("12")
    page.get_by_label("Postcode", exact=True).fill("8181 AB")
    page.get_by_label("Woonplaats", exact=True).fill("Heerde")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    page.get_by_label("Voorletters van de persoon voor wie u zorgt").fill("J.")
    page.get_by_label("Geboortedatum van de persoon voor wie u zorgt").fill("1935-01-20")
    page.get_by_label("Zijn of haar postcode").fill("8181 AC")
    page.get_by_label("Zijn of haar huisnummer").fill("3")
    page.get_by_label("De persoon voor wie u zorgt is uw").select_option(
        constants.Relationship.CHILD
    )
    page.get_by_label("Uren zorg per week").fill("10")
    since = timezone.localdate() - datetime.timedelta(days=400)
    page.get_by_label("Ik zorg sinds").fill(since.isoformat())
    page.get_by_label("Rekeningnummer (IBAN)").fill("NL91 ABNA 0417 1643 00")
    page.get_by_label("Naam van de rekeninghouder").fill("A. de Vries")
    page.get_by_role("button", name="Aanvraag versturen").click()
    page.get_by_role("heading", name="Bedankt voor uw aanvraag").wait_for()
    application = Application.objects.get()
    assert application.number in page.content()
    assert axe_violations(page) == []


def test_staff_queue_and_decision_form(live_server, page, make_member, round_):
    officer = make_member(Role.APPRECIATION_OFFICER, round_.municipality, totp=True)
    ApplicationFactory(round=round_, first_name="Bert", last_name="Smit", sampled=True)
    application = ApplicationFactory(
        round=round_,
        first_name="Anna",
        last_name="Jansen",
        check_results=[
            {"code": "hours", "message": "Minder dan 8 uur zorg per week.", "applicant": True}
        ],
    )
    log_in(page, live_server, officer)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for url in (
            reverse("appreciation:application_list", args=[round_.pk]),
            reverse("appreciation:application_detail", args=[application.pk]),
            reverse("appreciation:application_decide", args=[application.pk]),
        ):
            page.goto(live_server.url + url)
            assert page.get_by_role("heading", level=1).count() == 1, url
            assert axe_violations(page) == [], (width, url)
    page.get_by_label("Afwijzen").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Kies de reden")
    assert axe_violations(page) == []
    page.get_by_label("Toekennen").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    # It failed a check: granting it all the same needs a note saying why.
    expect(page.get_by_role("alert").first).to_contain_text("zeg in de toelichting waarom")
    assert axe_violations(page) == []
    page.get_by_label("Toekennen").check()
    page.get_by_label("Toelichting").fill("Het zorgplan toont 9 uur per week.")
    page.get_by_role("button", name="Besluit opslaan").click()
    page.get_by_text("Het besluit is opgeslagen.").wait_for()
    application.refresh_from_db()
    assert application.status == constants.ApplicationStatus.GRANTED


def test_application_pages_fit_a_phone(live_server, page, make_member, round_):
    officer = make_member(Role.CONSULTANT, round_.municipality, totp=True)
    application = ApplicationFactory(round=round_, sampled=True)
    page.set_viewport_size(PHONE)
    for url in (
        reverse("appreciation_public:rounds"),
        reverse("appreciation_public:apply", args=[round_.pk]),
        reverse("appreciation_public:code", args=[round_.pk]),
    ):
        page.goto(live_server.url + url)
        assert_fits_a_phone(page, url)
    log_in(page, live_server, officer)
    for url in (
        reverse("appreciation:application_list", args=[round_.pk]),
        reverse("appreciation:application_detail", args=[application.pk]),
        reverse("appreciation:application_correct", args=[application.pk]),
        reverse("appreciation:application_paper", args=[round_.pk]),
        reverse("appreciation:application_for_carer", args=[round_.pk]) + "?q=Jansen",
    ):
        page.goto(live_server.url + url)
        assert_fits_a_phone(page, url)
