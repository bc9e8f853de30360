"""An organisation sees only the responses the volunteer agreed to send.

Until now a broker's proposal the volunteer said no to (proposed → withdrawn) showed on the
organisation's pages with the volunteer's name and contact details. Existing rows are sent when
their status log shows them reaching the organisation (a step to *open*: the volunteer's own
response, or their agreement to a proposal); rows without a log are sent unless they are or
were a broker's proposal.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def mark_sent(apps, schema_editor):
    VacancyResponse = apps.get_model("volunteering", "VacancyResponse")
    ResponseTransition = apps.get_model("volunteering", "ResponseTransition")
    logs = ResponseTransition.objects.filter(response=OuterRef("pk"))
    VacancyResponse.objects.filter(Exists(logs.filter(to_status="open"))).update(
        sent_to_organisation=True
    )
    VacancyResponse.objects.filter(~Exists(logs), proposed_by__isnull=True).exclude(
        status="proposed"
    ).update(sent_to_organisation=True)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0007_rename_response_vacancyresponse"),
    ]

    operations = [
        migrations.AddField(
            model_name="vacancyresponse",
            name="sent_to_organisation",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "The volunteer agreed to send this response: their own response, or a "
                    "broker's proposal they agreed to. Only these reach the organisation."
                ),
                verbose_name="sent to the organisation",
            ),
        ),
        migrations.RunPython(mark_sent, migrations.RunPython.noop),
    ]
