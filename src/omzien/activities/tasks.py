"""Background work of the calendar, thin: each task calls a service.

``manage.py activities_nightly`` (run nightly, docs/deployment.md) queues both."""

from django_tasks import task

from omzien.activities.services.occurrences import occurrences_extend
from omzien.activities.services.reminders import reminders_send


@task()
def occurrences_extend_task() -> int:
    return occurrences_extend()


@task()
def reminders_send_task() -> int:
    return reminders_send()
