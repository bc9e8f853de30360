"""What makes a volunteer and a vacancy fit: hard requirements, the scored parts and their weights.

This module is the single definition of the score. ``score_pair`` computes it for one pair in
plain Python: it is the reference implementation, used to explain a suggestion (the reasons come
from its parts) and, in tests and the benchmark, to check the vectorised engine, which performs
exactly the same floating-point operations on arrays.
"""

import datetime
import functools
import math
from dataclasses import dataclass, field

import numpy as np

from omzien.matching import text
from omzien.matching.vocabulary import DAY_PARTS, REMOTE, VOG_ASPECTS, check_codes

# --- Weights: the one place that says how much each part counts (they add up to 1) --------
WEIGHTS: dict[str, float] = {
    # What the volunteer asked for counts most (0.75 together): their interests and the tasks
    # they like first, then the kind of commitment and the day-parts they said they want.
    "interests": 0.30,  # share of the vacancy's domains the volunteer is interested in
    "tasks": 0.20,  # similarity of the tasks the volunteer likes and the vacancy's tasks
    "day_parts": 0.10,  # share of the vacancy's day-parts the volunteer is available
    "distance": 0.10,  # decays with the kilometres between the two localities
    "commitment": 0.15,  # the volunteer wants this kind of commitment
    "text": 0.05,  # similarity of the motivation and the vacancy description
    # The boosts count only for a pair that fits what the volunteer asked for (interests or
    # tasks in common): they order fitting work, they never push other work forward.
    "waiting": 0.05,  # boost: the vacancy has waited long without any response
    "small_organisation": 0.05,  # boost: the organisation has few volunteers at work
}
# The order of the parts (the order of WEIGHTS) is the order both implementations add them in.
PARTS = tuple(WEIGHTS)
DISTANCE_SCALE_KM = 8.0  # the distance part is exp(-km / 8): 1.0 next door, 0.37 at 8 km
WAITING_FULL_DAYS = 28  # the waiting boost is full after 28 days without a response
SMALL_ORGANISATION_HALF = 5  # an organisation with 5 volunteers at work gets half the boost
NO_DATE = -1  # ordinal for "unknown" birth dates and VOG dates
# Work at fixed day-parts: no day-part in common with the volunteer is a hard requirement. A
# one-off task's day-parts are those of its date and time (``vocabulary.day_parts_between``).
FIXED_TIMES = frozenset({"structural", "one_off"})

DAY_PART_BIT = {code: 1 << i for i, code in enumerate(DAY_PARTS)}


@dataclass(frozen=True)
class Volunteer:
    """A volunteer profile as the engine sees it."""

    id: int
    region: int
    municipality: int = 0
    interests: frozenset[str] = frozenset()
    tasks_liked: str = ""
    motivation: str = ""
    day_parts: frozenset[str] = frozenset()
    commitments: frozenset[str] = frozenset()
    locality: int = -1  # index into the distance table; -1 unknown
    travel_km: float = 10.0
    birth_date: datetime.date | None = None
    vog_issued_on: datetime.date | None = None  # the volunteer's VOG; None: none recorded
    vog_aspects: frozenset[str] = frozenset()  # the function aspects it covers
    vog_willing: bool = False  # willing to request a VOG when an organisation asks
    driving_licence: bool = False
    findable_by_organisations: bool = False
    active: bool = True  # not paused
    task_terms: frozenset[str] = field(default=frozenset(), compare=False)
    motivation_terms: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self):
        object.__setattr__(self, "task_terms", text.terms(self.tasks_liked))
        object.__setattr__(self, "motivation_terms", text.terms(self.motivation))


@dataclass(frozen=True)
class Vacancy:
    """An open vacancy as the engine sees it."""

    id: int
    region: int
    organisation: int
    start_date: datetime.date  # the day age and VOG are checked on
    domains: frozenset[str] = frozenset()
    title: str = ""
    tasks: str = ""
    description: str = ""
    kind: str = "structural"
    day_parts: frozenset[str] = frozenset()
    location_kind: str = "address"
    locality: int = -1
    min_age: int = 0
    vog_required: bool = False
    vog_aspects: frozenset[str] = frozenset()  # the aspects the VOG must cover; empty: any
    vog_max_age_years: int = 3  # how old the VOG may be on the start date
    driving_licence: bool = False
    waiting_days: int = 0  # days published without any response (0 once someone responded)
    organisation_volunteers: int = 0  # placements running at the organisation
    open: bool = True  # published, within its period, and places left
    task_terms: frozenset[str] = field(default=frozenset(), compare=False)
    description_terms: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self):
        object.__setattr__(self, "task_terms", text.terms(f"{self.title} {self.tasks}"))
        object.__setattr__(self, "description_terms", text.terms(self.description))


