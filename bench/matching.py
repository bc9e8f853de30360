"""``make bench-matching``: the matching engine at national scale, printed as one JSON line.

Writes deterministic synthetic data (100,000 volunteer profiles, 20,000 open vacancies in a
region of 8 municipalities and 150 villages) to its own database, builds the engine from it
through the adapter (``load_s``), times top-10 queries both ways, times the plain per-pair
reference for the same volunteers and checks it gives the same top-10, and times a buddy pairing
of 2,000 × 2,000 participants. The last line of output is the JSON object.

``ndcg_at_10_for_volunteer`` / ``ndcg_at_10_for_vacancy`` measure the ranking itself against the
labelled set ``bench/data/matching_relevance.json`` (448 profile–vacancy pairs graded 0–3 by hand
rules, see ``bench/data/README.md``): for every profile the engine ranks the set's vacancies (and
for every vacancy the set's profiles), and nDCG@10 with gain 2^grade − 1 is averaged over the
queries that have at least one relevant pair.
"""

import argparse
import datetime
import json
import math
import random
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

VOLUNTEERS = 100_000
VACANCIES = 20_000
LOCALITIES = 150
MUNICIPALITIES = 8
ORGANISATIONS = 1_500
QUERIES = 200
PAIRING = 2_000
RELEVANCE = Path(__file__).with_name("data") / "matching_relevance.json"


def _write(volunteers: int, vacancies: int) -> None:
    """Fresh synthetic records in the database (ids 1..n, as the generators number them)."""
    from django.utils import timezone

    from omzien.matching import synthetic
    from omzien.tenants.models import Locality, Municipality, Region
    from omzien.volunteering import constants as c
    from omzien.volunteering.models import Organisation, Vacancy, Vog, VolunteerProfile

    now = timezone.now()
    today = timezone.localdate()
    region = Region.objects.create(name="Benchmarkregio", slug="benchmark")
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            cbs_code=f"GM9{i:03d}",
            name=f"Benchmarkgemeente {i}",
            slug=f"benchmark-{i}",
            region=region,
        )
        for i in range(MUNICIPALITIES)
    )
    points = synthetic.localities(LOCALITIES)
    localities = Locality.objects.bulk_create(
        Locality(
            municipality=municipalities[i % MUNICIPALITIES],
            name=f"Dorp {i}",
            latitude=lat,
            longitude=lon,
        )
        for i, (lat, lon) in enumerate(points)
    )
    organisations = Organisation.objects.bulk_create(
        (
            Organisation(
                municipality=municipalities[i % MUNICIPALITIES],
                name=f"Organisatie {i}",
                kind=c.OrganisationKind.ASSOCIATION,
                description="Synthetische organisatie voor de benchmark.",
                contact_name="Contactpersoon",
                contact_email=f"org{i}@example.org",
                status=c.OrganisationStatus.APPROVED,
            )
            for i in range(ORGANISATIONS)
        ),
        batch_size=2000,
    )
    rng = random.Random(7)  # noqa: S311 - deterministic benchmark data
    Vacancy.objects.bulk_create(
        (
            Vacancy(
                pk=vac.id,
                municipality=localities[vac.locality].municipality,
                organisation=organisations[vac.organisation % ORGANISATIONS],
                title=vac.title or "Vrijwilligerswerk",
                description=vac.description,
                tasks=vac.tasks,
                domains=sorted(vac.domains),
                kind=vac.kind,
                day_parts=sorted(vac.day_parts),
                starts_at=(
                    timezone.make_aware(
                        datetime.datetime.combine(vac.start_date, datetime.time(10))
                    )
                    if vac.kind == c.VacancyKind.ONE_OFF
                    else None
                ),
                places=rng.randint(1, 5),
                location_kind=vac.location_kind,
                locality=localities[vac.locality],
                min_age=vac.min_age or None,
                vog_required=vac.vog_required,
                vog_aspects=sorted(vac.vog_aspects),
                vog_max_age_years=vac.vog_max_age_years,
                driving_licence=vac.driving_licence,
                publish_from=today,
                status=c.VacancyStatus.PUBLISHED,
                first_published_at=now - datetime.timedelta(days=vac.waiting_days),
            )
            for vac in synthetic.vacancies(vacancies, LOCALITIES, organisations=ORGANISATIONS)
        ),
        batch_size=2000,
    )
    VolunteerProfile.objects.bulk_create(
        (
            VolunteerProfile(
                pk=vol.id,
                municipality=(
                    localities[vol.locality].municipality
                    if vol.locality >= 0
                    else municipalities[0]
                ),
                full_name=f"Vrijwilliger {vol.id}",
                interests=sorted(vol.interests),
                tasks_liked=vol.tasks_liked,
                motivation=vol.motivation,
                availability=sorted(vol.day_parts),
                commitments=sorted(vol.commitments),
                locality=localities[vol.locality] if vol.locality >= 0 else None,
                travel_km=int(vol.travel_km),
                date_of_birth=vol.birth_date,
                vog_willing=vol.vog_willing,
                driving_licence=vol.driving_licence,
                findable_by=(
                    c.Findable.ORGANISATIONS
                    if vol.findable_by_organisations
                    else c.Findable.BROKERS
                ),
                paused=not vol.active,
            )
            for vol in synthetic.volunteers(volunteers, LOCALITIES)
        ),
        batch_size=2000,
    )
    municipality_of = dict(VolunteerProfile.objects.values_list("pk", "municipality_id"))
    Vog.objects.bulk_create(
        (
            Vog(
                profile_id=vol.id,
                municipality_id=municipality_of[vol.id],
                issued_on=vol.vog_issued_on,
                aspects=sorted(vol.vog_aspects),
            )
            for vol in synthetic.volunteers(volunteers, LOCALITIES)
            if vol.vog_issued_on is not None
        ),
        batch_size=2000,
    )


