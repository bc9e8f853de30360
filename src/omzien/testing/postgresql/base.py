"""PostgreSQL for the test suite: Django's backend, with a cheaper flush.

A transactional test (the browser tests: the live server reads what the test wrote) ends
with a flush of every table. Django flushes with one ``TRUNCATE`` of all of them, which on
PostgreSQL costs a new file for each table and index — about half a second for Omzien's
tables, most of them empty. ``DELETE`` of the few rows a test wrote costs milliseconds.
Django's foreign keys on PostgreSQL are ``DEFERRABLE INITIALLY DEFERRED``, so the order of
the deletes inside the flush's transaction does not matter. Used by ``conf/test.py`` only.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            # Sequences and cascades need TRUNCATE's options: keep Django's statement.
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
