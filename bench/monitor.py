"""``make bench-monitor``: the policy monitor over every municipality and every indicator.

Writes the demo (``load_demo``, which loads Heerde's 2023-2024 programme from
``monitor/demo.py``) to its own database, then gives every municipality of the reference data
(8 today: the synthetic generators spread their rows over all of them, there is no tenth to
add) a programme built through the monitor's services, with one measure on every registered
indicator (``common/indicators.py``). Then, at synthetic scale 1 and at scale 10
(``generate_synthetic --scale``; 10 is Heerde's real size), it:

* snapshots the current quarter for every municipality through
  ``monitor.services.snapshots.snapshot_period`` (that quarter's snapshots are removed first,
  so each scale computes every indicator again) — ``snapshot_s`` is the time at scale 10. The
  current quarter, not the last complete one: every row the demo and the generators write is
  dated today, so an earlier quarter would count none of them;
* asks Heerde's benchmark programme dashboard ``--runs`` times (after two warm-ups) with the
  Django test client as Heerde's policy advisor — ``dashboard_p95_ms`` at scale 10, as
  deployed: today's values kept in the cache for ``OMZIEN_MONITOR_LIVE_SECONDS`` (the warm-up
  computes them); and again with that cache off, every request computing them —
  ``dashboard_uncached_p95_ms``;
* counts the dashboard's SQL queries — ``dashboard_queries_1x`` and ``dashboard_queries_10x``
  (and ``dashboard_uncached_queries_*``).

* renders the council's progress report of that programme as a PDF
  (``monitor.selectors.report.report_pdf``: the dashboard's figures, a chart per measure, then
  WeasyPrint) — ``report_pdf_s`` at scale 10, and ``report_pdf_kb`` its size. Where WeasyPrint
  cannot run (its Pango libraries missing) ``report_pdf_s`` is null and ``report_pdf_reason``
  says why.

``indicators`` is the number of registered indicators.

Runs with DEBUG off (the cached template loader, as in production); prints one JSON line.
"""

import argparse
import json
import logging
import math
import os
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

SCALES = (1, 10)
ADVISOR = "beleid.heerde@omzien.test"
BENCH_USER = "bench.monitor@omzien.test"
NAME = "Benchmark: alle indicatoren"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _programmes() -> dict[int, int]:
    """A programme per municipality with a measure on every registered indicator, made by a
    benchmark user who is policy advisor in each; returns {municipality pk: programme pk}."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from omzien.accounts.constants import Role
    from omzien.accounts.models import Membership
    from omzien.common import indicators
    from omzien.common.services import Actor
    from omzien.monitor.constants import Direction, Frequency
    from omzien.monitor.services import programmes as services
    from omzien.tenants.models import Municipality

    user = get_user_model().objects.create(email=BENCH_USER, full_name="Benchmark")
    municipalities = list(Municipality.objects.order_by("cbs_code"))
    Membership.objects.bulk_create(
        Membership(user=user, municipality=m, role=Role.POLICY_ADVISOR) for m in municipalities
    )
    actor = Actor(user=user)
    made = {}
    today = timezone.localdate()
    start, end = date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)
    for municipality in municipalities:
        programme = services.programme_create(
            municipality=municipality,
            data={"name": NAME, "period_start": start, "period_end": end},
            actor=actor,
        )
        by_capability: dict[str, list] = {}
        for ind in indicators.indicators():
            by_capability.setdefault(ind.capability, []).append(ind)
        for order, (capability, registered) in enumerate(sorted(by_capability.items())):
            theme = services.theme_create(
                programme=programme, data={"name": capability, "order": order}, actor=actor
            )
            ambition = services.ambition_create(
                theme=theme, data={"title": capability, "order": 0}, actor=actor
            )
            for m_order, ind in enumerate(registered):
                services.measure_create(
                    ambition=ambition,
                    data={
                        "description": str(ind.name),
                        "indicator_code": ind.code,
                        "target_value": Decimal(10),
                        "direction": Direction.AT_LEAST,
                        "deadline": end,
                        "frequency": Frequency.QUARTER,
                        "public": True,
                        "order": m_order,
                    },
                    actor=actor,
                )
        made[municipality.pk] = programme.pk
    return made


def _snapshot() -> tuple[float, int]:
    """Seconds to snapshot the current quarter for every municipality, and snapshots."""
    from django.utils import timezone

    from omzien.monitor.models import Snapshot
    from omzien.monitor.services.snapshots import current_quarter, snapshot_period
    from omzien.tenants.models import Municipality

    period = current_quarter(timezone.localdate())
    Snapshot.objects.filter(period_start=period.start, period_end=period.end).delete()
    written = 0
    started = time.perf_counter()
    for municipality in Municipality.objects.order_by("cbs_code"):
        written += len(snapshot_period(municipality=municipality, period=period))
    return time.perf_counter() - started, written


def _dashboard(url: str, runs: int) -> tuple[float, int]:
    """(p95 ms over ``runs`` requests, SQL queries of one request) as Heerde's advisor."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from omzien.testing.login import login_verified

    client = login_verified(Client(), get_user_model().objects.get(email=ADVISOR))
    for _ in range(2):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"dashboard: {url} answered {response.status_code}")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    return p95, len(queries)


