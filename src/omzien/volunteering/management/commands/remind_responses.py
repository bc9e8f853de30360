from django.core.management.base import BaseCommand

from omzien.volunteering.services.responses import responses_remind, responses_remind_task


class Command(BaseCommand):
    help = (
        "Remind organisations of responses unanswered for 7 days; close responses "
        "unanswered for 28 days as 'no reply' and tell the volunteer. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run here and now instead of queueing the task for the worker.",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            done = responses_remind()
            self.stdout.write(
                f"Reminders sent: {done['reminded']}; closed without reply: {done['no_reply']}"
            )
        else:
            result = responses_remind_task.enqueue()
            self.stdout.write(f"Queued response reminder task {result.id}")
