"""The timeline's summary becomes a Phrase (JSON), shown in each reader's language.

A text column cannot be cast to JSON in place, so the summary moves to a new JSON column as a
JSON string, which a Phrase shows as it is, and takes the old column's name.
"""

from django.db import migrations

import omzien.common.phrases


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
        omzien.common.phrases.copy_text_to_phrase(
            "caregivers_caregiverevent", "summary", "summary_phrase", 255
        ),
        migrations.RemoveField(model_name="caregiverevent", name="summary"),
        migrations.RenameField(
            model_name="caregiverevent", old_name="summary_phrase", new_name="summary"
        ),
    ]