def _report_pdf(programme_pk: int) -> tuple[float | None, int | None, str]:
    """(seconds, size in KB, reason when no PDF could be made) for the programme's PDF report."""
    from django.utils import timezone

    from omzien.common.pdf import PdfUnavailable
    from omzien.monitor.models import Programme
    from omzien.monitor.selectors.report import report_pdf

    programme = Programme.objects.select_related("municipality").get(pk=programme_pk)
    started = time.perf_counter()
    try:
        pdf = report_pdf(programme=programme, today=timezone.localdate())
    except PdfUnavailable as exc:
        return None, None, str(exc)
    seconds = time.perf_counter() - started
    return seconds, len(pdf) // 1024, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--scales", type=int, nargs=2, default=SCALES)
    args = parser.parse_args()

    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    _log("migrating a fresh benchmark database and loading the demo …")
    # The demo refuses to load with DEBUG off (its passwords are published): a separate run.
    import omzien  # the code measured: the one on PYTHONPATH

    manage = [sys.executable, str(Path(omzien.__file__).resolve().parent.parent / "manage.py")]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True)  # noqa: S603
    subprocess.run([*manage, "load_demo"], check=True, **quiet)  # noqa: S603
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import override_settings
    from django.urls import reverse

    from omzien.common import indicators
    from omzien.tenants.models import Municipality

    programmes = _programmes()
    heerde = Municipality.objects.get(slug="heerde")
    url = reverse("monitor:programme_detail", args=[programmes[heerde.pk]])
    _log(f"{len(programmes)} programmes, {len(indicators.indicators())} indicators each")

    figures = {}
    for scale in args.scales:
        started = time.perf_counter()
        call_command("generate_synthetic", scale=scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
        _log(f"scale {scale}: data in {time.perf_counter() - started:.1f} s; measuring …")
        seconds, written = _snapshot()
        cache.clear()  # the values of the scale before are not today's values of this one
        # As deployed: today's values kept in the cache for a few minutes (the first of the
        # runs computes them); and with the cache off, every request computing them.
        p95, queries = _dashboard(url, args.runs)
        with override_settings(OMZIEN_MONITOR_LIVE_SECONDS=0):
            uncached_p95, uncached_queries = _dashboard(url, args.runs)
        pdf_s, kb, reason = _report_pdf(programmes[heerde.pk])
        figures[scale] = {
            "snapshot_s": seconds,
            "snapshots": written,
            "p95": p95,
            "q": queries,
            "uncached_p95": uncached_p95,
            "uncached_q": uncached_queries,
            "pdf_s": pdf_s,
            "kb": kb,
            "reason": reason,
        }
        _log(f"scale {scale}: {figures[scale]}")
    low, high = args.scales
    line = {
        "municipalities": len(programmes),
        "indicators": len(indicators.indicators()),
        "snapshots": figures[high]["snapshots"],
        "snapshot_s": round(figures[high]["snapshot_s"], 2),
        "dashboard_p95_ms": round(figures[high]["p95"], 1),
        f"dashboard_queries_{low}x": figures[low]["q"],
        f"dashboard_queries_{high}x": figures[high]["q"],
        "dashboard_uncached_p95_ms": round(figures[high]["uncached_p95"], 1),
        f"dashboard_uncached_queries_{low}x": figures[low]["uncached_q"],
        f"dashboard_uncached_queries_{high}x": figures[high]["uncached_q"],
        "report_pdf_s": None
        if figures[high]["pdf_s"] is None
        else round(figures[high]["pdf_s"], 2),
        "report_pdf_kb": figures[high]["kb"],
    }
    if figures[high]["reason"]:
        line["report_pdf_reason"] = figures[high]["reason"]
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
