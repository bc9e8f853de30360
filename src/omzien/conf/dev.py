"""Development and demo: SQLite, console e-mail, DEBUG on, HTTP on localhost."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Demo: mail runs at once so a tester sees it in the console without a worker.
# Set TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `make worker` to try the queue.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from omzien.conf.base import *  # noqa: E402, F403

# Demo accounts and synthetic data (load_demo, generate_synthetic); never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "omzien.demo"]  # noqa: F405
