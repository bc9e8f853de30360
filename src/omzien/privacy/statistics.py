"""The statistics rule for every figure shown to people who may not see the records.

One rule, used by every capability and by the policy monitor (docs/privacy.md, "Statistics";
definitions per figure in docs/indicators.md):

1. **Fixed periods.** Figures are asked for whole calendar months, quarters or years that
   are over (:class:`Period`); never for any start and end day, and never for a period that
   is still running. Two periods are then either nested (a month in its quarter and year) or
   apart, so a request cannot be shifted by a day to isolate one person, and waiting a day
   does not change a figure.
2. **Small groups are hidden.** A count of 1 up to ``OMZIEN_MIN_GROUP_SIZE`` − 1 (default
   1–4) is hidden. Zero is shown: it is nobody, and hiding it would only force other figures
   to be hidden next to it.
3. **Complementary suppression, over everything a role can ask.** Where figures add up — the
   rows of a table to its total, months to their quarter and quarters to their year — the
   hidden parts of a shown figure must not be workable out by subtraction: together they are
   0, or at least the threshold plus one for each further hidden part, so that no hidden part
   can be pinned to a number from 1 to 4. When that fails, the smallest visible part that
   fixes it is hidden too (or, when none does, the shown figure itself). For counts of
   distinct people that do not add up (people screened in a quarter and in its year), the
   difference between a period and a period inside it is a group too: it is 0 or at least
   the threshold, or the inner figure is hidden. The decision is taken for the whole year
   at once, so every request for a period of that year gets the same answer.
4. **One label.** Every hidden figure reads "hidden" (afgeschermd), small or hidden to protect
   another: a separate "< 5" would tell which hidden part is the small one.

Suppressed figures keep no number at all: what reaches a template cannot leak it.
"""

import calendar
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

K = TypeVar("K", bound=Hashable)

FIRST_YEAR = 2000  # figures are asked from this year on
_TOTAL = ("__total__",)  # the key of a total among the keys of its cells


def min_group_size() -> int:
    return int(settings.OMZIEN_MIN_GROUP_SIZE)


# --- Fixed periods ----------------------------------------------------------------------------

