"""A large export of the carer registry is made in the background (common.exports): the job,
its page, who reaches it, the file (the same as the one sent at once), audit and retention."""

import dataclasses
import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.caregivers.selectors import io as exporting
from omzien.caregivers.tests.factories import CaregiverFactory, CareRelationshipFactory
from omzien.common import exports
from omzien.common.exports import (
    PROGRESS_EVERY,
    export_jobs_apply_retention,
    run_export_job,
)
from omzien.common.imports import JobProgress
from omzien.common.models import ExportJob, JobStatus
from omzien.common.tests.factories import ExportJobFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.privacy.retention import rules
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(heerde, dalfsen, wapenveld):
    carers = [
        CaregiverFactory(
            municipality=heerde,
            first_name="Anna",
            last_name="de Vries",
            date_of_birth=datetime.date(1961, 2, 3),
            locality=wapenveld,
        ),
        CaregiverFactory(municipality=heerde, first_name="=1+2", last_name="Bakker"),
        CaregiverFactory(municipality=heerde, first_name="Cas", last_name="Claassen"),
    ]
    CareRelationshipFactory(caregiver=carers[0], recipient_name="M.")
    CaregiverFactory(municipality=dalfsen, first_name="Dirk", last_name="Dalfsen")
    return carers


def _get(client, fmt, **filters):
    return client.get(reverse("caregivers:export"), {"format": fmt, **filters})


def _background(client, settings, capture, fmt, **filters) -> ExportJob:
    """Export with a threshold below the registry's size: a job, run at once by the tests'
    task backend when the request commits."""
    settings.OMZIEN_EXPORT_BACKGROUND_ROWS = 0
    with capture(execute=True):
        response = _get(client, fmt, **filters)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("common:export_job", args=[job.pk])
    job.refresh_from_db()
    return job