@dataclass(frozen=True)
class Part:
    """One named part of a score: its value in [0, 1], what it adds, and what made it."""

    name: str
    value: float
    points: float
    detail: tuple = ()


@dataclass(frozen=True)
class Score:
    volunteer_id: int
    vacancy_id: int
    total: float
    parts: tuple[Part, ...]

    def part(self, name: str) -> Part:
        return next(p for p in self.parts if p.name == name)


class Tables:
    """Distances shared by the engine and the reference, so both see the same numbers."""

    def __init__(self, distances: np.ndarray):
        self.km = np.asarray(distances, dtype=np.float64)

    # Computed when first needed: a process that maps a snapshot's tables (``snapshot``) and
    # only runs the engine's queries never pays for them.
    @functools.cached_property
    def proximity(self) -> np.ndarray:
        return np.exp(-self.km / DISTANCE_SCALE_KM)

    @functools.cached_property
    def km_list(self) -> list:
        return self.km.tolist()

    @functools.cached_property
    def proximity_list(self) -> list:
        return self.proximity.tolist()


# --- Encodings used by both implementations -------------------------------------------------


def day_mask(codes) -> int:
    check_codes("day-part", codes, DAY_PART_BIT)
    mask = 0
    for code in codes:
        mask |= DAY_PART_BIT[code]
    return mask


def latest_birth_ordinal(start: datetime.date, min_age: int) -> int:
    """The last birth date (as ordinal) of someone who is ``min_age`` on ``start``."""
    if min_age <= 0:
        return datetime.date.max.toordinal()
    try:
        day = start.replace(year=start.year - min_age)
    except ValueError:  # 29 February
        day = start.replace(year=start.year - min_age, day=28)
    return day.toordinal()


def earliest_issue_ordinal(start: datetime.date, max_age_years: int) -> int:
    """The first issue date (as ordinal) of a VOG that is at most ``max_age_years`` old on
    ``start``."""
    try:
        day = start.replace(year=start.year - max_age_years)
    except ValueError:  # 29 February
        day = start.replace(year=start.year - max_age_years, day=28)
    return day.toordinal()


def aspect_mask(codes) -> int:
    return sum(1 << VOG_ASPECTS.index(code) for code in set(codes))


def vog_fits(vol: Volunteer, vac: Vacancy) -> bool:
    """The volunteer's VOG is young enough on the start date and covers the aspects asked."""
    return (
        vol.vog_issued_on is not None
        and vol.vog_issued_on.toordinal()
        >= earliest_issue_ordinal(vac.start_date, vac.vog_max_age_years)
        and vac.vog_aspects <= vol.vog_aspects
    )


def vog_acceptable(vol: Volunteer, vac: Vacancy) -> bool:
    """A vacancy that needs a VOG is offered to volunteers with a fitting VOG and to those
    willing to request one (organisations usually request it after selecting someone)."""
    return not vac.vog_required or vol.vog_willing or vog_fits(vol, vac)


def ordinal(day: datetime.date | None) -> int:
    return day.toordinal() if day else NO_DATE


def waiting_value(days: int) -> float:
    return min(days / WAITING_FULL_DAYS, 1.0)


def interest_value(share):
    """Work in one of the volunteer's interests gets at least half the part, the share of the
    vacancy's domains among the interests adds the other half (floats or arrays alike; 0 when
    no domain matches)."""
    return (1.0 + share) / 2.0


def small_organisation_value(volunteers: int) -> float:
    return 1.0 / (1.0 + volunteers / SMALL_ORGANISATION_HALF)


def add_points(values: list) -> object:
    """Weighted sum of the part values in a fixed order (floats or NumPy arrays alike)."""
    total = WEIGHTS[PARTS[0]] * values[0]
    for name, value in zip(PARTS[1:], values[1:], strict=True):
        total = total + WEIGHTS[name] * value
    return total


# --- The reference: one pair at a time ------------------------------------------------------


