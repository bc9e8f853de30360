"""The test database is built from the models (omzien.testing.schema): the migrations must
build the same schema, and every migration with code must say what its code does."""

import json
import os
import subprocess
import sys
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.apps import apps
from django.db.migrations import RunPython, RunSQL
from django.db.migrations.loader import MigrationLoader

from omzien.testing.schema import DATA_MIGRATIONS, SCHEMA_MIGRATIONS

# Django's own: the auth app's migration makes the id of the group–permission table a bigint
# (the project's DEFAULT_AUTO_FIELD), the auth app's model an integer (its AppConfig's).
KNOWN = {"auth_group_permissions columns"}


def test_every_migration_with_code_says_whether_it_changes_the_schema():
    """A new ``RunPython``/``RunSQL`` migration must be listed: as schema (its code then runs
    on the test database too) or as data only."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    with_code = {
        key
        for key, migration in loader.disk_migrations.items()
        if apps.get_app_config(key[0]).name.startswith("omzien.")
        and any(isinstance(operation, (RunPython, RunSQL)) for operation in migration.operations)
    }
    assert with_code == set(SCHEMA_MIGRATIONS) | set(DATA_MIGRATIONS)
    assert not set(SCHEMA_MIGRATIONS) & set(DATA_MIGRATIONS)


def _scratch_url(how: str) -> str:
    """A new database on the PostgreSQL server of the tests."""
    url = os.environ["DATABASE_URL"]
    name = f"omzien_schema_{how}_{uuid.uuid4().hex[:12]}"
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL's schema (production's); SQLite's is made by the migrations at `make run`",
)
def test_the_migrations_build_the_schema_the_tests_use(tmp_path):
    """Every table, column (type and null) and constraint or index (columns and kind) that
    ``migrate`` makes on an empty database is in a database made as the test database is, and
    nothing else. Both are made at once, each in a process of its own."""
    runs = {}
    for how in ("migrations", "models"):
        out = tmp_path / f"{how}.json"
        env = {
            **os.environ,
            "DATABASE_URL": _scratch_url(how),
            "DJANGO_SETTINGS_MODULE": "omzien.conf.test",
        }
        command = [sys.executable, "-m", "omzien.testing.schema", how, str(out)]
        runs[how] = (subprocess.Popen(command, env=env), out)  # noqa: S603 - our own module
    for process, _out in runs.values():
        assert process.wait(timeout=900) == 0
    built, tested = (json.loads(out.read_text()) for _process, out in runs.values())
    differences = {}
    for table in sorted(set(built) | set(tested)):
        for part in ("columns", "constraints"):
            made = {repr(item) for item in built.get(table, {}).get(part, [])}
            used = {repr(item) for item in tested.get(table, {}).get(part, [])}
            if made != used and f"{table} {part}" not in KNOWN:
                differences[f"{table} {part}"] = {
                    "only migrations": sorted(made - used),
                    "only models": sorted(used - made),
                }
    assert len(built) > 100
    assert differences == {}
