"""The statistics rule (privacy.statistics): fixed periods, small groups, differencing."""

import itertools
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omzien.privacy.statistics import (
    MONTH,
    QUARTER,
    YEAR,
    Period,
    breakdown,
    linked_breakdowns,
    per_period,
    suppress,
    suppress_count,
    suppress_over_periods,
    suppress_share,
    year_tree,
)
from omzien.testing.hypothesis import examples

SIZE = 5
TREE = year_tree(2025)
PROPERTY = settings(
    max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Mostly small numbers, so that small groups and near-misses are common.
counts = st.integers(min_value=0, max_value=9) | st.integers(min_value=0, max_value=40)


def small(n: int) -> bool:
    return 0 < n < SIZE


def in_span(vectors: list[list[int]], target: list[int]) -> bool:
    """Whether ``target`` is a linear combination of ``vectors`` (exact arithmetic): what a
    reader can compute from the shown figures."""
    rows = [[Fraction(x) for x in v] for v in vectors]
    pivots = []
    for row in rows:
        for pivot_col, pivot_row in pivots:
            if row[pivot_col]:
                factor = row[pivot_col] / pivot_row[pivot_col]
                row[:] = [a - factor * b for a, b in zip(row, pivot_row, strict=True)]
        col = next((i for i, x in enumerate(row) if x), None)
        if col is not None:
            pivots.append((col, row))
    rest = [Fraction(x) for x in target]
    for pivot_col, pivot_row in pivots:
        if rest[pivot_col]:
            factor = rest[pivot_col] / pivot_row[pivot_col]
            rest = [a - factor * b for a, b in zip(rest, pivot_row, strict=True)]
    return not any(rest)


def month_vector(period: Period) -> list[int]:
    first, last = period.months
    return [1 if first <= m <= last else 0 for m in range(1, 13)]


def disjoint_sets(periods: list[Period]):
    """Every set of pairwise disjoint periods among ``periods``."""
    for n in range(len(periods) + 1):
        for combo in itertools.combinations(periods, n):
            months = [m for p in combo for m in range(p.months[0], p.months[1] + 1)]
            if len(months) == len(set(months)):
                yield combo


# --- Periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "period"),
    [
        ("2026-05", Period(2026, MONTH, 5)),
        ("2026-5", Period(2026, MONTH, 5)),
        ("2026-Q3", Period(2026, QUARTER, 3)),
        ("2026-q3", Period(2026, QUARTER, 3)),
        ("2025", Period(2025, YEAR)),
    ],
)
def test_period_codes(code, period):
    assert Period.parse(code) == period
    assert Period.parse(period.code) == period


@pytest.mark.parametrize("code", ["0001", "0001-12", "1999-Q1", "9999", "2026-13", "2026-Q5", "x"])
def test_periods_outside_the_sane_years_or_garbage_are_refused(code):
    with pytest.raises(ValueError):
        Period.parse(code)


def test_period_boundaries_are_calendar_boundaries():
    assert Period(2024, MONTH, 2).end == date(2024, 2, 29)
    assert (Period(2026, QUARTER, 3).start, Period(2026, QUARTER, 3).end) == (
        date(2026, 7, 1),
        date(2026, 9, 30),
    )
    assert Period(2025, YEAR).end == date(2025, 12, 31)


def test_the_default_period_is_the_last_quarter_that_is_over():
    assert Period.last_complete(date(2026, 11, 30)) == Period(2026, QUARTER, 3)
    assert Period.last_complete(date(2026, 1, 1)) == Period(2025, QUARTER, 4)
    assert Period.last_complete(date(2026, 1, 1), MONTH) == Period(2025, MONTH, 12)
    assert Period.last_complete(date(2026, 3, 31), YEAR) == Period(2025, YEAR)
    # The same answer every day of the quarter: waiting a day changes nothing.
    days = [date(2026, 10, d) for d in range(1, 32)]
    assert {Period.last_complete(d) for d in days} == {Period(2026, QUARTER, 3)}


# --- Point 6: zero is shown, one label for every hidden figure --------------------------------


def test_zero_is_shown_and_does_not_cost_another_row():
    """Issue 10, point 6: an empty row was hidden as a small group and took a row of 28 with
    it; the reader saw "< 5" for 28 carers."""
    table = breakdown({"young": 0, "young_adult": 28, "adult": 86, "old": 280}, min_size=SIZE)
    assert [str(f) for _label, f in table.rows] == ["0", "28", "86", "280"]
    assert str(table.total) == "394"


def test_a_group_hidden_for_another_s_sake_is_never_labelled_less_than_five():
    table = breakdown({"a": 2, "b": 28, "c": 86}, min_size=SIZE)
    shown = dict(table.rows)
    assert shown["a"].suppressed and shown["b"].suppressed
    assert "< 5" not in str(shown["b"]) and str(shown["b"]) == str(shown["a"])
    assert str(shown["c"]) == "86"


@pytest.mark.parametrize("value", [1, 2, 3, 4])
def test_counts_of_one_to_four_are_hidden(value):
    assert suppress_count(value, min_size=SIZE).suppressed


def test_zero_and_five_are_shown():
    assert str(suppress_count(0, min_size=SIZE)) == "0"
    assert str(suppress_count(5, min_size=SIZE)) == "5"


