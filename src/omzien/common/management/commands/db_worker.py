"""``manage.py db_worker``: django-tasks-db's worker, with a heartbeat that puts back the tasks
of workers that died mid-task (``common.workers``). Same options as the package's command."""

from django_tasks_db.management.commands import db_worker

from omzien.common.workers import Watch


class Command(db_worker.Command):
    help = (
        "Run a database background worker; tasks of workers that stopped mid-task are put "
        "back in the queue (TASK_WORKER_TIMEOUT)"
    )

    def handle(self, *args, worker_id: str, **options) -> None:
        watch = Watch(worker_id=worker_id)
        watch.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            watch.stop()
