"""`make worker-drill`: a task worker killed with SIGKILL in the middle of a task (issue 17
point 5; docs/operations.md "A worker killed mid-task").

Makes its own PostgreSQL server (``initdb`` in a temporary directory, port
``WORKER_DB_PORT``, default 5437: the machine's own server is not touched) and migrates it. Then:

1. ``MAILS`` (default 300) residents ask for a new password: the product's own password-reset
   form (``accounts.forms.QueuedPasswordResetForm``, what the page's POST runs) queues one mail
   each in the database queue, each with its idempotency key (``common.mail``);
2. a task worker (``manage.py db_worker``, production settings, mail written to files) starts
   on the queue; once a quarter of the mails are out, the drill watches the queue and kills the
   worker with SIGKILL the moment a task is ``RUNNING``, then checks that a task was indeed left
   ``RUNNING`` by it (if the task finished in between, it starts another worker and tries
   again);
3. a second worker, with another worker id, starts: with ``TASK_WORKER_TIMEOUT=3`` the killed
   worker counts as gone three seconds after its last heartbeat, the second worker puts its task
   back in the queue (``common.workers``) and runs it with the rest.

It checks: every task ended ``SUCCESSFUL``; the killed task ran again (two worker ids, the
second the new worker's); each key's Message-ID is in exactly one mail file: none missing, none
twice. (A kill that falls between the relay accepting a mail and the key being marked sent
would give that one key two files with the same Message-ID; ``killed`` shows where the kill
fell: ``its_key_at_kill`` is ``not claimed``, ``sending`` or ``sent``.)

Prints one JSON line; exit status 0 only when every check holds.
"""

import collections
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

import web  # noqa: E402 - bench/web.py: manage.py in an environment
from hosts_drill import set_up, tear_down, worker  # noqa: E402 - the same set-up as there
from replica_drill import DATABASE  # noqa: E402

DB_PORT = int(os.environ.get("WORKER_DB_PORT", "5437"))
MAILS = int(os.environ.get("WORKER_DRILL_MAILS", "300"))
TIMEOUT_S = 3
ATTEMPTS = 10
TABLE = "django_tasks_database_dbtaskresult"

QUEUE = (
    f"MAILS = {MAILS}\n"
    + r"""
from omzien.accounts.forms import QueuedPasswordResetForm
from omzien.accounts.models import User
User.objects.bulk_create(
    [
        User(email=f"inwoner{n}@drill.example", full_name=f"Inwoner {n}", password="drill$x")
        for n in range(MAILS)
    ]
)
for n in range(MAILS):
    form = QueuedPasswordResetForm({"email": f"inwoner{n}@drill.example"})
    assert form.is_valid()
    form.save(
        domain_override="omzien.drill.example",
        use_https=True,
        subject_template_name="accounts/email/password_reset_subject.txt",
        email_template_name="accounts/email/password_reset.txt",
    )
"""
)

MESSAGE_ID = re.compile(r"^Message-ID: <([^@>]+)@", re.MULTILINE)


def _count(db, status: str) -> int:
    return db.execute(f"SELECT count(*) FROM {TABLE} WHERE status = %s", [status]).fetchone()[0]  # noqa: S608


def _left_running(db, worker_id: str) -> list[str]:
    rows = db.execute(f"SELECT id, worker_ids FROM {TABLE} WHERE status = 'RUNNING'").fetchall()  # noqa: S608
    return [str(pk) for pk, workers in rows if workers and workers[-1] == worker_id]


