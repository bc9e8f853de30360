"""Export of the carer registry to CSV and XLSX: scope, filters, audit, round trip, safety."""

import codecs
import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.caregivers.models import Caregiver
from omzien.caregivers.selectors import io as exporting
from omzien.caregivers.services.caregivers import Actor
from omzien.caregivers.services.io import COLUMN_NAMES, import_caregivers
from omzien.caregivers.tests.factories import CaregiverFactory, CareRelationshipFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def years_ago(years: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=round(years * 365.25) + 10)


@pytest.fixture
def registry(heerde, dalfsen, epe, wapenveld):
    adult = CaregiverFactory(
        municipality=heerde,
        first_name="Anna",
        last_name="de Vries",
        date_of_birth=datetime.date(1961, 2, 3),
        postcode="8191 AB",
        locality=wapenveld,
        consent_given_on=datetime.date(2024, 1, 15),
    )
    CareRelationshipFactory(
        caregiver=adult, recipient_name="M.", started_on=datetime.date(2022, 6, 1)
    )
    young = CaregiverFactory(
        municipality=heerde, first_name="Sam", last_name="Bakker", date_of_birth=years_ago(14)
    )
    CaregiverFactory(municipality=dalfsen, first_name="Dirk", last_name="Dalfsen")
    CaregiverFactory(municipality=epe, first_name="Eva", last_name="Epe")
    return {"adult": adult, "young": young}


def export(client, fmt="csv", **filters):
    response = client.get(reverse("caregivers:export"), {"format": fmt, **filters})
    assert response.status_code == 200, response
    return response, b"".join(response.streaming_content)


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8")), delimiter=";"))


