"""Issue 10: the carer import with hostile or careless files (points 9, 13, 15, 16, 17)."""

import datetime
import io
import json
import re
import time
import zipfile

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver
from omzien.caregivers.services import io as importing
from omzien.caregivers.tests.test_import import ANNA, BERT, HEADER, csv_bytes, errors_of, run
from omzien.common.imports import (
    RETENTION_DAYS,
    JobProgress,
    import_jobs_apply_retention,
    run_import_job,
)
from omzien.common.models import ImportJob
from omzien.privacy.models import AuditEvent
from omzien.privacy.retention import rules
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db
COLUMN = {name: index for index, name in enumerate(HEADER)}


def row(base, **cells):
    values = list(base)
    for name, value in cells.items():
        values[COLUMN[name]] = value
    return values


def workbook_bytes(rows, *, extra_sheets=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Mantelzorgers"
    for values in rows:
        sheet.append(values)
    for title in extra_sheets:
        workbook.create_sheet(title).append(["voornaam"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet_xml(data: bytes, sheet_xml: str) -> bytes:
    """The workbook with its first sheet's XML replaced (to make cells openpyxl cannot read)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml.encode()
            target.writestr(info.filename, content)
    return buffer.getvalue()


def sheet_xml(rows_xml: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows_xml}</sheetData></worksheet>"
    )


def inline_row(number: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for i, value in enumerate(values)
        if value
    )
    return f'<row r="{number}">{cells}</row>'


def hostile(rows_xml: str, dimension: str | None = None) -> bytes:
    return with_sheet_xml(workbook_bytes([HEADER]), sheet_xml(rows_xml, dimension))


# --- Point 9: no file name in the audit trail ------------------------------------------------


def test_the_audit_trail_keeps_no_file_name(heerde, consultant):
    data = csv_bytes([HEADER, ANNA])
    result = run(heerde, data, filename="aanmelding_devries.csv", user=consultant)
    assert result.created == 1
    stored = json.dumps([event.extra for event in AuditEvent.objects.all()]) + "".join(
        AuditEvent.objects.values_list("reason", flat=True)
    )
    assert "devries" not in stored.lower() and "aanmelding" not in stored
    summary = AuditEvent.objects.get(reason="carer import")
    assert set(summary.extra) >= {"size", "sha256", "rows"}


# --- Point 13: lost letters, phone numbers, relationship words, more sheets ------------------


def test_rows_that_lost_letters_in_windows_1252_are_named(heerde):
    # Excel's "CSV" (not "CSV UTF-8") writes "?" for letters outside Windows-1252.
    lost = row(BERT, voornaam="Mehmet", achternaam="Y?lmaz")
    data = csv_bytes([HEADER, row(ANNA, achternaam="Müller"), lost], bom=False, encoding="cp1252")
    result = run(heerde, data, dry_run=True)
    assert result.warnings  # the whole file: read as Windows-1252
    errors = errors_of(result)
    assert list(errors) == [3]
    assert [column for column, _message in errors[3]] == ["achternaam"]
    assert result.created == 1


def test_a_utf8_file_may_hold_a_question_mark(heerde):
    result = run(heerde, csv_bytes([HEADER, row(BERT, adres="Dorpsstraat 1?")]), dry_run=True)
    assert result.created == 1


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("06-12345678", "06 12345678"),
        ("+31 6 1234 5678", "06 12345678"),
        ("0031612345678", "06 12345678"),
        ("038-1234567", "038 123 4567"),
        (612345678, "06 12345678"),  # Excel dropped the leading 0 of a number cell
        ("+49 30 1234567", "+49 30 1234567"),
    ],
)
def test_phone_numbers_are_read_as_people_write_them(heerde, written, stored):
    result = run(heerde, workbook_bytes([HEADER, row(BERT, telefoon=written)]))
    assert result.created == 1, errors_of(result)
    assert Caregiver.objects.get().phone == stored


@pytest.mark.parametrize("written", ["06-2", "0578-1", "bellen"])
def test_an_impossible_phone_number_is_an_error_for_that_row(heerde, written):
    result = run(heerde, csv_bytes([HEADER, row(BERT, telefoon=written)]), dry_run=True)
    assert [column for column, _message in errors_of(result)[2]] == ["telefoon"]


@pytest.mark.parametrize(
    ("word", "relationship"),
    [
        ("moeder", caregivers_constants.Relationship.PARENT),
        ("Vader", caregivers_constants.Relationship.PARENT),
        ("partner", caregivers_constants.Relationship.PARTNER),
        ("echtgenote", caregivers_constants.Relationship.PARTNER),
        ("zoon", caregivers_constants.Relationship.CHILD),
        ("dochter", caregivers_constants.Relationship.CHILD),
        ("buurman", caregivers_constants.Relationship.NEIGHBOUR),
        ("oma", caregivers_constants.Relationship.OTHER_FAMILY),
    ],
)
def test_common_words_for_the_relationship_are_accepted(heerde, word, relationship):
    result = run(heerde, csv_bytes([HEADER, row(ANNA, relatie=word)]))
    assert result.created == 1, errors_of(result)
    assert Caregiver.objects.get().relationships.get().relationship == relationship


def test_a_second_sheet_is_named_in_a_warning(heerde):
    data = workbook_bytes([HEADER, BERT], extra_sheets=["Nieuw 2024"])
    result = run(heerde, data, filename="lijst.xlsx", dry_run=True)
    assert result.created == 1
    assert any("Nieuw 2024" in warning for warning in result.warnings)


def test_the_templates_own_explanation_sheet_gives_no_warning(heerde):
    data = importing.template_xlsx()
    assert run(heerde, data, filename="sjabloon.xlsx", dry_run=True).warnings == []


# --- Point 15: cells openpyxl cannot read; dates in a sane range ------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="C2" s="0" t="d"><v>31-02-1961</v></c>',  # an impossible date cell
        '<c r="C2" t="n"><v>drie februari</v></c>',  # text in a number cell
        '<c r="A2" t="s"><v>999</v></c>',  # a shared string that does not exist
    ],
)
def test_a_malformed_xlsx_cell_is_a_dutch_error_not_a_crash(heerde, cell):
    header = inline_row(1, HEADER)
    data = hostile(header + f'<row r="2">{cell}</row>')
    result = run(heerde, data, filename="lijst.xlsx", dry_run=True)
    assert result.failed
    assert result.file_errors[0].startswith("Rij 2 ")


@pytest.mark.parametrize("born", ["01-01-1850", "01-01-0001"])
def test_a_date_of_birth_before_1900_is_refused(heerde, born):
    result = run(heerde, csv_bytes([HEADER, row(BERT, geboortedatum=born)]), dry_run=True)
    assert [column for column, _message in errors_of(result)[2]] == ["geboortedatum"]


def test_a_date_of_birth_in_the_future_is_refused(heerde):
    future = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d-%m-%Y")
    result = run(heerde, csv_bytes([HEADER, row(BERT, geboortedatum=future)]), dry_run=True)
    assert [column for column, _message in errors_of(result)[2]] == ["geboortedatum"]


def test_an_xlsx_date_cell_in_the_year_1_is_refused(heerde):
    result = run(
        heerde,
        workbook_bytes([HEADER, row(BERT, geboortedatum=datetime.date(1, 1, 1))]),
        dry_run=True,
    )
    assert [column for column, _message in errors_of(result)[2]] == ["geboortedatum"]


# --- Point 16: a tiny file that declares a huge sheet ----------------------------------------


@pytest.mark.parametrize(
    ("dimension", "last_row"),
    [
        ("A1:XFD20000", 20_000),  # 16,384 columns declared
        ("A1:T1048576", 1_048_576),  # the last row Excel has
        (None, 1_048_576),  # no dimension at all: openpyxl pads the gap
    ],
)
def test_a_huge_declared_sheet_is_refused_quickly(heerde, dimension, last_row):
    rows = inline_row(1, HEADER) + inline_row(last_row, BERT)
    data = hostile(rows, dimension)
    assert len(data) < 10_000
    started = time.monotonic()
    result = run(heerde, data, filename="lijst.xlsx", dry_run=True)
    assert time.monotonic() - started < 1.0
    assert result.failed or result.created == 0
    assert not Caregiver.objects.exists()


def test_a_sheet_declared_too_large_gets_a_clear_error(heerde):
    data = hostile(inline_row(1, HEADER) + inline_row(2, BERT), "A1:XFD20000")
    result = run(heerde, data, filename="lijst.xlsx", dry_run=True)
    assert result.failed and re.search(r"groter|kolommen", result.file_errors[0])


# --- Point 17: the import runs as a background job --------------------------------------------


def upload(client, data, *, dry_run, filename="aanmelding.csv"):
    payload = {"file": io.BytesIO(data)}
    payload["file"].name = filename
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(reverse("caregivers:import"), payload)


def test_an_upload_becomes_a_job_with_a_progress_page(consultant_client, consultant, heerde):
    # Without running the queued task: the page shows the progress and refreshes itself.
    response = upload(consultant_client, csv_bytes([HEADER, ANNA, BERT]), dry_run=False)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("caregivers:import_job", kwargs={"pk": job.pk})
    assert (job.status, job.created_by, job.municipality) == ("queued", consultant, heerde)
    assert not Caregiver.objects.exists()
    page = consultant_client.get(response.url).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'http-equiv="refresh"' in page
    assert "<progress" in page
    # The worker runs it; then the same page shows the report.
    assert run_import_job.enqueue(job_id=job.pk).return_value == "done"
    job.refresh_from_db()
    assert job.data is None and job.summary["created"] == 2
    assert Caregiver.objects.filter(municipality=heerde).count() == 2
    page = consultant_client.get(response.url).content.decode()
    assert "2 mantelzorgers geïmporteerd" in page and "<progress" not in page
    audit = AuditEvent.objects.get(reason="carer import")
    assert audit.extra["import_job"] == job.pk
    # The polling asks for a full reload once the job is done.
    polled = consultant_client.get(response.url, headers={"HX-Request": "true"})
    assert polled["HX-Refresh"] == "true"


def test_the_jobs_report_lists_the_rows_with_errors(consultant_client):
    data = csv_bytes([HEADER, ANNA, row(BERT, geboortedatum="31-02-1950")])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = upload(consultant_client, data, dry_run=True)
    job = ImportJob.objects.get()
    assert job.status == "done" and job.report[0]["row"] == 3
    page = consultant_client.get(response.url).content.decode()
    assert "De datum 31-02-1950 bestaat niet." in page
    assert not Caregiver.objects.exists()


def test_a_job_is_only_shown_to_who_uploaded_it(client, make_member, heerde, consultant):
    job = ImportJob.objects.create(
        kind=importing.IMPORT_KIND, municipality=heerde, created_by=consultant, status="done"
    )
    colleague = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, colleague)
    assert client.get(reverse("caregivers:import_job", kwargs={"pk": job.pk})).status_code == 404


def test_jobs_and_their_reports_are_deleted_after_the_retention_period(heerde, consultant):
    assert rules()["import_jobs_apply_retention"] is import_jobs_apply_retention
    old = ImportJob.objects.create(
        kind=importing.IMPORT_KIND,
        municipality=heerde,
        created_by=consultant,
        report=[{"row": 2, "status": "invalid", "name": "Anna de Vries", "errors": []}],
        created_at=timezone.now() - datetime.timedelta(days=RETENTION_DAYS + 1),
    )
    recent = ImportJob.objects.create(
        kind=importing.IMPORT_KIND, municipality=heerde, created_by=consultant
    )
    assert import_jobs_apply_retention() == 1
    assert list(ImportJob.objects.all()) == [recent]
    assert not ImportJob.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_by_the_page_while_the_import_transaction_is_open(heerde, consultant):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: there the page shows the result only")
    job = ImportJob.objects.create(
        kind=importing.IMPORT_KIND, municipality=heerde, created_by=consultant
    )
    progress = JobProgress(ImportJob, job.pk)
    page = connections.create_connection(DEFAULT_DB_ALIAS)  # another request's connection
    try:
        with transaction.atomic():  # the import's own transaction
            Caregiver.objects.exists()
            progress(100, 250)
            with page.cursor() as cursor:
                cursor.execute(
                    "SELECT rows_done, rows_total FROM common_importjob WHERE id = %s", [job.pk]
                )
                assert cursor.fetchone() == (100, 250)
    finally:
        progress.close()
        page.close()
    job.refresh_from_db()
    assert job.percent == 40


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_import_and_the_queue_holds_no_personal_data(heerde, consultant):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    job = ImportJob.objects.create(
        kind=importing.IMPORT_KIND,
        municipality=heerde,
        created_by=consultant,
        dry_run=False,
        language="nl",
        filename="aanmelding_devries.csv",
        data=csv_bytes([HEADER, ANNA, BERT]),
    )
    run_import_job.using(backend="database").enqueue(job_id=job.pk)
    queued = DBTaskResult.objects.get()
    assert "devries" not in json.dumps(queued.args_kwargs).lower()
    call_command(
        "db_worker",
        "--backend",
        "database",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )
    job.refresh_from_db()
    assert (job.status, job.summary["created"], job.data) == ("done", 2, None)
    assert Caregiver.objects.filter(municipality=heerde).count() == 2
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_an_unexpected_error_in_the_worker_fails_the_job_in_dutch(heerde, consultant, monkeypatch):
    from omzien.common import imports

    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setitem(imports._importers, importing.IMPORT_KIND, broken)
    job = ImportJob.objects.create(
        kind=importing.IMPORT_KIND,
        municipality=heerde,
        created_by=consultant,
        language="nl",
        data=b"x",
    )
    assert run_import_job.enqueue(job_id=job.pk).return_value == "failed"
    job.refresh_from_db()
    assert job.file_errors == [
        "De import is gestopt door een fout aan onze kant. Er is niets opgeslagen."
    ]
    assert job.data is None
