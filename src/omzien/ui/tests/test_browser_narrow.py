"""The navigation in headless Chromium: staff open a task group without JavaScript; at 375 px
wide (a phone) the whole navigation folds behind one "Menu" button and the public pages scroll
no sideways. (The capabilities' main pages at 375 px: their tests/browser/test_narrow.py.)"""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.testing.browser import (
    BROWSER_MARKS,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
    open_menu_group,
)

pytestmark = BROWSER_MARKS


def test_public_pages_fit_a_phone(live_server, page, heerde):
    page.set_viewport_size(PHONE)
    for name in ("ui:home", "two_factor:login", "accounts:sign_up", "ui:privacy"):
        page.goto(live_server.url + reverse(name))
        assert_fits_a_phone(page, name)


def test_on_a_phone_the_navigation_is_one_menu_button(live_server, page, make_member, heerde):
    page.set_viewport_size(PHONE)
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    log_in(page, live_server, admin)
    page.goto(live_server.url + reverse("ui:dashboard"))
    assert_fits_a_phone(page, "dashboard")
    menu = page.locator(".omzien-nav__menu > summary")
    expect(menu).to_be_visible()
    expect(page.locator(".omzien-nav__wide")).to_be_hidden()
    menu.click()
    page.locator(".omzien-nav__menu summary", has_text="Beheer").click()
    page.locator(".omzien-nav__menu").get_by_role("link", name="Audittrail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audittrail")
    assert_fits_a_phone(page, "audit trail")


def test_staff_navigation_opens_a_task_group(live_server, page, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("ui:dashboard"))
    expect(page.locator(".omzien-nav__menu")).to_be_hidden()
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name="Caseload")).to_have_count(0)  # folded in its group
    open_menu_group(page, "Mantelzorg")
    nav.get_by_role("link", name="Caseload").click()
    expect(page.locator(".omzien-nav__wide [aria-current='page']")).to_have_text("Caseload")
    assert axe_violations(page) == []


def test_a_table_wider_than_a_phone_scrolls_in_its_box_by_keyboard_too(
    live_server, page, make_member, heerde
):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    log_in(page, live_server, admin)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("privacy:audit_list"))
    box = page.locator(".utrecht-table__container").first
    # Whole words: the table is wider than the phone and scrolls inside its box, which a
    # keyboard can reach: a region named after the table's caption.
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    expect(box).to_have_attribute("tabindex", "0")
    caption = box.locator("caption").inner_text()
    expect(page.get_by_role("region", name=caption)).to_have_count(1)
    # Its caption wraps within what is seen of the table, not cut off at the phone's edge.
    assert box.evaluate(
        "box => box.querySelector('caption').getBoundingClientRect().width <= box.clientWidth"
    )
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())
    assert_fits_a_phone(page, "audit trail")
    # Where the table fits, its box is no tab stop.
    page.set_viewport_size({"width": 1600, "height": 800})
    page.wait_for_function("box => !box.hasAttribute('tabindex')", arg=box.element_handle())
    expect(page.get_by_role("region", name=caption)).to_have_count(0)


def test_an_administrator_of_two_municipalities_chooses_where_the_settings_apply(
    live_server, page, make_member, heerde, dalfsen
):
    """ui/includes/municipality_choice on a phone: choose, see the page for it, save there."""
    page.set_viewport_size(PHONE)
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    MembershipFactory(user=admin, municipality=dalfsen, role=Role.MUNICIPALITY_ADMIN)
    log_in(page, live_server, admin)
    page.goto(live_server.url + reverse("caregivers:settings"))
    expect(page.locator("main")).to_contain_text("mantelzorgconsulenten in Dalfsen")
    assert_fits_a_phone(page, "carer settings with a choice of municipality")
    page.get_by_label("Gemeente").select_option(label="Heerde")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("main")).to_contain_text("mantelzorgconsulenten in Heerde")
    page.get_by_label("EDIZ-score die als zwaar belast telt").fill("5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".utrecht-alert, [role=status]").first).to_contain_text("opgeslagen")
    expect(page.get_by_label("Gemeente")).to_have_value(str(heerde.pk))
    expect(page.get_by_label("EDIZ-score die als zwaar belast telt")).to_have_value("5")
