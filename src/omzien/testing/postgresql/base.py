"""PostgreSQL for the test suite: Django's backend, with a cheaper flush.

A transactional test (the browser tests: the live server reads what the test wrote) ends
with a flush of every table. Django flushes with one ``TRUNCATE`` of all of them, which on
PostgreSQL costs a new file for each table and index — about half a second for Omzien's
tables, most of them empty. ``DELETE`` of the few rows a test wrote costs milliseconds.
Django's foreign keys on PostgreSQL are ``DEFERRABLE INITIALLY DEFERRED``, so the order of
the deletes inside the flush's transaction does not matter. The content types and permissions
are kept (omzien.testing.flush). All the deletes go to the server as one statement list: one
round trip instead of one for each of some 190 tables. Used by ``conf/test.py`` only.
"""

from django.db import transaction
from django.db.backends.postgresql import base, operations

from omzien.testing.flush import flushed


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        tables = flushed(tables)
        if reset_sequences or allow_cascade:
            # Sequences and cascades need TRUNCATE's options: keep Django's statement.
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    def execute_sql_flush(self, sql_list):
        if not sql_list:
            return
        with (
            transaction.atomic(using=self.connection.alias, savepoint=False),
            self.connection.cursor() as cursor,
        ):
            cursor.execute("\n".join(sql_list))


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
