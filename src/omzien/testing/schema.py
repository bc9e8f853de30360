"""The test database is built from the models, not by running the migrations.

Running Omzien's 127 migrations re-renders the model state hundreds of times: about 50 seconds
of CPU for every test database, paid by every xdist worker on every backend before its first
test. Django builds the tables straight from the models instead when a database's ``TEST``
setting says ``MIGRATE: False`` (``conf/test.py``); ``makemigrations --check`` (``make lint``)
keeps the models and the migrations the same schema.

What a model cannot say is added here after the tables are made: the PostgreSQL-only columns
and indexes that migrations create with SQL (generated full-text vectors, GIN indexes), and
triggers.
``common/tests/test_migrations.py`` runs the real migrations into a database of their own (on
PostgreSQL) and fails when their schema differs from the one the tests use, and when a
migration with code (``RunPython``/``RunSQL``) is in neither list below.
"""

from importlib import import_module

from django.db import connection
from django.db.migrations import RunPython, RunSQL

# Migrations whose code changes the schema: their forward code runs on the test database.
SCHEMA_MIGRATIONS = (
    ("volunteering", "0010_vacancy_search_vector"),
    ("volunteering", "0015_matching_change_log"),  # the matching engine's change-log triggers
    ("directory", "0002_entry_search"),
)
# Migrations whose code only changes rows: there are none in a new test database.
DATA_MIGRATIONS = (
    ("caregivers", "0003_rename_burdenalert_burdenwarning"),
    ("caregivers", "0006_caregiver_search_name"),
    ("activities", "0002_cancel_message_phrase"),
    ("caregivers", "0016_event_summary_phrase"),
    ("volunteering", "0007_rename_response_vacancyresponse"),
    ("volunteering", "0008_response_sent_to_organisation"),
    ("volunteering", "0013_vog_and_qualifications"),
)


def migration(app_label: str, name: str):
    from django.apps import apps

    package = apps.get_app_config(app_label).name
    return import_module(f"{package}.migrations.{name}").Migration


def complete_test_database() -> None:
    """What the migrations give a database beyond the models' tables: the forward code of
    ``SCHEMA_MIGRATIONS``, and every migration recorded as applied (the schema is theirs, as
    the test of this module shows; ``/readyz`` asks for it)."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    with connection.schema_editor() as editor:
        for app_label, name in SCHEMA_MIGRATIONS:
            for operation in migration(app_label, name).operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, editor)
                elif isinstance(operation, RunSQL):
                    editor.execute(operation.sql)
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    recorder.migration_qs.bulk_create(
        recorder.Migration(app=app_label, name=name)
        for app_label, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    )


def describe(database) -> dict[str, dict]:
    """Every table of ``database`` (a connection) as its columns and constraints, without the
    names a database gives constraints and indexes (a renamed model keeps its old ones)."""
    introspection = database.introspection
    tables = {}
    with database.cursor() as cursor:
        for table in introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            columns = sorted(
                (column.name, str(column.type_code), bool(column.null_ok))
                for column in introspection.get_table_description(cursor, table)
            )
            constraints = sorted(
                repr(
                    (
                        tuple(found["columns"] or ()),
                        found["primary_key"],
                        found["unique"],
                        tuple(found["foreign_key"] or ()),
                        bool(found["check"]),
                        found["index"],
                        found.get("type"),
                    )
                )
                for found in introspection.get_constraints(cursor, table).values()
            )
            tables[table] = {"columns": columns, "constraints": constraints}
    return tables


def build_and_describe(how: str, out: str) -> None:
    """Make the schema on the empty database of ``DATABASE_URL`` (created here on PostgreSQL,
    and dropped afterwards) by running the migrations (``how="migrations"``) or as the test
    database is made (``"models"``), and write ``describe`` of it to the file ``out``."""
    import json

    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    name = connection.settings_dict["NAME"]
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        if how == "models":  # as django.db.backends.base.creation.create_test_db does
            settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
            call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
            complete_test_database()
        else:
            call_command("migrate", interactive=False, verbosity=0)
        with open(out, "w") as file:
            json.dump(describe(connection), file)
    finally:
        connection.close()
        if postgresql:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":  # python -m omzien.testing.schema migrations|models OUT
    import sys

    import django

    django.setup()
    build_and_describe(sys.argv[1], sys.argv[2])
