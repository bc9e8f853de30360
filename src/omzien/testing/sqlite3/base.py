"""SQLite for the test suite: Django's backend, with a flush that keeps the content types and
permissions (omzien.testing.flush). Used by ``conf/test.py`` only."""

from django.db.backends.sqlite3 import base, operations

from omzien.testing.flush import flushed


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        return super().sql_flush(
            style, flushed(tables), reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
