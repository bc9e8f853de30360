"""The carer pages in headless Chromium with axe-core: public form and consultant pages."""

from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.caregivers.services import caregivers as services
from omzien.caregivers.tests.factories import (
    CaregiverFactory,
    CareRelationshipFactory,
    ContactMomentFactory,
)
from omzien.common.services import Actor
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in

pytestmark = BROWSER_MARKS


def test_public_registration_form(live_server, page, heerde):
    page.goto(live_server.url + reverse("carer:self_register"))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("alert").first).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []


def test_consultant_pages(live_server, page, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    carer = CaregiverFactory(municipality=heerde, consultant=consultant, first_name="Anna")
    relationship = CareRelationshipFactory(caregiver=carer)
    ContactMomentFactory(caregiver=carer, consultant=consultant)
    log_in(page, live_server, consultant)
    for url in (
        reverse("caregivers:registry"),
        reverse("caregivers:detail", args=[carer.pk]),
        reverse("caregivers:caseload"),
        reverse("caregivers:register"),
        reverse("caregivers:contact_new", args=[carer.pk]),
        reverse("caregivers:relationship_new", args=[carer.pk]),
        reverse("caregivers:timeline", args=[carer.pk]),
        reverse("caregivers:edit", args=[carer.pk]),
        reverse("caregivers:relationship_end", args=[carer.pk, relationship.pk]),
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations(page) == [], url


def test_linking_a_waiting_account_and_the_waiting_page(live_server, page, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    resident = make_member(Role.RESIDENT, heerde)
    kept = CaregiverFactory(municipality=heerde, first_name="Anna")
    claim = CaregiverFactory(municipality=heerde, user=resident)
    services.caregiver_merge(source=claim, target=kept, actor=Actor(user=consultant))
    log_in(page, live_server, consultant)
    for url in (
        reverse("caregivers:detail", args=[kept.pk]),
        reverse("caregivers:link_account", args=[kept.pk, claim.pk]),
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations(page) == [], url
    page.get_by_role("button", name="Koppel account na bevestiging door mantelzorger").click()
    expect(page.locator("main")).to_contain_text("Vermeld hoe de mantelzorger")
    assert axe_violations(page) == []
    page.context.clear_cookies()
    log_in(page, live_server, resident, totp=False)
    page.goto(live_server.url + reverse("carer:mine"))
    assert "nog niet gekoppeld" in page.content()
    assert axe_violations(page) == []
