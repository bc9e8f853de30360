"""Abstract bases that capabilities share, and the background import and export jobs
(``imports``, ``exports``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransitionLog(models.Model):
    """Base of the append-only logs of a workflow's status changes (who, when, why).

    A concrete log adds the foreign key to its record and ``from_status`` / ``to_status`` with
    the record's choices; ``common.workflow.Workflow.record`` writes its rows.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BackgroundJob(models.Model):
    """Base of the work a person starts on a page and a worker does (imports, exports): who
    asked, when, how far it got. The page shows :attr:`percent` until it is :attr:`finished`."""

    Status = JobStatus

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    language = models.CharField(max_length=10, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # The task run that claimed the job (``common.workers.claim``): the same task, put back
    # after its worker died, takes the job over; any other run leaves it alone.
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)


class ImportJob(BackgroundJob):
    """One uploaded file imported in the background (see ``common.imports``).

    The uploaded file is kept only until the job has run; the per-row report holds names and
    is deleted with the job after ``common.imports.RETENTION_DAYS`` (a retention rule).
    """

    kind = models.CharField(_("kind"), max_length=50)  # the importer's registered name
    municipality = models.ForeignKey(
        "tenants.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    dry_run = models.BooleanField(default=True)
    filename = models.CharField(max_length=255, blank=True)
    data = models.BinaryField(null=True, blank=True)  # the file, until the job has run
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    summary = models.JSONField(default=dict, blank=True)  # counts, per importer
    file_errors = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    report = models.JSONField(default=list, blank=True)  # per row: row, status, name, errors
    # What the importer needs besides the file (the home-visit plan the addresses go into).
    options = models.JSONField(default=dict, blank=True)

    class Meta(BackgroundJob.Meta):
        pass


class ExportJob(BackgroundJob):
    """One large export made in the background (see ``common.exports``).

    ``params`` are what the exporter needs to make the same file the page would have sent
    (the filters, the format); the file is kept in ``default_storage`` under a random name
    and deleted with the job after ``settings.EXPORT_RETENTION_HOURS`` (a retention rule).
    Only ``created_by`` reaches the job and its file.
    """

    kind = models.CharField(_("kind"), max_length=50)  # the exporter's registered name
    municipality = models.ForeignKey(
        "tenants.Municipality", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True)
    filename = models.CharField(max_length=255, blank=True)  # offered to the browser
    content_type = models.CharField(max_length=100, blank=True)
    file = models.FileField(upload_to="exports/", max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta(BackgroundJob.Meta):
        pass


class OutgoingMail(models.Model):
    """The idempotency key of one queued e-mail (``common.mail``), claimed by the task that
    sends it. No address, subject or content: only the key, its state, the times and how often
    it was handed to the relay.

    A key is claimed (``sending``) in a committed transaction before the mail goes to the relay
    and marked ``sent`` once the relay accepted it; a task that runs again finds it ``sent`` and
    sends nothing. A key still ``sending`` belonged to a worker that died during the relay call:
    the next run takes it over (``attempts`` + 1) and sends the mail again under the same
    Message-ID. Deleted after ``common.mail.RETENTION_DAYS``.
    """

    class Status(models.TextChoices):
        SENDING = "sending"
        SENT = "sent"

    key = models.CharField(max_length=64, primary_key=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveSmallIntegerField(default=1)
    claimed_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


class WorkerHeartbeat(models.Model):
    """When a task worker (``manage.py db_worker``, by its worker id) last said it was alive;
    ``common.workers`` puts the running tasks of a worker that stopped beating back in the
    queue."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.worker_id
