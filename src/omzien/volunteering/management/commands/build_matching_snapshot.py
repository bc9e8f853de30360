"""Build the matching engine from the database and write it as this host's snapshot.

Run it on every web host from a timer, every few minutes (docs/operations.md, "One matching
engine for every process"): the host's web processes map the newest snapshot and keep only
what changed since on top. Without ``MATCHING_SNAPSHOT_DIR`` there is nothing to write.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from omzien.volunteering import suggestion_engine


class Command(BaseCommand):
    help = "Write the matching engine's snapshot that this host's web processes map."

    def handle(self, *args, **options):
        if not settings.MATCHING_SNAPSHOT_DIR:
            raise CommandError("MATCHING_SNAPSHOT_DIR is not set: there is nowhere to write to.")
        started = time.perf_counter()
        meta = suggestion_engine.write_snapshot()
        if options["verbosity"]:
            self.stdout.write(
                f"Snapshot {meta['version']}: {meta['volunteers']} profiles, "
                f"{meta['vacancies']} vacancies in {time.perf_counter() - started:.1f} s."
            )
