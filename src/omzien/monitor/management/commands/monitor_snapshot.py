"""Nightly: snapshot the measured indicators of every municipality for the current quarter and
the previous one (or only ``--period 2026-Q3``). Final snapshots are kept; see
``services.snapshots``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from omzien.monitor.services.snapshots import current_quarter, snapshot_period
from omzien.privacy.statistics import QUARTER, Period
from omzien.tenants.models import Municipality


class Command(BaseCommand):
    help = "Snapshot the policy monitor's computed indicators for a quarter."

    def add_arguments(self, parser):
        parser.add_argument("--period", default="", help="e.g. 2026-Q3; default: this quarter")

    def handle(self, *args, period: str, **options):
        today = timezone.localdate()
        try:
            chosen = (
                [Period.parse(period)]
                if period
                else [Period.last_complete(today, QUARTER), current_quarter(today)]
            )
        except ValueError as error:
            raise CommandError(f"not a period: {period}") from error
        for quarter in chosen:
            made = 0
            for municipality in Municipality.objects.order_by("pk"):
                made += len(snapshot_period(municipality=municipality, period=quarter))
            self.stdout.write(f"{made} snapshots for {quarter.code}")
