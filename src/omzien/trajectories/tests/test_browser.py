"""Trajectories in headless Chromium with axe-core: a client manager refers a resident on a
phone (form errors first) and follows the status; the broker takes the referral on, adds a
goal, links the placement with the guidance agreed, places the volunteer and records an
evaluation with the progress on the goal."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from omzien.testing.browser import (
    BROWSER_MARKS,
    DESKTOP,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
)
from omzien.trajectories.constants import TrajectoryStatus
from omzien.trajectories.models import GoalProgress, Trajectory

pytestmark = BROWSER_MARKS


def test_a_client_manager_refers_and_the_broker_evaluates(
    live_server, page, client_manager, broker, profile, placement
):
    # The client manager, on a phone: errors first, then the referral, then its status.
    page.set_viewport_size(PHONE)
    log_in(page, live_server, client_manager)
    page.goto(live_server.url + reverse("trajectories:refer"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Inwoner verwijzen naar het vrijwilligerssteunpunt"
    )
    assert_fits_a_phone(page, "referral form")
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert page.locator("[aria-invalid=true]").count() >= 3
    assert_fits_a_phone(page, "referral form with errors")
    page.get_by_label("Naam van de inwoner").fill("Sanne de Wit")
    page.get_by_label("Participatie op recept").check()
    page.get_by_label("Wat de inwoner zoekt").fill("Structuur en contact, graag buiten bij dieren.")
    page.get_by_label(re.compile("De inwoner stemt in")).check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mijn verwijzingen naar het vrijwilligerssteunpunt"
    )
    expect(page.get_by_role("cell", name="Nieuw")).to_be_visible()
    assert_fits_a_phone(page, "my referrals")
    page.context.clear_cookies()

    # The broker takes it on and links it to the volunteer's profile.
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("trajectories:referrals"))
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Sanne de Wit").click()
    assert axe_violations(page) == []
    page.get_by_label(re.compile("Sanne de Wit")).check()
    page.get_by_role("button", name="Aannemen en traject starten").click()
    expect(page.get_by_text("De verwijzing is aangenomen")).to_be_visible()
    assert axe_violations(page) == []
    trajectory = Trajectory.objects.get()
    assert trajectory.status == TrajectoryStatus.REFERRED

    # The intake: a goal, the plan with the placement and the guidance, then placed.
    page.get_by_label("Intake starten").check()
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("De status is gewijzigd.")).to_be_visible()
    page.get_by_label("Nieuw doel").fill("Twee ochtenden per week op tijd aanwezig")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_text("Het doel is toegevoegd.")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Plan en begeleiding wijzigen").click()
    assert axe_violations(page) == []
    page.get_by_label("Plaatsing").select_option(index=1)
    page.get_by_label("Begeleiding afgesproken met de organisatie").fill(
        "Elke week een kort gesprek met de boer."
    )
    page.get_by_label("Contactpersoon bij de organisatie").fill("Gert Hoeve")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het plan is opgeslagen.")).to_be_visible()
    page.get_by_label("Geplaatst bij een organisatie").check()
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("De status is gewijzigd.")).to_be_visible()
    assert axe_violations(page) == []

    # The evaluation on a phone: errors first, then the progress on the goal.
    page.set_viewport_size(PHONE)
    with page.expect_navigation():
        page.get_by_role("link", name="Evaluatie vastleggen").click()
    assert_fits_a_phone(page, "evaluation form")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_fits_a_phone(page, "evaluation form with errors")
    page.get_by_label("Veel vooruitgang").check()
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_text("De evaluatie is vastgelegd.")).to_be_visible()
    assert_fits_a_phone(page, "trajectory page")
    trajectory.refresh_from_db()
    assert trajectory.status == TrajectoryStatus.EVALUATING
    assert GoalProgress.objects.get().score == 4