def _download(client, job) -> bytes:
    response = client.get(reverse("common:export_download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _cells(content: bytes) -> list:
    """Every cell of every sheet: value, type and number format."""
    workbook = load_workbook(io.BytesIO(content))
    return [
        (sheet.title, [[(c.value, c.data_type, c.number_format) for c in row] for row in sheet])
        for sheet in workbook.worksheets
    ]


def test_a_small_export_is_sent_at_once(consultant_client, registry):
    response = _get(consultant_client, "csv")
    assert response.status_code == 200
    assert b"Anna" in b"".join(response.streaming_content)
    assert not ExportJob.objects.exists()


def test_the_background_csv_is_byte_for_byte_the_immediate_one(
    consultant_client, settings, django_capture_on_commit_callbacks, registry
):
    immediate = b"".join(_get(consultant_client, "csv").streaming_content)
    job = _background(consultant_client, settings, django_capture_on_commit_callbacks, "csv")
    assert (job.status, job.rows_total, job.rows_done) == (JobStatus.DONE, 3, 3)
    assert job.filename.startswith("mantelzorgers-heerde-") and job.filename.endswith(".csv")
    assert _download(consultant_client, job) == immediate
    assert "'=1+2" in immediate.decode("utf-8-sig")  # formulas neutralised in both


def test_the_background_xlsx_has_the_cells_of_the_immediate_one_with_the_filters(
    consultant_client, settings, django_capture_on_commit_callbacks, registry, wapenveld
):
    CaregiverFactory(municipality=registry[0].municipality, locality=wapenveld)
    filters = {"locality": wapenveld.pk, "q": "", "age_group": "adult"}
    immediate = b"".join(_get(consultant_client, "xlsx", **filters).streaming_content)
    job = _background(
        consultant_client, settings, django_capture_on_commit_callbacks, "xlsx", **filters
    )
    assert job.params["filters"]["locality"] == wapenveld.pk
    assert job.rows_total == 2
    background = _download(consultant_client, job)
    assert _cells(background) == _cells(immediate)
    assert len(_cells(background)[0][1]) == 3  # the header and Wapenveld's two carers


def test_every_download_is_audited_like_the_immediate_export(
    consultant_client, consultant, settings, django_capture_on_commit_callbacks, registry
):
    job = _background(
        consultant_client, settings, django_capture_on_commit_callbacks, "csv", q="anna"
    )
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    _download(consultant_client, job)
    _download(consultant_client, job)
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert events.count() == 2
    event = events.first()
    assert (event.actor, event.municipality, event.reason) == (
        consultant,
        job.municipality,
        "carer registry export",
    )
    # As at once: format, filters (never the search text), rows; and the job's number.
    assert event.extra == {
        "format": "csv",
        "filters": {"q": "…"},
        "rows": 1,
        "export_job": job.pk,
    }


def test_only_the_person_who_asked_reaches_the_job_and_its_file(
    client,
    consultant_client,
    make_member,
    heerde,
    dalfsen,
    settings,
    django_capture_on_commit_callbacks,
    registry,
):
    job = _background(consultant_client, settings, django_capture_on_commit_callbacks, "csv")
    page = reverse("common:export_job", args=[job.pk])
    download = reverse("common:export_download", args=[job.pk])
    shown = consultant_client.get(page)
    assert shown.status_code == 200
    back = (
        f'<a class="utrecht-link" href="{reverse("caregivers:registry")}">Terug naar het register'
    )
    assert back in shown.content.decode()  # the way back to where the export began
    colleague = make_member(Role.CONSULTANT, heerde, totp=True)
    elsewhere = make_member(Role.CONSULTANT, dalfsen, totp=True)
    resident = make_member(Role.RESIDENT, heerde)
    for other in (colleague, elsewhere):
        login_verified(client, other)
        assert client.get(page).status_code == 404
        assert client.get(download).status_code == 404
    client.force_login(resident)
    assert client.get(page).status_code == 404
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(page)["Location"].startswith(reverse("two_factor:login"))
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 0


def test_the_owner_without_the_consultant_role_any_more_is_refused(
    consultant_client, consultant, settings, django_capture_on_commit_callbacks, registry
):
    job = _background(consultant_client, settings, django_capture_on_commit_callbacks, "csv")
    consultant.memberships.all().delete()
    download = consultant_client.get(reverse("common:export_download", args=[job.pk]))
    assert download.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_job_page_shows_progress_and_polls_until_done(consultant_client, consultant, heerde):
    job = ExportJobFactory(
        municipality=heerde, created_by=consultant, status=JobStatus.RUNNING, rows_done=5_000
    )
    url = reverse("common:export_job", args=[job.pk])
    page = consultant_client.get(url).content.decode()
    assert 'value="25"' in page
    assert '<meta http-equiv="refresh" content="3">' in page  # without JavaScript too
    assert "5.000 van 20.000 rijen verwerkt." in page
    assert "De export heeft 20.000 rijen" in page
    assert reverse("common:export_download", args=[job.pk]) not in page
    assert consultant_client.get(reverse("common:export_download", args=[job.pk])).status_code == (
        404
    )
    poll = consultant_client.get(url, headers={"HX-Request": "true"})
    assert "<progress" in poll.content.decode() and "<html" not in poll.content.decode()
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    poll = consultant_client.get(url, headers={"HX-Request": "true"})
    assert (poll.status_code, poll["HX-Refresh"]) == (204, "true")


def test_a_failed_export_says_so(
    consultant_client, settings, django_capture_on_commit_callbacks, registry, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    exporter = exports.exporter_of(exporting.EXPORT_KIND)
    monkeypatch.setitem(
        exports._exporters, exporting.EXPORT_KIND, dataclasses.replace(exporter, build=broken)
    )
    job = _background(consultant_client, settings, django_capture_on_commit_callbacks, "csv")
    assert job.status == JobStatus.FAILED and not job.file
    page = consultant_client.get(reverse("common:export_job", args=[job.pk]))
    assert "fout aan onze kant" in page.content.decode()


def test_the_job_page_runs_the_same_queries_for_any_size(consultant_client, consultant, heerde):
    def queries(rows: int) -> int:
        job = ExportJob.objects.create(
            kind=exporting.EXPORT_KIND,
            municipality=heerde,
            created_by=consultant,
            status=JobStatus.DONE,
            rows_total=rows,
            rows_done=rows,
            filename="mantelzorgers.csv",
            file=default_storage.save(f"exports/test-{rows}.csv", ContentFile(b"x")),
        )
        with CaptureQueriesContext(connection) as captured:
            page = consultant_client.get(reverse("common:export_job", args=[job.pk]))
        assert page.status_code == 200
        return len(captured)

    assert queries(3) == queries(30_000)


def test_the_export_reports_progress_per_row(consultant, heerde, registry):
    calls = []
    exported = exporting.caregiver_export_file(
        user=consultant,
        municipality=heerde,
        filters={},
        fmt="csv",
        progress=lambda done, total: calls.append((done, total)),
    )
    b"".join(exported.chunks)
    assert calls == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.django_db(transaction=True)
def test_progress_reaches_the_page_while_the_export_runs(consultant, heerde):
    job = ExportJob.objects.create(
        kind=exporting.EXPORT_KIND, municipality=heerde, created_by=consultant, rows_total=250
    )
    progress = JobProgress(ExportJob, job.pk, every=PROGRESS_EVERY)
    try:
        progress(PROGRESS_EVERY - 1, 4 * PROGRESS_EVERY)  # not yet
        job.refresh_from_db()
        assert job.rows_done == 0
        progress(PROGRESS_EVERY, 4 * PROGRESS_EVERY)
        job.refresh_from_db()
        assert (job.rows_done, job.percent) == (PROGRESS_EVERY, 25)
    finally:
        progress.close()


def test_a_job_runs_once(consultant_client, settings, django_capture_on_commit_callbacks, registry):
    job = _background(consultant_client, settings, django_capture_on_commit_callbacks, "csv")
    name = job.file.name
    assert run_export_job.enqueue(job_id=job.pk).return_value == "gone"
    job.refresh_from_db()
    assert job.file.name == name


def test_retention_deletes_old_jobs_and_their_files(consultant, heerde, settings):
    assert rules()["export_jobs_apply_retention"] is export_jobs_apply_retention
    settings.OMZIEN_EXPORT_RETENTION_HOURS = 24

    def job(hours_ago: float, user=consultant) -> ExportJob:
        return ExportJob.objects.create(
            kind=exporting.EXPORT_KIND,
            municipality=heerde,
            created_by=user,
            status=JobStatus.DONE,
            created_at=timezone.now() - datetime.timedelta(hours=hours_ago),
            file=default_storage.save("exports/x.csv", ContentFile(b"Anna;de Vries")),
        )

    old, recent, orphan = job(25), job(23), job(1, user=None)
    assert export_jobs_apply_retention() == 2
    assert list(ExportJob.objects.all()) == [recent]
    assert not default_storage.exists(old.file.name)
    assert not default_storage.exists(orphan.file.name)
    assert default_storage.exists(recent.file.name)
