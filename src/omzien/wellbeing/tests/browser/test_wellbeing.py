"""Welzijn op recept end to end in headless Chromium with axe-core: a GP refers a patient, a
welfare worker holds the intake and takes the 6-question loneliness scale, the resident fills
in a one-time link, and the worker opens the effect report. Every page also with form errors
and at 375 px."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.common.services import Actor
from omzien.privacy.statistics import Period
from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
    start_page_todo,
)
from omzien.wellbeing import constants, services
from omzien.wellbeing.models import Measurement, Trajectory
from omzien.wellbeing.tests.factories import MeasurementFactory, TrajectoryFactory

pytestmark = BROWSER_MARKS


def _check(page, what: str) -> None:
    assert axe_violations(page) == [], what
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, what)
    page.set_viewport_size(DESKTOP)


def _plant_effect(heerde, quarter: Period) -> None:
    """Six residents with an intake measurement and one in the quarter (5 of them better)."""
    for before, after in [(5, 2), (4, 4), (6, 3), (3, 1), (4, 2), (5, 3)]:
        trajectory = TrajectoryFactory(
            participant__municipality=heerde,
            kind=constants.Kind.ACTIVITY,
            status=constants.Status.CLOSED,
        )
        MeasurementFactory(
            trajectory=trajectory, score=before, taken_on=quarter.start - datetime.timedelta(90)
        )
        MeasurementFactory(
            trajectory=trajectory,
            score=after,
            moment=constants.Moment.MONTH_3,
            taken_on=quarter.start + datetime.timedelta(5),
        )


def test_a_gp_refers_and_a_worker_does_the_intake_the_scale_and_reads_the_effect(
    live_server, page, referrer, worker, heerde
):
    quarter = Period.last_complete(timezone.localdate())
    _plant_effect(heerde, quarter)

    # The GP refers, first with nothing filled in.
    log_in(page, live_server, referrer)
    page.goto(live_server.url + reverse("wellbeing:refer"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzen naar welzijn op recept")
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.locator("[aria-invalid=true]").count() >= 3
    _check(page, "referral form with errors")
    page.get_by_label("Naam van uw praktijk").fill("Huisartsenpraktijk Veluwezoom")
    page.get_by_label("Naam van de patiënt").fill("Gerda Alleman")
    page.get_by_label("Telefoonnummer van de patiënt").fill("0578 123 456")
    page.get_by_label("Waarom u deze patiënt verwijst").fill("Komt weinig buiten.")
    page.get_by_label("De patiënt stemt in").check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn verwijzingen welzijn op recept")
    assert "Intake" in page.locator("table").inner_text()
    assert "Gerda" not in page.content()  # the referrer sees the status only
    _check(page, "my referrals")
    trajectory = Trajectory.objects.get(participant__name="Gerda Alleman")

    # The welfare worker finds it on the start page and holds the intake.
    page.context.clear_cookies()
    log_in(page, live_server, worker)
    todo = start_page_todo(page, live_server, "Trajecten die wachten op intake", 1, check=True)
    todo.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welzijnstrajecten")
    _check(page, "trajectory list")
    page.get_by_role("link", name="Gerda Alleman").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerda Alleman")
    _check(page, "trajectory page")
    page.get_by_role("link", name="Intake vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Intake")
    page.get_by_role("button", name="Intake vastleggen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    _check(page, "intake form with errors")
    page.get_by_label("Afgesproken doelen").fill("Weer naar de koffieochtend.")
    page.get_by_role("button", name="Intake vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerda Alleman")
    expect(page.locator("main")).to_contain_text("In uitvoering")
    start_page_todo(page, live_server, "Trajecten die wachten op intake", 0)
    page.goto(live_server.url + reverse("wellbeing:trajectory_detail", args=[trajectory.pk]))

    # The 6-question scale in a conversation: first without the moment.
    page.get_by_role("link", name="Vragenlijst afnemen (6 vragen)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Eenzaamheidsvragenlijst")
    _check(page, "questionnaire")
    page.get_by_role("button", name="Antwoorden opslaan").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    _check(page, "questionnaire with errors")
    page.get_by_label("Moment").select_option(constants.Moment.INTAKE)
    # Emotional: 3 ja, 9 min of meer, 10 nee; social: 4 ja, 7 nee, 8 min of meer -> 2 + 2.
    choices = {1: "ja", 2: "ja", 3: "nee", 4: "min of meer", 5: "min of meer", 6: "nee"}
    for position, answer in choices.items():
        group = page.get_by_role("group", name=f"{position}.", exact=False).nth(0)
        group.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Antwoorden opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerda Alleman")
    measurement = Measurement.objects.get(trajectory=trajectory)
    assert (measurement.total, measurement.emotional, measurement.social) == (4, 2, 2)
    expect(page.locator("main")).to_contain_text("matig eenzaam")

    # The resident's one-time link: the page, its errors, and once only.
    _invitation, link = services.measurement_invite(
        trajectory=trajectory, version=6, moment=constants.Moment.MONTH_3, actor=Actor(worker)
    )
    path = "/" + link.split("/", 3)[3]
    page.context.clear_cookies()
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe gaat het met u?")
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    _check(page, "resident's questionnaire with errors")

    # Later: the effect report of the last quarter that is over.
    log_in(page, live_server, worker)
    page.goto(live_server.url + reverse("wellbeing:effect_report"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Effect op eenzaamheid")
    expect(page.locator("main")).to_contain_text("Bij 5 van de 6 inwoners")
    _check(page, "effect report")