def _ms(seconds: list[float]) -> tuple[float, float]:
    values = sorted(s * 1000 for s in seconds)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return round(statistics.median(values), 2), round(p95, 2)


def _pairing(n: int) -> float:
    from omzien.matching import geo
    from omzien.matching.pairing import Participant, pair
    from omzien.matching.synthetic import DOMAINS, localities
    from omzien.matching.vocabulary import DAY_PARTS

    rng = random.Random(11)  # noqa: S311 - deterministic benchmark data
    table = geo.distance_table(localities(LOCALITIES))
    languages = ("nl", "en", "de", "ar", "tr", "pl")

    def person(i: int) -> Participant:
        low = rng.choice((None, None, 18, 30, 50))
        return Participant(
            id=i,
            gender=rng.choice("fmx"),
            age=rng.randint(18, 90),
            languages=frozenset({"nl"} | set(rng.sample(languages, rng.randint(0, 2)))),
            interests=frozenset(rng.sample(DOMAINS, rng.randint(1, 4))),
            locality=rng.randrange(LOCALITIES),
            travel_km=float(rng.choice((5, 10, 15, 25))),
            day_parts=frozenset(rng.sample(DAY_PARTS, rng.randint(2, 8))),
            wish_gender=frozenset(rng.choice(("", "", "f", "m", "fx"))),
            wish_age_min=low,
            wish_age_max=None if low is None else low + rng.choice((20, 30, 50)),
            wish_languages=frozenset(rng.choice(((), (), ("nl",), ("en",)))),
        )

    side_a = [person(i) for i in range(n)]
    side_b = [person(n + i) for i in range(n)]
    started = time.perf_counter()
    result = pair(side_a, side_b, table)
    elapsed = time.perf_counter() - started
    print(
        f"pairing {n}x{n}: {len(result.stable)} stable pairs (fit {result.stable_total:.1f}), "
        f"{len(result.best)} best pairs (fit {result.best_total:.1f})",
        file=sys.stderr,
    )
    return elapsed


def _labelled_day_parts(vacancy: dict) -> frozenset[str]:
    """The day-parts the engine gets for a labelled vacancy, as the adapter gives them."""
    from omzien.matching.vocabulary import schedule_day_parts

    def when(value):
        return datetime.datetime.fromisoformat(value) if value else None

    return schedule_day_parts(
        vacancy["kind"], vacancy["day_parts"], when(vacancy["starts_at"]), when(vacancy["ends_at"])
    )


