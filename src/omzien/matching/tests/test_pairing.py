"""The buddy pairing core: hard wishes, stability, the best total and the reasons. No database."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omzien.matching import pairing
from omzien.matching.pairing import Participant, acceptable, fit, pair
from omzien.testing.hypothesis import examples

# Three villages: 0 and 1 are 4 km apart, 2 is 30 km from both.
KM = np.array([[0.0, 4.0, 30.0], [4.0, 0.0, 30.0], [30.0, 30.0, 0.0]])

LANGS = ["nl", "en", "ar"]
INTERESTS = ["sport", "culture", "nature", "animals"]
DAY_PARTS = ["mon_morning", "tue_afternoon", "wed_evening", "sat_morning"]


def subset(items):
    return st.frozensets(st.sampled_from(items), max_size=len(items))


@st.composite
def participants(draw, ids):
    pid = draw(ids)
    low = draw(st.none() | st.integers(18, 60))
    high = draw(st.none() | st.integers(40, 90))
    return Participant(
        id=pid,
        gender=draw(st.sampled_from(["f", "m", "x", ""])),
        age=draw(st.none() | st.integers(16, 95)),
        languages=draw(subset(LANGS)),
        interests=draw(subset(INTERESTS)),
        locality=draw(st.none() | st.integers(0, 2)),
        travel_km=draw(st.sampled_from([0.0, 3.0, 5.0, 40.0])),
        day_parts=draw(subset(DAY_PARTS)),
        wish_gender=draw(st.sampled_from([frozenset(), frozenset({"f"}), frozenset({"f", "m"})])),
        wish_age_min=low,
        wish_age_max=high,
        wish_languages=draw(st.sampled_from([frozenset(), frozenset({"nl"}), frozenset(LANGS)])),
    )


def side(offset, max_size=6):
    return st.lists(
        participants(st.integers(offset, offset + 50)),
        max_size=max_size,
        unique_by=lambda person: person.id,
    )


SETTINGS = settings(
    max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def by_id(people):
    return {person.id: person for person in people}


def is_allowed(a, b):
    return not acceptable(a, b, KM) and not acceptable(b, a, KM)


@SETTINGS
@given(side(0), side(1000))
def test_no_pair_breaks_a_hard_wish_and_everyone_is_accounted_for(side_a, side_b):
    result = pair(side_a, side_b, KM)
    a, b = by_id(side_a), by_id(side_b)
    for pairs, unpaired in ((result.stable, result.unpaired), (result.best, result.best_unpaired)):
        assert all(is_allowed(a[x], b[y]) for x, y in pairs)
        assert len({x for x, _y in pairs}) == len(pairs) == len({y for _x, y in pairs})
        paired = {("a", x) for x, _y in pairs} | {("b", y) for _x, y in pairs}
        everyone = {("a", x) for x in a} | {("b", y) for y in b}
        assert paired | set(unpaired) == everyone
        assert not paired & set(unpaired)
        assert all(unpaired.values())


@SETTINGS
@given(side(0), side(1000))
def test_stable_pairing_has_no_blocking_pair(side_a, side_b):
    result = pair(side_a, side_b, KM)
    partner_of_a = dict(result.stable)
    partner_of_b = {y: x for x, y in result.stable}
    a, b = by_id(side_a), by_id(side_b)
    for x, y in itertools.product(a, b):
        if not is_allowed(a[x], b[y]) or partner_of_a.get(x) == y:
            continue
        current_b = partner_of_a.get(x)
        current_a = partner_of_b.get(y)
        a_rather = current_b is None or fit(a[x], b[y], KM) > fit(a[x], b[current_b], KM)
        b_rather = current_a is None or fit(b[y], a[x], KM) > fit(b[y], a[current_a], KM)
        assert not (a_rather and b_rather), (x, y)


@SETTINGS
@given(side(0), side(1000))
def test_best_total_is_at_least_the_stable_total_and_totals_add_up(side_a, side_b):
    result = pair(side_a, side_b, KM)
    a, b = by_id(side_a), by_id(side_b)
    assert result.best_total >= result.stable_total - 1e-9
    for pairs, total in ((result.stable, result.stable_total), (result.best, result.best_total)):
        expected = sum(fit(a[x], b[y], KM) + fit(b[y], a[x], KM) for x, y in pairs)
        assert total == pytest.approx(expected)
        for x, y in pairs:
            assert result.fits[(x, y)] == (fit(a[x], b[y], KM), fit(b[y], a[x], KM))


@settings(max_examples=examples(8), deadline=None)
@given(side(0, max_size=5), side(1000, max_size=5))
def test_best_total_is_the_highest_possible(side_a, side_b):
    result = pair(side_a, side_b, KM)
    best = 0.0
    for k in range(min(len(side_a), len(side_b)) + 1):
        for xs in itertools.combinations(side_a, k):
            for ys in itertools.permutations(side_b, k):
                if all(is_allowed(x, y) for x, y in zip(xs, ys, strict=True)):
                    total = sum(fit(x, y, KM) + fit(y, x, KM) for x, y in zip(xs, ys, strict=True))
                    best = max(best, total)
    assert result.best_total == pytest.approx(best)


@SETTINGS
@given(side(0, max_size=8), side(1000, max_size=8))
def test_matrices_equal_the_scalar_functions_exactly(xs, ys):
    fits = pairing.fit_matrix(xs, ys, KM)
    refusals = pairing.acceptance_matrices(xs, ys, KM)
    accepts = pairing.acceptance_matrix(xs, ys, KM)
    for (i, x), (j, y) in itertools.product(enumerate(xs), enumerate(ys)):
        assert fits[i, j] == fit(x, y, KM)
        reasons = acceptable(x, y, KM)
        assert [code for code in pairing.REASONS if refusals[code][i, j]] == reasons
        assert bool(accepts[i, j]) == (not reasons)


def test_fit_weights_make_one_and_a_perfect_buddy_scores_one():
    assert pytest.approx(1.0) == pairing.W_INTERESTS + pairing.W_DAY_PARTS + pairing.W_DISTANCE
    a = Participant(1, interests=frozenset({"sport"}), day_parts=frozenset({"mon_morning"}))
    a = Participant(**{**a.__dict__, "locality": 0})
    b = Participant(2, interests=frozenset({"sport"}), day_parts=frozenset({"mon_morning"}))
    b = Participant(**{**b.__dict__, "locality": 0})
    assert fit(a, b, KM) == pytest.approx(1.0)
    far = Participant(**{**b.__dict__, "locality": 2})
    assert fit(a, far, KM) < fit(a, b, KM)


def test_each_hard_wish_gives_its_reason():
    a = Participant(
        1,
        locality=0,
        travel_km=5,
        day_parts=frozenset({"mon_morning"}),
        wish_gender=frozenset({"f"}),
        wish_age_min=60,
        wish_languages=frozenset({"ar"}),
    )
    b = Participant(
        2,
        gender="m",
        age=30,
        languages=frozenset({"nl"}),
        locality=2,
        day_parts=frozenset({"tue_afternoon"}),
    )
    assert acceptable(a, b, KM) == ["gender", "age", "language", "distance", "day_parts"]
    fine = Participant(
        3,
        gender="f",
        age=70,
        languages=frozenset({"ar", "nl"}),
        locality=1,
        day_parts=frozenset({"mon_morning"}),
    )
    assert acceptable(a, fine, KM) == []
    # Unknown gender, age or locality do not meet a wish about them.
    unknown = Participant(4, languages=frozenset({"ar"}))
    assert acceptable(a, unknown, KM) == ["gender", "age", "distance"]


def test_stable_and_best_can_differ_and_the_price_of_stability_shows():
    # a1 and b1 live in village 0 and prefer each other; a2 only travels within village 0.
    a1 = Participant(1, locality=0, travel_km=5)
    a2 = Participant(2, locality=0, travel_km=0)
    b1 = Participant(11, locality=0, travel_km=5)
    b2 = Participant(12, locality=1, travel_km=5)
    result = pair([a1, a2], [b1, b2], KM)
    assert result.stable == [(1, 11)]
    assert result.best == [(1, 12), (2, 11)]
    assert result.best_total > result.stable_total
    assert result.unpaired == {("a", 2): ["partners_taken"], ("b", 12): ["partners_taken"]}
    assert result.best_unpaired == {}


def test_unpaired_reasons():
    km = np.zeros((1, 1))
    a1 = Participant(1, locality=0, gender="f")
    a2 = Participant(2, locality=0, gender="m")
    lonely = Participant(3, locality=0, wish_gender=frozenset({"x"}), wish_languages={"ti"})
    b1 = Participant(11, locality=0, gender="f")
    result = pair([a1, a2, lonely], [b1], km)
    assert result.stable == [(1, 11)]
    assert result.unpaired == {
        ("a", 2): ["partners_taken"],
        ("a", 3): ["no_acceptable_partner", "gender", "language"],
    }


def test_side_a_proposes_and_ties_go_to_the_lower_id():
    km = np.zeros((1, 1))
    result = pair(
        [Participant(5, locality=0), Participant(2, locality=0)],
        [Participant(9, locality=0), Participant(7, locality=0)],
        km,
    )
    assert result.stable == [(2, 7), (5, 9)]


def test_duplicate_ids_are_refused_and_empty_sides_work():
    with pytest.raises(ValueError):
        pair([Participant(1), Participant(1)], [], KM)
    result = pair([], [Participant(1, locality=0)], KM)
    assert result.stable == [] and result.best == []
    assert result.unpaired == {("b", 1): ["no_acceptable_partner"]}
