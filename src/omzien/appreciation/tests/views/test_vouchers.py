"""The vouchers page: issue for the round, the issuer's list and its spreadsheet."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.models import Voucher
from omzien.appreciation.services.vouchers import VOUCHER_EXPORT, issue_vouchers
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory
from omzien.common.exports import expire_export_job, export_jobs_apply_retention
from omzien.common.models import ExportJob, JobStatus
from omzien.common.services import Actor
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def _granted(round_, names) -> list:
    """Granted voucher applications of 25 euros, one per name."""
    return [
        ApplicationFactory(
            round=round_,
            first_name=name,
            form=constants.AppreciationForm.VOUCHER,
            status=constants.ApplicationStatus.GRANTED,
            amount=Decimal("25.00"),
            iban="",
        )
        for name in names
    ]


def test_issue_list_and_download(client, make_member, heerde):
    login_verified(client, make_member(Role.CONSULTANT, heerde, totp=True))
    round_ = RoundFactory(municipality=heerde)
    _granted(round_, ("Anna", "Bram"))
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
    rows = list(load_workbook(BytesIO(b"".join(sheet.streaming_content))).active.values)
    assert rows[0][:3] == ("Code", "Waarde", "Naam")
    assert {row[0] for row in rows[1:]} == {
        f"{v.code[:4]}-{v.code[4:8]}-{v.code[8:]}" for v in Voucher.objects.all()
    }
    assert all(row[1] == 25 for row in rows[1:])


def _round_with_vouchers(heerde, staff, names=("Anna", "Bram", "Cas")):
    round_ = RoundFactory(municipality=heerde)
    applications = _granted(round_, names)
    issue_vouchers(round=round_, actor=Actor(user=staff))
    return round_, applications


def _cells(content: bytes) -> list:
    sheet = load_workbook(BytesIO(content)).active
    return [[(cell.value, cell.number_format) for cell in row] for row in sheet.iter_rows()]


def test_a_long_voucher_list_is_made_in_the_background_and_kept_one_hour(
    client, make_member, heerde, settings, django_capture_on_commit_callbacks
):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    round_, applications = _round_with_vouchers(heerde, consultant)
    url = reverse("appreciation:voucher_download", args=[round_.pk])
    at_once = b"".join(client.get(url).streaming_content)

    settings.OMZIEN_EXPORT_BACKGROUND_ROWS = 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    job = ExportJob.objects.get(kind=VOUCHER_EXPORT)
    assert response.status_code == 302
    assert response["Location"] == reverse("common:export_job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.rows_total == 3
    page = client.get(reverse("common:export_job", args=[job.pk])).content.decode()
    assert reverse("appreciation:voucher_list", args=[round_.pk]) in page
    download = client.get(reverse("common:export_download", args=[job.pk]))
    assert _cells(b"".join(download.streaming_content)) == _cells(at_once)

    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, reason="voucher list").order_by(
        "pk"
    )
    assert exports.count() == 2  # the list sent at once, and the job's download
    assert exports.last().extra["export_job"] == job.pk
    assert sorted(exports.last().extra["shown"]) == sorted(
        f"appreciation.application:{a.pk}" for a in applications
    )

    # An hour after it was asked for, the job is gone for its owner too; the nightly sweep
    # deletes it, while another kind of export of the same age stays its day.
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=job.created_at - datetime.timedelta(minutes=61)
    )
    assert client.get(reverse("common:export_download", args=[job.pk])).status_code == 404
    assert client.get(reverse("common:export_job", args=[job.pk])).status_code == 404
    other = ExportJob.objects.create(
        kind="caregivers",
        municipality=heerde,
        created_by=consultant,
        created_at=job.created_at,
    )
    assert export_jobs_apply_retention() == 1
    assert list(ExportJob.objects.all()) == [other]


def _background_job(client, make_member, heerde, settings, capture) -> ExportJob:
    """A consultant's voucher list of three, made as a background job."""
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    round_, _applications = _round_with_vouchers(heerde, consultant)
    login_verified(client, consultant)
    settings.OMZIEN_EXPORT_BACKGROUND_ROWS = 0
    with capture(execute=True):
        client.get(reverse("appreciation:voucher_download", args=[round_.pk]))
    return ExportJob.objects.get(kind=VOUCHER_EXPORT)


def test_only_the_person_who_asked_reaches_the_voucher_job(
    client, make_member, heerde, settings, django_capture_on_commit_callbacks
):
    job = _background_job(client, make_member, heerde, settings, django_capture_on_commit_callbacks)
    login_verified(client, make_member(Role.APPRECIATION_OFFICER, heerde, totp=True))
    for name in ("common:export_job", "common:export_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_the_worker_deletes_the_voucher_file_when_its_hour_is_up(
    client, make_member, heerde, settings, django_capture_on_commit_callbacks
):
    # With a task backend that runs tasks later (the database queue of production), the job's
    # deletion is queued with it, to run when the job expires.
    settings.TASKS = {**settings.TASKS, "default": settings.TASKS["database"]}
    job = _background_job(client, make_member, heerde, settings, django_capture_on_commit_callbacks)
    expiry = DBTaskResult.objects.get(task_path__endswith="expire_export_job")
    assert expiry.run_after == job.created_at + datetime.timedelta(hours=1)
    assert expiry.args_kwargs["kwargs"] == {"job_id": job.pk}
    assert expire_export_job.call(job_id=job.pk) == 1
    assert not ExportJob.objects.exists()