def hard_failures(vol: Volunteer, vac: Vacancy, tables: Tables) -> list[str]:
    """The hard requirements this pair breaks (empty: the pair may be suggested)."""
    failures = []
    if not vol.active:
        failures.append("profile_inactive")
    if not vac.open:
        failures.append("vacancy_closed")
    if vol.region != vac.region:
        failures.append("region")
    if vac.min_age > 0 and (
        vol.birth_date is None
        or vol.birth_date.toordinal() > latest_birth_ordinal(vac.start_date, vac.min_age)
    ):
        failures.append("age")
    if not vog_acceptable(vol, vac):
        failures.append("vog")
    if vac.driving_licence and not vol.driving_licence:
        failures.append("driving_licence")
    if vac.location_kind not in REMOTE:
        km = (
            tables.km_list[vol.locality][vac.locality]
            if min(vol.locality, vac.locality) >= 0
            else math.inf
        )
        if km > vol.travel_km:
            failures.append("distance")
    if vac.kind in FIXED_TIMES and vac.day_parts and not (vac.day_parts & vol.day_parts):
        failures.append("day_parts")
    return failures


def score_pair(vol: Volunteer, vac: Vacancy, tables: Tables) -> Score | None:
    """The score of one pair with its parts, or None when a hard requirement is broken."""
    if hard_failures(vol, vac, tables):
        return None
    interests = tuple(sorted(vol.interests & vac.domains))
    interests_value = interest_value(len(interests) / len(vac.domains)) if interests else 0.0
    common_tasks = vol.task_terms & vac.task_terms
    tasks_value = text.similarity(len(common_tasks), len(vol.task_terms), len(vac.task_terms))
    if vac.day_parts:
        common_days = tuple(c for c in DAY_PARTS if c in vac.day_parts and c in vol.day_parts)
        days_value = len(common_days) / len(vac.day_parts)
    else:
        common_days, days_value = (), 1.0
    if vac.location_kind in REMOTE:
        distance_value, distance_detail = 1.0, (vac.location_kind,)
    else:
        distance_value = tables.proximity_list[vol.locality][vac.locality]
        distance_detail = (tables.km_list[vol.locality][vac.locality],)
    commitment_value = 1.0 if vac.kind in vol.commitments else 0.0
    common_text = vol.motivation_terms & vac.description_terms
    text_value = text.similarity(
        len(common_text), len(vol.motivation_terms), len(vac.description_terms)
    )
    fits = interests_value > 0 or tasks_value > 0
    waiting = waiting_value(vac.waiting_days) if fits else 0.0
    small = small_organisation_value(vac.organisation_volunteers) if fits else 0.0
    values = [
        interests_value,
        tasks_value,
        days_value,
        distance_value,
        commitment_value,
        text_value,
        waiting,
        small,
    ]
    details = [
        interests,
        tuple(sorted(common_tasks)),
        common_days,
        distance_detail,
        (vac.kind,),
        tuple(sorted(common_text)),
        (vac.waiting_days,),
        (vac.organisation_volunteers,),
    ]
    parts = tuple(
        Part(name, value, WEIGHTS[name] * value, detail)
        for name, value, detail in zip(PARTS, values, details, strict=True)
    )
    return Score(vol.id, vac.id, add_points(values), parts)


def rank(scores: list[Score], k: int, key: str = "vacancy_id") -> list[Score]:
    """Best first; equal totals by the lower id (the engine breaks ties the same way)."""
    return sorted(scores, key=lambda s: (-s.total, getattr(s, key)))[:k]


def reference_for_volunteer(
    vol: Volunteer, vacancies, tables: Tables, k: int = 10, exclude=frozenset()
) -> list[Score]:
    """The top ``k`` vacancies for a volunteer by a plain loop over every pair."""
    scores = []
    for vac in vacancies:
        if vac.id in exclude:
            continue
        score = score_pair(vol, vac, tables)
        if score is not None:
            scores.append(score)
    return rank(scores, k)


def reference_for_vacancy(
    vac: Vacancy,
    volunteers,
    tables: Tables,
    k: int = 10,
    findable_only=True,
    exclude=frozenset(),
    municipalities=None,
) -> list[Score]:
    """The top ``k`` volunteers for a vacancy by a plain loop over every pair."""
    scores = []
    for vol in volunteers:
        if vol.id in exclude or (findable_only and not vol.findable_by_organisations):
            continue
        if municipalities is not None and vol.municipality not in municipalities:
            continue
        score = score_pair(vol, vac, tables)
        if score is not None:
            scores.append(score)
    return rank(scores, k, key="volunteer_id")
