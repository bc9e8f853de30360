"""PostgreSQL: a stored full-text vector of each entry (Dutch dictionary) with a GIN index,
and GIN indexes on the categories and target groups (JSON containment), so the public search
neither builds the vector of every row nor scans the lists.

A generated column: PostgreSQL keeps it up to date on every insert and update, whatever code
writes the row. Not a model field (SQLite cannot compute it; the SQLite search matches words
with ``icontains``): ``selectors.entries.SEARCH_VECTOR`` reads it. SQLite: nothing.
"""

from django.db import migrations

TABLE = "directory_entry"
CREATE = f"""
ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('dutch'::regconfig, coalesce(title, '')), 'A')
    || setweight(
        to_tsvector('dutch'::regconfig, coalesce(helps_with, '') || ' ' || coalesce(provider_name, '')),
        'B'
    )
    || setweight(to_tsvector('dutch'::regconfig, coalesce(description, '')), 'C')
) STORED;
CREATE INDEX directory_entry_search_gin ON {TABLE} USING gin (search_vector);
CREATE INDEX directory_entry_categories_gin ON {TABLE} USING gin (categories jsonb_path_ops);
CREATE INDEX directory_entry_targets_gin ON {TABLE} USING gin (target_groups jsonb_path_ops);
"""
DROP = f"""
DROP INDEX IF EXISTS directory_entry_targets_gin;
DROP INDEX IF EXISTS directory_entry_categories_gin;
DROP INDEX IF EXISTS directory_entry_search_gin;
ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector;
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
