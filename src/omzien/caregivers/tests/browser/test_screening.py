"""Burden screening pages in headless Chromium, checked with axe-core (WCAG 2.1 AA)."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Screening
from omzien.caregivers.services import screening
from omzien.caregivers.services.caregivers import Actor
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in, open_menu_group

pytestmark = BROWSER_MARKS


def test_carer_fills_in_by_link_without_axe_violations(live_server, page, carer, consultant):
    screening.screening_invite(
        caregiver=carer,
        instrument=caregivers_constants.Instrument.EDIZ,
        actor=Actor(user=consultant),
    )
    token = re.search(r"/mantelzorg/vragenlijst/([\w-]+)/", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + reverse("caregivers:screening_fill", args=[token]))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hoe gaat het met u als mantelzorger?"
    )
    assert carer.last_name not in page.content()
    assert axe_violations(page) == []
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]
    # Submitting with one question left open shows an accessible error summary.
    for number in range(1, 9):
        page.get_by_role("group", name=re.compile(rf"^{number}\. ")).get_by_label(
            "Min of meer", exact=True
        ).check()
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies een antwoord.")
    assert axe_violations(page) == []
    page.get_by_role("group", name=re.compile(r"^9\. ")).get_by_label("Ja!", exact=True).check()
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
    assert axe_violations(page) == []
    assert Screening.objects.get().score == 9


def test_consultant_screening_pages_have_no_axe_violations(
    live_server, page, carer, consultant, make_member, heerde
):
    Screening.objects.create(
        caregiver=carer,
        instrument=caregivers_constants.Instrument.EDIZ,
        answers=[3] * 9,
        score=9,
        heavily_burdened=True,
        taken_on=timezone.localdate().replace(day=1),
    )
    Screening.objects.create(
        caregiver=carer,
        instrument=caregivers_constants.Instrument.EDIZ,
        answers=[1] * 9,
        score=0,
        heavily_burdened=False,
        taken_on=timezone.localdate(),
        recorded_by=consultant,
    )
    log_in(page, live_server, consultant)
    url = reverse("caregivers:screening_new", args=[carer.pk])
    page.goto(live_server.url + url + "?instrument=ediz")
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening vastleggen")
    assert axe_violations(page) == []
    page.goto(live_server.url + url + "?instrument=ggd")
    page.get_by_label("zeer zwaar belast").check()
    page.get_by_role("button", name="Screening opslaan").click()
    # Back on the carer's page, with the trend chart and its table.
    expect(page.locator("svg.omzien-chart__svg")).to_have_count(2)
    assert axe_violations(page) == []
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]
    page.goto(live_server.url + reverse("caregivers:alerts"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vroegsignalen")
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("caregivers:screening_invite", args=[carer.pk]))
    assert axe_violations(page) == []


def test_admin_settings_page_has_no_axe_violations(live_server, page, make_member, heerde):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    log_in(page, live_server, admin)
    open_menu_group(page, "Beheer")
    page.get_by_role("navigation").get_by_role("link", name="Instellingen mantelzorg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Instellingen mantelzorg")
    assert axe_violations(page) == []