YEAR, QUARTER, MONTH = "year", "quarter", "month"
PERIOD_KINDS = (
    (MONTH, gettext_lazy("Month")),
    (QUARTER, gettext_lazy("Quarter")),
    (YEAR, gettext_lazy("Year")),
)
_PERIOD_CODE = re.compile(r"^\s*(\d{4})(?:-(?:(0?[1-9]|1[0-2])|[Qq]([1-4])))?\s*$")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year: ``Period(2026, MONTH, 5)``, ``Period(2026,
    QUARTER, 3)``, ``Period(2025, YEAR)``. Written as "2026-05", "2026-Q3" and "2025"."""

    year: int
    kind: str
    number: int = 1

    @classmethod
    def parse(cls, text: str) -> "Period":
        """The period a code names; ValueError when it names none or lies outside the years
        figures are kept for (:data:`FIRST_YEAR` up to next year)."""
        match = _PERIOD_CODE.match(str(text or ""))
        if not match:
            raise ValueError("not a period")
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
            raise ValueError("year out of range")
        if match.group(2):
            return cls(year, MONTH, int(match.group(2)))
        if match.group(3):
            return cls(year, QUARTER, int(match.group(3)))
        return cls(year, YEAR)

    @classmethod
    def last_complete(cls, today: date, kind: str = QUARTER) -> "Period":
        """The latest period of ``kind`` that is over on ``today``."""
        if kind == YEAR:
            return cls(today.year - 1, YEAR)
        if kind == MONTH:
            index = today.year * 12 + today.month - 2
            return cls(index // 12, MONTH, index % 12 + 1)
        index = today.year * 4 + (today.month - 1) // 3 - 1
        return cls(index // 4, QUARTER, index % 4 + 1)

    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    def __str__(self) -> str:
        if self.kind == MONTH:
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        if self.kind == QUARTER:
            return _("quarter %(number)s of %(year)s") % {
                "number": self.number,
                "year": self.year,
            }
        return str(self.year)

    @property
    def months(self) -> tuple[int, int]:
        """First and last month (1–12)."""
        if self.kind == MONTH:
            return self.number, self.number
        if self.kind == QUARTER:
            return 3 * self.number - 2, 3 * self.number
        return 1, 12

    @property
    def start(self) -> date:
        return date(self.year, self.months[0], 1)

    @property
    def end(self) -> date:
        last = self.months[1]
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    def is_complete(self, today: date) -> bool:
        return self.end < today

    def children(self) -> list["Period"]:
        if self.kind == YEAR:
            return [Period(self.year, QUARTER, n) for n in range(1, 5)]
        if self.kind == QUARTER:
            first = self.months[0]
            return [Period(self.year, MONTH, m) for m in range(first, first + 3)]
        return []

    def month_periods(self) -> list["Period"]:
        first, last = self.months
        return [Period(self.year, MONTH, m) for m in range(first, last + 1)]

    def contains(self, other: "Period") -> bool:
        return (
            self.year == other.year
            and self.months[0] <= other.months[0]
            and other.months[1] <= self.months[1]
        )

    @property
    def year_period(self) -> "Period":
        return Period(self.year, YEAR)


def year_tree(year: int) -> list["Period"]:
    """The 17 periods of a year, the year first, then each quarter followed by its months."""
    root = Period(year, YEAR)
    periods = [root]
    for quarter in root.children():
        periods.append(quarter)
        periods.extend(quarter.children())
    return periods


def per_period(monthly: Mapping[int, int], year: int) -> dict[Period, int]:
    """Sums over the year tree of additive counts given per month (1–12)."""
    return {
        period: sum(int(monthly.get(m, 0)) for m in range(period.months[0], period.months[1] + 1))
        for period in year_tree(year)
    }


# --- Figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A count or a percentage as it may be shown: the number, or None when suppressed."""

    value: int | None
    min_size: int
    percent: bool = False

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return _("hidden")
        return f"{self.value}%" if self.percent else str(self.value)


def _figure(value: int, hidden: bool, size: int) -> Figure:
    return Figure(value=None if hidden else value, min_size=size)


def _size(min_size: int | None) -> int:
    return min_group_size() if min_size is None else min_size


def _small(value: int, size: int) -> bool:
    return 0 < value < size


def suppress_count(value: int, *, min_size: int | None = None) -> Figure:
    """One count on its own: hidden when 1 up to the threshold − 1; zero is shown."""
    size = _size(min_size)
    return _figure(value, _small(value, size), size)


def _cover(hidden_sum: int, hidden_parts: int, size: int) -> int:
    """How much more hidden mass the parts of a shown figure need (0: safe). Each hidden part
    is at least 1, so the reader knows a part lies between 1 and sum − (parts − 1): that must
    reach the threshold, or the sum must be 0."""
    if hidden_sum == 0:
        return 0
    return max(0, size + max(hidden_parts, 1) - 1 - hidden_sum)


def _pick(candidates: list[tuple[int, int, object]], need: int) -> object | None:
    """Of (gain, order, key) candidates, the smallest gain that covers ``need``, else the
    largest positive gain (more will follow), else None."""
    useful = [c for c in candidates if c[0] > 0]
    if not useful:
        return None
    enough = [c for c in useful if c[0] >= need]
    if enough:
        return min(enough, key=lambda c: (c[0], c[1]))[2]
    return max(useful, key=lambda c: (c[0], -c[1]))[2]


