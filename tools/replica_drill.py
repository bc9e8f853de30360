"""`make replica-drill`: prove the read replica and its fallbacks (issue 17 point 4;
docs/operations.md "Read replica").

Builds its own pair of PostgreSQL servers in a temporary directory, so the machine's own server
is not touched: a primary (``initdb``, port ``DRILL_PRIMARY_PORT``, default 5433) and a streaming
replica of it (``pg_basebackup -R``, port ``DRILL_REPLICA_PORT``, default 5434). Then, with
``DATABASE_URL`` on the primary and ``DATABASE_REPLICA_URL`` on the replica:

1. migrates the primary and loads the demo (the replica receives all of it by streaming);
2. measures how long a change on the primary takes to show on the replica;
3. asks a programme's dashboard in the policy monitor and the volunteer figures (as Heerde's
   policy advisor) and
   counts the queries each server answered: the replica answers the pages' reads;
4. stops the replica: the same pages answer 200 from the primary, at once (a page whose replica
   fails runs again on the primary) and after the next check;
5. starts it again, pauses its replay and writes on the primary until the replica is more than
   ``DATABASE_REPLICA_MAX_LAG_SECONDS`` (1 here) behind: the pages read the primary; resumes the
   replay: the replica is used again;
6. prints one JSON line, stops both servers and removes their files.

Exit status 0 only when every check holds. Needs the PostgreSQL server programs (``initdb``,
``pg_ctl``, ``pg_basebackup``; found with ``pg_config --bindir``); run as root it runs them as
the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
sys.path.insert(0, str(ROOT / "bench"))

from web import manage  # noqa: E402 - bench/web.py: our own manage.py in an environment

PRIMARY_PORT = int(os.environ.get("DRILL_PRIMARY_PORT", "5433"))
REPLICA_PORT = int(os.environ.get("DRILL_REPLICA_PORT", "5434"))
DATABASE = "omzien"
MAX_LAG = 1


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _bindir() -> Path:
    found = subprocess.run(  # noqa: S603 - a fixed program
        [shutil.which("pg_config") or "pg_config", "--bindir"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(found.stdout.strip())


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _server(program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """A PostgreSQL server program, as the user that may run it."""
    found = _bindir() / program
    command = _as_server_user([str(found) if found.exists() else program, *args])
    return subprocess.run(command, capture_output=True, text=True, check=check)  # noqa: S603


def url(port: int) -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"


class Servers:
    """The primary and its replica in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.primary = folder / "primary"
        self.replica = folder / "replica"

    def start(self, data: Path) -> None:
        _server(
            "pg_ctl", "-D", str(data), "-l", str(data.parent / f"{data.name}.log"), "-w", "start"
        )

    def stop(self, data: Path, mode: str = "fast") -> None:
        _server("pg_ctl", "-D", str(data), "-m", mode, "-w", "stop", check=False)

    def build(self) -> None:
        self.build_primary()
        self.build_replica()

    def build_primary(self, port: int = PRIMARY_PORT) -> None:
        _log(f"initdb: a primary on port {port} …")
        _server("initdb", "-D", str(self.primary), "-A", "trust", "-U", "postgres", "--no-sync")
        with (self.primary / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.folder}'\nwal_level = replica\n"
                "max_wal_senders = 4\nfsync = off\n"
            )
        self.start(self.primary)
        _server(
            "psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
            "-c", f"CREATE DATABASE {DATABASE}",
        )  # fmt: skip

    def build_replica(self) -> None:
        _log(f"pg_basebackup: a streaming replica on port {REPLICA_PORT} …")
        _server(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres",
            "-D", str(self.replica), "-R", "-X", "stream", "--checkpoint=fast",
        )  # fmt: skip
        with (self.replica / "postgresql.auto.conf").open("a") as conf:
            conf.write(f"\nport = {REPLICA_PORT}\n")
        self.start(self.replica)

    def remove(self) -> None:
        if self.replica.exists():
            self.stop(self.replica, "immediate")
        self.stop(self.primary, "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def _environment(folder: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "omzien.conf.dev",
        "PYTHONPATH": str(ROOT / "src"),
        "DATABASE_URL": url(PRIMARY_PORT),
        "DATABASE_REPLICA_URL": url(REPLICA_PORT),
        "DATABASE_REPLICA_CHECK_SECONDS": "1",
        "DATABASE_REPLICA_MAX_LAG_SECONDS": str(MAX_LAG),
        "DRILL_FOLDER": str(folder),
        "ALLOWED_HOSTS": "testserver",
    }


