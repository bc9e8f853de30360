"""The start page of the consultant, the referrer and the policy advisor in headless Chromium
with axe-core: a new self-registration is on the consultant's and in the bell; one to-do is
done from it; the referrer follows what they sent; desktop and 375 px."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.caregivers import constants
from omzien.caregivers.services import caregivers as services
from omzien.caregivers.services.referrals import incoming_decline
from omzien.caregivers.tests.factories import IncomingReferralFactory
from omzien.caregivers.tests.test_caregivers import carer_data
from omzien.common.services import Actor
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in, start_page_todo

pytestmark = BROWSER_MARKS

UNASSIGNED = "Nieuwe mantelzorgers zonder consulent"


def test_consultant_does_a_todo_from_the_start_page(live_server, page, consultant, heerde):
    services.caregiver_register(
        municipality=heerde,
        data=carer_data(first_name="Sanne", source=constants.Source.SELF),
        actor=Actor(user=None),
    )
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("ui:dashboard"))
    todo = page.locator(".omzien-todo", has_text=UNASSIGNED)
    expect(todo.locator(".omzien-todo__count")).to_have_text("1")
    expect(page.get_by_role("link", name="Meldingen: 1 ongelezen")).to_be_visible()
    assert axe_violations(page) == []

    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})

    todo.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(UNASSIGNED)
    page.get_by_role("button", name="Ik neem dit op").click()
    expect(page.get_by_text("niemand wacht om opgepakt te worden")).to_be_visible()

    page.goto(live_server.url + reverse("ui:dashboard"))
    expect(todo.locator(".omzien-todo__count")).to_have_text("0")
    expect(page.get_by_role("link", name="Meldingen", exact=True)).to_be_visible()

    page.goto(live_server.url + reverse("notifications:list") + "?show=all")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    # Taken on by the consultant: the notification is read, listed among all of them.
    expect(
        page.get_by_role("button", name="Een mantelzorger heeft zich aangemeld in Heerde")
    ).to_be_visible()
    expect(page.get_by_text("Nieuw", exact=True)).to_have_count(0)
    assert axe_violations(page) == []


def test_referrer_sees_the_status_of_what_they_sent(
    live_server, page, consultant, heerde, make_member
):
    referrer = make_member(Role.REFERRER, heerde, totp=True)
    incoming = IncomingReferralFactory(municipality=heerde, submitted_by=referrer)
    log_in(page, live_server, referrer)
    label = "Verwijzingen die nog niet zijn opgepakt"
    todo = start_page_todo(page, live_server, label, 1, check=True)
    todo.get_by_role("link").click()
    expect(page.get_by_role("table")).to_contain_text("Ontvangen")

    incoming_decline(incoming=incoming, reason="Geen mantelzorg", actor=Actor(user=consultant))
    start_page_todo(page, live_server, label, 0).get_by_role("link").click()
    expect(page.get_by_role("table")).to_contain_text("Niet opgepakt")


def test_policy_advisor_opens_the_figures(live_server, page, heerde, make_member):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    log_in(page, live_server, advisor)
    todo = start_page_todo(page, live_server, "Cijfers mantelzorg", None, check=True)
    todo.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cijfers")
    assert axe_violations(page) == []
