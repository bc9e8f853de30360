# ruff: noqa: S311, SIM905 (seeded random numbers for reproducible data; a word list)
"""Deterministic synthetic volunteers, vacancies and localities for the benchmark and tests.

No Django here: the benchmark writes these records to the database through the adapter's
counterpart in ``omzien.matching.bench``; tests use them directly.
"""

import datetime
import random

from omzien.matching.scoring import Vacancy, Volunteer
from omzien.matching.vocabulary import DAY_PARTS, KINDS, VOG_ASPECTS

DOMAINS = (
    "care_welfare",
    "sport",
    "culture",
    "nature",
    "youth_education",
    "poverty_debt",
    "safety",
    "events",
    "animals",
    "board",
    "language_integration",
    "informal_care",
    "buddy",
    "transport",
    "odd_jobs",
    "church_community",
)
WORDS = (
    "tuin ouderen wandelen koffie boodschappen fietsen voorlezen kinderen huiswerk taal gesprek "
    "muziek zingen koken maaltijd vervoer rijden computer administratie penningmeester bestuur "
    "dieren honden natuur snoeien schoonmaken evenement opbouwen kassa sport training voetbal "
    "zwemmen begeleiden bezoek gezelschap spelletjes creatief schilderen bibliotheek museum "
    "rondleiding kerk buurthuis mantelzorg respijt ontlasten nieuwkomers inburgering formulieren "
    "schulden budget klussen repareren techniek fotografie website communicatie"
).split()


def localities(n: int, seed: int = 1) -> list[tuple[float, float]]:
    """``n`` village centres spread over a region of about 60 × 60 km."""
    rng = random.Random(seed)
    return [(52.2 + rng.random() * 0.55, 5.6 + rng.random() * 0.9) for _ in range(n)]


def _text(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.sample(WORDS, rng.randint(lo, hi)))


def _some(rng: random.Random, items, lo: int, hi: int) -> frozenset[str]:
    return frozenset(rng.sample(items, rng.randint(lo, hi)))


def volunteers(n: int, n_localities: int, regions: int = 1, seed: int = 2) -> list[Volunteer]:
    rng = random.Random(seed)
    today = datetime.date(2026, 11, 30)
    out = []
    for i in range(1, n + 1):
        birth = today - datetime.timedelta(days=rng.randint(14 * 365, 85 * 365))
        vog = today - datetime.timedelta(days=rng.randint(0, 1800)) if rng.random() < 0.4 else None
        out.append(
            Volunteer(
                id=i,
                region=rng.randrange(regions),
                interests=_some(rng, DOMAINS, 1, 4),
                tasks_liked=_text(rng, 0, 6),
                motivation=_text(rng, 0, 12),
                day_parts=_some(rng, DAY_PARTS, 0, 8),
                commitments=_some(rng, KINDS, 0, 3),
                locality=rng.randrange(-1, n_localities)
                if rng.random() < 0.05
                else rng.randrange(n_localities),
                travel_km=float(rng.choice((2, 5, 10, 15, 25, 50))),
                birth_date=birth if rng.random() < 0.9 else None,
                vog_issued_on=vog,
                vog_aspects=_some(rng, VOG_ASPECTS, 0, 2) if vog else frozenset(),
                vog_willing=rng.random() < 0.3,
                driving_licence=rng.random() < 0.6,
                findable_by_organisations=rng.random() < 0.5,
                active=rng.random() < 0.92,
            )
        )
    return out


def vacancies(
    n: int, n_localities: int, regions: int = 1, organisations: int = 500, seed: int = 3
) -> list[Vacancy]:
    rng = random.Random(seed)
    today = datetime.date(2026, 11, 30)
    out = []
    for i in range(1, n + 1):
        kind = rng.choice(KINDS)
        out.append(
            Vacancy(
                id=i,
                region=rng.randrange(regions),
                organisation=rng.randrange(organisations),
                start_date=today + datetime.timedelta(days=rng.randint(0, 60)),
                domains=_some(rng, DOMAINS, 1, 3),
                title=_text(rng, 1, 3),
                tasks=_text(rng, 0, 6),
                description=_text(rng, 3, 15),
                kind=kind,
                day_parts=_some(
                    rng, DAY_PARTS, 0 if kind != "one_off" else 1, 4 if kind != "one_off" else 1
                ),
                location_kind=rng.choices(("address", "at_home", "online"), (90, 5, 5))[0],
                locality=rng.randrange(n_localities),
                min_age=rng.choice((0, 0, 0, 16, 18, 21)),
                vog_required=rng.random() < 0.25,
                vog_aspects=_some(rng, VOG_ASPECTS, 0, 1),
                vog_max_age_years=rng.choice((3, 3, 3, 2, 5)),
                driving_licence=rng.random() < 0.1,
                waiting_days=rng.choice((0, 0, 0, 3, 10, 20, 40)),
                organisation_volunteers=rng.randint(0, 40),
                open=rng.random() < 0.95,
            )
        )
    return out
