"""One-to-one buddy pairing (maatjes) where both sides have wishes.

Two groups, side *a* (e.g. lonely residents or carers) and side *b* (buddy or respite
volunteers). A pair is *allowed* only when each accepts the other (:func:`acceptable` is empty
both ways). Each side ranks the other by its own view, :func:`fit`. The module proposes two
pairings of the allowed pairs:

* **stable**: Gale–Shapley with incomplete lists, side *a* proposing. No two people would both
  rather have each other than the buddy they got (or than having none). Ties in a ranking are
  broken by the lower id, so the result is deterministic.
* **best**: the pairing with the highest total fit, ``fit(a, b) + fit(b, a)`` summed over the
  pairs (the assignment problem, solved by ``scipy.optimize.linear_sum_assignment``).

``best_total - stable_total`` is the price of stability. Everyone left without a buddy gets the
reasons: ``no_acceptable_partner`` plus the wishes that ruled the others out (most frequent
first), or ``partners_taken`` when acceptable partners exist but are paired with others.

Pure Python, NumPy and SciPy: no Django imports. The matrices (:func:`fit_matrix`,
:func:`acceptance_matrices`) compute exactly the same numbers as the scalar functions.
"""

from dataclasses import dataclass, field

import numpy as np

# --- The weights of fit, in one place ---------------------------------------------------------
# fit(a, b) = W_INTERESTS * interests + W_DAY_PARTS * day_parts + W_DISTANCE * nearness, where
#   interests = share of a's interests that b shares (NEUTRAL when either lists none),
#   day_parts = share of a's day-parts that b is available too (NEUTRAL when either lists none),
#   nearness  = 1 / (1 + km / DISTANCE_SCALE_KM): 1 in the same village, 0.5 at 5 km, 0 unknown.
W_INTERESTS = 0.4
W_DAY_PARTS = 0.3
W_DISTANCE = 0.3
NEUTRAL = 0.5
DISTANCE_SCALE_KM = 5.0

# Reason codes: why a does not accept b (acceptable), and why someone has no buddy (pair).
GENDER = "gender"
AGE = "age"
LANGUAGE = "language"
DISTANCE = "distance"
DAY_PARTS = "day_parts"
REASONS = (GENDER, AGE, LANGUAGE, DISTANCE, DAY_PARTS)
NO_ACCEPTABLE_PARTNER = "no_acceptable_partner"
PARTNERS_TAKEN = "partners_taken"


@dataclass(frozen=True)
class Participant:
    id: int
    gender: str = ""  # "f", "m", "x" or "" (unknown)
    age: int | None = None
    languages: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    locality: int | None = None  # index into the distance table; None: unknown
    travel_km: float = 10.0
    day_parts: frozenset[str] = frozenset()
    wish_gender: frozenset[str] = frozenset()  # empty: no wish
    wish_age_min: int | None = None
    wish_age_max: int | None = None
    wish_languages: frozenset[str] = frozenset()  # empty: no wish; else one in common


@dataclass
class PairingResult:
    stable: list[tuple[int, int]]  # (a.id, b.id), ordered by a.id
    stable_total: float
    best: list[tuple[int, int]]
    best_total: float
    # ("a" | "b", id) -> reason codes, for the stable pairing
    unpaired: dict[tuple[str, int], list[str]]
    # the same for the best pairing
    best_unpaired: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    # (a.id, b.id) -> (fit(a, b), fit(b, a)) for every pair in stable or best
    fits: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)


# --- Scalar definitions (the reference) -------------------------------------------------------


def km_between(a: Participant, b: Participant, distances: np.ndarray) -> float:
    """Kilometres between the two localities; ``inf`` when one is unknown."""
    if a.locality is None or b.locality is None:
        return float("inf")
    return float(distances[a.locality, b.locality])


