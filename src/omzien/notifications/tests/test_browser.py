"""The bell in headless Chromium with axe-core: over 99 unread notifications it shows "99+",
and its name still holds what is seen (WCAG 2.5.3) while it says the exact number."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.notifications.tests.factories import NotificationFactory
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in

pytestmark = BROWSER_MARKS


def test_the_bell_over_99_unread(live_server, page, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    NotificationFactory.create_batch(120, recipient=consultant, municipality=heerde)
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("ui:dashboard"))
    bell = page.get_by_role("link", name="Meldingen: 120 ongelezen")
    expect(bell).to_be_visible()
    expect(bell.locator(".omzien-bell__count")).to_have_text("99+")
    assert axe_violations(page) == []
