"""``make bench-calendar``: the activity calendar of a region at 20,000 dates.

In its own database (reference data only: the municipalities and villages), activities of the
Heerde region made through ``services.activities.activity_create`` (each weekly for a year, so
about 52 dates each), 8 sign-ups on the first date of each. Measures the public month page
(``/activiteiten/?periode=maand``) and the home page with their SQL query counts at a fifth of
the activities and at all of them (they must be equal), and the municipality's iCal feed.
Prints one JSON line: activities, occurrences, month_p50_ms, month_p95_ms, home_p95_ms,
feed_ms, feed_events, queries_small, queries_large, peak_rss_mb.

Not a test: the tests check behaviour; this prints figures.
"""

import argparse
import datetime
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=400)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import omzien  # the code measured: the one on PYTHONPATH

    manage = [sys.executable, str(Path(omzien.__file__).resolve().parent.parent / "manage.py")]
    _log("migrating a fresh benchmark database and loading the reference data …")
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True)  # noqa: S603
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from omzien.activities import constants as c
    from omzien.activities.models import Occurrence
    from omzien.activities.services.activities import activity_create
    from omzien.activities.services.signups import signup_create
    from omzien.common.services import Actor
    from omzien.tenants.models import Locality, Municipality
    from omzien.tenants.services import reference_data_load

    reference_data_load()
    heerde = Municipality.objects.get(slug="heerde")
    region = list(Municipality.objects.filter(region=heerde.region_id)) or [heerde]
    kinds = list(c.Kind)
    today = timezone.localdate()

    def make(start: int, end: int) -> None:
        for n in range(start, end):
            municipality = region[n % len(region)]
            villages = list(Locality.objects.filter(municipality=municipality)[:5])
            first = today + datetime.timedelta(days=n % 7)
            activity = activity_create(
                municipality=municipality,
                data={
                    "title": f"Activiteit {n}",
                    "description": "Een activiteit voor de benchmark.",
                    "kind": kinds[n % len(kinds)],
                    "locality": villages[n % len(villages)] if villages else None,
                    "address": f"Dorpsstraat {n}",
                    "capacity": 12,
                    "starts_at": timezone.make_aware(
                        datetime.datetime.combine(first, datetime.time(9 + n % 10, 0))
                    ),
                    "duration_minutes": 90,
                    "repeat": c.Repeat.WEEKLY,
                    "until": None,
                    "count": 52,
                    "target_groups": ["carers"] if n % 2 else ["older_people", "everyone"],
                },
                actor=Actor(),
            )
            date = activity.occurrences.order_by("starts_at").first()
            for k in range(8):
                signup_create(
                    occurrence_id=date.pk,
                    name=f"Deelnemer {k}",
                    email=f"d{n}-{k}@bench.test",
                    actor=Actor(),
                )

    client = Client()
    month = reverse("activities_public:calendar") + "?periode=maand"
    home = reverse("ui:home")

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200  # noqa: S101
        return len(captured)

    def timed(url: str) -> list[float]:
        client.get(url)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        return sorted(times)

    small = args.activities // 5
    _log(f"making {small} activities …")
    make(0, small)
    queries_small = {"month": count(month), "home": count(home)}
    _log(f"making {args.activities - small} more …")
    make(small, args.activities)
    queries_large = {"month": count(month), "home": count(home)}
    month_times = timed(month)
    home_times = timed(home)
    feed_url = reverse("activities_public:feed_municipality", args=[heerde.slug])
    started = time.perf_counter()
    feed = client.get(feed_url)
    feed_ms = (time.perf_counter() - started) * 1000
    line = {
        "activities": args.activities,
        "occurrences": Occurrence.objects.count(),
        "month_p50_ms": round(statistics.median(month_times), 1),
        "month_p95_ms": round(month_times[int(0.95 * (len(month_times) - 1))], 1),
        "home_p95_ms": round(home_times[int(0.95 * (len(home_times) - 1))], 1),
        "feed_ms": round(feed_ms, 1),
        "feed_events": feed.content.count(b"BEGIN:VEVENT"),
        "queries_small": queries_small,
        "queries_large": queries_large,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
