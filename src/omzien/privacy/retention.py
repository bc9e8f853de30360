"""Retention is code: every capability registers the function that applies its rules.

``manage.py apply_retention`` (run nightly by cron or a systemd timer, see
docs/deployment.md) queues :func:`apply_retention_task`, which runs each rule in the worker.
"""

from django.utils.module_loading import import_string
from django_tasks import task

# Dotted paths of callables that take no arguments and return how many records they handled.
RETENTION_RULES = [
    "omzien.accounts.services.unconfirmed_signups_apply_retention",
    "omzien.caregivers.services.caregivers.caregivers_apply_retention",
    "omzien.caregivers.services.referrals.incoming_referrals_apply_retention",
    "omzien.buddies.services.buddies_apply_retention",
    "omzien.volunteering.services.retention.volunteering_apply_retention",
]


def apply_retention() -> dict[str, int]:
    return {path.rsplit(".", 1)[-1]: import_string(path)() for path in RETENTION_RULES}


@task()
def apply_retention_task() -> dict[str, int]:
    return apply_retention()