def _labelled_records():
    """The labelled set as engine records, built as the adapter builds them from rows."""
    from omzien.matching import geo
    from omzien.matching.scoring import Tables, Vacancy, Volunteer
    from omzien.matching.vocabulary import VOG_ASPECTS

    data = json.loads(RELEVANCE.read_text(encoding="utf-8"))
    today = datetime.date.fromisoformat(data["today"])
    names = list(data["villages"])
    tables = Tables(geo.distance_table([tuple(data["villages"][n]) for n in names]))
    volunteers = [
        Volunteer(
            id=p["id"],
            region=0,
            interests=frozenset(p["interests"]),
            tasks_liked=p["tasks_liked"],
            motivation=p["motivation"],
            day_parts=frozenset(p["day_parts"]),
            commitments=frozenset(p["commitments"]),
            locality=names.index(p["village"]),
            travel_km=float(p["travel_km"]),
            birth_date=datetime.date(p["birth_year"], 1, 1),
            vog_issued_on=today - datetime.timedelta(days=365) if p["vog"] else None,
            vog_aspects=frozenset(VOG_ASPECTS) if p["vog"] else frozenset(),
            driving_licence=p["driving_licence"],
            findable_by_organisations=True,
        )
        for p in data["profiles"]
    ]
    vacancies = [
        Vacancy(
            id=v["id"],
            region=0,
            organisation=v["id"],
            start_date=(
                datetime.date.fromisoformat(v["starts_at"][:10]) if v["starts_at"] else today
            ),
            domains=frozenset(v["domains"]),
            title=v["title"],
            tasks=v["tasks"],
            description=v["description"],
            kind=v["kind"],
            day_parts=_labelled_day_parts(v),
            location_kind=v["location_kind"],
            locality=names.index(v["village"]),
            min_age=v["min_age"],
            vog_required=v["vog_required"],
            driving_licence=v["driving_licence"],
            waiting_days=v["waiting_days"],
            organisation_volunteers=v["organisation_volunteers"],
        )
        for v in data["vacancies"]
    ]
    grades = {(p, v): g for p, v, g in data["pairs"]}
    return tables, volunteers, vacancies, grades


def _ndcg(ranked_grades: list[int], all_grades: list[int], k: int = 10) -> float | None:
    def dcg(grades):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(all_grades, reverse=True))
    return dcg(ranked_grades) / ideal if ideal else None


def labelled_ndcg(k: int = 10) -> tuple[float, float, int]:
    """Mean nDCG@k of the engine's ranking over the labelled set, both ways, and its size."""
    from omzien.matching.engine import build

    tables, volunteers, vacancies, grades = _labelled_records()
    engine = build(tables, volunteers, vacancies)
    for_volunteer, for_vacancy = [], []
    for vol in volunteers:
        ranked = [grades[vol.id, s.id] for s in engine.for_volunteer(vol.id, k=k)]
        score = _ndcg(ranked, [grades[vol.id, v.id] for v in vacancies], k)
        if score is not None:
            for_volunteer.append(score)
    for vac in vacancies:
        ranked = [
            grades[s.id, vac.id] for s in engine.for_vacancy(vac.id, k=k, findable_only=False)
        ]
        score = _ndcg(ranked, [grades[v.id, vac.id] for v in volunteers], k)
        if score is not None:
            for_vacancy.append(score)
    return (
        round(statistics.mean(for_volunteer), 3),
        round(statistics.mean(for_vacancy), 3),
        len(grades),
    )


def _memory_mb() -> dict[str, float]:
    """This process's resident memory from /proc/self/smaps_rollup: all of it, and the part no
    other process shares (a mapped snapshot's pages that another process uses too are shared)."""
    fields = {}
    with open("/proc/self/smaps_rollup") as handle:
        for line in handle:
            name, _sep, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                fields[name] = int(rest.split()[0]) / 1024
    return {
        "rss": round(fields["Rss"], 1),
        "private": round(fields["Private_Clean"] + fields["Private_Dirty"], 1),
        "shared": round(fields["Shared_Clean"] + fields["Shared_Dirty"], 1),
    }


def child(volunteer_ids: list[int], vacancy_ids: list[int]) -> None:
    """A new web process (``omzien.wsgi``, as gunicorn starts one): map the host's snapshot,
    serve a first suggestion, then the timed queries; print what it took and its memory as
    one JSON line. Then, for each ``watch <id>`` on stdin, poll until that volunteer has no
    suggestions and print the wall time it saw it."""
    started = time.perf_counter()
    import omzien.wsgi  # noqa: F401 - starts as gunicorn's worker does: Django, then preload
    from omzien.volunteering import suggestion_engine as adapter

    setup_s = time.perf_counter() - started
    before = _memory_mb()
    started = time.perf_counter()
    adapter.current_engine().for_volunteer(volunteer_ids[0], k=10)
    first_request_s = time.perf_counter() - started
    engine = adapter.current_engine()
    for vid in volunteer_ids:
        engine.for_volunteer(vid, k=10)
    for vid in vacancy_ids:
        engine.for_vacancy(vid, k=10, findable_only=False)
    report = {
        "setup_s": round(setup_s, 2),
        "first_request_s": round(first_request_s, 3),
        "mapped": engine.has_base,
        "memory_before_mb": before,
        "memory_after_mb": _memory_mb(),
    }
    print(json.dumps(report), flush=True)
    for line in sys.stdin:
        command, _sep, arg = line.strip().partition(" ")
        if command != "watch":
            break
        while adapter.current_engine().for_volunteer(int(arg), k=10):
            time.sleep(0.01)
        print(json.dumps({"seen_at": time.time()}), flush=True)


