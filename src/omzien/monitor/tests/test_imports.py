"""Upload of external values: trial run, per-row errors in Dutch, nothing half written."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from omzien.common.models import ImportJob
from omzien.monitor.models import ExternalValue
from omzien.monitor.tests.factories import ExternalIndicatorFactory

pytestmark = pytest.mark.django_db

GOOD = "indicator;datum;waarde;bron\nZwaar belast;31-12-2016;12,3;GGD monitor 2016\n"


def _upload(client, content: bytes, name: str, dry_run: bool) -> ImportJob:
    data = {"file": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"
    answer = client.post(reverse("monitor:external_import"), data)
    assert answer.status_code == 302
    return ImportJob.objects.latest("pk")


@pytest.fixture
def indicator(heerde):
    return ExternalIndicatorFactory(municipality=heerde, name="Zwaar belast")


def test_a_trial_saves_nothing_then_the_real_run_saves(
    advisor_client, indicator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _upload(advisor_client, GOOD.encode(), "ggd.csv", dry_run=True)
    job.refresh_from_db()
    assert job.summary == {"rows": 1, "failed": 0, "saved": 0}
    assert not ExternalValue.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        job = _upload(advisor_client, GOOD.encode(), "ggd.csv", dry_run=False)
    value = ExternalValue.objects.get()
    assert (value.value, value.source, str(value.measured_on)) == (
        Decimal("12.3"),
        "GGD monitor 2016",
        "2016-12-31",
    )
    page = advisor_client.get(reverse("monitor:external_import_job", args=[job.pk]))
    assert "Aantal opgeslagen waarden: 1." in page.content.decode()


def test_one_bad_row_writes_nothing_and_says_why_in_dutch(
    advisor_client, indicator, django_capture_on_commit_callbacks
):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indicator", "Datum", "Waarde"])
    sheet.append(["Zwaar belast", "31-12-2016", 12.3])
    sheet.append(["Onbekend", "gisteren", "veel"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with django_capture_on_commit_callbacks(execute=True):
        job = _upload(advisor_client, buffer.getvalue(), "ggd.xlsx", dry_run=False)
    job.refresh_from_db()
    assert job.summary["failed"] == 1 and not ExternalValue.objects.exists()
    errors = job.report[1]["errors"]
    assert errors == [
        "Er is geen externe indicator met de naam “Onbekend”.",
        "De datum ontbreekt of is geen datum (dd-mm-jjjj).",
        "De waarde ontbreekt of is geen getal.",
    ]


def test_a_file_without_the_columns_is_refused(
    advisor_client, indicator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _upload(advisor_client, b"naam;getal\nx;1\n", "x.csv", dry_run=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "indicator, datum en waarde" in job.file_errors[0]
