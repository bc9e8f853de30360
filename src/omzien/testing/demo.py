"""The demo, loaded once for a class of tests: ``loaded_demo = demo_loaded_for_class()`` (the
whole demo) or ``demo_loaded_for_class("volunteering")`` (that part and the parts it needs)
in a test module, and ``@pytest.mark.usefixtures("loaded_demo")`` on the class.

Loading takes seconds, so the tests that only need it loaded share one load, in a transaction
rolled back after them. Each test still runs in its own savepoint inside it (pytest-django's
``db``), so what one test changes is undone before the next; ``make test`` keeps a class on one
xdist worker (conftest.py at the top), so a class loads it once.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings


def demo_loaded_for_class(*parts: str):
    """A class-scoped fixture that loads the demo (only ``parts``, when given)."""

    @pytest.fixture(scope="class")
    def loaded_demo(django_db_setup, django_db_blocker):
        only = ["--only", *parts] if parts else []
        with django_db_blocker.unblock(), transaction.atomic():
            with override_settings(DEBUG=True):
                call_command("load_demo", *only, verbosity=0)
            yield
            transaction.set_rollback(True)

    return loaded_demo


def in_writing_order(rows):
    """``rows`` (a status log) in the order they were written: by key, not by their time, so
    a test can check that the times the demo gave them run the same way."""
    return sorted(rows, key=lambda row: row.pk)
