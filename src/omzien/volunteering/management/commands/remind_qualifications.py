from django.core.management.base import BaseCommand

from omzien.volunteering.services.vog import qualifications_remind, qualifications_remind_task


class Command(BaseCommand):
    help = (
        "Remind volunteers and the organisations where they are placed of certificates that "
        "expire within 60 and within 14 days (each reminder once). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run here and now instead of queueing the task for the worker.",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            sent = qualifications_remind()
            self.stdout.write(
                "Reminders sent: "
                + ", ".join(f"{days} days: {count}" for days, count in sorted(sent.items()))
            )
        else:
            result = qualifications_remind_task.enqueue()
            self.stdout.write(f"Queued certificate reminder task {result.id}")
