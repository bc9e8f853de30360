"""The work a task does for a job (an import, an export; a round's checks in appreciation) is
claimed by the task run (``common.workers.claim``): a second run of the work leaves it alone,
and the same task put back after its worker died takes it over and does it again from the
start."""

import pytest

from omzien.common.exports import export_job_run
from omzien.common.imports import import_job_run
from omzien.common.models import JobStatus
from omzien.common.tests.factories import ExportJobFactory, ImportJobFactory

pytestmark = pytest.mark.django_db

RUNNING = {"status": JobStatus.RUNNING, "task_id": "task-1"}


def test_a_queued_import_is_claimed_by_one_run():
    job = ImportJobFactory()
    assert import_job_run(job_id=job.pk, task_id="task-1") in ("done", "failed")
    job.refresh_from_db()
    assert job.task_id == "task-1" and job.finished
    assert import_job_run(job_id=job.pk, task_id="task-2") == "gone"


def test_an_import_left_running_by_a_killed_worker_runs_again_under_its_own_task():
    job = ImportJobFactory(**RUNNING)
    assert import_job_run(job_id=job.pk, task_id="task-2") == "gone"  # another run: not its job
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and job.data
    assert import_job_run(job_id=job.pk, task_id="task-1") in ("done", "failed")
    job.refresh_from_db()
    assert job.finished and job.data is None


def test_an_export_left_running_by_a_killed_worker_is_made_again_under_its_own_task():
    job = ExportJobFactory(**RUNNING, rows_done=500)
    assert export_job_run(job_id=job.pk, task_id="task-2") == "gone"
    job.refresh_from_db()
    assert (job.status, job.rows_done) == (JobStatus.RUNNING, 500)
    assert export_job_run(job_id=job.pk, task_id="task-1") == JobStatus.DONE
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.file.name
    job.file.delete()
