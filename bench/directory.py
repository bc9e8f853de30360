"""``make bench-directory``: the social map and the activity calendar of a region at its scale.

In its own database (reference data only: the municipalities, regions and villages), 5,000
published social map entries spread over the municipalities of the Heerde region and their
villages (named providers, written and published by a broker through
``services.entries.entry_create`` and ``entry_transition``; some region-wide, some online, in
every category and target group), and the calendar of ``bench/activity_calendar.py``: 400
weekly activities of a year, about 20,000 dates.

Measures, with the Django test client and DEBUG off, the public social map search by words
(``?q=``), by category and by distance from a village (10 km); the public calendar month page;
the municipality's iCal feed; and the HSDS export of Heerde (the JSON and the datapackage ZIP,
the stable open-data addresses). The query counts of the searches and of the month page at a
tenth of the data and at all of it must be equal (issue 13, "Numbers").

Prints one JSON line: entries, occurrences, search_p50_ms and search_p95_ms (the three kinds of
search together) and search_words_*, search_category_*, search_distance_* (p50 and p95 each),
month_p95_ms, feed_ms, hsds_export_s (the ZIP), hsds_json_s, hsds_services, queries_small,
queries_large, peak_rss_mb. Targets: search and month p95 <= 100 ms.

Not a test: the tests check behaviour; this prints figures.
"""

import argparse
import json
import resource
import time

from activity_calendar import _log, count_queries, make_activities, p50, p95, prepare, timed

WORDS = (
    ("Logeerhuis", "logeerzorg voor uw naaste, een weekend of een week"),
    ("Dagbesteding", "samen zijn, bewegen en iets doen onder begeleiding"),
    ("Respijt aan huis", "een vrijwilliger neemt de zorg een dagdeel over"),
    ("Lotgenotengroep", "mantelzorgers delen ervaringen met elkaar"),
    ("Alzheimer Café", "uitleg en gesprek over leven met dementie"),
    ("Thuisadministratie", "hulp bij post, geldzaken en schulden"),
    ("Maatjesproject", "een vrijwillig maatje komt eens per week langs"),
    ("Vervoersdienst", "vrijwilligers rijden u naar het ziekenhuis of de markt"),
)


def make_entries(start: int, end: int) -> None:
    """Published entries ``start`` to ``end`` of the Heerde region, by its brokers."""
    from omzien.accounts.constants import Role
    from omzien.accounts.models import Membership, User
    from omzien.common.services import Actor
    from omzien.directory import constants
    from omzien.directory.constants import EntryStatus
    from omzien.directory.services.entries import entry_create, entry_transition
    from omzien.tenants.models import Locality, Municipality

    heerde = Municipality.objects.get(slug="heerde")
    region = list(Municipality.objects.filter(region=heerde.region_id).order_by("pk")) or [heerde]
    brokers = {}
    for municipality in region:
        user, _made = User.objects.get_or_create(
            email=f"makelaar.{municipality.slug}@bench.test",
            defaults={"full_name": f"Makelaar {municipality.name}"},
        )
        Membership.objects.get_or_create(user=user, municipality=municipality, role=Role.BROKER)
        brokers[municipality.pk] = Actor(user=user)
    villages = {m.pk: list(Locality.objects.filter(municipality=m).order_by("pk")) for m in region}
    categories = list(constants.Category)
    groups = [g for g in constants.TargetGroup if g != constants.TargetGroup.EVERYONE]
    for n in range(start, end):
        municipality = region[n % len(region)]
        title, description = WORDS[n % len(WORDS)]
        places = villages[municipality.pk]
        wide = n % 10 == 0
        entry = entry_create(
            municipality=municipality,
            data={
                "provider_name": f"Aanbieder {n % 300}",
                "title": f"{title} {n}",
                "description": f"{description.capitalize()}. Aanbod nummer {n} voor de regio.",
                "categories": sorted(
                    {categories[n % len(categories)], categories[(n * 7) % len(categories)]}
                ),
                "target_groups": [groups[n % len(groups)]],
                "region_wide": wide,
                "online": n % 17 == 0,
                "locality": None if wide or not places else places[n % len(places)],
                "address": "" if wide else f"Dorpsstraat {n % 200 + 1}",
                "phone": "0578 123 456",
                "cost": constants.Cost.FREE if n % 3 else constants.Cost.PAID,
                "cost_text": "" if n % 3 else "Eigen bijdrage",
            },
            actor=brokers[municipality.pk],
        )
        entry_transition(entry=entry, target=EntryStatus.PUBLISHED, actor=brokers[municipality.pk])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--activities", type=int, default=400)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    prepare()
    from django.test import Client
    from django.urls import reverse

    from omzien.activities.models import Occurrence
    from omzien.directory.models import Entry
    from omzien.tenants.models import Locality

    client = Client()
    search = reverse("directory_public:search")
    village = Locality.objects.filter(municipality__slug="heerde").order_by("pk").first()
    searches = {
        "words": f"{search}?q=logeerzorg+weekend",
        "category": f"{search}?category=respite_stay",
        "distance": f"{search}?locality={village.pk}&distance=10",
    }
    month = reverse("activities_public:calendar") + "?periode=maand"
    pages = {**searches, "month": month}

    _log(f"making {args.entries // 10} entries and {args.activities // 10} activities …")
    make_entries(0, args.entries // 10)
    make_activities(0, args.activities // 10)
    queries_small = {name: count_queries(client, url) for name, url in pages.items()}
    _log(f"making {args.entries - args.entries // 10} entries more …")
    make_entries(args.entries // 10, args.entries)
    _log(f"making {args.activities - args.activities // 10} activities more …")
    make_activities(args.activities // 10, args.activities)
    queries_large = {name: count_queries(client, url) for name, url in pages.items()}

    line = {
        "entries": Entry.objects.count(),
        "occurrences": Occurrence.objects.count(),
    }
    every_search = []
    for name, url in searches.items():
        times = timed(client, url, args.runs)
        every_search += times
        line[f"search_{name}_p50_ms"] = p50(times)
        line[f"search_{name}_p95_ms"] = p95(times)
    every_search.sort()
    line["search_p50_ms"] = p50(every_search)
    line["search_p95_ms"] = p95(every_search)
    line["month_p95_ms"] = p95(timed(client, month, args.runs))
    started = time.perf_counter()
    feed = client.get(reverse("activities_public:feed_municipality", args=["heerde"]))
    line["feed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    line["feed_events"] = feed.content.count(b"BEGIN:VEVENT")
    started = time.perf_counter()
    exported = client.get(reverse("directory_public:hsds_zip", args=["heerde"]))
    assert exported.status_code == 200  # noqa: S101
    line["hsds_export_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    exported = client.get(reverse("directory_public:hsds_json", args=["heerde"]))
    line["hsds_json_s"] = round(time.perf_counter() - started, 2)
    line["hsds_services"] = json.loads(exported.content)["total_items"]
    line["queries_small"] = queries_small
    line["queries_large"] = queries_large
    line["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
