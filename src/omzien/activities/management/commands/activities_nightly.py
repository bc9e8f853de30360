from django.core.management.base import BaseCommand

from omzien.activities.services.occurrences import occurrences_extend
from omzien.activities.services.reminders import reminders_send
from omzien.activities.tasks import occurrences_extend_task, reminders_send_task


class Command(BaseCommand):
    help = (
        "Make the dates of repeating activities up to the horizon and send the reminders for "
        "tomorrow's dates (each person once). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run here and now instead of queueing the tasks for the worker.",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            added = occurrences_extend()
            sent = reminders_send()
            self.stdout.write(f"Dates added: {added}; reminders queued: {sent}")
        else:
            first = occurrences_extend_task.enqueue()
            second = reminders_send_task.enqueue()
            self.stdout.write(f"Queued tasks {first.id} and {second.id}")
