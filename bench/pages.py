"""``make bench-pages``: how fast the busiest pages answer as a municipality grows.

Writes the demo (``load_demo``) and synthetic data at scale 1 (``generate_synthetic --scale
1``: 125 volunteer profiles, 25 vacancies and 40 carers per municipality) to its own database,
asks every page ``--runs`` times (after two warm-ups) with the Django test client as the role
that uses it, then does the same at scale 10 (1,250 profiles a municipality: Heerde's real
size). Prints one JSON line per page: the median milliseconds (wall clock, and the process's
CPU time, which other work on a busy machine disturbs less), the SQL queries and the size of the
answer at both scales, and ``growth`` (ms at 10× / ms at 1×). The picker searches are the htmx
answers of the two volunteer pickers.

Runs with DEBUG off (the cached template loader, as in production); not a test: the tests check
behaviour and bounded query counts, this prints figures.
"""

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SCALES = (1, 10)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _pages():
    """(name, role e-mail or None, url) of every page measured; looked up after each build
    (the synthetic rows are new ones)."""
    from django.urls import reverse

    from omzien.buddies.models import BuddyProgramme
    from omzien.demo.accounts import DEMO_DOMAIN
    from omzien.tenants.models import Municipality
    from omzien.volunteering import constants
    from omzien.volunteering.models import Vacancy

    heerde = Municipality.objects.get(slug="heerde")
    broker = f"makelaar.heerde@{DEMO_DOMAIN}"
    consultant = f"consulent.heerde@{DEMO_DOMAIN}"
    vacancy = (
        Vacancy.objects.filter(municipality=heerde, status=constants.VacancyStatus.PUBLISHED)
        .order_by("pk")
        .first()
    )
    programme = BuddyProgramme.objects.filter(municipality=heerde).order_by("pk").first()
    search = reverse("volunteering:vacancy_search")
    pages = [
        ("vacancy_search_empty", None, f"{search}?q=xyzzyqwv&municipality={heerde.pk}"),
        ("vacancy_search_20", None, f"{search}?municipality={heerde.pk}"),
        ("vacancy_detail", None, reverse("volunteering:vacancy_detail", args=[vacancy.pk])),
        (
            "broker_vacancy_responses",
            broker,
            reverse("volunteering:broker_vacancy_responses", args=[vacancy.pk]),
        ),
        (
            "propose_picker_search",
            broker,
            _reverse_if_there(
                "volunteering:broker_propose_picker", vacancy.pk, "?profile_search=jan"
            ),
        ),
        (
            "buddy_participant_form",
            broker,
            reverse("buddies:participant_create", args=[programme.pk]),
        ),
        (
            "buddy_picker_search",
            broker,
            _reverse_if_there(
                "buddies:volunteer_picker", programme.pk, "?volunteer_profile_search=jan"
            ),
        ),
        # A search whose results fill the page (50 rows) at both scales: "jan" finds 14 at
        # 1× and 137 at 10×, so its growth measured 14 rows against 50, not the data's size.
        ("volunteer_list_search", broker, reverse("volunteering:volunteer_list") + "?q=e"),
        ("volunteer_figures", broker, reverse("volunteering:figures")),
        ("organisation_list", None, reverse("volunteering:organisation_public_list")),
        ("carer_registry_search", consultant, reverse("caregivers:registry") + "?q=jan"),
        ("start_page_broker", broker, reverse("ui:dashboard")),
        ("start_page_consultant", consultant, reverse("ui:dashboard")),
    ]
    return [page for page in pages if page[2] is not None]


def _reverse_if_there(name: str, pk: int, query: str) -> str | None:
    """The URL, or None where the code measured has no such page (``--before`` runs)."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=[pk]) + query
    except NoReverseMatch:
        return None


def _measure(runs: int) -> dict[str, dict]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from omzien.testing.login import login_verified

    clients: dict[str | None, Client] = {None: Client()}
    figures = {}
    for name, email, url in _pages():
        if email not in clients:
            clients[email] = login_verified(Client(), get_user_model().objects.get(email=email))
        client = clients[email]
        for _ in range(2):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
        times, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        figures[name] = {
            "url": url,
            "ms": round(statistics.median(times), 1),
            "cpu_ms": round(statistics.median(cpu), 1),
            "queries": len(queries),
            "kb": round(len(response.content) / 1024, 1),
        }
        _log(f"{name}: {figures[name]}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
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
    from django.core.management import call_command

    from omzien.volunteering import suggestion_engine

    results = {}
    for scale in args.scales:
        started = time.perf_counter()
        call_command("generate_synthetic", scale=scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
        # The matching engine re-reads what changed in the last two seconds on every call
        # (suggestion_engine.SYNC_MARGIN): measured at once, the vacancy's responses page (which
        # ranks suggestions) re-read the whole batch just generated each time (50 ms against 21).
        # The pages are measured as they run, not in the seconds after a bulk import.
        time.sleep(suggestion_engine.SYNC_MARGIN.total_seconds() + 1)
        _log(f"scale {scale}: data in {time.perf_counter() - started:.1f} s; measuring …")
        results[scale] = _measure(args.runs)
    low, high = args.scales
    for name, first in results[low].items():
        last = results[high][name]
        line = {
            "page": name,
            "url": first["url"],
            f"ms_{low}x": first["ms"],
            f"ms_{high}x": last["ms"],
            f"cpu_ms_{low}x": first["cpu_ms"],
            f"cpu_ms_{high}x": last["cpu_ms"],
            f"queries_{low}x": first["queries"],
            f"queries_{high}x": last["queries"],
            f"kb_{low}x": first["kb"],
            f"kb_{high}x": last["kb"],
            "growth": round(last["ms"] / first["ms"], 2),
            "cpu_growth": round(last["cpu_ms"] / first["cpu_ms"], 2),
        }
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
