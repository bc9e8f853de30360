from django.core.management.base import BaseCommand

from omzien.trajectories.services.trajectories import moments_remind
from omzien.trajectories.tasks import moments_remind_task


class Command(BaseCommand):
    help = (
        "Remind the broker who guides a trajectory a few days before each planned evaluation "
        "(each moment once, however often this runs). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run here and now instead of queueing the task for the worker.",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            self.stdout.write(f"Evaluation moments reminded: {moments_remind()}")
        else:
            self.stdout.write(f"Queued task {moments_remind_task.enqueue().id}")
