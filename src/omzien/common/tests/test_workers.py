"""A worker killed mid-task: its task goes back in the queue and runs again (common.workers)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from omzien.common.mail import send_mail_task
from omzien.common.models import OutgoingMail, WorkerHeartbeat
from omzien.common.workers import MAX_RUNS, Watch, tasks_recover, tasks_release_own

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = timedelta(seconds=60)


def _running(worker: str, *, started_ago: timedelta, key: str = "") -> DBTaskResult:
    """A mail task as a worker left it when it was killed: claimed, never finished."""
    result = send_mail_task.using(backend="database").enqueue(
        subject="Bevestiging", body="Hallo", to=["a@example.org"], key=key or worker
    )
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - started_ago, worker_ids=[worker]
    )
    return DBTaskResult.objects.get(pk=result.id)


def _beat(worker: str, ago: timedelta) -> None:
    WorkerHeartbeat.objects.create(worker_id=worker, beat_at=timezone.now() - ago)


def _status(result: DBTaskResult) -> str:
    return DBTaskResult.objects.get(pk=result.pk).status


def test_tasks_of_a_worker_that_stopped_beating_go_back():
    dead = _running("dead", started_ago=timedelta(minutes=3))
    _beat("dead", timedelta(minutes=2))
    alive = _running("alive", started_ago=timedelta(minutes=3))
    _beat("alive", timedelta(seconds=5))
    just_started = _running("late", started_ago=timedelta(seconds=10))
    _beat("late", timedelta(minutes=2))
    never_beat = _running("old-release", started_ago=timedelta(minutes=3))

    assert tasks_recover(timeout=TIMEOUT) == [str(dead.pk)]
    assert _status(dead) == "READY"
    assert {_status(r) for r in (alive, just_started, never_beat)} == {"RUNNING"}
    assert tasks_recover(timeout=TIMEOUT) == []  # put back once


def test_a_task_claimed_again_meanwhile_is_left_alone():
    dead = _running("dead", started_ago=timedelta(minutes=3))
    _beat("dead", timedelta(minutes=2))
    DBTaskResult.objects.filter(pk=dead.pk).update(started_at=timezone.now())
    later = timezone.now() + timedelta(seconds=1)
    assert tasks_recover(timeout=TIMEOUT, now=later) == []


def test_a_restarted_worker_puts_back_what_its_id_was_running():
    mine = _running("worker-1", started_ago=timedelta(seconds=1))
    other = _running("worker-2", started_ago=timedelta(seconds=1))
    assert tasks_release_own(worker_id="worker-1") == [str(mine.pk)]
    assert (_status(mine), _status(other)) == ("READY", "RUNNING")


def test_the_worker_restarted_with_the_same_id_runs_the_task_again_and_mails_once():
    """Killed before the mail left (key free), and killed after it left (key sent): after the
    restart both tasks succeed and one mail went out for each key."""
    before = _running("worker-1", started_ago=timedelta(seconds=30), key="k-before")
    after = _running("worker-1", started_ago=timedelta(seconds=30), key="k-after")
    mail.outbox = []
    OutgoingMail.objects.create(key="k-after", status=OutgoingMail.Status.SENT)
    call_command(
        "db_worker", "--backend", "database", "--batch", "--no-startup-delay", "--no-reload",
        "--worker-id", "worker-1", verbosity=0,
    )  # fmt: skip
    assert {_status(before), _status(after)} == {"SUCCESSFUL"}
    assert [m.message()["Message-ID"] for m in mail.outbox] == ["<k-before@omzien.localhost>"]
    assert DBTaskResult.objects.get(pk=before.pk).worker_ids == ["worker-1", "worker-1"]
    assert WorkerHeartbeat.objects.filter(worker_id="worker-1").exists()


def test_the_watch_beats_and_recovers_in_its_steps():
    dead = _running("dead", started_ago=timedelta(seconds=10))
    _beat("dead", timedelta(seconds=10))
    _beat("forgotten", timedelta(days=31))
    watch = Watch(worker_id="w", timeout=timedelta(seconds=2))
    assert watch.interval == 0.5
    assert watch.step() == [str(dead.pk)]
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"dead", "w"}


def test_a_task_its_workers_died_under_three_times_fails_instead():
    """A task that may be what kills its workers is not handed to worker after worker."""
    poison = _running("w3", started_ago=timedelta(seconds=1))
    DBTaskResult.objects.filter(pk=poison.pk).update(worker_ids=["w1", "w2", "w3"])
    assert MAX_RUNS == 3
    assert tasks_release_own(worker_id="w3") == []
    failed = DBTaskResult.objects.get(pk=poison.pk)
    assert failed.status == "FAILED"
    assert failed.exception_class_path == "omzien.common.workers.WorkerLost"
    assert "w1, w2, w3" in failed.traceback
