"""The indicators every capability registers, for the policy monitor and open data.

An indicator is a figure the platform computes from its own records for one municipality and
one fixed period (``privacy.statistics.Period``): "confirmed volunteer matches", "carers
registered", "appreciation applications granted". Each capability registers its indicators in
its ``AppConfig.ready()`` with :func:`register`, together with the *source* that computes them:
one function for a group of indicators that share their queries, called once per municipality
and period however many of its indicators are asked for. The platform (and the monitor, which
imports no capability) reads them through :func:`indicators` and :func:`compute`.

Values are raw: a caller that shows them to people who may not see the records applies the
statistics rule (``privacy.statistics``) — :func:`shown` does the per-figure part of it.
Definitions, one per code, are in docs/indicators.md (a test holds the two together).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise

from omzien.privacy.statistics import Figure, Period, suppress_count, suppress_share

# Units.
COUNT, PERCENT, AMOUNT = "count", "percent", "amount"
# A flow counts what happened during the period; a stock what was there at its end.
FLOW, STOCK = "flow", "stock"


@dataclass(frozen=True)
class Indicator:
    code: str  # "<capability>.<name>", stable: snapshots and programmes refer to it
    name: str | Promise
    unit: str = COUNT
    measure: str = FLOW
    # The value counts people (or records of people): small groups are hidden when shown.
    people: bool = True
    # Breakdowns a result may carry, e.g. ("age_group",) or ("locality",).
    breakdowns: tuple[str, ...] = ()

    @property
    def capability(self) -> str:
        return self.code.split(".", 1)[0]


@dataclass(frozen=True)
class Result:
    """One indicator's value for a municipality and period. A percentage carries its
    numerator and denominator, so that regions add up and suppression can judge the parts;
    ``parts`` holds a breakdown's values by key (``{"age_group": {"young": 12, ...}}``)."""

    value: int | Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    parts: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def share(cls, numerator: int, denominator: int) -> "Result":
        value = round(100 * numerator / denominator) if denominator else None
        return cls(value=value, numerator=numerator, denominator=denominator)


Source = Callable[..., dict[str, Result]]  # source(*, municipality, period) -> {code: Result}


@dataclass(frozen=True)
class _Entry:
    indicator: Indicator
    source: Source


_registry: dict[str, _Entry] = {}


def register(*registered: Indicator, source: Source) -> None:
    """Register ``registered`` as computed by ``source``. Registering a code again replaces
    it (``ready()`` may run more than once); two sources may not share a code."""
    for indicator in registered:
        if "." not in indicator.code:
            raise ValueError(f"indicator code {indicator.code!r} lacks its capability prefix")
        known = _registry.get(indicator.code)
        if known is not None and known.source is not source:
            raise ValueError(f"indicator {indicator.code!r} is registered twice")
        _registry[indicator.code] = _Entry(indicator, source)


def unregister(code: str) -> None:
    _registry.pop(code, None)


def indicators() -> list[Indicator]:
    """Every registered indicator, by code."""
    return [_registry[code].indicator for code in sorted(_registry)]


def indicator(code: str) -> Indicator:
    """The indicator ``code``; KeyError when no capability registered it."""
    return _registry[code].indicator


def compute(
    *, municipality, period: Period, codes: Iterable[str] | None = None
) -> dict[str, Result]:
    """The values of ``codes`` (default: all) for one municipality and period; each source is
    called once. A source that leaves out a code it registered is a programming error."""
    wanted = sorted(_registry) if codes is None else list(dict.fromkeys(codes))
    by_source: dict[Source, list[str]] = {}
    for code in wanted:
        by_source.setdefault(_registry[code].source, []).append(code)
    results: dict[str, Result] = {}
    for source, source_codes in by_source.items():
        values = source(municipality=municipality, period=period)
        for code in source_codes:
            results[code] = values[code]
    return results


def _add(results: Sequence[Result], indicator: Indicator) -> Result:
    if indicator.unit == PERCENT:
        numerator = sum(r.numerator or 0 for r in results)
        denominator = sum(r.denominator or 0 for r in results)
        return Result.share(numerator, denominator)
    parts: dict[str, dict[str, int]] = {}
    for result in results:
        for breakdown, values in result.parts.items():
            target = parts.setdefault(breakdown, {})
            for key, value in values.items():
                target[key] = target.get(key, 0) + value
    values = [r.value for r in results]
    total = None if any(v is None for v in values) else sum(values)
    return Result(value=total, parts=parts)


def compute_for_region(
    *, municipalities: Sequence, period: Period, codes: Iterable[str] | None = None
) -> dict[str, Result]:
    """The values over several municipalities (a region or a shared programme): counts and
    amounts add up, percentages are recomputed from the summed numerators and denominators.
    A count of distinct people who appear in two municipalities is counted in both."""
    per_municipality = [
        compute(municipality=municipality, period=period, codes=codes)
        for municipality in municipalities
    ]
    if not per_municipality:
        return {}
    return {
        code: _add([values[code] for values in per_municipality], indicator(code))
        for code in per_municipality[0]
    }


def shown(result: Result, ind: Indicator) -> Figure:
    """The value as one figure may be shown on its own: counts of people hidden when small,
    shares hidden when a part is small. (Tables and periods that add up need the
    complementary rule of ``privacy.statistics`` on top of this.)"""
    if ind.unit == PERCENT:
        return suppress_share(result.numerator or 0, result.denominator or 0)
    if result.value is None:
        return Figure(value=None, min_size=0)
    if ind.people and ind.unit == COUNT:
        return suppress_count(int(result.value))
    return Figure(value=result.value, min_size=0)
