"""The calendar in headless Chromium with axe-core, at desktop and phone width: a resident
finds a peer-support meeting in the public calendar, signs up without an account and gets the
confirmation mail with the .ics file; a consultant sees the sign-ups."""

import os
from pathlib import Path

import icalendar
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.activities import constants
from omzien.activities.models import SignUp
from omzien.activities.tests.factories import (
    ActivityFactory,
    OccurrenceFactory,
    SignUpFactory,
    TargetGroupFactory,
    next_week_at,
)
from omzien.tenants.tests.factories import LocalityFactory
from omzien.testing.browser import BROWSER_MARKS, PHONE, assert_fits_a_phone, axe_violations, log_in

pytestmark = BROWSER_MARKS
# Where screenshots go when OMZIEN_SCREENSHOTS is set (to look at them; not asserted).
SHOTS = os.environ.get("OMZIEN_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


@pytest.fixture
def meeting(heerde):
    village = LocalityFactory(municipality=heerde, name="Heerde")
    activity = ActivityFactory(
        municipality=heerde,
        title="Lotgenotenbijeenkomst mantelzorgers",
        locality=village,
        address="Dorpshuis, Dorpsstraat 12",
        capacity=12,
        accessibility="Rolstoeltoegankelijk, ringleiding aanwezig.",
    )
    TargetGroupFactory(activity=activity, group="carers")
    walk = ActivityFactory(
        municipality=heerde,
        title="Wandelgroep Samen op pad",
        kind=constants.Kind.WALKING,
        capacity=1,
    )
    walk_date = OccurrenceFactory(activity=walk, starts_at=next_week_at(10))
    SignUpFactory(occurrence=walk_date)
    return OccurrenceFactory(activity=activity)


def test_a_resident_signs_up_from_the_public_calendar(live_server, page, meeting, mailoutbox):
    for width in (1280, PHONE["width"]):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + reverse("ui:home"))
        assert axe_violations(page) == [], width
        shot(page, "home")
        page.goto(live_server.url + reverse("activities_public:calendar") + "?periode=maand")
        if width == PHONE["width"]:
            assert_fits_a_phone(page, "calendar")
        else:
            assert axe_violations(page) == []
        shot(page, "calendar")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(
        live_server.url
        + reverse("activities_public:calendar")
        + "?doelgroep=carers&datum="
        + meeting.starts_at.date().isoformat()
    )
    page.get_by_role("link", name="Lotgenotenbijeenkomst mantelzorgers").click()
    page.get_by_role("heading", name="Aanmelden").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Vul een e-mailadres of een telefoonnummer in."
    )
    assert axe_violations(page) == []
    page.get_by_label("Uw naam").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    shot(page, "occurrence")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="U bent aangemeld").wait_for()
    assert axe_violations(page) == []
    shot(page, "signed-up")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("activities_public:occurrence", args=[meeting.pk]))
    assert_fits_a_phone(page, "occurrence")
    shot(page, "occurrence")

    signup = SignUp.objects.get(name="Anna de Vries")
    assert signup.status == constants.SignUpStatus.CONFIRMED
    mail = next(m for m in mailoutbox if m.to == ["anna@example.org"])
    assert "Lotgenotenbijeenkomst mantelzorgers" in mail.subject
    filename, content, mimetype = mail.attachments[0]
    assert mimetype == "text/calendar"
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.starts_at
    # The cancel link works without an account.
    link = next(line for line in mail.body.splitlines() if "/activiteiten/afmelden/" in line)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + link[link.index("/activiteiten/") :])
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, meld mij af").click()
    page.get_by_role("heading", name="U bent afgemeld").wait_for()
    signup.refresh_from_db()
    assert signup.status == constants.SignUpStatus.CANCELLED


def test_a_full_date_offers_the_waiting_list(live_server, page, meeting):
    walk_date = SignUp.objects.get().occurrence
    for width in (1280, PHONE["width"]):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + reverse("activities_public:occurrence", args=[walk_date.pk]))
        page.get_by_role("button", name="Aanmelden voor de wachtlijst").wait_for()
        assert_fits_a_phone(page, "full") if width == PHONE["width"] else None
        assert axe_violations(page) == []


def test_the_consultant_sees_sign_ups_and_adds_an_activity(
    live_server, page, make_member, heerde, meeting
):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    SignUpFactory(occurrence=meeting, name="Bert Smit", email="", phone="0578-123456")
    log_in(page, live_server, consultant)
    for width in (1280, PHONE["width"]):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + reverse("activities:staff_list"))
        assert axe_violations(page) == []
        shot(page, "organiser-list")
        page.goto(
            live_server.url
            + reverse("activities:staff_date", args=[meeting.activity_id, meeting.pk])
        )
        assert "Bert Smit" in page.content()
        if width == PHONE["width"]:
            assert_fits_a_phone(page, "sign-ups")
        else:
            assert axe_violations(page) == []
        shot(page, "organiser-signups")
        page.goto(live_server.url + reverse("activities:staff_create"))
        assert axe_violations(page) == []
        shot(page, "organiser-form")
        page.goto(live_server.url + reverse("activities:figures"))
        assert axe_violations(page) == []
        shot(page, "figures")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("activities:staff_create"))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    page.get_by_label("Titel").fill("Informatieavond Mantelzorg en werk")
    page.get_by_label("Beschrijving").fill("Over verlof en regelingen.")
    page.get_by_label("Soort activiteit").select_option(constants.Kind.INFORMATION)
    page.get_by_label("Adres").fill("Gemeentehuis")
    page.get_by_label("Eerste datum").fill(meeting.starts_at.date().isoformat())
    page.get_by_label("Begintijd").fill("19:30")
    page.get_by_label("Duur (minuten)").fill("90")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Informatieavond Mantelzorg en werk").wait_for()
    assert axe_violations(page) == []
