"""`make worker-drill`: a task worker killed with SIGKILL in the middle of a task (issue 17
point 5; docs/operations.md "A worker killed mid-task").

Makes its own PostgreSQL server (``initdb`` in a temporary directory, port
``WORKER_DB_PORT``, default 5437: the machine's own server is not touched) and migrates it. Then:

1. ``MAILS`` (default 300) residents ask for a new password: the product's own password-reset
   form (``accounts.forms.QueuedPasswordResetForm``, what the page's POST runs) queues one mail
   each in the database queue, each with its idempotency key (``common.mail``);
2. a task worker (``manage.py db_worker``, production settings, mail written to files) starts
   on the queue; once a tenth of the mails are out, the drill watches the queue and kills the
   worker with SIGKILL the moment a task is ``RUNNING``, then checks that a task was indeed left
   ``RUNNING`` by it (if the task finished in between, it starts another worker and tries
   again); three times (``WORKER_DRILL_KILLS``), each with a worker of its own id;
3. a new worker, with another worker id, starts: with ``TASK_WORKER_TIMEOUT=3`` a killed
   worker counts as gone three seconds after its last heartbeat, and the new worker puts the
   killed workers' tasks back in the queue (``common.workers``) and runs them with the rest.

It checks: every task ended ``SUCCESSFUL``; each killed task ran again (two worker ids: the
killed one, then the new one); every key's Message-ID is in a mail file (none missing), and in
exactly one, except — the guarantee ``common.mail`` states — a key whose worker was killed
inside the relay call after the relay had accepted the mail: that one may be in two files, with
the same Message-ID (``duplicates`` counts them, ``sent_again_after_a_kill`` the keys sent
again). ``its_key_at_kill`` shows where each kill fell: ``not claimed`` (before the mail),
``sending`` (in the relay call: the new run sends it again) or ``sent`` (after it: the new run
sends nothing).

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
KILLS = int(os.environ.get("WORKER_DRILL_KILLS", "3"))
TIMEOUT_S = 3
ATTEMPTS = 20
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


def _kill_mid_task(env: dict, db, attempts) -> dict:
    """Start workers until one is killed with a task RUNNING; that worker and task, and what
    was seen just after the kill."""
    for attempt in attempts:
        worker_id = f"drill-{attempt}"
        process = worker(env, worker_id)
        start = _count(db, "SUCCESSFUL")
        try:
            while _count(db, "SUCCESSFUL") < start + MAILS // 10:
                if process.poll() is not None:
                    raise SystemExit(f"worker {worker_id} stopped by itself")
                if not _count(db, "READY"):
                    raise SystemExit("the queue ran empty before every kill fell mid-task")
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
            return {
                "worker": worker_id,
                "task": left[0],
                "key": key,
                "mails_out_before": _count(db, "SUCCESSFUL"),
                "its_key_at_kill": (claim.fetchone() or ["not claimed"])[0],
                "at": killed_at,
            }
        web._log(f"{worker_id}: the task ended before the kill; again …")
    raise SystemExit(f"fewer than {KILLS} workers were killed mid-task in {ATTEMPTS} attempts")


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
    attempts = iter(range(1, ATTEMPTS + 1))
    kills = []
    for _ in range(KILLS):
        kills.append(_kill_mid_task(env, db, attempts))
        web._log(f"{kills[-1]['worker']} killed with task {kills[-1]['task']} running")
    web._log("a new worker …")
    processes.append(worker(env, "drill-new"))
    killed_tasks = [kill["task"] for kill in kills]
    recovered_s = None
    while time.monotonic() - kills[-1]["at"] < 120:
        done = db.execute(
            f"SELECT count(*) FROM {TABLE} WHERE status = 'SUCCESSFUL' AND id = ANY(%s)",  # noqa: S608
            [killed_tasks],
        ).fetchone()[0]
        if recovered_s is None and done == KILLS:
            recovered_s = round(time.monotonic() - kills[-1]["at"], 2)
        if recovered_s is not None and _count(db, "SUCCESSFUL") + _count(db, "FAILED") == MAILS:
            break
        time.sleep(0.1)
    rows = db.execute(f"SELECT id, status, worker_ids, args_kwargs FROM {TABLE}").fetchall()  # noqa: S608
    keys = [args["kwargs"]["key"] for _pk, _status, _workers, args in rows]
    ran_by = {str(pk): workers for pk, _status, workers, _args in rows}
    claims = dict(db.execute("SELECT key, attempts FROM common_outgoingmail").fetchall())
    found = collections.Counter(
        key for path in outbox.iterdir() for key in MESSAGE_ID.findall(path.read_text("utf-8"))
    )
    for kill in kills:
        kill.pop("at")
        kill["ran_by"] = ran_by[kill["task"]]
        kill["mail_files_for_its_key"] = found[kill.pop("key")]
    result = {
        "tasks": len(rows),
        "statuses": dict(collections.Counter(status for _pk, status, _w, _a in rows)),
        "killed_mid_task": kills,
        "recovered_after_s": recovered_s,
        "worker_timeout_s": TIMEOUT_S,
        "mails": {
            "expected": len(keys),
            "sent": sum(1 for key in keys if found[key]),
            "duplicates": sum(1 for key in keys if found[key] > 1),
            # Two copies with one Message-ID are allowed only for a key whose worker died
            # during the relay call (attempts 2): the guarantee of common.mail.
            "duplicates_not_from_a_kill_in_the_relay_call": sum(
                1 for key in keys if found[key] > 1 and claims.get(key, 1) < 2
            ),
            "missing": sum(1 for key in keys if not found[key]),
            "sent_again_after_a_kill": sum(1 for attempts in claims.values() if attempts > 1),
        },
        "seconds": round(time.monotonic() - started, 1),
    }
    result["ok"] = (
        result["statuses"] == {"SUCCESSFUL": MAILS}
        and len(keys) == len(set(keys)) == MAILS
        and all(kill["ran_by"] == [kill["worker"], "drill-new"] for kill in kills)
        and recovered_s is not None
        and result["mails"]["duplicates_not_from_a_kill_in_the_relay_call"] == 0
        and result["mails"]["missing"] == 0
    )
    return result


if __name__ == "__main__":
    sys.exit(main())