def _kill_mid_task(env: dict, db) -> tuple[str, str, dict, float]:
    """Start workers until one is killed with a task RUNNING: (worker id, task id, what was
    seen just after the kill, when)."""
    for attempt in range(1, ATTEMPTS + 1):
        worker_id = f"drill-{attempt}"
        process = worker(env, worker_id)
        start = _count(db, "SUCCESSFUL")
        try:
            while _count(db, "SUCCESSFUL") < start + (MAILS // 4 if attempt == 1 else 10):
                if process.poll() is not None:
                    raise SystemExit(f"worker {worker_id} stopped by itself")
                time.sleep(0.05)
            while not db.execute(
                f"SELECT 1 FROM {TABLE} WHERE status = 'RUNNING' LIMIT 1"  # noqa: S608
            ).fetchone():
                pass
            process.send_signal(signal.SIGKILL)
            killed_at = time.monotonic()
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
        left = _left_running(db, worker_id)
        if left:
            key = db.execute(
                f"SELECT args_kwargs -> 'kwargs' ->> 'key' FROM {TABLE} WHERE id = %s",  # noqa: S608
                [left[0]],
            ).fetchone()[0]
            claim = db.execute("SELECT status FROM common_outgoingmail WHERE key = %s", [key])
            seen = {
                "mails_out_before": _count(db, "SUCCESSFUL"),
                "its_key_at_kill": (claim.fetchone() or ["not claimed"])[0],
            }
            return worker_id, left[0], seen, killed_at
        web._log(f"{worker_id}: the task ended before the kill; again …")
    raise SystemExit(f"no worker was killed mid-task in {ATTEMPTS} attempts")


def main() -> int:
    servers, static_root, outbox, env = set_up(
        "worker", DB_PORT, TASK_WORKER_TIMEOUT=str(TIMEOUT_S)
    )
    processes: list[subprocess.Popen] = []
    try:
        servers.build_primary(port=DB_PORT)
        web._log("migrate …")
        web.manage(env, "migrate", "--noinput", "-v0")
        web._log(f"{MAILS} password-reset mails queued …")
        web.manage(env, "shell", "-c", QUEUE)
        with psycopg.connect(f"{web.SERVER}/{DATABASE}", autocommit=True) as db:
            result = _drill(env, db, outbox, processes)
    finally:
        tear_down(processes, servers, static_root, outbox)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def _drill(env: dict, db, outbox: Path, processes: list) -> dict:
    started = time.monotonic()
    killed, task_id, seen, killed_at = _kill_mid_task(env, db)
    web._log(f"{killed} killed with task {task_id} running; a new worker …")
    processes.append(worker(env, "drill-new"))
    recovered_s = None
    while time.monotonic() - killed_at < 120:
        status = db.execute(f"SELECT status FROM {TABLE} WHERE id = %s", [task_id]).fetchone()[0]  # noqa: S608
        if recovered_s is None and status == "SUCCESSFUL":
            recovered_s = round(time.monotonic() - killed_at, 2)
        if recovered_s is not None and _count(db, "SUCCESSFUL") + _count(db, "FAILED") == MAILS:
            break
        time.sleep(0.1)
    rows = db.execute(f"SELECT id, status, worker_ids, args_kwargs FROM {TABLE}").fetchall()  # noqa: S608
    keys = {str(pk): args["kwargs"]["key"] for pk, _status, _workers, args in rows}
    claims = {
        key: (status, attempts)
        for key, status, attempts in db.execute(
            "SELECT key, status, attempts FROM common_outgoingmail"
        ).fetchall()
    }
    found = collections.Counter(
        key for path in outbox.iterdir() for key in MESSAGE_ID.findall(path.read_text("utf-8"))
    )
    killed_row = next(row for row in rows if str(row[0]) == task_id)
    killed_key = keys[task_id]
    missing = [key for key in keys.values() if not found[key]]
    result = {
        "tasks": len(rows),
        "statuses": dict(collections.Counter(status for _pk, status, _w, _a in rows)),
        "killed": {
            "worker": killed,
            "task": task_id,
            **seen,
            "ran_by": killed_row[2],
            "its_key_now": dict(zip(("status", "attempts"), claims[killed_key], strict=True)),
            "mail_files_for_its_key": found[killed_key],
        },
        "recovered_after_s": recovered_s,
        "worker_timeout_s": TIMEOUT_S,
        "mails": {
            "expected": len(keys),
            "sent": sum(1 for key in keys.values() if found[key]),
            "duplicates": sum(1 for key in keys.values() if found[key] > 1),
            "missing": len(missing),
            "sent_again_after_a_kill": sum(1 for _s, attempts in claims.values() if attempts > 1),
        },
        "seconds": round(time.monotonic() - started, 1),
    }
    result["ok"] = (
        result["statuses"] == {"SUCCESSFUL": MAILS}
        and len(keys) == len(set(keys.values())) == MAILS
        and killed_row[2][:1] == [killed]
        and killed_row[2][-1] == "drill-new"
        and recovered_s is not None
        and result["mails"]["duplicates"] == 0
        and not missing
    )
    return result


if __name__ == "__main__":
    sys.exit(main())
