"""The carer pages in headless Chromium with axe-core: public form and consultant pages."""

from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import PASSWORD
from omzien.caregivers.tests.factories import (
    CaregiverFactory,
    CareRelationshipFactory,
    ContactMomentFactory,
)
from omzien.conftest import totp_token
from omzien.ui.tests.test_browser import axe_violations, browser, page  # noqa: F401
from omzien.ui.tests.test_browser import pytestmark as browser_marks

pytestmark = browser_marks


def log_in(tab, live_server, user):
    tab.goto(live_server.url + reverse("two_factor:login"))
    tab.get_by_label("E-mailadres").fill(user.email)
    tab.get_by_label("Wachtwoord").fill(PASSWORD)
    tab.get_by_role("button", name="Inloggen").click()
    tab.get_by_label("Token").fill(totp_token(user))
    tab.get_by_role("button", name="Controleren").click()


def test_public_registration_form(live_server, page, heerde):  # noqa: F811
    page.goto(live_server.url + reverse("carer:self_register"))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Registreren").click()
    assert "Verbeter het volgende" in page.get_by_role("alert").first.inner_text()
    assert axe_violations(page) == []


def test_consultant_pages(live_server, page, make_member, heerde):  # noqa: F811
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    carer = CaregiverFactory(municipality=heerde, consultant=consultant, first_name="Anna")
    CareRelationshipFactory(caregiver=carer)
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
    ):
        page.goto(live_server.url + url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert axe_violations(page) == [], url
