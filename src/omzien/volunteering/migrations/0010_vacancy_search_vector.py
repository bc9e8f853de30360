"""PostgreSQL: a stored full-text vector of each vacancy (Dutch dictionary) with a GIN index,
so the public search no longer builds the vector of every row for every search.

A generated column: PostgreSQL keeps it up to date on every insert and update, whatever code
writes the row. Not a model field (SQLite cannot compute it; the SQLite search keeps matching
words with ``icontains``): ``selectors.vacancies.SEARCH_VECTOR`` reads it. SQLite: nothing.
"""

from django.db import migrations

TABLE = "volunteering_vacancy"
CREATE = f"""
ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('dutch'::regconfig, coalesce(title, '')), 'A')
    || setweight(
        to_tsvector('dutch'::regconfig, coalesce(description, '') || ' ' || coalesce(tasks, '')),
        'B'
    )
) STORED;
CREATE INDEX volunteering_vacancy_search_gin ON {TABLE} USING gin (search_vector);
"""
DROP = f"""
DROP INDEX IF EXISTS volunteering_vacancy_search_gin;
ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector;
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0009_broker_queue_and_contact")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