def server_folder(prefix: str) -> Path:
    """A temporary directory the PostgreSQL server programs may write in."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    return folder


def main() -> int:
    servers = Servers(server_folder("omzien-replica-drill-"))
    try:
        servers.build()
        env = _environment(servers.folder)
        _log("migrate and load the demo on the primary …")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo")
        _log("checking …")
        done = subprocess.run(  # noqa: S603 - this script, in the drill's environment
            [PY, __file__, "--checks"], env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(f"the checks failed:\n{done.stderr[-3000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if not os.environ.get("DRILL_KEEP"):
            servers.remove()
    print(json.dumps(result))
    return 0 if result["ok"] else 1


# --- The checks, in a process whose Django has both databases -------------------------------


def _ask(client, path: str) -> dict:
    from contextlib import ExitStack

    from django.db import connections

    from omzien.common import replica

    counts = {"default": 0, "replica": 0, "checks": 0}

    def counter(alias):
        def count(execute, sql, params, many, context):
            result = execute(sql, params, many, context)  # counted when answered
            # The router's own lag checks are counted apart from the page's queries.
            if sql in (replica.LAG_SQL, replica.PRIMARY_POSITION_SQL):
                counts["checks"] += alias == "replica"
            else:
                counts[alias] += 1
            return result

        return count

    started = time.perf_counter()
    with ExitStack() as stack:  # counts without connecting (the replica may be down)
        for alias in ("default", "replica"):
            stack.enter_context(connections[alias].execute_wrapper(counter(alias)))
        status = client.get(path).status_code
    return {
        "status": status,
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "primary_queries": counts["default"],
        "replica_queries": counts["replica"],
        "lag_checks": counts["checks"],
    }


def _wait(condition, seconds: float = 30.0) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise SystemExit("gave up waiting")
        time.sleep(0.05)
    return time.monotonic() - started


def checks() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from omzien.common import replica
    from omzien.demo.accounts import DEMO_DOMAIN
    from omzien.monitor.models import Programme
    from omzien.tenants.models import Region
    from omzien.testing.login import login_verified

    servers = Servers(Path(os.environ["DRILL_FOLDER"]))

    def on_replica(sql: str, params=()):
        with connections["replica"].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    # How long a change takes to reach the replica.
    region = Region.objects.order_by("pk").first()
    name = f"{region.name} (drill {time.time():.0f})"
    Region.objects.filter(pk=region.pk).update(name=name)
    seen = lambda: on_replica("SELECT 1 FROM tenants_region WHERE name = %s", [name])  # noqa: E731
    delay = _wait(lambda: seen() is not None)

    advisor = login_verified(
        Client(), get_user_model().objects.get(email=f"beleid.heerde@{DEMO_DOMAIN}")
    )
    programme = Programme.objects.filter(municipality__slug="heerde").order_by("pk").first()
    pages = {
        "monitor_dashboard": (
            advisor,
            reverse("monitor:programme_detail", args=[programme.pk]),
        ),
        "volunteer_figures": (advisor, reverse("volunteering:figures")),
    }

    def ask_all() -> dict:
        return {page: _ask(client, path) for page, (client, path) in pages.items()}

    for client, path in pages.values():
        client.get(path)  # warm-up: template loading, the login's session
    replica_up = ask_all()

    servers.stop(servers.replica)
    # At once, before this process has checked again: the pages fail over to the primary.
    replica_just_stopped = ask_all()
    time.sleep(1.1)  # a check found it down: the pages read the primary from the start
    replica_stopped = ask_all()

    servers.start(servers.replica)
    _wait(lambda: replica.replica_usable() and replica.health.lag == 0)  # caught up
    on_replica("SELECT pg_wal_replay_pause()")
    _wait(lambda: on_replica("SELECT pg_get_wal_replay_pause_state()")[0] == "paused")
    Region.objects.filter(pk=region.pk).update(name=region.name)
    _wait(lambda: not replica.replica_usable(), seconds=MAX_LAG * 10 + 30)
    lag_when_paused = replica.health.lag
    replica_paused = ask_all()
    on_replica("SELECT pg_wal_replay_resume()")
    back_after = _wait(replica.replica_usable)
    replica_resumed = ask_all()

    def served(results: dict, by_replica: bool) -> bool:
        return all(
            r["status"] == 200 and (r["replica_queries"] > 0) == by_replica
            for r in results.values()
        )

    result = {
        "replication_delay_s": round(delay, 3),
        "replica_up": replica_up,
        "replica_just_stopped": replica_just_stopped,
        "replica_stopped": replica_stopped,
        "replica_paused": {**replica_paused, "lag_s": round(lag_when_paused or -1, 1)},
        "replica_resumed": {**replica_resumed, "in_use_again_after_s": round(back_after, 2)},
    }
    result["ok"] = (
        served(replica_up, True)
        and served(replica_just_stopped, False)
        and served(replica_stopped, False)
        and served(replica_paused, False)
        and served(replica_resumed, True)
    )
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1:] == ["--checks"]:
        checks()
    else:
        sys.exit(main())
