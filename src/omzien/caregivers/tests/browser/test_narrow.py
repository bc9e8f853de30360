"""The consultant's main pages at 375 px wide (a phone): no sideways scrolling (tables scroll
inside their container), no axe violations."""

from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.caregivers.tests.factories import BurdenWarningFactory, CaregiverFactory
from omzien.testing.browser import BROWSER_MARKS, PHONE, assert_fits_a_phone, log_in

pytestmark = BROWSER_MARKS


def test_consultant_pages_fit_a_phone(live_server, page, make_member, heerde):
    page.set_viewport_size(PHONE)
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    carer = CaregiverFactory(municipality=heerde, consultant=consultant)
    BurdenWarningFactory(caregiver=carer)
    log_in(page, live_server, consultant)
    for name in ("ui:dashboard", "caregivers:registry", "caregivers:caseload", "caregivers:alerts"):
        page.goto(live_server.url + reverse(name))
        assert_fits_a_phone(page, name)
