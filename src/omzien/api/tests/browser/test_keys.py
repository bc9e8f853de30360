"""The functional administrator issues a partner key in headless Chromium with axe-core: the
form's errors first, then the key shown once, and revoking it from the list."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.api.models import ApiKey
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in
from omzien.volunteering.tests.factories import OrganisationFactory

pytestmark = BROWSER_MARKS


def test_an_administrator_issues_a_key_and_revokes_it(live_server, page, make_member, heerde):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    OrganisationFactory(municipality=heerde, name="Vrijwilligerscentrale Heerde")
    log_in(page, live_server, admin)
    page.goto(live_server.url + reverse("api_keys:list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("API-sleutels van Heerde")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Sleutel uitgeven").click()
    page.get_by_role("button", name="Sleutel uitgeven").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Naam", exact=True).fill("Vacaturesysteem")
    page.get_by_label("Lid van een organisatie").check()
    page.get_by_label("De vacatures van de organisaties lezen", exact=True).check()
    page.get_by_label("Vrijwilligerscentrale Heerde").check()
    until = timezone.localdate() + datetime.timedelta(days=90)
    page.get_by_label("Geldig tot").fill(until.isoformat())
    page.get_by_role("button", name="Sleutel uitgeven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De sleutel is uitgegeven")
    assert axe_violations(page) == []
    key = ApiKey.objects.get()
    assert page.get_by_label("De sleutel").input_value().startswith(f"omz_{key.prefix}_")
    page.get_by_role("link", name="Terug naar de sleutels").click()
    page.get_by_role("button", name="De sleutel Vacaturesysteem intrekken").click()
    expect(page.get_by_text("De sleutel is ingetrokken: hij werkt niet meer.")).to_be_visible()
    assert axe_violations(page) == []
    key.refresh_from_db()
    assert key.revoked_at is not None