def _start_child(volunteer_ids, vacancy_ids, snapshot_dir: Path):
    import os
    import subprocess

    env = {**os.environ, "MATCHING_SNAPSHOT_DIR": str(snapshot_dir)}
    process = subprocess.Popen(  # noqa: S603 - this script, with ids
        [
            sys.executable,
            __file__,
            "--child",
            ",".join(map(str, volunteer_ids)),
            ",".join(map(str, vacancy_ids)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    return process, json.loads(process.stdout.readline())


def _floor_columns(engine) -> list:
    """Every volunteer column a query for a vacancy may read, as the snapshot maps them."""
    from omzien.matching.engine import VOLUNTEER_COLUMNS

    return [engine._vol.base.view(name) for name in VOLUNTEER_COLUMNS]


def _read_once(columns) -> float:
    """Seconds to read every column once: one NumPy reduction over the same bytes (the floor no
    query over those arrays can go under)."""
    started = time.perf_counter()
    for column in columns:
        np_sum(column)
    return time.perf_counter() - started


def _scan_floor_hot_ms(engine, repeat: int = 50) -> float:
    """The floor read 50 times in a row: the columns stay in the processor's cache between the
    reads, so this is the least it can take."""
    columns = _floor_columns(engine)
    return round(statistics.median(_read_once(columns) for _ in range(repeat)) * 1000, 3)


def np_sum(column):
    import numpy as np

    return np.add.reduce(column.view(np.uint8) if column.dtype == np.bool_ else column)


def _timed(engine, volunteer_ids, vacancy_ids, floor_columns=None):
    """Results and seconds of the queries; with ``floor_columns``, also the floor read once
    just before each query for a vacancy, so that both read in the same state of the
    processor's cache."""
    results, for_volunteer, for_vacancy, floor = {}, [], [], []
    for vid in volunteer_ids:
        started = time.perf_counter()
        results[vid] = engine.for_volunteer(vid, k=10)
        for_volunteer.append(time.perf_counter() - started)
    for vid in vacancy_ids:
        if floor_columns is not None:
            floor.append(_read_once(floor_columns))
        started = time.perf_counter()
        results[-vid] = engine.for_vacancy(vid, k=10, findable_only=False)
        for_vacancy.append(time.perf_counter() - started)
    return results, for_volunteer, for_vacancy, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=VOLUNTEERS)
    parser.add_argument("--vacancies", type=int, default=VACANCIES)
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--pairing", type=int, default=PAIRING)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*([int(i) for i in ids.split(",")] for ids in args.child))
        return

    import tempfile

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from omzien.matching import engine as matching_engine
    from omzien.matching import scoring, snapshot
    from omzien.volunteering import suggestion_engine as adapter
    from omzien.volunteering.models import Vacancy, VolunteerProfile

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    matching_engine.preload()  # as a web process does when it starts (omzien.wsgi)
    log("migrating a fresh benchmark database …")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _write(args.volunteers, args.vacancies)
    log(f"wrote the synthetic data in {time.perf_counter() - started:.1f} s; loading the engine …")

    settings.MATCHING_SNAPSHOT_DIR = ""  # first: an engine built in this process's memory
    adapter.reset()
    started = time.perf_counter()
    state = adapter.current_state()
    load_s = time.perf_counter() - started
    engine = state.engine
    log(f"engine built in {load_s:.1f} s")

    rng = random.Random(5)  # noqa: S311 - which records to time
    volunteer_ids = rng.sample(sorted(engine.volunteer_ids()), args.queries)
    vacancy_ids = rng.sample(sorted(engine.vacancy_ids()), args.queries)
    engine_results, for_volunteer, for_vacancy, _floor = _timed(engine, volunteer_ids, vacancy_ids)
    log("engine queries done; running the per-pair reference …")

    vacancies = list(
        adapter.vacancy_records(engine.vacancy_ids(), state.maps, state.today).values()
    )
    volunteers = adapter.volunteer_records(volunteer_ids, state.maps)
    same = True
    started = time.perf_counter()
    for vid in volunteer_ids:
        expected = scoring.reference_for_volunteer(volunteers[vid], vacancies, engine.tables, k=10)
        got = [(s.id, s.total) for s in engine_results[vid]]
        same = same and got == [(s.vacancy_id, s.total) for s in expected]
    reference_ms = (time.perf_counter() - started) * 1000
    engine_ms = sum(for_volunteer) * 1000

    log("writing the snapshot …")
    root = Path(tempfile.mkdtemp(prefix="omzien-bench-matching-"))
    settings.MATCHING_SNAPSHOT_DIR = str(root)
    started = time.perf_counter()
    meta = adapter.write_snapshot(root)
    snapshot_write_s = time.perf_counter() - started
    snapshot_mb = sum(f.stat().st_size for f in (root / meta["version"]).iterdir()) / 2**20
    mapped, _meta = snapshot.load(root)
    _timed(mapped, volunteer_ids, vacancy_ids)  # the pages of the mapped files read in once
    mapped_results, mapped_volunteer, mapped_vacancy, floor = _timed(
        mapped, volunteer_ids, vacancy_ids, _floor_columns(mapped)
    )
    same_mapped = mapped_results == engine_results
    scan_floor_ms = round(statistics.median(floor) * 1000, 3)
    scan_floor_hot_ms = _scan_floor_hot_ms(mapped)

    log("two new web processes on the snapshot …")
    process_a, first = _start_child(volunteer_ids, vacancy_ids, root)
    process_b, second = _start_child(volunteer_ids, vacancy_ids, root)
    extra_private = second["memory_after_mb"]["private"] - second["memory_before_mb"]["private"]

    log("a bulk update of 1,000 profiles, and how long until a process's suggestions follow …")
    watched = next(v for v in volunteer_ids if engine_results[v])
    paused = [watched, *[v for v in sorted(engine.volunteer_ids()) if v != watched][:999]]
    VolunteerProfile.objects.filter(pk__in=paused).update(paused=True)
    committed_at = time.time()
    process_a.stdin.write(f"watch {watched}\n")
    process_a.stdin.flush()
    staleness_s = json.loads(process_a.stdout.readline())["seen_at"] - committed_at
    for process in (process_a, process_b):
        process.stdin.close()
        process.wait(timeout=60)
    shutil.rmtree(root)  # 24 MB a run; this process's maps stay valid until it ends

    log("pairing …")
    pairing_s = _pairing(args.pairing)

    ndcg_volunteer, ndcg_vacancy, labelled_pairs = labelled_ndcg()
    p50_vol, p95_vol = _ms(for_volunteer)
    p50_vac, p95_vac = _ms(for_vacancy)
    mapped_p50_vol, mapped_p95_vol = _ms(mapped_volunteer)
    mapped_p50_vac, mapped_p95_vac = _ms(mapped_vacancy)
    result = {
        "volunteers": VolunteerProfile.objects.count(),
        "vacancies": Vacancy.objects.count(),
        "for_volunteer_p50_ms": mapped_p50_vol,
        "for_volunteer_p95_ms": mapped_p95_vol,
        "for_vacancy_p50_ms": mapped_p50_vac,
        "for_vacancy_p95_ms": mapped_p95_vac,
        "scan_floor_ms": scan_floor_ms,
        "for_vacancy_p95_over_floor": round(mapped_p95_vac / scan_floor_ms, 2),
        "scan_floor_hot_ms": scan_floor_hot_ms,
        "for_vacancy_p95_over_hot_floor": round(mapped_p95_vac / scan_floor_hot_ms, 2),
        "in_memory_for_volunteer_p95_ms": p95_vol,
        "in_memory_for_vacancy_p95_ms": p95_vac,
        "in_memory_for_volunteer_p50_ms": p50_vol,
        "in_memory_for_vacancy_p50_ms": p50_vac,
        "reference_ms": round(reference_ms, 1),
        "speedup": round(reference_ms / engine_ms, 1),
        "same_results": same,
        "snapshot_same_results": same_mapped,
        "load_s": round(load_s, 2),
        "snapshot_write_s": round(snapshot_write_s, 2),
        "snapshot_mb": round(snapshot_mb, 1),
        "first_request_s": first["first_request_s"],
        "second_process_first_request_s": second["first_request_s"],
        "process_setup_s": first["setup_s"],
        "extra_process_rss_mb": round(extra_private, 1),
        "second_process_memory_mb": second["memory_after_mb"],
        "staleness_s": round(staleness_s, 3),
        "staleness_profiles_changed": len(paused),
        "pairing_n": args.pairing,
        "pairing_s": round(pairing_s, 2),
        "labelled_pairs": labelled_pairs,
        "ndcg_at_10_for_volunteer": ndcg_volunteer,
        "ndcg_at_10_for_vacancy": ndcg_vacancy,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
