from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from omzien.buddies import demo as buddies_demo
from omzien.caregivers import demo as caregivers_demo
from omzien.demo import accounts
from omzien.tenants.services import reference_data_load
from omzien.volunteering import demo as volunteering_demo

# Later capabilities append their demo loaders here (called in order, each idempotent).
LOADERS = [accounts.load, caregivers_demo.load, volunteering_demo.load, buddies_demo.load]


class Command(BaseCommand):
    help = "Load municipalities and the demo accounts. Idempotent: safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load demo accounts although DEBUG is off (never on a production system).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "Demo accounts have a published password: refusing to load them with DEBUG off."
            )
        # Demo history raises early warnings; their mails go nowhere instead of the console.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            counts = reference_data_load()
            for loader in LOADERS:
                counts.update(loader())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {counts}"))
