"""A cancelled date's message becomes a Phrase (JSON): the product's own message (the dates of
the activity changed) is read in each reader's language, not in the organiser's who made the
change. The organiser's own words stay as they were written."""

from django.db import migrations

import omzien.common.phrases


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="occurrence",
            name="cancel_message_phrase",
            field=omzien.common.phrases.PhraseField(
                blank=True, default=str, verbose_name="message to those signed up"
            ),
        ),
        omzien.common.phrases.copy_text_to_phrase(
            "activities_occurrence", "cancel_message", "cancel_message_phrase", 500
        ),
        migrations.RemoveField(model_name="occurrence", name="cancel_message"),
        migrations.RenameField(
            model_name="occurrence", old_name="cancel_message_phrase", new_name="cancel_message"
        ),
    ]