def test_csv_export_holds_the_municipalitys_carers_in_the_import_format(
    consultant_client, registry
):
    response, content = export(consultant_client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="mantelzorgers-heerde-' in response["Content-Disposition"]
    rows = csv_rows(content)
    assert rows[0] == list(COLUMN_NAMES)
    by_name = {row[0]: dict(zip(COLUMN_NAMES, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"Anna", "Sam"}  # not Dalfsen's, not Epe's
    anna = by_name["Anna"]
    assert anna["geboortedatum"] == "03-02-1961"
    assert anna["toestemming_datum"] == "15-01-2024"
    assert anna["postcode"] == "8191 AB"
    assert (anna["contactvoorkeur"], anna["bron"], anna["grondslag"]) == (
        "telefoon",
        "zelf",
        "toestemming",
    )
    assert anna["intensief"] == "nee"
    assert (anna["zorgvrager"], anna["relatie"], anna["soort_zorg"]) == ("M.", "ouder", "dementie")
    assert (anna["uren_per_week"], anna["start_zorg"], anna["samenwonend"]) == (
        "8-16",
        "01-06-2022",
        "nee",
    )
    assert by_name["Sam"]["zorgvrager"] == "" and by_name["Sam"]["samenwonend"] == ""


def test_export_respects_the_registry_filters(consultant_client, registry):
    _response, content = export(consultant_client, age_group="young")
    assert [row[0] for row in csv_rows(content)[1:]] == ["Sam"]
    _response, content = export(consultant_client, q="vries")
    assert [row[0] for row in csv_rows(content)[1:]] == ["Anna"]


def test_export_is_audited_with_filters_and_row_count(consultant_client, consultant, registry):
    export(consultant_client, "xlsx", age_group="adult", locality=registry["adult"].locality_id)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == consultant
    assert event.municipality == registry["adult"].municipality
    assert event.extra == {
        "format": "xlsx",
        "filters": {"age_group": "adult", "locality": registry["adult"].locality_id},
        "rows": 1,
    }


def test_invalid_filter_exports_nothing(consultant_client, registry, dalfsen):
    response = consultant_client.get(
        reverse("caregivers:export"), {"format": "csv", "age_group": "baby"}
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_xlsx_export_has_text_and_date_cells(consultant_client, registry):
    response, content = export(consultant_client, "xlsx")
    assert response["Content-Type"] == exporting.CONTENT_TYPES["xlsx"]
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMN_NAMES)
    # Sorted by last name: Bakker, de Vries.
    assert [row[0] for row in rows[1:]] == ["Sam", "Anna"]
    anna = dict(zip(COLUMN_NAMES, rows[2], strict=True))
    assert anna["geboortedatum"] == datetime.datetime(1961, 2, 3)  # noqa: DTZ001 (a date cell)
    assert sheet.cell(row=3, column=3).number_format == "DD-MM-YYYY"
    assert len(rows) == 3


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reimports_as_all_duplicates(consultant_client, registry, heerde, fmt):
    _response, content = export(consultant_client, fmt)
    before = Caregiver.objects.count()
    with translation.override("nl"):
        result = import_caregivers(
            municipality=heerde,
            file=io.BytesIO(content),
            filename=f"export.{fmt}",
            dry_run=False,
            actor=Actor(),
        )
    assert not result.failed and result.warnings == []
    assert (result.created, result.duplicates, result.invalid) == (0, 2, 0), result.reports
    assert Caregiver.objects.count() == before


def test_formula_injection_is_neutralised(consultant_client, heerde):
    CaregiverFactory(
        municipality=heerde,
        first_name='=HYPERLINK("http://evil.example","klik")',
        last_name="@SUM(A1)",
        phone="+31 578 123456",
        town="-2+3",
    )
    _response, content = export(consultant_client, "csv")
    row = dict(zip(COLUMN_NAMES, csv_rows(content)[1], strict=True))
    assert row["voornaam"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert row["achternaam"] == "'@SUM(A1)"
    assert row["telefoon"] == "'+31 578 123456"
    assert row["woonplaats"] == "'-2+3"
    _response, content = export(consultant_client, "xlsx")
    cell = load_workbook(io.BytesIO(content)).worksheets[0].cell(row=2, column=1)
    assert cell.data_type == "s"  # text, never a formula
    assert cell.value == '=HYPERLINK("http://evil.example","klik")'


def test_export_runs_the_same_queries_for_more_carers(consultant, heerde):
    def queries(extra: int) -> int:
        for _ in range(extra):
            carer = CaregiverFactory(municipality=heerde)
            CareRelationshipFactory(caregiver=carer)
        with CaptureQueriesContext(connection) as captured:
            exported = exporting.caregiver_export_file(
                user=consultant, municipality=heerde, filters={}, fmt="csv"
            )
            b"".join(exported.chunks)
        return len(captured)

    assert queries(3) == queries(30)


# --- Access -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, registry):
    response = client.get(reverse("caregivers:export"), {"format": "csv"})
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", [Role.BROKER, Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN])
def test_other_roles_are_refused(client, make_member, heerde, registry, role):
    login_verified(client, make_member(role, heerde, totp=True))
    assert client.get(reverse("caregivers:export"), {"format": "csv"}).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_epe_consultant_exports_no_heerde_carers(client, make_member, epe, registry):
    login_verified(client, make_member(Role.CONSULTANT, epe, totp=True))
    _response, content = export(client, "csv")
    assert [row[0] for row in csv_rows(content)[1:]] == ["Eva"]
    # Filtering on a Heerde locality is refused rather than widened.
    response = client.get(
        reverse("caregivers:export"),
        {"format": "csv", "locality": registry["adult"].locality_id},
    )
    assert response.status_code == 302


def test_unknown_format_is_not_found(consultant_client):
    assert consultant_client.get(reverse("caregivers:export"), {"format": "pdf"}).status_code == 404


def test_registry_links_to_import_and_to_export_with_its_filters(consultant_client, registry):
    response = consultant_client.get(reverse("caregivers:registry"), {"age_group": "young"})
    html = response.content.decode()
    assert f'href="{reverse("caregivers:import")}"' in html
    export_url = reverse("caregivers:export")
    assert f'href="{export_url}?format=xlsx&amp;age_group=young"' in html
    assert f'href="{export_url}?format=csv&amp;age_group=young"' in html


def test_export_audit_never_keeps_the_search_text(consultant_client, consultant, registry):
    export(consultant_client, q="Jansen")
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=consultant).get()
    assert "Jansen" not in str(event.extra)
    assert event.extra["filters"]["q"] == "…"
