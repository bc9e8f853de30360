"""Background work of the appreciation round, thin: each task calls a service."""

from django_tasks import task

from omzien.appreciation.services import checks


@task(takes_context=True)
def recheck_round_task(context, *, run_id: int) -> int:
    """Run the automatic checks of a round again (staff's "Opnieuw controleren")."""
    run = checks.run_recheck(run_id=run_id, task_id=context.task_result.id)
    return run.changed if run is not None else 0
