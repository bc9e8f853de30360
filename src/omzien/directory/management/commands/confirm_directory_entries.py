from django.core.management.base import BaseCommand

from omzien.directory.services.entries import (
    entries_request_confirmation,
    entries_request_confirmation_task,
)


class Command(BaseCommand):
    help = (
        "Ask the owners of social map entries whose confirmation is due to confirm them. "
        "Run nightly (cron or a systemd timer), like apply_retention."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run here and now instead of queueing the task for the worker.",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            self.stdout.write(f"Entries asked to confirm: {entries_request_confirmation()}")
        else:
            result = entries_request_confirmation_task.enqueue()
            self.stdout.write(f"Queued social map confirmation task {result.id}")
