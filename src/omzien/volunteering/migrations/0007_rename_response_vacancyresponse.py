"""A volunteer's response to a vacancy is VacancyResponse in code, a name that explains itself.

The audit trail names objects as ``app_label.model``: its earlier events are relabelled so an
object's history stays one history under the new name.
"""

from django.db import migrations


def relabel(old: str, new: str):
    def run(apps, schema_editor):
        AuditEvent = apps.get_model("privacy", "AuditEvent")
        AuditEvent.objects.filter(object_type=old).update(object_type=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0006_organisation_transition_log"),
        ("privacy", "0002_alter_auditevent_action"),
    ]

    operations = [
        migrations.RenameModel("Response", "VacancyResponse"),
        migrations.RunPython(
            relabel("volunteering.response", "volunteering.vacancyresponse"), relabel("volunteering.vacancyresponse", "volunteering.response")
        ),
    ]