def _breakdown_step(
    cells: Mapping[K, int], total: int, hidden: set, key_of, total_key, size: int
) -> bool:
    """One breakdown (cells of one total): hide one more cell if its hidden parts can be worked
    out. ``key_of`` maps a cell key to its key in ``hidden``. True when something changed."""
    rest = total - sum(cells.values())
    if rest < 0:
        raise ValueError("total is smaller than the sum of its cells")
    order = list(cells)
    if total_key in hidden:
        # A hidden total must not be the sum of shown cells.
        if any(key_of(k) in hidden for k in cells) or not any(cells.values()):
            return False
        candidates = [(cells[k], order.index(k), k) for k in cells if cells[k] > 0]
        hidden.add(key_of(min(candidates, key=lambda c: (c[0], c[1]))[2]))
        return True
    hidden_cells = [k for k in cells if key_of(k) in hidden]
    hidden_sum = rest + sum(cells[k] for k in hidden_cells)
    need = _cover(hidden_sum, len(hidden_cells), size)
    if not need:
        return False
    candidates = [
        (cells[k] - 1, order.index(k), k) for k in cells if key_of(k) not in hidden and cells[k] > 0
    ]
    chosen = _pick(candidates, need)
    hidden.add(key_of(chosen) if chosen is not None else total_key)
    return True


def suppress(
    counts: Mapping[K, int], *, total: int | None = None, min_size: int | None = None
) -> dict[K, Figure]:
    """Suppress the cells of one breakdown; keeps the order of ``counts``.

    ``total`` is the total shown on the same page next to these cells (None when no total
    is shown). It may exceed the sum of the cells when part of the population is not broken
    down; that unshown rest then counts as hidden.
    """
    size = _size(min_size)
    hidden = {key for key, value in counts.items() if _small(value, size)}
    if total is not None:
        if _small(total, size):
            hidden.add(_TOTAL)
        while _breakdown_step(counts, total, hidden, lambda k: k, _TOTAL, size):
            pass
    return {key: _figure(value, key in hidden, size) for key, value in counts.items()}


def suppress_share(numerator: int, denominator: int, *, min_size: int | None = None) -> Figure:
    """A whole percentage, hidden when its numerator, its denominator or the rest is 1 up to
    the threshold − 1 (0% and 100% of a large enough group say nothing about anyone; a share
    of nobody is hidden)."""
    size = _size(min_size)
    rest = denominator - numerator
    if denominator <= 0 or any(_small(n, size) for n in (numerator, denominator, rest)):
        return Figure(value=None, min_size=size, percent=True)
    return Figure(value=round(100 * numerator / denominator), min_size=size, percent=True)


@dataclass(frozen=True)
class Breakdown:
    """A suppressed breakdown ready for a table: labelled rows and the total."""

    rows: list[tuple[str, Figure]]
    total: Figure

    @property
    def has_hidden(self) -> bool:
        return self.total.suppressed or any(f.suppressed for _label, f in self.rows)


def breakdown(
    counts: Mapping[K, int],
    *,
    labels: Mapping[K, str] | None = None,
    total: int | None = None,
    total_hidden: bool = False,
    min_size: int | None = None,
) -> Breakdown:
    """Suppress a breakdown that is shown with its total (the sum unless given).
    ``total_hidden``: the total is hidden already (e.g. to protect other periods)."""
    size = _size(min_size)
    shown_total = sum(counts.values()) if total is None else total
    hidden = {key for key, value in counts.items() if _small(value, size)}
    if total_hidden or _small(shown_total, size):
        hidden.add(_TOTAL)
    while _breakdown_step(counts, shown_total, hidden, lambda k: k, _TOTAL, size):
        pass
    names = labels or {}
    return Breakdown(
        rows=[
            (str(names.get(key, key)), _figure(value, key in hidden, size))
            for key, value in counts.items()
        ],
        total=_figure(shown_total, _TOTAL in hidden, size),
    )


def zero_filled(keys: Iterable[K], found: Mapping[K, int]) -> dict[K, int]:
    """Every key in order, with 0 where a GROUP BY query returned no row."""
    return {key: int(found.get(key, 0)) for key in keys}


