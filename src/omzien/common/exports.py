"""Large exports as background tasks, with progress and a download link; small ones at once.

The pattern every export follows (the carer registry, volunteering hours):

1. The capability registers an :class:`Exporter` once, in its ``AppConfig.ready``::

       register_exporter("caregivers", Exporter(build=..., audit=..., gate=...))

   ``build(job=job, progress=callable)`` makes the file in the worker from the job's
   ``params`` (the same function the page uses, so the file is the same) and calls
   ``progress(done, total)`` as it reads rows (:func:`with_progress`); ``audit(job=job,
   request=request)`` writes the same audit event as a download made at once, on every
   download; ``gate(request, job)`` checks that the person may still export this (their role,
   a verified second factor; for staff, ``accounts.permissions.staff_job_gate``): it returns
   the response to send instead, or None.
2. The export view counts the rows and calls :func:`start_export`. Below
   ``settings.OMZIEN_EXPORT_BACKGROUND_ROWS`` it gets None and sends the file itself, as
   before; above, it redirects to the job page (``common:export_job``), which shows the
   progress until the file is ready and then a download link.

The file is written to a temporary file as it is made (bounded memory), then to
``default_storage`` (the file system, or object storage in production, so no web host keeps
it) under a random name. Only the person who asked reaches the job (404 for anybody else).
A job and its file expire ``settings.OMZIEN_EXPORT_RETENTION_HOURS`` after they were asked
for, or the exporter's own ``retention_hours`` (shorter for a file worth money to whoever
finds it, such as voucher codes): from then on the job answers 404, a task deletes it at that
time (where the task backend can run a task later), and ``export_jobs_apply_retention``
deletes whatever is left every night.
"""

import logging
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django_tasks import task

from omzien.common.imports import JobProgress
from omzien.common.models import ExportJob, JobStatus
from omzien.common.workers import claim

logger = logging.getLogger(__name__)

# Progress is written at most once per this many rows.
PROGRESS_EVERY = 500
BUFFER_BYTES = 64 * 1024

Progress = Callable[[int, int], None]


@dataclass
class ExportFile:
    """A file being made: its chunks are produced as they are read."""

    filename: str
    content_type: str
    chunks: Iterator[bytes]
    rows: int


@dataclass(frozen=True)
class Exporter:
    build: Callable[..., ExportFile]  # build(job=, progress=) -> ExportFile, in the worker
    audit: Callable[..., object]  # audit(job=, request=), on every download
    gate: Callable[..., object]  # gate(request, job) -> a response to send instead, or None
    # back(job) -> (url, link text): the page the export was started from, linked on the job's
    # page so the person finds their way back
    back: Callable[..., tuple[str, str]] | None = None
    # hours the file is kept; None: settings.OMZIEN_EXPORT_RETENTION_HOURS
    retention_hours: int | None = None


_exporters: dict[str, Exporter] = {}


def register_exporter(kind: str, exporter: Exporter) -> None:
    _exporters[kind] = exporter


def exporter_of(kind: str) -> Exporter:
    return _exporters[kind]


def export_job_expires(job: ExportJob) -> datetime:
    """When the job and its file go: the exporter's retention after the job was asked for."""
    exporter = _exporters.get(job.kind)
    hours = exporter.retention_hours if exporter is not None else None
    if hours is None:
        hours = settings.OMZIEN_EXPORT_RETENTION_HOURS
    return job.created_at + timedelta(hours=hours)


def with_progress(rows: Iterable, *, total: int, progress: Progress | None) -> Iterator:
    """The rows, calling ``progress(done, total)`` after each (the callable decides how often
    it writes)."""
    if progress is None:
        yield from rows
        return
    for done, row in enumerate(rows, 1):
        yield row
        progress(done, total)


def workbook_chunks(workbook) -> Iterator[bytes]:
    """A write-only openpyxl workbook saved to a temporary file, then read in chunks: the rows
    were written as they were read, so memory stays bounded."""
    with tempfile.TemporaryFile() as target:
        workbook.save(target)
        target.seek(0)
        while chunk := target.read(BUFFER_BYTES):
            yield chunk


def file_response(exported: ExportFile) -> StreamingHttpResponse:
    """The file as a download, streamed as it is made."""
    response = StreamingHttpResponse(exported.chunks, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def start_export(
    *, kind: str, rows: int, user, municipality=None, params: dict | None = None
) -> ExportJob | None:
    """A queued job for an export of ``rows`` rows, run once committed; None when the export
    is small enough to send at once (``settings.OMZIEN_EXPORT_BACKGROUND_ROWS``)."""
    if rows <= settings.OMZIEN_EXPORT_BACKGROUND_ROWS:
        return None
    if kind not in _exporters:
        raise ValueError(kind)
    job = ExportJob.objects.create(
        kind=kind,
        municipality=municipality,
        created_by=user,
        language=translation.get_language() or "",
        params=params or {},
        rows_total=rows,
    )
    transaction.on_commit(lambda: _enqueue(job))
    return job


def _enqueue(job: ExportJob) -> None:
    run_export_job.enqueue(job_id=job.pk)
    if expire_export_job.get_backend().supports_defer:
        expire_export_job.using(run_after=export_job_expires(job)).enqueue(job_id=job.pk)


@task()
def expire_export_job(*, job_id: int) -> int:
    """Delete the job and its file when it expires (queued with the job)."""
    return _delete(ExportJob.objects.filter(pk=job_id))


@task(takes_context=True)
def run_export_job(context, *, job_id: int) -> str:
    return export_job_run(job_id=job_id, task_id=context.task_result.id)


def export_job_run(*, job_id: int, task_id: str) -> str:
    """The task's work: claim the job (``common.workers.claim``) and make its file."""
    jobs = ExportJob.objects.filter(pk=job_id)
    queued = Q(status=JobStatus.QUEUED)
    if not claim(jobs, unclaimed=queued, task_id=task_id, status=JobStatus.RUNNING, rows_done=0):
        return "gone"
    job = jobs.get()
    progress = JobProgress(ExportJob, job.pk, every=PROGRESS_EVERY)
    try:
        with translation.override(job.language or None), tempfile.TemporaryFile() as target:
            exported = _exporters[job.kind].build(job=job, progress=progress)
            for chunk in exported.chunks:
                target.write(chunk)
            size = target.tell()
            target.seek(0)
            extension = exported.filename.rpartition(".")[2]
            name = default_storage.save(
                f"exports/{secrets.token_hex(16)}.{extension}", File(target)
            )
    except Exception:
        logger.exception("Export job %s failed", job.pk)
        job.status = JobStatus.FAILED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
        return job.status
    finally:
        progress.close()
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.filename = exported.filename[:255]
    job.content_type = exported.content_type
    job.file.name = name
    job.size = size
    job.rows_total = job.rows_done = exported.rows
    job.save(
        update_fields=[
            "status",
            "finished_at",
            "filename",
            "content_type",
            "file",
            "size",
            "rows_total",
            "rows_done",
        ]
    )
    return job.status


def export_job_get(*, user, pk: int) -> ExportJob | None:
    """The job ``pk`` if ``user`` asked for it; None for anybody else's and for none."""
    if not user.is_authenticated:
        return None
    return ExportJob.objects.filter(pk=pk, created_by=user).first()


def export_job_download(*, job: ExportJob, request) -> File:
    """The finished job's file, opened, with the same audit event as a download made at once."""
    exporter_of(job.kind).audit(job=job, request=request)
    return job.file.open("rb")


def export_jobs_apply_retention() -> int:
    """Delete the jobs past their expiry (``export_job_expires``), and their files; and those
    of people whose account is gone."""
    now = timezone.now()
    jobs = ExportJob.objects.all()  # a day's worth at most: each has its own expiry
    due = [job.pk for job in jobs if job.created_by_id is None or export_job_expires(job) <= now]
    return _delete(ExportJob.objects.filter(pk__in=due))


def _delete(jobs) -> int:
    deleted = 0
    for job in jobs.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
