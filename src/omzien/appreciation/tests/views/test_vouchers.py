"""The vouchers page: issue for the round, the issuer's list and its spreadsheet."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.appreciation import constants as c
from omzien.appreciation.models import Voucher
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def test_issue_list_and_download(client, make_member, heerde):
    login_verified(client, make_member(Role.CONSULTANT, heerde, totp=True))
    round_ = RoundFactory(municipality=heerde)
    for name in ("Anna", "Bram"):
        ApplicationFactory(
            round=round_,
            first_name=name,
            form=c.AppreciationForm.VOUCHER,
            status=c.ApplicationStatus.GRANTED,
            amount=Decimal("25.00"),
            iban="",
        )
    issue = reverse("appreciation:voucher_issue", args=[round_.pk])
    done = client.post(issue, follow=True).content.decode()
    assert "2 waardebonnen zijn uitgegeven." in done
    assert "2 waardebonnen uitgegeven, 0 ingenomen." in done
    code = Voucher.objects.order_by("pk").first()
    shown = f"{code.code[:4]}-{code.code[4:8]}-{code.code[8:]}"
    assert shown in done and "Anna" in done
    again = client.post(issue, follow=True).content.decode()
    assert "Er waren geen nieuwe waardebonnen uit te geven." in again
    assert Voucher.objects.count() == 2
    sheet = client.get(reverse("appreciation:voucher_download", args=[round_.pk]))
    assert sheet["Content-Disposition"] == f'attachment; filename="waardebonnen-{round_.pk}.xlsx"'
    rows = list(load_workbook(BytesIO(sheet.content)).active.values)
    assert rows[0][:3] == ("Code", "Waarde", "Naam")
    assert {row[0] for row in rows[1:]} == {
        f"{v.code[:4]}-{v.code[4:8]}-{v.code[8:]}" for v in Voucher.objects.all()
    }
    assert all(row[1] == 25 for row in rows[1:])
