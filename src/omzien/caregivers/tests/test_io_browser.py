"""The carer import page in headless Chromium, checked with axe-core (WCAG 2.1 AA)."""

from pathlib import Path

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import PASSWORD
from omzien.caregivers.models import Caregiver
from omzien.conftest import totp_token
from omzien.ui.tests import test_browser as ui_browser

# The browser fixtures, shared with the platform's own browser tests.
browser = ui_browser.browser
page = ui_browser.page
axe_violations = ui_browser.axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(ui_browser.CHROMIUM).exists(),
        reason=f"Chromium not found at {ui_browser.CHROMIUM} (install the package 'chromium')",
    ),
    pytest.mark.skipif(
        not ui_browser.AXE.exists(), reason="axe-core not installed (run `make install`)"
    ),
    pytest.mark.django_db(transaction=True),
]

MALFORMED_CSV = (
    b"voornaam;achternaam;geboortedatum;bron;grondslag;telefoon;kleur\r\n"
    b"Anna;de Vries;03-02-1961;huisarts;wettelijke taak;0578-123456;blauw\r\n"
    b"Bert;Jansen;31-02-1950;buurman;wettelijke taak;0578-654321;rood\r\n"
)


def log_in(page, live_server, user):
    page.goto(live_server.url + reverse("two_factor:login"))
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Token").fill(totp_token(user))
    page.get_by_role("button", name="Controleren").click()


def test_import_page_and_its_report_have_no_axe_violations(live_server, page, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("caregivers:import"))
    assert page.get_by_role("heading", level=1).inner_text() == "Mantelzorgers importeren"
    assert page.get_by_label("Alleen controleren (proefimport)").is_checked()
    assert axe_violations(page) == []

    page.get_by_label("Bestand", exact=True).set_input_files(
        files=[{"name": "lijst.csv", "mimeType": "text/csv", "buffer": MALFORMED_CSV}]
    )
    page.get_by_role("button", name="Bestand uploaden").click()
    assert page.get_by_role("heading", name="Resultaat van de proefimport").is_visible()
    report = page.get_by_role("table", name="Rijen die niet zijn geïmporteerd")
    assert "De datum 31-02-1950 bestaat niet." in report.inner_text()
    assert Caregiver.objects.count() == 0
    assert axe_violations(page) == []