def acceptable(a: Participant, b: Participant, distances: np.ndarray) -> list[str]:
    """Reason codes why ``a`` does NOT accept ``b`` as a buddy; empty when ``a`` does.

    An unknown gender or age does not meet a wish about it; an unknown locality is never
    within travelling distance. Day-parts need one in common only when both list some.
    """
    reasons = []
    if a.wish_gender and b.gender not in a.wish_gender:
        reasons.append(GENDER)
    if (a.wish_age_min is not None or a.wish_age_max is not None) and (
        b.age is None
        or (a.wish_age_min is not None and b.age < a.wish_age_min)
        or (a.wish_age_max is not None and b.age > a.wish_age_max)
    ):
        reasons.append(AGE)
    if a.wish_languages and not (a.wish_languages & b.languages):
        reasons.append(LANGUAGE)
    if not km_between(a, b, distances) <= a.travel_km:
        reasons.append(DISTANCE)
    if a.day_parts and b.day_parts and not (a.day_parts & b.day_parts):
        reasons.append(DAY_PARTS)
    return reasons


def allowed(a: Participant, b: Participant, distances: np.ndarray) -> bool:
    """Each accepts the other."""
    return not acceptable(a, b, distances) and not acceptable(b, a, distances)


def _share(mine: frozenset, theirs: frozenset) -> float:
    if not mine or not theirs:
        return NEUTRAL
    return len(mine & theirs) / len(mine)


def fit(a: Participant, b: Participant, distances: np.ndarray) -> float:
    """``a``'s view of ``b``, from 0 to 1 (see the weights at the top of the module)."""
    nearness = 1.0 / (1.0 + km_between(a, b, distances) / DISTANCE_SCALE_KM)
    return (
        W_INTERESTS * _share(a.interests, b.interests)
        + W_DAY_PARTS * _share(a.day_parts, b.day_parts)
        + W_DISTANCE * nearness
    )


# --- The same as matrices ---------------------------------------------------------------------


def _incidence(people: list[Participant], attr: str, vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(people), max(len(vocabulary), 1)))
    for row, person in enumerate(people):
        for item in getattr(person, attr):
            matrix[row, vocabulary[item]] = 1.0
    return matrix


def _common(xs, x_attr: str, ys, y_attr: str) -> np.ndarray:
    """How many items of each x's ``x_attr`` are in each y's ``y_attr`` (exact counts)."""
    items = set().union(*(getattr(p, x_attr) for p in xs), *(getattr(p, y_attr) for p in ys))
    vocabulary = {item: index for index, item in enumerate(sorted(items))}
    return _incidence(xs, x_attr, vocabulary) @ _incidence(ys, y_attr, vocabulary).T


def _km(xs: list[Participant], ys: list[Participant], distances: np.ndarray) -> np.ndarray:
    table = np.asarray(distances, dtype=float)
    n = table.shape[0]
    padded = np.full((n + 1, n + 1), np.inf)  # the last row and column: unknown locality
    padded[:n, :n] = table
    lx = np.array([n if p.locality is None else p.locality for p in xs], dtype=np.intp)
    ly = np.array([n if p.locality is None else p.locality for p in ys], dtype=np.intp)
    return padded[np.ix_(lx, ly)]


