"""Vacancy pages in headless Chromium with axe-core: search, vacancy page, the form."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    VacancyFactory,
)

pytestmark = BROWSER_MARKS


def test_public_search_and_vacancy_page(live_server, page, heerde, epe, wapenveld):
    url = live_server.url + reverse("volunteering:vacancy_search")
    page.goto(url)
    assert page.get_by_role("heading", level=1).count() == 1
    assert "0 vacatures gevonden" in page.content()
    assert axe_violations(page) == []

    organisation = OrganisationFactory(municipality=heerde, name="Natuurvereniging")
    vacancy = VacancyFactory(
        organisation=organisation,
        title="Snoeien in de boomgaard",
        locality=wapenveld,
        day_parts=["sat_morning", "sat_afternoon"],
        suitable_young=True,
    )
    VacancyFactory(
        organisation=OrganisationFactory(municipality=epe),
        title="Voorlezen in Epe",
        location_kind=volunteering_constants.LocationKind.ONLINE,
    )
    page.goto(url)
    page.get_by_label("Gemeente").select_option(label="Heerde")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_text("2 vacatures gevonden").wait_for()
    assert axe_violations(page) == []
    # With JavaScript a changed filter updates the results and the address bar in place.
    page.get_by_text("Meer filters").click()  # the rarer filters are folded away
    page.get_by_label("Geschikt voor jongeren").check()
    page.get_by_text("1 vacature gevonden").wait_for()
    assert "young=on" in page.url
    assert page.get_by_role("link", name="Voorlezen in Epe").count() == 0
    assert axe_violations(page) == []
    page.go_back()
    page.get_by_text("2 vacatures gevonden").wait_for()

    page.get_by_role("link", name="Snoeien in de boomgaard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Snoeien in de boomgaard")
    assert f"/vrijwilligerswerk/vacatures/{vacancy.pk}/" in page.content()
    assert axe_violations(page) == []
    assert page.csp_errors == []


def test_vacancy_form_with_errors(live_server, page, heerde, make_member):
    organisation = OrganisationFactory(municipality=heerde, name="Buurthuis")
    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    log_in(page, live_server, member, totp=False)
    page.goto(live_server.url + reverse("volunteering:vacancy_create", args=[organisation.pk]))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []
    # The day-part grid: every checkbox has its own label.
    assert page.get_by_role("checkbox", name="ochtend").count() == 7
