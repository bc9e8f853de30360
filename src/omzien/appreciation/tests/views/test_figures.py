"""The figures page: this round beside the one before, hidden small numbers, the spreadsheet."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN, Role.CONSULTANT])
def test_figures_beside_the_round_before(client, make_member, heerde, role):
    login_verified(client, make_member(role, heerde, totp=True))
    before = RoundFactory(municipality=heerde, year=2025, name="Waardering 2025")
    round_ = RoundFactory(
        municipality=heerde, year=2026, name="Waardering 2026", copied_from=before
    )
    for _ in range(6):
        ApplicationFactory(
            round=round_, status=constants.ApplicationStatus.GRANTED, amount=Decimal("100")
        )
    for _ in range(2):
        ApplicationFactory(
            round=before, status=constants.ApplicationStatus.GRANTED, amount=Decimal("100")
        )
    page = client.get(reverse("appreciation:round_figures", args=[round_.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Waardering 2025" in html and "Waardering 2026" in html
    summary = {str(label): (str(this), str(that)) for label, this, that in page.context["summary"]}
    assert summary["Aanvragen"] == ("6", "afgeschermd")
    assert summary["Toegekend bedrag"][1] == "afgeschermd"
    assert "afgeschermd" in html
    sheet = client.get(reverse("appreciation:round_figures_xlsx", args=[round_.pk]))
    rows = list(load_workbook(BytesIO(sheet.content)).active.values)
    assert rows[0] == ("Cijfer", "Waardering 2026", "Waardering 2025")
    assert ("Aanvragen", 6, "afgeschermd") in rows
