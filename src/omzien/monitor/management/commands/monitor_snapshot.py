"""Nightly: snapshot the measured indicators of every municipality for the current quarter
(or ``--period 2026-Q3``). Existing snapshots are kept; see ``services.snapshots``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from omzien.monitor.services.snapshots import current_quarter, snapshot_period
from omzien.privacy.statistics import Period
from omzien.tenants.models import Municipality


class Command(BaseCommand):
    help = "Snapshot the policy monitor's computed indicators for a quarter."

    def add_arguments(self, parser):
        parser.add_argument("--period", default="", help="e.g. 2026-Q3; default: this quarter")

    def handle(self, *args, period: str, **options):
        try:
            chosen = Period.parse(period) if period else current_quarter(timezone.localdate())
        except ValueError as error:
            raise CommandError(f"not a period: {period}") from error
        made = 0
        for municipality in Municipality.objects.order_by("pk"):
            made += len(snapshot_period(municipality=municipality, period=chosen))
        self.stdout.write(f"{made} snapshots for {chosen.code}")
