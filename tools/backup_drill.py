"""`make backup-drill`: prove that a backup restores (issue 17 point 7; docs/operations.md).

On the PostgreSQL server of ``DRILL_SERVER`` (default postgres://postgres@127.0.0.1:5432):

1. builds a source database ``omzien_drill_source`` (migrate + the demo data) — or uses
   ``DRILL_SOURCE_URL`` if given (e.g. a copy of production on a drill machine);
2. backs it up with ``pg_dump --format=custom`` (as docs/deployment.md section 12 does);
3. restores the dump into a new database ``omzien_drill_restored`` with
   ``pg_restore --no-owner --exit-on-error`` (section 13);
4. checks the restored database: no migration missing (``migrate --check``), the row count of
   every table equal to the source's, and the restored site answers (``/readyz``, the login page
   and the public vacancy search give 200 through Django's test client, against the restored
   database);
5. prints one JSON line with the figures and drops the drill databases (they hold the demo's
   personal data, or a real copy's).

Exit status 0 only when every check holds.
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

SERVER = os.environ.get("DRILL_SERVER", "postgres://postgres@127.0.0.1:5432").rstrip("/")
SOURCE_NAME, RESTORED_NAME = "omzien_drill_source", "omzien_drill_restored"

COUNTS = """
import json
from django.apps import apps
counts = {m._meta.db_table: m._default_manager.count() for m in apps.get_models()
          if m._meta.managed and not m._meta.proxy}
print(json.dumps(counts))
"""

ANSWERS = """
import json
from django.test import Client
from django.urls import reverse
client = Client()
paths = ["/readyz", reverse("two_factor:login"), reverse("volunteering:vacancy_search")]
print(json.dumps({path: client.get(path).status_code for path in paths}))
"""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """A PostgreSQL client program (found on PATH) or our own manage.py, with fixed arguments."""
    program = shutil.which(args[0]) or args[0]
    return subprocess.run([program, *args[1:]], **kwargs)  # noqa: S603 - fixed programs


def _psql(sql: str) -> None:
    _run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{SERVER}/postgres", "-c", sql],
        check=True,
        capture_output=True,
    )


def _recreate(name: str) -> str:
    _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _psql(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    return f"{SERVER}/{name}"


def _manage(url: str, *args: str, stdin: str | None = None, debug: bool = False) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "omzien.conf.dev",
        "PYTHONPATH": str(ROOT / "src"),
        "DEBUG": "true" if debug else "false",
        "ALLOWED_HOSTS": "testserver",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "backup-drill-only-" + "x" * 40),
    }
    return manage(env, *args, stdin=stdin)


def _last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    given = os.environ.get("DRILL_SOURCE_URL")
    if given:
        source = given
    else:
        _log("building the source database (migrate + demo) …")
        source = _recreate(SOURCE_NAME)
        # The demo loader refuses to run with DEBUG off (its passwords are published).
        _manage(source, "migrate", "--noinput", "-v0")
        _manage(source, "load_demo", debug=True)
    restored = _recreate(RESTORED_NAME)
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "omzien.dump"
        _log("pg_dump …")
        started = time.monotonic()
        _run(["pg_dump", "--format=custom", f"--dbname={source}", f"--file={dump}"], check=True)
        dump_s = time.monotonic() - started
        size_mb = dump.stat().st_size / 1e6
        _log("pg_restore …")
        started = time.monotonic()
        _run(
            ["pg_restore", f"--dbname={restored}", "--no-owner", "--exit-on-error", str(dump)],
            check=True,
        )
        restore_s = time.monotonic() - started
    _log("checking …")
    _manage(restored, "migrate", "--check")
    before = _last_json(_manage(source, "shell", stdin=COUNTS))
    after = _last_json(_manage(restored, "shell", stdin=COUNTS))
    mismatches = sorted(t for t in before if before[t] != after.get(t))
    answers = _last_json(_manage(restored, "shell", stdin=ANSWERS))
    result = {
        "tables": len(before),
        "rows": sum(before.values()),
        "mismatched_tables": mismatches,
        "dump_s": round(dump_s, 2),
        "restore_s": round(restore_s, 2),
        "dump_mb": round(size_mb, 2),
        "answers": answers,
    }
    print(json.dumps(result))
    _psql(f'DROP DATABASE IF EXISTS "{RESTORED_NAME}" WITH (FORCE)')
    if not given:
        _psql(f'DROP DATABASE IF EXISTS "{SOURCE_NAME}" WITH (FORCE)')
    ok = not mismatches and all(code == 200 for code in answers.values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
