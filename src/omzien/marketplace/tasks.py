"""Background work of the beursvloer, thin: each task calls a service.

``manage.py marketplace_daily`` (run daily, docs/deployment.md) queues it."""

from django_tasks import task

from omzien.marketplace.services.deals import deals_remind


@task()
def deals_remind_task() -> int:
    return deals_remind()
