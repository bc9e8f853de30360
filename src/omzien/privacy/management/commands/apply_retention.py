import json

from django.core.management.base import BaseCommand

from omzien.privacy.retention import apply_retention, apply_retention_task


class Command(BaseCommand):
    help = "Apply every retention rule (anonymise or delete what has passed its period)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run here and now instead of queueing the task for the worker.",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            self.stdout.write(json.dumps(apply_retention()))
        else:
            result = apply_retention_task.enqueue()
            self.stdout.write(f"Queued retention task {result.id}")
