"""Small-number suppression for every figure shown to people who may not see the records.

A count below ``settings.OMZIEN_MIN_GROUP_SIZE`` (default 5) is shown as "< 5", never as the
number; zero too, so that a "< 5" does not stand out as "at least one". When a breakdown is
shown next to its total, one hidden cell could be worked out by subtraction, so the
next-smallest cell is hidden as well (secondary suppression). A share is hidden when its
numerator, its denominator or the rest (denominator minus numerator) is below the threshold.

Suppressed figures keep no number at all: what reaches a template cannot leak it.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings

K = TypeVar("K", bound=Hashable)


def min_group_size() -> int:
    return int(settings.OMZIEN_MIN_GROUP_SIZE)


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
            return f"< {self.min_size}"
        return f"{self.value}%" if self.percent else str(self.value)


def suppress_count(value: int, *, min_size: int | None = None) -> Figure:
    """One count on its own: hidden when below the threshold."""
    size = min_group_size() if min_size is None else min_size
    return Figure(value=value if value >= size else None, min_size=size)


def suppress(
    counts: Mapping[K, int], *, total: int | None = None, min_size: int | None = None
) -> dict[K, Figure]:
    """Suppress the cells of one breakdown; keeps the order of ``counts``.

    ``total`` is the total shown on the same page next to these cells (None when no total
    is shown). It may exceed the sum of the cells when part of the population is not broken
    down; that unshown rest then counts as a hidden cell. When exactly one cell would be the
    only hidden part of a shown total, the smallest visible cell is hidden too.
    """
    size = min_group_size() if min_size is None else min_size
    hidden = {key for key, value in counts.items() if value < size}
    if total is not None and total >= size:
        rest = total - sum(counts.values())
        if rest < 0:
            raise ValueError("total is smaller than the sum of its cells")
        # The unshown rest can be worked out by subtraction: it needs protecting when it is
        # small, and it protects a single hidden cell either way.
        needs_cover = bool(hidden) or 0 < rest < size
        hidden_parts = len(hidden) + (1 if rest > 0 else 0)
        if needs_cover and hidden_parts == 1:
            visible = [(value, index, key) for index, (key, value) in enumerate(counts.items())]
            visible = [item for item in visible if item[2] not in hidden]
            if visible:
                hidden.add(min(visible, key=lambda item: (item[0], item[1]))[2])
    return {
        key: Figure(value=None if key in hidden else value, min_size=size)
        for key, value in counts.items()
    }


def suppress_share(numerator: int, denominator: int, *, min_size: int | None = None) -> Figure:
    """A whole percentage, hidden when any of its groups is below the threshold."""
    size = min_group_size() if min_size is None else min_size
    if denominator <= 0 or min(numerator, denominator, denominator - numerator) < size:
        return Figure(value=None, min_size=size, percent=True)
    return Figure(value=round(100 * numerator / denominator), min_size=size, percent=True)


@dataclass(frozen=True)
class Breakdown:
    """A suppressed breakdown ready for a table: labelled rows and the total."""

    rows: list[tuple[str, Figure]]
    total: Figure


def breakdown(
    counts: Mapping[K, int],
    *,
    labels: Mapping[K, str] | None = None,
    total: int | None = None,
    min_size: int | None = None,
) -> Breakdown:
    """Suppress a breakdown that is shown with its total (the sum unless given)."""
    shown_total = sum(counts.values()) if total is None else total
    cells = suppress(counts, total=shown_total, min_size=min_size)
    names = labels or {}
    return Breakdown(
        rows=[(str(names.get(key, key)), figure) for key, figure in cells.items()],
        total=suppress_count(shown_total, min_size=min_size),
    )


def zero_filled(keys: Iterable[K], found: Mapping[K, int]) -> dict[K, int]:
    """Every key in order, with 0 where a GROUP BY query returned no row."""
    return {key: int(found.get(key, 0)) for key in keys}
