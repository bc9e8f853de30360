"""The consultants' work queues in headless Chromium with axe-core: the Vroegsignalen list
(filter, close a warning, back on the same filtered page), the banner on the carer's page,
and the carers nobody has taken on yet."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from omzien.caregivers.models import BurdenWarning
from omzien.caregivers.tests.factories import BurdenWarningFactory, CaregiverFactory
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in

pytestmark = BROWSER_MARKS


def test_warning_queue_filters_and_closes_back_on_the_same_page(
    live_server, page, consultant, heerde
):
    BurdenWarningFactory(caregiver=CaregiverFactory(municipality=heerde, last_name="Anders"))
    kept = BurdenWarningFactory(
        caregiver=CaregiverFactory(municipality=heerde, first_name="Zoë", last_name="Ĳsselmuiden")
    )
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("caregivers:alerts"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vroegsignalen")
    assert axe_violations(page) == []
    page.get_by_label("Zoek op naam mantelzorger").fill("ijsselmuiden")
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"q=ijsselmuiden"))
    expect(page.locator("article")).to_have_count(1)
    assert axe_violations(page) == []
    page.get_by_label("Wat is er gedaan").fill("Gebeld, respijtzorg geregeld.")
    page.get_by_role("button", name="Vroegsignaal afsluiten").click()
    expect(page.get_by_text("Het vroegsignaal is afgesloten.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/carers/signals/\?q=ijsselmuiden"))
    expect(page.get_by_text("Er zijn geen vroegsignalen met deze filters.")).to_be_visible()
    assert axe_violations(page) == []
    kept.refresh_from_db()
    assert kept.resolved_at is not None


def test_carer_page_banner_closes_a_warning(live_server, page, consultant, carer):
    BurdenWarningFactory(caregiver=carer)
    log_in(page, live_server, consultant)
    detail = reverse("caregivers:detail", args=[carer.pk])
    page.goto(live_server.url + detail)
    expect(page.get_by_text("Er is 1 open vroegsignaal")).to_be_visible()
    assert axe_violations(page) == []
    # Without a description: the error on the carer's page itself.
    page.get_by_role("button", name="Vroegsignaal afsluiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(carer.full_name)
    expect(
        page.get_by_text("Beschrijf wat er met dit vroegsignaal is gedaan.").first
    ).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Wat is er gedaan").fill("Op bezoek geweest.")
    page.get_by_role("button", name="Vroegsignaal afsluiten").click()
    expect(page.get_by_text("Het vroegsignaal is afgesloten.")).to_be_visible()
    expect(page).to_have_url(live_server.url + detail)
    expect(page.get_by_text("Er is 1 open vroegsignaal")).to_have_count(0)
    assert not BurdenWarning.objects.filter(resolved_at__isnull=True).exists()


def test_consultant_takes_on_a_new_registration(live_server, page, consultant, heerde):
    carer = CaregiverFactory(municipality=heerde, first_name="Sanne", last_name="Zelfmelder")
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("caregivers:caseload"))
    page.get_by_role("link", name="1 nieuwe aanmelding zonder consulent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Nieuwe mantelzorgers zonder consulent"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ik neem dit op").click()
    expect(page.get_by_text("U heeft Sanne Zelfmelder opgenomen")).to_be_visible()
    expect(page.get_by_text("niemand wacht om opgepakt te worden")).to_be_visible()
    assert axe_violations(page) == []
    carer.refresh_from_db()
    assert carer.consultant == consultant


def test_queues_fit_a_phone_screen(live_server, page, consultant, carer, heerde):
    """At 375 px wide no queue scrolls sideways (a wide table scrolls inside its container)."""
    BurdenWarningFactory(caregiver=carer)
    CaregiverFactory(municipality=heerde, first_name="Sanne", last_name="Zelfmelder")
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, live_server, consultant)
    for name, args in (
        ("caregivers:alerts", []),
        ("caregivers:unassigned", []),
        ("caregivers:incoming_list", []),
        ("caregivers:detail", [carer.pk]),
    ):
        page.goto(live_server.url + reverse(name, args=args))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (name, width)
