"""The burden early warning is BurdenWarning in code ("signal" is kept for the concerns capability).

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
        ("caregivers", "0002_status_transition_logs"),
        ("privacy", "0002_alter_auditevent_action"),
    ]

    operations = [
        migrations.RenameModel("BurdenAlert", "BurdenWarning"),
        migrations.RunPython(
            relabel("caregivers.burdenalert", "caregivers.burdenwarning"), relabel("caregivers.burdenwarning", "caregivers.burdenalert")
        ),
    ]
