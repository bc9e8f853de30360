from django.core.management.base import BaseCommand

from omzien.volunteering.services.vacancies import vacancies_expire, vacancies_expire_task


class Command(BaseCommand):
    help = (
        "Move published vacancies whose publication period has ended to 'expired'. "
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
            self.stdout.write(f"Expired vacancies: {vacancies_expire()}")
        else:
            result = vacancies_expire_task.enqueue()
            self.stdout.write(f"Queued vacancy expiry task {result.id}")
