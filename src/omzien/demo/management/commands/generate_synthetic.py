import json
import time

from django.core.management.base import BaseCommand, CommandError

from omzien.demo.synthetic import generate
from omzien.tenants.services import reference_data_load


class Command(BaseCommand):
    help = "Generate deterministic synthetic data for benchmarks (replaces earlier synthetic data)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="1 = 100 residents, and so on.")
        parser.add_argument("--seed", type=int, default=20261123)

    def handle(self, *args, scale, seed, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        started = time.perf_counter()
        reference_data_load()
        counts = generate(scale=scale, seed=seed)
        counts["seconds"] = round(time.perf_counter() - started, 2)
        self.stdout.write(json.dumps(counts))
