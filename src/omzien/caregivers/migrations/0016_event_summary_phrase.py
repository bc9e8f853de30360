"""The timeline's summary becomes a Phrase (JSON), shown in each reader's language.

A text column cannot be cast to JSON in place (plain text is not valid JSON), so the summary
moves to a new JSON column as a JSON string, which a Phrase shows as it is, and takes the old
column's name.
"""

from django.db import migrations

import omzien.common.phrases


# Per database: the old text as a JSON string, and (going back) a JSON value as text.
AS_JSON = {"postgresql": "to_jsonb(summary)", "sqlite": "json_quote(summary)"}
AS_TEXT = {"postgresql": "summary_phrase #>> '{}'", "sqlite": "json_extract(summary_phrase, '$')"}


def copy_summaries(apps, schema_editor):
    value = AS_JSON[schema_editor.connection.vendor]
    schema_editor.execute(f"UPDATE caregivers_caregiverevent SET summary_phrase = {value}")


def copy_back(apps, schema_editor):
    value = AS_TEXT[schema_editor.connection.vendor]
    schema_editor.execute(f"UPDATE caregivers_caregiverevent SET summary = substr({value}, 1, 255)")


class Migration(migrations.Migration):
    dependencies = [("caregivers", "0015_edit_versions")]

    operations = [
        migrations.AddField(
            model_name="caregiverevent",
            name="summary_phrase",
            field=omzien.common.phrases.PhraseField(
                blank=True, default=str, verbose_name="summary"
            ),
        ),
        migrations.RunPython(copy_summaries, copy_back, elidable=True),
        migrations.RemoveField(model_name="caregiverevent", name="summary"),
        migrations.RenameField(
            model_name="caregiverevent", old_name="summary_phrase", new_name="summary"
        ),
    ]