def _share_matrix(common: np.ndarray, mine: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    known = (mine[:, None] > 0) & (theirs[None, :] > 0)
    denominator = np.broadcast_to(np.where(mine > 0, mine, 1.0)[:, None], common.shape)
    return np.where(known, common / denominator, NEUTRAL)


def _sizes(people, attr) -> np.ndarray:
    return np.array([len(getattr(p, attr)) for p in people], dtype=float)


def fit_matrix(xs: list[Participant], ys: list[Participant], distances: np.ndarray) -> np.ndarray:
    """``[i, j] = fit(xs[i], ys[j], distances)``, exactly."""
    interests = _share_matrix(
        _common(xs, "interests", ys, "interests"), _sizes(xs, "interests"), _sizes(ys, "interests")
    )
    day_parts = _share_matrix(
        _common(xs, "day_parts", ys, "day_parts"), _sizes(xs, "day_parts"), _sizes(ys, "day_parts")
    )
    nearness = 1.0 / (1.0 + _km(xs, ys, distances) / DISTANCE_SCALE_KM)
    return W_INTERESTS * interests + W_DAY_PARTS * day_parts + W_DISTANCE * nearness


def acceptance_matrices(
    xs: list[Participant], ys: list[Participant], distances: np.ndarray
) -> dict[str, np.ndarray]:
    """Per reason code, ``[i, j]`` is True when ``xs[i]`` does not accept ``ys[j]`` for it."""
    shape = (len(xs), len(ys))
    genders = sorted({p.gender for p in ys} | {g for p in xs for g in p.wish_gender})
    gender_index = {g: k for k, g in enumerate(genders)}
    wish = np.zeros((len(xs), max(len(genders), 1)), dtype=bool)
    for row, person in enumerate(xs):
        for g in person.wish_gender:
            wish[row, gender_index[g]] = True
    y_gender = np.array([gender_index[p.gender] for p in ys], dtype=np.intp)
    has_gender_wish = np.array([bool(p.wish_gender) for p in xs], dtype=bool)
    gender = has_gender_wish[:, None] & ~wish[:, y_gender]

    big = np.iinfo(np.int64).max
    lo = np.array([-1 if p.wish_age_min is None else p.wish_age_min for p in xs], dtype=np.int64)
    hi = np.array([big if p.wish_age_max is None else p.wish_age_max for p in xs], dtype=np.int64)
    has_age_wish = np.array(
        [p.wish_age_min is not None or p.wish_age_max is not None for p in xs], dtype=bool
    )
    age_known = np.array([p.age is not None for p in ys], dtype=bool)
    y_age = np.array([0 if p.age is None else p.age for p in ys], dtype=np.int64)
    outside = (y_age[None, :] < lo[:, None]) | (y_age[None, :] > hi[:, None])
    age = has_age_wish[:, None] & (~age_known[None, :] | outside)

    has_language_wish = _sizes(xs, "wish_languages") > 0
    language = has_language_wish[:, None] & (_common(xs, "wish_languages", ys, "languages") == 0)

    travel = np.array([p.travel_km for p in xs], dtype=float)
    distance = ~(_km(xs, ys, distances) <= travel[:, None])

    both = (_sizes(xs, "day_parts") > 0)[:, None] & (_sizes(ys, "day_parts") > 0)[None, :]
    day_parts = both & (_common(xs, "day_parts", ys, "day_parts") == 0)

    return {
        GENDER: gender.reshape(shape),
        AGE: age.reshape(shape),
        LANGUAGE: language.reshape(shape),
        DISTANCE: distance.reshape(shape),
        DAY_PARTS: day_parts.reshape(shape),
    }


def acceptance_matrix(xs, ys, distances) -> np.ndarray:
    """``[i, j]`` is True when ``acceptable(xs[i], ys[j])`` is empty."""
    refusals = acceptance_matrices(xs, ys, distances)
    return ~np.logical_or.reduce(list(refusals.values()))


# --- The two pairings -------------------------------------------------------------------------


def _gale_shapley(allowed_ab: np.ndarray, fit_ab: np.ndarray, fit_ba: np.ndarray) -> list[int]:
    """Side a proposes; returns for each a the index of its b, or -1. Ties: lower index first."""
    n_a = allowed_ab.shape[0]
    if n_a == 0 or allowed_ab.shape[1] == 0:
        return [-1] * n_a
    key = np.where(allowed_ab, -fit_ab, np.inf)
    order = np.argsort(key, axis=1, kind="stable")
    counts = allowed_ab.sum(axis=1)
    prefs = [order[i, : counts[i]].tolist() for i in range(n_a)]
    b_view = fit_ba.tolist()  # b_view[j][i] = fit(b_j, a_i)
    match_a = [-1] * n_a
    match_b = [-1] * allowed_ab.shape[1]
    next_choice = [0] * n_a
    free = [i for i in range(n_a - 1, -1, -1) if prefs[i]]
    while free:
        i = free.pop()
        choices = prefs[i]
        k = next_choice[i]
        while k < len(choices):
            j = choices[k]
            k += 1
            current = match_b[j]
            if current == -1:
                match_b[j], match_a[i] = i, j
                break
            view = b_view[j]
            if view[i] > view[current] or (view[i] == view[current] and i < current):
                match_b[j], match_a[i] = i, j
                match_a[current] = -1
                free.append(current)
                break
        next_choice[i] = k
    return match_a


def _max_total(allowed_ab: np.ndarray, weight: np.ndarray) -> list[int]:
    """For each a the index of its b in a pairing of allowed pairs with the highest total."""
    n_a, n_b = allowed_ab.shape
    match_a = [-1] * n_a
    rows = np.flatnonzero(allowed_ab.any(axis=1))
    cols = np.flatnonzero(allowed_ab.any(axis=0))
    if len(rows) == 0:
        return match_a
    sub_allowed = allowed_ab[np.ix_(rows, cols)]
    # Allowed fits are >= 0, so a zero for a forbidden pair never beats leaving it out; the
    # forbidden pairs the solver needs to fill a full assignment are dropped afterwards.
    sub = np.where(sub_allowed, weight[np.ix_(rows, cols)], 0.0)
    # Imported here: SciPy's optimiser costs half a second at import, and every process that
    # loads the buddies services (each web worker, each manage.py command) would pay it.
    from scipy.optimize import linear_sum_assignment

    r, c = linear_sum_assignment(sub, maximize=True)
    for i, j in zip(r.tolist(), c.tolist(), strict=True):
        if sub_allowed[i, j]:
            match_a[int(rows[i])] = int(cols[j])
    return match_a


def _reasons(
    unmatched_a: list[int],
    unmatched_b: list[int],
    allowed_ab: np.ndarray,
    refusals: dict[str, np.ndarray],
    side_a: list[Participant],
    side_b: list[Participant],
) -> dict[tuple[str, int], list[str]]:
    result: dict[tuple[str, int], list[str]] = {}
    for side, indexes, people, axis in (
        ("a", unmatched_a, side_a, 1),
        ("b", unmatched_b, side_b, 0),
    ):
        if not indexes:
            continue
        index = np.array(indexes, dtype=np.intp)
        if axis == 1:
            has_partner = allowed_ab[index].any(axis=1)
            counts = {code: m[index].sum(axis=1) for code, m in refusals.items()}
        else:
            has_partner = allowed_ab[:, index].any(axis=0)
            counts = {code: m[:, index].sum(axis=0) for code, m in refusals.items()}
        for k, i in enumerate(indexes):
            if has_partner[k]:
                reasons = [PARTNERS_TAKEN]
            else:
                ruled_out = [(-int(counts[code][k]), n, code) for n, code in enumerate(REASONS)]
                reasons = [NO_ACCEPTABLE_PARTNER] + [
                    code for count, _n, code in sorted(ruled_out) if count < 0
                ]
            result[(side, people[i].id)] = reasons
    return result


def pair(
    side_a: list[Participant], side_b: list[Participant], distances: np.ndarray
) -> PairingResult:
    """The stable and the best pairing of the two sides, their totals and who stays unpaired."""
    for side in (side_a, side_b):
        if len({p.id for p in side}) != len(side):
            raise ValueError("participant ids must be unique within a side")
    people_a = sorted(side_a, key=lambda p: p.id)
    people_b = sorted(side_b, key=lambda p: p.id)
    refuse_ab = acceptance_matrices(people_a, people_b, distances)
    refuse_ba = acceptance_matrices(people_b, people_a, distances)
    # Either direction rules a pair out; per reason, as seen from side a's rows.
    refusals = {code: refuse_ab[code] | refuse_ba[code].T for code in REASONS}
    allowed_ab = ~np.logical_or.reduce(list(refusals.values()))
    fit_ab = fit_matrix(people_a, people_b, distances)
    fit_ba = fit_matrix(people_b, people_a, distances)
    weight = fit_ab + fit_ba.T

    def summary(match_a: list[int]):
        pairs = [(people_a[i].id, people_b[j].id) for i, j in enumerate(match_a) if j >= 0]
        total = float(sum(weight[i, j] for i, j in enumerate(match_a) if j >= 0))
        taken = {j for j in match_a if j >= 0}
        unpaired = _reasons(
            [i for i, j in enumerate(match_a) if j < 0],
            [j for j in range(len(people_b)) if j not in taken],
            allowed_ab,
            refusals,
            people_a,
            people_b,
        )
        fits = {
            (people_a[i].id, people_b[j].id): (float(fit_ab[i, j]), float(fit_ba[j, i]))
            for i, j in enumerate(match_a)
            if j >= 0
        }
        return pairs, total, unpaired, fits

    stable, stable_total, unpaired, fits = summary(_gale_shapley(allowed_ab, fit_ab, fit_ba))
    best, best_total, best_unpaired, best_fits = summary(_max_total(allowed_ab, weight))
    return PairingResult(
        stable=stable,
        stable_total=stable_total,
        best=best,
        best_total=best_total,
        unpaired=unpaired,
        best_unpaired=best_unpaired,
        fits={**fits, **best_fits},
    )
