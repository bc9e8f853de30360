"""Task workers that die in the middle of a task: their task runs again.

django-tasks-db marks a task ``RUNNING`` when a worker claims it and ``SUCCESSFUL`` or
``FAILED`` when it ends; a worker killed in between (SIGKILL, out of memory, the machine gone)
leaves it ``RUNNING`` for ever and nothing in the package puts it back. Omzien's ``db_worker``
(``common/management/commands/db_worker.py``, the package's command with a :class:`Watch`)
does:

- at start, before it claims anything, it puts back the tasks still ``RUNNING`` under its own
  worker id: a worker id runs in one process at a time, so these belonged to a process with the
  same id that is gone (systemd's restart of ``omzien-worker@1``);
- every ``TASK_WORKER_TIMEOUT / 4`` seconds it records a heartbeat (``WorkerHeartbeat``) and
  puts back the tasks that another worker claimed more than ``TASK_WORKER_TIMEOUT`` seconds
  ago and that has not beaten for ``TASK_WORKER_TIMEOUT`` seconds.

"Put back" is the package's own status ``READY``, guarded by the status and start time read,
so two workers never put back the same run twice and a task claimed again in between is left
alone; the next free worker claims it as usual, and its ``worker_ids`` lists every worker that
ran it. A task whose workers died under it ``MAX_RUNS`` times is marked ``FAILED`` instead.
A task may therefore run twice, so every task must be safe to run again: mail is
(``common.mail``: idempotency keys), the others claim their rows or check their state first.
A worker whose id has no heartbeat at all (one that never ran this code) is never judged.
"""

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from omzien.common.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# A task whose workers died under it this many times is marked failed instead of put back: it
# may be what kills them (out of memory, say), and would otherwise take down worker after worker.
MAX_RUNS = 3

# A heartbeat of a worker id not seen for this long is deleted (ids made at random at each
# start would otherwise pile up).
FORGET_AFTER = timedelta(days=30)


def claim(queryset, *, unclaimed: Q, task_id: str, **changes) -> bool:
    """Claim the row of ``queryset`` (a job, a check run) for the task run ``task_id``: when it
    is ``unclaimed``, or when this same task claimed it before and its worker died (the task was
    put back, above: the row still says it is running). Another run of the work (a second
    enqueue) finds it claimed and does nothing. One ``UPDATE``, so two runs never both claim.
    The work starts again from the beginning: an import writes in one transaction, which died
    with the worker; an export writes a new file; a round's checks are computed again."""
    return bool(queryset.filter(unclaimed | Q(task_id=task_id)).update(task_id=task_id, **changes))


class WorkerLost(Exception):
    """A task's worker stopped while running it ``MAX_RUNS`` times."""


def _put_back(results: list[DBTaskResult]) -> list[str]:
    returned = []
    for result in results:
        this_run = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        if len(result.worker_ids) >= MAX_RUNS:
            if this_run.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"The worker stopped while running this task {MAX_RUNS} times: "
                f"{', '.join(result.worker_ids)}. Not put back again.",
            ):
                logger.error(
                    "Task %s (%s) failed: %d workers died running it",
                    result.pk,
                    result.task_path,
                    MAX_RUNS,
                )
            continue
        if this_run.update(status=TaskResultStatus.READY):
            returned.append(str(result.pk))
            logger.warning(
                "Task %s (%s) put back in the queue: worker %s stopped while running it",
                result.pk,
                result.task_path,
                result.worker_ids[-1],
            )
    return returned


def _running():
    return DBTaskResult.objects.running().only("pk", "task_path", "worker_ids", "started_at")


def tasks_release_own(*, worker_id: str) -> list[str]:
    """At a worker's start: put back the tasks still running under its own id."""
    return _put_back([r for r in _running() if r.worker_ids and r.worker_ids[-1] == worker_id])


def tasks_recover(*, timeout: timedelta, now: datetime | None = None) -> list[str]:
    """Put back the tasks claimed more than ``timeout`` ago by a worker whose last heartbeat
    is older than ``timeout``; the ids of the tasks put back."""
    cutoff = (now or timezone.now()) - timeout
    suspects = [r for r in _running().filter(started_at__lt=cutoff) if r.worker_ids]
    if not suspects:
        return []
    gone = set(
        WorkerHeartbeat.objects.filter(
            worker_id__in={r.worker_ids[-1] for r in suspects}, beat_at__lt=cutoff
        ).values_list("worker_id", flat=True)
    )
    return _put_back([r for r in suspects if r.worker_ids[-1] in gone])


def worker_beat(*, worker_id: str, started: bool = False) -> None:
    now = timezone.now()
    defaults = {"beat_at": now, **({"started_at": now} if started else {})}
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults=defaults)


class Watch:
    """A worker's heartbeat and its look-out for tasks of workers that are gone: once at
    :meth:`start` in the caller's thread (before the worker claims a task), then in a daemon
    thread with its own database connection until :meth:`stop`."""

    def __init__(self, *, worker_id: str, timeout: timedelta | None = None):
        self.worker_id = worker_id
        self.timeout = timeout or timedelta(seconds=settings.TASK_WORKER_TIMEOUT)
        self.interval = max(self.timeout.total_seconds() / 4, 0.5)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="omzien-worker-watch", daemon=True)

    def start(self) -> None:
        worker_beat(worker_id=self.worker_id, started=True)
        tasks_release_own(worker_id=self.worker_id)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=self.interval + 5)

    def step(self) -> list[str]:
        worker_beat(worker_id=self.worker_id)
        WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGET_AFTER).delete()
        return tasks_recover(timeout=self.timeout)

    def _run(self) -> None:
        try:
            while not self._stopped.wait(self.interval):
                close_old_connections()
                try:
                    self.step()
                except Exception:  # the database away for a moment: try at the next beat
                    logger.exception("Worker %s: heartbeat failed", self.worker_id)
        finally:
            connection.close()
