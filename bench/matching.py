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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=VOLUNTEERS)
    parser.add_argument("--vacancies", type=int, default=VACANCIES)
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--pairing", type=int, default=PAIRING)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    from omzien.matching import scoring
    from omzien.volunteering import suggestion_engine as adapter
    from omzien.volunteering.models import Vacancy, VolunteerProfile

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    log("migrating a fresh benchmark database …")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _write(args.volunteers, args.vacancies)
    log(f"wrote the synthetic data in {time.perf_counter() - started:.1f} s; loading the engine …")

    adapter.reset()
    started = time.perf_counter()
    engine = adapter.current_engine()
    load_s = time.perf_counter() - started
    log(f"engine loaded in {load_s:.1f} s")

    rng = random.Random(5)  # noqa: S311 - which records to time
    volunteer_ids = rng.sample(sorted(engine.volunteers), args.queries)
    vacancy_ids = rng.sample(sorted(engine.vacancies), args.queries)
    engine_results, for_volunteer = {}, []
    for vid in volunteer_ids:
        started = time.perf_counter()
        engine_results[vid] = engine.for_volunteer(vid, k=10)
        for_volunteer.append(time.perf_counter() - started)
    for_vacancy = []
    for vid in vacancy_ids:
        started = time.perf_counter()
        engine.for_vacancy(vid, k=10, findable_only=False)
        for_vacancy.append(time.perf_counter() - started)
    log("engine queries done; running the per-pair reference …")

    vacancies = list(engine.vacancies.values())
    same = True
    started = time.perf_counter()
    for vid in volunteer_ids:
        expected = scoring.reference_for_volunteer(
            engine.volunteers[vid], vacancies, engine.tables, k=10
        )
        got = [(s.id, s.total) for s in engine_results[vid]]
        same = same and got == [(s.vacancy_id, s.total) for s in expected]
    reference_ms = (time.perf_counter() - started) * 1000
    engine_ms = sum(for_volunteer) * 1000
    log("reference done; pairing …")
    pairing_s = _pairing(args.pairing)

    ndcg_volunteer, ndcg_vacancy, labelled_pairs = labelled_ndcg()
    p50_vol, p95_vol = _ms(for_volunteer)
    p50_vac, p95_vac = _ms(for_vacancy)
    result = {
        "volunteers": VolunteerProfile.objects.count(),
        "vacancies": Vacancy.objects.count(),
        "for_volunteer_p50_ms": p50_vol,
        "for_volunteer_p95_ms": p95_vol,
        "for_vacancy_p50_ms": p50_vac,
        "for_vacancy_p95_ms": p95_vac,
        "reference_ms": round(reference_ms, 1),
        "speedup": round(reference_ms / engine_ms, 1),
        "same_results": same,
        "pairing_n": args.pairing,
        "pairing_s": round(pairing_s, 2),
        "load_s": round(load_s, 2),
        "labelled_pairs": labelled_pairs,
        "ndcg_at_10_for_volunteer": ndcg_volunteer,
        "ndcg_at_10_for_vacancy": ndcg_vacancy,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
