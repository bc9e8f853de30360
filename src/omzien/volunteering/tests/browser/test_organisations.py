"""Organisation pages in headless Chromium with axe-core."""

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


def test_registration_form_with_and_without_errors(
    live_server, page, make_member, heerde, wapenveld
):
    resident = make_member(Role.RESIDENT, heerde)
    log_in(page, live_server, resident, totp=False)
    page.goto(live_server.url + reverse("volunteering:organisation_register"))
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations(page) == []
    page.get_by_label("Naam van de organisatie").fill("Stichting Groen")
    page.get_by_label("KvK-nummer").fill("123")
    page.get_by_role("button", name="Organisatie aanmelden").click()
    summary = page.get_by_role("alert").first
    expect(summary).to_contain_text("Verbeter het volgende")
    expect(summary).to_contain_text("8 cijfers")
    assert axe_violations(page) == []


def test_public_organisation_page(live_server, page, heerde, wapenveld):
    organisation = OrganisationFactory(
        municipality=heerde, name="Sportclub Heerde", locality=wapenveld
    )
    VacancyFactory(organisation=organisation, title="Trainer voor de jeugd")
    page.goto(live_server.url + reverse("volunteering:organisation_public", args=[organisation.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sportclub Heerde")
    assert "Trainer voor de jeugd" in page.content()
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("volunteering:organisation_public_list"))
    assert axe_violations(page) == []


def test_review_pages(live_server, page, broker, heerde, wapenveld, make_member):
    resident = make_member(Role.RESIDENT, heerde)
    waiting = OrganisationFactory(
        municipality=heerde,
        name="Buurtvereniging Oost",
        status=volunteering_constants.OrganisationStatus.PENDING,
        locality=wapenveld,
        created_by=resident,
    )
    OrganisationMemberFactory(organisation=waiting, user=resident)
    log_in(page, live_server, broker)
    page.goto(live_server.url + reverse("volunteering:organisation_review_list"))
    assert "Buurtvereniging Oost" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Buurtvereniging Oost").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Buurtvereniging Oost")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Niet goedkeuren").click()
    expect(page.get_by_role("alert").first).to_contain_text("Geef de reden")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Organisatie goedkeuren").click()
    expect(page.locator("#omzien-messages")).to_contain_text("goedgekeurd")


def test_member_pages(live_server, page, org_admin, organisation):
    VacancyFactory(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)
    log_in(page, live_server, org_admin, totp=False)
    for url in (
        reverse("volunteering:organisation_mine"),
        reverse("volunteering:organisation_members", args=[organisation.pk]),
        reverse("volunteering:organisation_edit", args=[organisation.pk]),
        reverse("volunteering:organisation_leave", args=[organisation.pk]),
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations(page) == [], url
