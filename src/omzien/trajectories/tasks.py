"""Background work of the trajectories, thin: each task calls a service.

``manage.py remind_trajectory_evaluations`` (run daily, docs/deployment.md) queues it."""

from django_tasks import task

from omzien.trajectories.services.trajectories import moments_remind


@task()
def moments_remind_task() -> int:
    return moments_remind()
