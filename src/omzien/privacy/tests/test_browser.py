"""The privacy officer's request pages in headless Chromium with axe-core."""

import datetime

from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy import services
from omzien.privacy.constants import RequestKind
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in, start_page_todo

pytestmark = BROWSER_MARKS


def test_request_list_detail_and_find(live_server, page, make_member, heerde):
    officer = make_member(Role.PRIVACY_OFFICER, heerde, totp=True)
    make_member(Role.RESIDENT, heerde, email="marja@example.test", full_name="Marja Zwaluwstaart")
    item = services.subject_request_create(
        municipality=heerde,
        data={
            "kind": RequestKind.ERASURE,
            "received_on": timezone.localdate() - datetime.timedelta(days=40),
            "name": "Marja Zwaluwstaart",
            "email": "marja@example.test",
        },
        actor=Actor(user=officer),
    )
    log_in(page, live_server, officer)

    page.goto(live_server.url + reverse("privacy:request_list"))
    assert "termijn verstreken" in page.get_by_role("table").inner_text()
    assert axe_violations(page) == []

    page.goto(live_server.url + reverse("privacy:request_find", args=[item.pk]))
    page.get_by_label("Account: Marja Zwaluwstaart", exact=False).check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Dit zijn de gegevens van de persoon").click()

    assert page.get_by_role("heading", level=1).inner_text().startswith("Privacyverzoek")
    assert "Account: Marja Zwaluwstaart" in page.content()
    assert axe_violations(page) == []

    page.goto(live_server.url + reverse("privacy:request_create"))
    with page.expect_navigation():
        page.get_by_role("button", name="Verzoek vastleggen").click()
    assert axe_violations(page) == []


def test_privacy_officer_closes_a_request_from_the_start_page(
    live_server, page, make_member, heerde
):
    officer = make_member(Role.PRIVACY_OFFICER, heerde, totp=True)
    item = services.subject_request_create(
        municipality=heerde,
        data={
            "kind": RequestKind.ACCESS,
            "received_on": timezone.localdate(),
            "name": "Marja Zwaluwstaart",
            "email": "marja@example.test",
        },
        actor=Actor(user=officer),
    )
    log_in(page, live_server, officer)
    label = "Openstaande privacyverzoeken"
    todo = start_page_todo(page, live_server, label, 1, check=True)
    todo.get_by_role("link").click()
    page.get_by_role("link", name=f"#{item.pk}").click()
    page.get_by_label("Resultaat").fill("Inzage gegeven per brief.")
    page.get_by_role("button", name="Uitkomst vastleggen en sluiten").click()
    start_page_todo(page, live_server, label, 0)
