from django.core.management.base import BaseCommand

from omzien.notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Queue the daily digest of notifications (run once a day, see docs/deployment.md)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send in this process.")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"Digests sent: {send_digests.call()}")
        else:
            result = send_digests.enqueue()
            self.stdout.write(f"Queued digest task {result.id}")
