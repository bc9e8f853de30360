from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from omzien.demo.registry import loaders
from omzien.tenants.services import reference_data_load


class Command(BaseCommand):
    help = "Load municipalities and the demo accounts. Idempotent: safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load demo accounts although DEBUG is off (never on a production system).",
        )
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="PART",
            default=(),
            help="Load only these parts (e.g. volunteering) and the parts they need.",
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
            # The demo accounts, then each app's demo data (omzien.demo.registry).
            try:
                parts = loaders.ordered(only=options["only"])
            except ImproperlyConfigured as error:
                raise CommandError(str(error)) from error
            for loader in parts:
                counts.update(loader.run())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {counts}"))
