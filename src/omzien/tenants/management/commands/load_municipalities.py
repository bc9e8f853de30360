from django.core.management.base import BaseCommand

from omzien.tenants.services import reference_data_load


class Command(BaseCommand):
    help = (
        "Create or update the regions, municipalities, localities and postcodes from "
        "tenants/data/municipalities.json. Safe to repeat; also for production."
    )

    def handle(self, *args, **options):
        counts = reference_data_load()
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {counts}"))
