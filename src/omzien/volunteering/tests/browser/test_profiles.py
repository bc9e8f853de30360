"""Volunteer profile pages in headless Chromium with axe-core: the form (with its day-part
grid, also with errors) and the broker's list and profile page."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.tests.factories import VolunteerProfileFactory

pytestmark = BROWSER_MARKS


def test_resident_fills_in_the_profile_form(live_server, page, make_member, heerde, wapenveld):
    resident = make_member(Role.RESIDENT, heerde, full_name="Rita Bosman")
    log_in(page, live_server, resident, totp=False)
    page.goto(live_server.url + reverse("volunteering:profile_create", args=[heerde.pk]))
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations(page) == []

    # Sent empty: the error summary and the grid's own error, still accessible.
    page.get_by_role("button", name="Profiel opslaan").click()
    summary = page.get_by_role("alert").first
    expect(summary).to_contain_text("Verbeter het volgende")
    expect(summary).to_contain_text("Kies ten minste één dagdeel")
    grid = page.get_by_role("group", name="Wanneer kunt u?")
    assert "Kies ten minste één dagdeel" in grid.inner_text()
    assert axe_violations(page) == []

    # Each day is its own group with a labelled checkbox per part of the day.
    page.get_by_role("group", name="Dinsdag").get_by_label("ochtend").check()
    page.get_by_role("group", name="Zaterdag").get_by_label("middag").check()
    page.get_by_label("Sport").check()
    page.get_by_label("Waar woont u?").select_option(label="Wapenveld")
    too_young = timezone.localdate() - datetime.timedelta(days=11 * 366)
    page.get_by_label("Geboortedatum").fill(too_young.isoformat())
    page.get_by_label("Ik geef toestemming", exact=False).check()
    page.get_by_role("button", name="Profiel opslaan").click()
    # The error comes with the new page (the page before had none about the age); only then
    # is the kept choice read from it, not from the page that was sent.
    expect(page.get_by_role("alert").first).to_contain_text("12 jaar")
    assert page.get_by_role("group", name="Dinsdag").get_by_label("ochtend").is_checked()
    assert not VolunteerProfile.objects.exists()
    assert axe_violations(page) == []

    page.get_by_label("Geboortedatum").fill("1980-05-17")
    page.get_by_label("Ik geef toestemming", exact=False).check()
    page.get_by_role("button", name="Profiel opslaan").click()
    page.wait_for_url("**" + reverse("volunteering:profile_mine"))
    profile = VolunteerProfile.objects.get(user=resident)
    assert profile.availability == ["tue_morning", "sat_afternoon"]
    assert profile.interests == [volunteering_constants.Domain.SPORT]
    assert profile.locality == wapenveld
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vrijwilligersprofiel")
    assert axe_violations(page) == []


def test_broker_pages(live_server, page, broker, heerde, wapenveld):
    VolunteerProfileFactory.create_batch(3, municipality=heerde, locality=wapenveld)
    assisted = VolunteerProfileFactory(
        municipality=heerde,
        user=None,
        full_name="Gerrit Jansen",
        email="gerrit@example.org",
        created_by=broker,
        consent_how=volunteering_constants.ConsentHow.PHONE,
        wants_guidance=True,
    )
    log_in(page, live_server, broker)
    for url in (
        reverse("volunteering:volunteer_list"),
        reverse("volunteering:volunteer_list") + "?guidance=1&age_group=adult",
        reverse("volunteering:volunteer_detail", args=[assisted.pk]),
        reverse("volunteering:volunteer_edit", args=[assisted.pk]),
        reverse("volunteering:volunteer_new"),
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations(page) == [], url
    # The broker's form with errors.
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []
