"""Imports of uploaded files as background tasks, with progress and a per-row report.

The pattern every import follows (carers first, then home-visit address lists and HSDS):

1. The capability registers an importer once, in its ``AppConfig.ready``::

       register_importer("caregivers", run_caregiver_import)

   An importer is called as ``importer(job=job, data=bytes, progress=callable)`` inside the
   worker, calls ``progress(done, total)`` now and then, and returns an :class:`ImportOutcome`.
   It does its own validation and transaction (all rows in one transaction, so a failure
   writes nothing).
2. The view calls :func:`start_import` with the upload and redirects to its job page, which
   shows :class:`~omzien.common.models.ImportJob`'s progress until it is finished and then
   the outcome.

The file is kept in the job only until it has run. The report names people, so jobs are
deleted after :data:`RETENTION_DAYS` (``import_jobs_apply_retention``).
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from omzien.common.models import ImportJob
from omzien.common.workers import claim

logger = logging.getLogger(__name__)

RETENTION_DAYS = 30
# Progress is written at most once per this many rows.
PROGRESS_EVERY = 100

Importer = Callable[..., "ImportOutcome"]
_importers: dict[str, Importer] = {}


@dataclass
class ImportOutcome:
    summary: dict = field(default_factory=dict)  # counts, shown by the importer's page
    file_errors: list[str] = field(default_factory=list)  # the file as a whole failed
    warnings: list[str] = field(default_factory=list)
    report: list[dict] = field(default_factory=list)  # {"row", "status", "name", "errors"}
    rows_total: int = 0


def register_importer(kind: str, importer: Importer) -> None:
    _importers[kind] = importer


def start_import(
    *,
    kind: str,
    municipality,
    user,
    data: bytes,
    filename: str,
    dry_run: bool,
    options: dict | None = None,
):
    """Store the upload as a queued job and run it in the background once committed;
    ``options`` (JSON) tell the importer what else it needs, such as a plan's number."""
    job = ImportJob.objects.create(
        kind=kind,
        municipality=municipality,
        created_by=user,
        dry_run=dry_run,
        language=translation.get_language() or "",
        filename=(filename or "")[:255],
        data=data,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        options=options or {},
    )
    transaction.on_commit(lambda: run_import_job.enqueue(job_id=job.pk))
    return job


class JobProgress:
    """Writes a job's progress (an import's or an export's) where its page can see it.

    PostgreSQL: through a second database connection, so the page sees it while the job's
    own transaction (an import writes all rows in one) is still open. Elsewhere (SQLite, in
    development and the tests) through the job's connection when it is not inside a
    transaction (an export), and not at all when it is: SQLite has one writer at a time, so
    there an import's page sees the result only."""

    def __init__(self, model, job_id: int, *, every: int = PROGRESS_EVERY):
        self.model = model
        self.job_id = job_id
        self.every = every
        self.connection = None
        if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
            self.connection = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int, total: int) -> None:
        if done % self.every and done != total:
            return
        if self.connection is None:
            if not connections[DEFAULT_DB_ALIAS].in_atomic_block:
                self.model.objects.filter(pk=self.job_id).update(rows_done=done, rows_total=total)
            return
        table = self.model._meta.db_table
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET rows_done = %s, rows_total = %s WHERE id = %s",  # noqa: S608
                [done, total, self.job_id],
            )

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


@task(takes_context=True)
def run_import_job(context, *, job_id: int) -> str:
    return import_job_run(job_id=job_id, task_id=context.task_result.id)


def import_job_run(*, job_id: int, task_id: str) -> str:
    """The task's work: claim the job (``common.workers.claim``) and import its file."""
    jobs = ImportJob.objects.filter(pk=job_id)
    queued = Q(status=ImportJob.Status.QUEUED)
    if not claim(jobs, unclaimed=queued, task_id=task_id, status=ImportJob.Status.RUNNING):
        return "gone"
    job = jobs.get()
    progress = JobProgress(ImportJob, job.pk)
    try:
        with translation.override(job.language or None):
            outcome = _importers[job.kind](job=job, data=bytes(job.data or b""), progress=progress)
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        outcome = _failed(job)
    finally:
        progress.close()
    try:
        with transaction.atomic():
            _finish(job, outcome)
    except Exception:  # an outcome that cannot be stored (PostgreSQL refuses a NUL in JSON):
        # the job must not stay "running", its page waiting for ever
        logger.exception("Import job %s: its outcome could not be saved", job.pk)
        _finish(job, _failed(job))
    return job.status


def _failed(job) -> ImportOutcome:
    with translation.override(job.language or None):
        return ImportOutcome(file_errors=[_("The import stopped because of an error on our side.")])


def _finish(job, outcome: ImportOutcome) -> None:
    job.status = ImportJob.Status.FAILED if outcome.file_errors else ImportJob.Status.DONE
    job.finished_at = timezone.now()
    job.data = None
    job.summary = outcome.summary
    job.file_errors = outcome.file_errors
    job.warnings = outcome.warnings
    job.report = outcome.report
    job.rows_total = job.rows_done = outcome.rows_total
    job.save()


def import_jobs_apply_retention() -> int:
    """Delete jobs (and with them the per-row reports) older than RETENTION_DAYS."""
    cutoff = timezone.now() - timedelta(days=RETENTION_DAYS)
    deleted, _per_model = ImportJob.objects.filter(created_at__lt=cutoff).delete()
    return deleted
