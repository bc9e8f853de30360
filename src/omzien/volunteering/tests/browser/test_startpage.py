"""The start page of the broker, the organisation member and the volunteer in headless
Chromium with axe-core: the to-do shows its count, is done through its link, and the count
drops (desktop and 375 px)."""

from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in, start_page_todo
from omzien.volunteering import constants
from omzien.volunteering.services import responses as services
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = BROWSER_MARKS

DONE = "Niets te doen: alles is afgehandeld."


def test_broker_reviews_a_waiting_organisation(live_server, page, broker, heerde, wapenveld):
    OrganisationFactory(
        municipality=heerde,
        name="Buurtvereniging Oost",
        status=constants.OrganisationStatus.PENDING,
        locality=wapenveld,
    )
    log_in(page, live_server, broker)
    todo = start_page_todo(page, live_server, "Organisaties beoordelen", 1, check=True)
    todo.get_by_role("link").click()
    page.get_by_role("link", name="Buurtvereniging Oost").click()
    page.get_by_role("button", name="Organisatie goedkeuren").click()
    expect(page.get_by_role("status")).to_contain_text("goedgekeurd")
    todo = start_page_todo(page, live_server, "Organisaties beoordelen", 0)
    expect(todo.get_by_text(DONE)).to_be_visible()


def test_organisation_member_answers_a_waiting_response(
    live_server, page, heerde, make_member, org_admin, organisation
):
    vacancy = VacancyFactory(organisation=organisation, title="Snoeien in de boomgaard")
    volunteer = make_member(Role.RESIDENT, heerde)
    VolunteerProfileFactory(user=volunteer, municipality=heerde)
    services.response_create(
        vacancy=vacancy, user=volunteer, message="Graag", actor=Actor(user=volunteer)
    )
    log_in(page, live_server, org_admin, totp=False)
    expect(page.get_by_role("link", name="Meldingen: 1 ongelezen")).to_be_visible()
    label = "Reacties die op uw antwoord wachten"
    todo = start_page_todo(page, live_server, label, 1, check=True)
    todo.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    assert axe_violations(page) == []
    page.get_by_role("row", name="Snoeien in de boomgaard").get_by_role("link").click()
    page.get_by_role("button", name="Aannemen").click()
    expect(page.get_by_role("button", name="Startdatum opslaan")).to_be_visible()
    start_page_todo(page, live_server, label, 0)
    # Answered: the notification of the response is read.
    expect(page.get_by_role("link", name="Meldingen", exact=True)).to_be_visible()


def test_volunteer_answers_a_proposal(live_server, page, heerde, make_member, broker):
    vacancy = VacancyFactory(organisation__municipality=heerde, title="Voorlezen")
    volunteer = make_member(Role.RESIDENT, heerde)
    profile = VolunteerProfileFactory(user=volunteer, municipality=heerde)
    services.response_propose(
        vacancy=vacancy, profile=profile, message="", actor=Actor(user=broker)
    )
    log_in(page, live_server, volunteer, totp=False)
    label = "Voorstellen van het vrijwilligerssteunpunt om te beantwoorden"
    todo = start_page_todo(page, live_server, label, 1, check=True)
    todo.get_by_role("link").click()
    page.get_by_role("button", name="Akkoord met het voorstel").click()
    expect(page.get_by_role("status")).to_be_visible()
    start_page_todo(page, live_server, label, 0)
    start_page_todo(page, live_server, "Uw lopende reacties", 1)
