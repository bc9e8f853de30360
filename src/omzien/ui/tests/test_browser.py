"""Public pages and the login in headless Chromium, checked with axe-core (WCAG 2.1 AA)."""

import time

import pytest
from django.core.signals import request_started
from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import PASSWORD
from omzien.testing.browser import (
    BROWSER_MARKS,
    axe_violations,
    close_contexts,
    log_in,
    new_context,
    open_menu_group,
    start_page_todo,
)
from omzien.testing.login import totp_token

pytestmark = BROWSER_MARKS


@pytest.fixture
def demo_municipalities(heerde, dalfsen):
    return heerde, dalfsen


PUBLIC_PAGES = [
    "ui:home",
    "ui:privacy",
    "two_factor:login",
    "accounts:sign_up",
    "accounts:password_reset",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(live_server, page, demo_municipalities, name):
    page.goto(live_server.url + reverse(name))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert axe_violations(page) == []
    # The Content-Security-Policy blocked nothing the page needs.
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]


def test_sign_up_errors_are_accessible(live_server, page, demo_municipalities):
    page.goto(live_server.url + reverse("accounts:sign_up"))
    page.get_by_role("button", name="Account aanmaken").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Verbeter het volgende")
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []


def test_staff_logs_in_with_totp_in_the_browser(live_server, page, make_member, heerde):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    page.goto(live_server.url + reverse("two_factor:login"))
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Token").fill(totp_token(admin))
    page.get_by_role("button", name="Controleren").click()
    open_menu_group(page, "Beheer")
    page.get_by_role("navigation").get_by_role("link", name="Audittrail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audittrail")
    assert axe_violations(page) == []


@pytest.mark.parametrize("axe_loaded_by", ["init script", "the check itself"])
def test_axe_harness_reports_a_real_violation(
    live_server, browser, demo_municipalities, axe_loaded_by
):
    """Guards the checks above: an image without alt text must be reported, whether axe-core
    came with the context (new_context) or is loaded by the check (any other context)."""
    context = new_context(browser, axe=axe_loaded_by == "init script")
    try:
        tab = context.new_page()
        tab.goto(live_server.url + reverse("ui:home"))
        assert tab.evaluate("() => typeof axe") == (
            "object" if axe_loaded_by == "init script" else "undefined"
        )
        tab.evaluate(
            "() => { const img = document.createElement('img');"
            " img.src = '/static/omzien/favicon.svg';"
            " document.querySelector('main').appendChild(img); }"
        )
        assert "image-alt" in {v["id"] for v in axe_violations(tab)}
    finally:
        close_contexts()


def test_a_test_ends_once_the_server_has_answered_its_pages(live_server, page, heerde):
    """A request still on its way when a test ends is answered before the test database is
    emptied (on SQLite the server shares the test's connection): close_contexts waits."""
    answered = []

    def slow_answer(sender, environ, **kwargs):
        if environ.get("QUERY_STRING") == "still-loading":
            time.sleep(0.5)
            answered.append(environ["PATH_INFO"])

    request_started.connect(slow_answer)
    try:
        page.goto(live_server.url + reverse("ui:home"))
        with page.expect_request("**/?still-loading"):
            page.evaluate("() => { fetch('/?still-loading'); }")
        close_contexts()
    finally:
        request_started.disconnect(slow_answer)
    assert answered == ["/"]


def test_staff_enrolment_and_account_pages_have_no_axe_violations(
    live_server, page, make_member, heerde
):
    consultant = make_member(Role.CONSULTANT, heerde)
    page.goto(live_server.url + reverse("two_factor:login"))
    page.get_by_label("E-mailadres").fill(consultant.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    # Staff without a second factor land on the enrolment.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Volgende").click()
    expect(
        page.get_by_role("img", name="QR-code om te scannen met uw authenticator-app")
    ).to_be_visible()
    assert axe_violations(page) == []
    for name in ("accounts:settings", "accounts:password_change"):
        page.goto(live_server.url + reverse(name))
        assert axe_violations(page) == [], name


def test_a_municipalitys_own_colour_keeps_the_pages_accessible(
    live_server, page, make_member, heerde
):
    """A dark primary colour that passes the contrast check (tenants.validators), on the
    start page and a list page (the staff list, with its table and buttons)."""
    heerde.primary_colour = "#6b2c5f"  # a dark aubergine, not Omzien's own blue
    heerde.full_clean()
    heerde.save(update_fields=["primary_colour"])
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    log_in(page, live_server, admin)
    start_page_todo(page, live_server, "Instellingen van de gemeente", None)
    assert "--omzien-color-primary:#6b2c5f" in page.content()
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("accounts:staff_list"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe_violations(page) == []


def test_the_policy_advisors_figures_pages_have_no_axe_violations(
    live_server, page, make_member, heerde
):
    """Every capability's figures page as the policy advisor sees it (issue 16), at desktop
    and phone width."""
    from omzien.ui.tests.test_policy_advisor import FIGURE_PAGES

    log_in(page, live_server, make_member(Role.POLICY_ADVISOR, heerde, totp=True))
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for name in FIGURE_PAGES:
            page.goto(live_server.url + reverse(name))
            expect(page.get_by_role("heading", level=1)).to_have_count(1)
            assert axe_violations(page) == [], (name, width)
