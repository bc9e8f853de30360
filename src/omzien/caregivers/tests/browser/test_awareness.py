"""The "Ben ik mantelzorger?" checks, "Wat is mantelzorg?" and a campaign page in headless
Chromium with axe-core, at desktop width and at 375 px (no JavaScript needed: plain forms)."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.caregivers.models import CampaignPage
from omzien.caregivers.tests.factories import CampaignPageFactory
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
)

pytestmark = BROWSER_MARKS

# Where to keep screenshots for a person to look at (unset: none are taken).
SCREENSHOTS = os.environ.get("OMZIEN_SCREENSHOTS")


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


@pytest.fixture
def heerde_contact(heerde):
    heerde.welfare_partner = "Stip Heerde"
    heerde.contact_name = "Mantelzorgconsulent Stip"
    heerde.contact_email = "mantelzorg@stipheerde.test"
    heerde.contact_phone = "0578 123 456"
    heerde.save()
    return heerde


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_adult_check_from_questions_to_outcome(live_server, page, heerde_contact, size):
    page.set_viewport_size(size)
    label = f"{size['width']}"
    page.goto(live_server.url + reverse("carer:check") + "?gemeente=heerde")
    if size == PHONE:
        assert_fits_a_phone(page, "check")
    assert axe_violations(page) == []
    _shot(page, f"check-{label}")
    # Sent without answers: the error summary, in Dutch.
    page.get_by_role("button", name="Laat zien wat bij mij past").click()
    expect(page.get_by_role("alert").first).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []
    # Each question is a group with its legend; answering by the labels.
    page.get_by_role("group", name="Wie helpt u?").get_by_label(
        "Mijn vader, moeder of schoonouder"
    ).check()
    tasks = page.get_by_role("group", name="Wat doet u voor die persoon?")
    tasks.get_by_label("Boodschappen, koken of schoonmaken").check()
    tasks.get_by_label("Administratie, geldzaken of zorg regelen").check()
    page.get_by_role("group", name="Hoe vaak helpt u?").get_by_label(
        "Een paar keer per week"
    ).check()
    page.get_by_role("group", name="Hoe lang helpt u al?").get_by_label(
        "Langer dan een jaar"
    ).check()
    page.get_by_role("group", name="Hoe gaat het met u?").get_by_label("Het is soms zwaar").check()
    page.get_by_role("button", name="Laat zien wat bij mij past").click()
    page.get_by_role("heading", name="U bent mantelzorger").wait_for()
    assert page.get_by_role("heading", name="Even rust: respijtzorg").is_visible()
    assert "mantelzorg@stipheerde.test" in page.content()
    if size == PHONE:
        assert_fits_a_phone(page, "check outcome")
    assert axe_violations(page) == []
    _shot(page, f"check-outcome-{label}")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_young_carers_check(live_server, page, heerde_contact, dalfsen, size):
    page.set_viewport_size(size)
    page.goto(live_server.url + reverse("carer:young"))
    page.get_by_role("heading", name="Zorg jij thuis mee voor iemand?").wait_for()
    assert axe_violations(page) == []
    # Two municipalities and none in the link: the check asks which one.
    page.get_by_label("Jouw gemeente").select_option("heerde")
    _shot(page, f"young-{size['width']}")
    page.get_by_role("group", name="Wie help jij thuis?").get_by_label(
        "Mijn moeder of vader"
    ).check()
    page.get_by_role("group", name="Wat is er met diegene aan de hand?").get_by_label(
        "Diegene drinkt te veel of gebruikt drugs"
    ).check()
    page.get_by_role("group", name="Hoe vaak?").get_by_label("(Bijna) elke dag").check()
    page.get_by_role("group", name="Hoe gaat het met jou?").get_by_label("Vaak moeilijk").check()
    page.get_by_role("button", name="Laat zien wat bij mij past").click()
    page.get_by_role("heading", name="Jij bent een jonge mantelzorger").wait_for()
    assert page.get_by_role("heading", name="De Kindertelefoon").is_visible()
    if size == PHONE:
        assert_fits_a_phone(page, "young outcome")
    assert axe_violations(page) == []
    _shot(page, f"young-outcome-{size['width']}")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_what_is_mantelzorg_and_a_campaign_page(live_server, page, heerde_contact, size):
    CampaignPageFactory(
        municipality=heerde_contact,
        slug="week-van-de-mantelzorg",
        title="Week van de mantelzorg",
        intro="In november zetten we alle mantelzorgers in het zonnetje.",
        body="Doet u de boodschappen voor uw moeder?\n\nDan bent u misschien mantelzorger.",
    )
    page.set_viewport_size(size)
    page.goto(live_server.url + reverse("carer:what_is"))
    page.get_by_role("heading", name="Wat is mantelzorg?").wait_for()
    if size == PHONE:
        assert_fits_a_phone(page, "what is")
    assert axe_violations(page) == []
    _shot(page, f"what-is-{size['width']}")
    page.get_by_role("link", name="Nu: Week van de mantelzorg").click()
    page.get_by_role("heading", name="Week van de mantelzorg", level=1).wait_for()
    if size == PHONE:
        assert_fits_a_phone(page, "campaign")
    assert axe_violations(page) == []
    _shot(page, f"campaign-{size['width']}")
    page.goto(live_server.url + reverse("ui:home"))
    assert page.get_by_role("heading", name="Nu voor mantelzorgers").is_visible()
    if size == PHONE:
        assert_fits_a_phone(page, "home")
    assert axe_violations(page) == []
    _shot(page, f"home-{size['width']}")


def test_a_consultant_writes_a_campaign_page(live_server, page, heerde, make_member):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("caregivers:campaign_list"))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nieuwe campagnepagina").click()
    page.get_by_label("Titel").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Titel").fill("Dag van de mantelzorg")
    page.get_by_label("Inleiding").fill("Op 10 november bedanken we alle mantelzorgers.")
    start = timezone.localdate() + datetime.timedelta(days=20)
    page.get_by_label("Zichtbaar vanaf").fill(start.isoformat())
    page.get_by_label("Zichtbaar tot en met").fill(start.isoformat())
    _shot(page, "campaign-form-1280")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De campagnepagina is opgeslagen.").wait_for()
    assert CampaignPage.objects.get().slug == "dag-van-de-mantelzorg"
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("caregivers:campaign_list"))
    assert_fits_a_phone(page, "campaign list")
    _shot(page, "campaign-list-375")
