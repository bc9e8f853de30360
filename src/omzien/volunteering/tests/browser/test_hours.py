"""A volunteer logs hours on a phone and the organisation approves them, in headless Chromium
with axe-core (the form's errors included)."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.testing.browser import BROWSER_MARKS, PHONE, assert_fits_a_phone, log_in
from omzien.volunteering import constants
from omzien.volunteering.models import HoursEntry
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    ResponseFactory,
    RunningPlacementFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = BROWSER_MARKS


def test_a_volunteer_logs_hours_on_a_phone_and_the_organisation_approves(
    live_server, page, heerde, make_member
):
    organisation = OrganisationFactory(municipality=heerde, name="Natuurvereniging")
    volunteer = make_member(Role.RESIDENT, heerde, full_name="Vera de Vries")
    placement = RunningPlacementFactory(
        response=ResponseFactory(
            vacancy=VacancyFactory(organisation=organisation, title="Snoeien in de boomgaard"),
            profile=VolunteerProfileFactory(user=volunteer, municipality=heerde),
            status=constants.ResponseStatus.ACCEPTED,
        )
    )
    page.set_viewport_size(PHONE)
    log_in(page, live_server, volunteer, totp=False)
    page.goto(live_server.url + reverse("volunteering:response_mine"))
    page.get_by_role("link", name="Uren schrijven voor Snoeien in de boomgaard").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Uren schrijven: Snoeien in de boomgaard")
    # Today is filled in: the hours and one tap.
    expect(page.get_by_label("Datum")).to_have_value(timezone.localdate().isoformat())
    assert_fits_a_phone(page, "hours form")

    # A mistake first: the errors are Dutch, linked from the summary, and accessible.
    page.get_by_label("Uren", exact=True).fill("30")
    page.get_by_role("button", name="Uren opslaan").click()
    summary = page.locator(".omzien-error-summary")
    expect(summary).to_contain_text("Vul tussen 0,25 en 24 uur in.")
    assert_fits_a_phone(page, "hours form with errors")
    assert not HoursEntry.objects.exists()

    page.get_by_label("Uren", exact=True).fill("2.5")
    page.get_by_role("button", name="Uren opslaan").click()
    expect(page.locator("#omzien-messages")).to_contain_text("Uw uren zijn opgeslagen")
    expect(page.locator(".omzien-hours-item")).to_contain_text("Wacht op goedkeuring")
    assert_fits_a_phone(page, "hours logged")
    entry = HoursEntry.objects.get()
    assert (entry.placement_id, entry.hours) == (placement.pk, Decimal("2.5"))

    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    page.context.clear_cookies()
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("ui:dashboard"))
    page.locator(".omzien-todo", has_text="Uren goedkeuren").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uren goedkeuren")
    expect(page.get_by_label("Vera de Vries: 2,50 uur op")).to_be_checked()
    assert_fits_a_phone(page, "hours inbox")
    page.get_by_role("button", name="Aangevinkte uren goedkeuren").click()
    expect(page.locator("#omzien-messages")).to_contain_text("Uren goedgekeurd: 1.")
    expect(page.get_by_text("Er wachten geen uren op goedkeuring.")).to_be_visible()
    assert_fits_a_phone(page, "hours inbox, empty")
    entry.refresh_from_db()
    assert entry.status == constants.HoursStatus.APPROVED

    # Back on the volunteer's page: approved.
    page.context.clear_cookies()
    log_in(page, live_server, volunteer, totp=False)
    page.goto(live_server.url + reverse("volunteering:hours_log", args=[placement.pk]))
    expect(page.locator(".omzien-hours-item")).to_contain_text("Goedgekeurd")
    assert page.csp_errors == []


def test_the_organisation_corrects_and_records_a_task_on_desktop(
    live_server, page, heerde, make_member
):
    organisation = OrganisationFactory(municipality=heerde, name="Repair Café")
    start = timezone.now() - datetime.timedelta(days=1)
    task = VacancyFactory(
        organisation=organisation,
        title="Repareren op zaterdag",
        kind=constants.VacancyKind.ONE_OFF,
        day_parts=[],
        hours_per_week=None,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        places=5,
    )
    for name in ("Anna Bos", "Bram Smit"):
        RunningPlacementFactory(
            response=ResponseFactory(
                vacancy=task,
                profile=VolunteerProfileFactory(municipality=heerde, full_name=name),
                status=constants.ResponseStatus.ACCEPTED,
            ),
            start_date=timezone.localtime(start).date(),
        )
    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("volunteering:vacancy_responses", args=[task.pk]))
    page.get_by_role("link", name="Uren vastleggen van wie er was").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uren vastleggen: Repareren op zaterdag"
    )
    expect(page.get_by_label("Uren van Anna Bos")).to_have_value("4")
    from omzien.testing.browser import axe_violations

    assert axe_violations(page) == []
    page.get_by_label("Bram Smit was er").uncheck()
    page.get_by_label("Uren van Anna Bos").fill("")
    page.get_by_role("button", name="Uren vastleggen").click()
    expect(page.locator(".omzien-error-summary")).to_contain_text("Vul het aantal uren in.")
    assert axe_violations(page) == []
    page.get_by_label("Uren van Anna Bos").fill("3.75")
    page.get_by_role("button", name="Uren vastleggen").click()
    expect(page.locator("#omzien-messages")).to_contain_text("Uren vastgelegd voor 1")
    entry = HoursEntry.objects.get()
    assert (entry.hours, entry.status) == (Decimal("3.75"), constants.HoursStatus.APPROVED)
