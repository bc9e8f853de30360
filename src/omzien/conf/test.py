"""Tests: SQLite unless DATABASE_URL points at PostgreSQL, immediate tasks, in-memory mail."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

from omzien.conf.base import *  # noqa: E402, F403

INSTALLED_APPS = [*INSTALLED_APPS, "omzien.demo"]  # noqa: F405 - as in development

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
# Every test sees the values its data gives (a test of the cache turns it on).
OMZIEN_MONITOR_LIVE_SECONDS = 0
AXES_ENABLED = True  # the login lockout is under test
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A second, database-backed queue so tests can exercise the real worker.
TASKS = {
    **TASKS,  # noqa: F405
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

# The tables come from the models, not the migrations: see omzien.testing.schema.
DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "MIGRATE": False}  # noqa: F405

# The same backends with a cheaper flush: omzien.testing.flush.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "omzien.testing.postgresql"  # noqa: F405
    # A commit need not wait for the disk: the test database is thrown away. (Each browser
    # test's requests commit; the setting is the session's own, no server setting changes.)
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "omzien.testing.sqlite3"  # noqa: F405
    # In memory, as Django's SQLite tests are: pytest-django recognises SQLite by Django's
    # engine name only, and would give each xdist worker a database file instead.
    DATABASES["default"]["TEST"]["NAME"] = ":memory:"  # noqa: F405
