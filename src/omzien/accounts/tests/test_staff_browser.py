"""The staff list, the invitation page and the administrator's start page in headless
Chromium, checked with axe-core."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import PASSWORD, StaffInvitationFactory
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in, start_page_todo

pytestmark = BROWSER_MARKS


def test_staff_list_and_person_page_have_no_axe_violations(live_server, page, make_member, heerde):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    make_member(Role.BROKER, heerde, full_name="Bea Bemiddelaar", totp=True)
    StaffInvitationFactory(municipality=heerde, email="nieuw@example.org")
    log_in(page, live_server, admin)
    page.goto(live_server.url + reverse("accounts:staff_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Medewerkers van {heerde.name}")
    expect(page.get_by_text("nieuw@example.org")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Bea Bemiddelaar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bea Bemiddelaar")
    assert axe_violations(page) == []


def test_invitation_accept_page_has_no_axe_violations(live_server, page, heerde):
    StaffInvitationFactory(municipality=heerde, token="browser-token", role=Role.CONSULTANT)
    page.goto(live_server.url + reverse("accounts:staff_invitation", args=["browser-token"]))
    expect(page.get_by_role("heading", level=2)).to_have_text("Maak uw account aan")
    assert axe_violations(page) == []
    page.get_by_label("Volledige naam").fill("Nieuwe Consulent")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken en accepteren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")


def test_administrator_resends_an_expired_invitation_from_the_start_page(
    live_server, page, make_member, heerde
):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    StaffInvitationFactory(municipality=heerde, email="open@example.org")
    StaffInvitationFactory(
        municipality=heerde,
        email="laat@example.org",
        expires_at=timezone.now() - timedelta(days=2),
    )
    log_in(page, live_server, admin)
    pending = "Uitnodigingen voor medewerkers die nog niet zijn aanvaard"
    expired = "Verlopen uitnodigingen om opnieuw te versturen"
    start_page_todo(page, live_server, pending, 1)
    todo = start_page_todo(page, live_server, expired, 1, check=True)
    todo.get_by_role("link").click()
    page.get_by_role("button", name="Opnieuw versturen naar laat@example.org").click()
    expect(page.get_by_role("status")).to_contain_text("opnieuw verstuurd")
    start_page_todo(page, live_server, expired, 0)
    todo = start_page_todo(page, live_server, pending, 2)
    todo.get_by_role("link").click()
    page.get_by_role("button", name="Uitnodiging intrekken van open@example.org").click()
    start_page_todo(page, live_server, pending, 1)
