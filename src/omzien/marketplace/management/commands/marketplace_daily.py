from django.core.management.base import BaseCommand

from omzien.marketplace.services.deals import deals_remind
from omzien.marketplace.tasks import deals_remind_task


class Command(BaseCommand):
    help = (
        "Remind both parties of each beursvloer deal a week before its date (each deal once, "
        "however often this runs). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run here and now instead of queueing the task for the worker.",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            self.stdout.write(f"Deals reminded: {deals_remind()}")
        else:
            self.stdout.write(f"Queued task {deals_remind_task.enqueue().id}")