def test_two_small_hidden_rows_are_not_enough_cover_for_each_other():
    # 1 and 2 hidden next to a shown total: total − 7 − 30 = 3 people, a small group.
    cells = suppress({"a": 1, "b": 2, "c": 7, "d": 30}, total=40, min_size=SIZE)
    assert [f.suppressed for f in cells.values()] == [True, True, True, False]
    # 1 and a complement of 5: the reader knows only that each is between 1 and 5.
    cells = suppress({"a": 1, "b": 5, "c": 7, "d": 30}, total=43, min_size=SIZE)
    assert [f.suppressed for f in cells.values()] == [True, True, False, False]


def test_share_of_nobody_or_with_a_small_rest_is_hidden():
    assert suppress_share(0, 0, min_size=SIZE).suppressed
    assert suppress_share(47, 50, min_size=SIZE).suppressed
    assert str(suppress_share(0, 20, min_size=SIZE)) == "0%"
    assert str(suppress_share(10, 20, min_size=SIZE)) == "50%"


# --- Point 5: differencing over the periods a role can ask ------------------------------------


@PROPERTY
@given(monthly=st.lists(counts, min_size=12, max_size=12))
def test_no_combination_of_shown_periods_reveals_a_small_group(monthly):
    """Every period of a year a role can ask (year, quarters, months): a shown period minus
    any set of shown periods inside it is never a group of 1 to 4, and no hidden period with
    a small count can be computed from the shown ones."""
    values = per_period(dict(enumerate(monthly, start=1)), 2025)
    figures = suppress_over_periods(values, min_size=SIZE)
    shown = [p for p in TREE if not figures[p].suppressed]
    for p in shown:
        assert figures[p].value == values[p]
    for outer in shown:
        inside = [p for p in shown if p != outer and outer.contains(p)]
        for combo in disjoint_sets(inside):
            rest = values[outer] - sum(values[p] for p in combo)
            assert not small(rest), (outer, combo, rest)
    vectors = [month_vector(p) for p in shown]
    for p in TREE:
        if figures[p].suppressed and small(values[p]):
            assert not in_span(vectors, month_vector(p)), p


@PROPERTY
@given(people=st.lists(st.sets(st.integers(1, 12), min_size=1, max_size=12), max_size=40))
def test_no_pair_of_distinct_counts_reveals_a_small_group(people):
    """Distinct people per period (someone active in several months counts once): the
    difference between a shown period and a shown period inside it is a group of people."""
    values = {
        p: sum(1 for months in people if any(p.contains(Period(2025, MONTH, m)) for m in months))
        for p in TREE
    }
    figures = suppress_over_periods(values, additive=False, min_size=SIZE)
    shown = [p for p in TREE if not figures[p].suppressed]
    for outer, inner in itertools.permutations(shown, 2):
        if outer.contains(inner):
            assert not small(values[outer] - values[inner]), (outer, inner)


@PROPERTY
@given(
    rows=st.lists(counts, min_size=2, max_size=6),
    rest=st.integers(0, 6),
)
def test_no_combination_of_shown_rows_reveals_a_small_group(rows, rest):
    """A breakdown with its total: the total minus any set of shown rows is never 1 to 4, and
    no hidden small row can be computed."""
    cells = dict(enumerate(rows))
    total = sum(rows) + rest
    table = breakdown(cells, total=total, min_size=SIZE)
    figures = [f for _label, f in table.rows]
    shown = [i for i, f in enumerate(figures) if not f.suppressed]
    if not table.total.suppressed:
        for n in range(len(shown) + 1):
            for combo in itertools.combinations(shown, n):
                assert not small(total - sum(rows[i] for i in combo)), combo
    # With the rest as an unknown of its own, a hidden small row must not be computable.
    width = len(rows) + 1
    vectors = [[1 if j == i else 0 for j in range(width)] for i in shown]
    if not table.total.suppressed:
        vectors.append([1] * width)
    for i, f in enumerate(figures):
        if f.suppressed and small(rows[i]):
            assert not in_span(vectors, [1 if j == i else 0 for j in range(width)])


@PROPERTY
@given(
    monthly=st.lists(counts, min_size=12, max_size=12),
    rows=st.lists(counts, min_size=2, max_size=5),
    kind=st.sampled_from([YEAR, QUARTER, MONTH]),
)
def test_a_breakdown_and_its_total_over_the_periods_are_protected_together(monthly, rows, kind):
    """The breakdown of one period shares its total with the periods of the year."""
    # The rows break down the chosen period's total; scale them so they fit inside it.
    values = per_period(dict(enumerate(monthly, start=1)), 2025)
    period = next(p for p in TREE if p.kind == kind)
    cells = dict(enumerate(rows))
    excess = sum(rows) - values[period]
    if excess > 0:  # add the excess to the first month of the period, keeping sums right
        monthly[period.months[0] - 1] += excess
        values = per_period(dict(enumerate(monthly, start=1)), 2025)
    (table,), figures = linked_breakdowns([cells], values, period, min_size=SIZE)
    assert table.total.suppressed == figures[period].suppressed
    # Unknowns: the 12 months, and the rows of the period (with a rest: its total − rows).
    width = 12 + len(rows)

    def month_only(p):
        return month_vector(p) + [0] * len(rows)

    vectors = [month_only(p) for p in TREE if not figures[p].suppressed]
    row_vectors = [[0] * 12 + [1 if j == i else 0 for j in range(len(rows))] for i in cells]
    vectors += [v for (_l, f), v in zip(table.rows, row_vectors, strict=True) if not f.suppressed]
    for p in TREE:
        if figures[p].suppressed and small(values[p]):
            assert not in_span(vectors, month_only(p)), p
    for (_l, f), v, i in zip(table.rows, row_vectors, cells, strict=True):
        if f.suppressed and small(cells[i]):
            assert not in_span(vectors, v), i
    assert len(vectors[0]) == width
