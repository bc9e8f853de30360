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


def make_activities(start: int, end: int) -> None:
    """Activities ``start`` to ``end`` of the Heerde region (after ``django.setup()`` and the
    reference data), through ``activity_create``: each weekly for a year (52 dates), spread
    over the region's municipalities, villages, kinds and hours; 8 sign-ups on the first date
    of each. ``bench/directory.py`` builds its calendar with this too."""
    from django.utils import timezone

    from omzien.activities import constants as c
    from omzien.activities.services.activities import activity_create
    from omzien.activities.services.signups import signup_create
    from omzien.common.services import Actor
    from omzien.tenants.models import Locality, Municipality

    heerde = Municipality.objects.get(slug="heerde")
    region = list(Municipality.objects.filter(region=heerde.region_id)) or [heerde]
    kinds = list(c.Kind)
    today = timezone.localdate()
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


def prepare() -> None:
    """A fresh benchmark database (``DATABASE_URL``, set by the Makefile) with the reference
    data (municipalities, regions, villages), Django set up for the measuring: DEBUG off,
    mail in memory, tasks not run."""
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
    from omzien.tenants.services import reference_data_load

    reference_data_load()


def count_queries(client, url: str) -> int:
    """The SQL queries of one GET of ``url`` (which must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200  # noqa: S101
    return len(captured)


def timed(client, url: str, runs: int) -> list[float]:
    """Milliseconds of ``runs`` GETs of ``url`` after one warm-up, sorted."""
    client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def p50(times: list[float]) -> float:
    return round(statistics.median(times), 1)


def p95(times: list[float]) -> float:
    return round(times[int(0.95 * (len(times) - 1))], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=400)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    prepare()
    from django.test import Client
    from django.urls import reverse

    from omzien.activities.models import Occurrence

    client = Client()
    month = reverse("activities_public:calendar") + "?periode=maand"
    home = reverse("ui:home")

    small = args.activities // 5
    _log(f"making {small} activities …")
    make_activities(0, small)
    queries_small = {"month": count_queries(client, month), "home": count_queries(client, home)}
    _log(f"making {args.activities - small} more …")
    make_activities(small, args.activities)
    queries_large = {"month": count_queries(client, month), "home": count_queries(client, home)}
    month_times = timed(client, month, args.runs)
    home_times = timed(client, home, args.runs)
    feed_url = reverse("activities_public:feed_municipality", args=["heerde"])
    started = time.perf_counter()
    feed = client.get(feed_url)
    feed_ms = (time.perf_counter() - started) * 1000
    line = {
        "activities": args.activities,
        "occurrences": Occurrence.objects.count(),
        "month_p50_ms": p50(month_times),
        "month_p95_ms": p95(month_times),
        "home_p95_ms": p95(home_times),
        "feed_ms": round(feed_ms, 1),
        "feed_events": feed.content.count(b"BEGIN:VEVENT"),
        "queries_small": queries_small,
        "queries_large": queries_large,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
