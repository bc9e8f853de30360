"""The test suite's PostgreSQL backend (omzien.testing.postgresql) flushes with DELETE: a
transactional test must still leave every table empty, parents and children alike."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from omzien.accounts.constants import Role


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the backend is PostgreSQL's")
def test_flush_empties_parents_and_children(make_member, heerde):
    make_member(Role.CONSULTANT, heerde, totp=True)  # user, membership, device, region...
    assert connection.ops.sql_flush(no_style(), ["a"])[0].startswith("DELETE FROM")

    call_command("flush", interactive=False, verbosity=0)

    left = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    # Recreated by the flush's post_migrate signal, as after Django's own flush.
    del left["auth.Permission"], left["contenttypes.ContentType"]
    assert {label: count for label, count in left.items() if count} == {}