# --- Suppression over the periods of a year ---------------------------------------------------


def _tree_step(values: Mapping[Period, int], hidden: set, key_of, size: int) -> bool:
    """Additive counts over a year tree: every shown period's hidden parts (what it holds
    beyond its largest shown sub-periods) must be covered. Hides one more period when not."""

    def atom(node: Period) -> tuple[int, int, list[Period]]:
        """(hidden mass, hidden periods, shown maximal sub-periods) of a shown period."""
        mass, parts, shown = values[node], 0, []
        stack = list(node.children())
        while stack:
            child = stack.pop()
            if key_of(child) in hidden:
                parts += 1
                stack.extend(child.children())
            else:
                mass -= values[child]
                shown.append(child)
        return mass, parts, shown

    for node in year_tree(next(iter(values)).year):
        if key_of(node) in hidden:
            children = node.children()
            if children and not any(key_of(c) in hidden for c in children):
                # A hidden period whose sub-periods are all shown is their sum: hide one.
                positive = [(values[c], i, c) for i, c in enumerate(children) if values[c] > 0]
                if positive:
                    hidden.add(key_of(min(positive)[2]))
                    return True
            continue
        mass, parts, shown = atom(node)
        need = _cover(mass, parts, size)
        if not need:
            continue
        candidates = []
        for index, sub in enumerate(sorted(shown)):
            sub_mass, sub_parts, _shown = atom(sub)
            candidates.append((sub_mass - 1 - sub_parts, index, sub))
        chosen = _pick(candidates, need)
        hidden.add(key_of(chosen if chosen is not None else node))
        return True
    return False


def _distinct_step(values: Mapping[Period, int], hidden: set, key_of, size: int) -> bool:
    """Counts of distinct people per period (not a sum of their months): the difference
    between a shown period and a shown period inside it is a group of people too."""
    tree = year_tree(next(iter(values)).year)
    for outer in tree:
        if key_of(outer) in hidden:
            continue
        for inner in tree:
            if inner == outer or not outer.contains(inner) or key_of(inner) in hidden:
                continue
            if _small(values[outer] - values[inner], size):
                hidden.add(key_of(inner))
                return True
    return False


def suppress_over_periods(
    values: Mapping[Period, int],
    *,
    additive: bool = True,
    hide: Iterable[Period] = (),
    min_size: int | None = None,
) -> dict[Period, Figure]:
    """The figure for every period of one year (all 17 of :func:`year_tree`), suppressed so
    that no combination of the shown ones gives a small group. ``additive``: the count of a
    quarter or year is the sum of its months (records); False for distinct people. ``hide``:
    periods hidden for another table's sake."""
    size = _size(min_size)
    hidden = {period for period, value in values.items() if _small(value, size)} | set(hide)
    step = _tree_step if additive else _distinct_step
    while step(values, hidden, lambda p: p, size):
        pass
    return {period: _figure(value, period in hidden, size) for period, value in values.items()}


def linked_breakdowns(
    tables: list[Mapping[K, int]],
    totals: Mapping[Period, int],
    period: Period,
    *,
    labels: list[Mapping[K, str] | None] | None = None,
    min_size: int | None = None,
) -> tuple[list[Breakdown], dict[Period, Figure]]:
    """Breakdowns of ``period`` (each of the same total) whose total is also shown for the
    periods of its year (``totals``, additive): protected together, as the total belongs to
    every one of them."""
    names = labels or [None] * len(tables)
    hide: list[Period] = []
    while True:
        over_periods = suppress_over_periods(totals, hide=hide, min_size=min_size)
        done = [
            breakdown(
                counts,
                labels=table_labels,
                total=totals[period],
                total_hidden=over_periods[period].suppressed,
                min_size=min_size,
            )
            for counts, table_labels in zip(tables, names, strict=True)
        ]
        if over_periods[period].suppressed or not any(t.total.suppressed for t in done):
            return done, over_periods
        hide = [period]
