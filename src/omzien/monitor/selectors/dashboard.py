"""A programme's dashboard: per theme its ambitions and actions, and every measure with its
latest value, baseline, target, traffic light and chart.

The number of queries does not grow with the programme or the platform's data: the tree is
read in one query per level, the snapshots and external values in one query each, and each
computed indicator's source is called once per period needed (``common.indicators.compute``).
Every figure passes the statistics rule (``indicators.shown``) before it reaches a template.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from omzien.common import indicators
from omzien.monitor import charts, lights, sentences
from omzien.monitor.constants import Frequency
from omzien.monitor.models import Action, Ambition, ExternalValue, Measure, Snapshot, Theme
from omzien.privacy.statistics import QUARTER, YEAR, Period, breakdown, min_group_size


@dataclass
class MeasureView:
    measure: Measure
    name: str
    unit: str
    value: object  # what may be shown, None when hidden or missing
    hidden: bool
    light: str
    history: list[tuple[date, object, bool]]  # (date, value or None, hidden)
    chart: charts.Chart | None
    breakdowns: list = field(default_factory=list)  # (name, privacy.statistics.Breakdown)
    source: str = ""
    sentence: str = ""  # the figures in one plain-Dutch sentence (sentences.measure_sentence)

    @property
    def history_rows(self) -> str:
        """The rows of the table beside the chart (``monitor/_measure.html``), built here: on a
        dashboard of 50 measures the rows were most of the template's work."""
        if not self.history:
            return format_html(
                '<tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="2">'
                "{}</td></tr>",
                gettext("No values yet."),
            )
        cell = '<td class="utrecht-table__cell">'
        today = " (%s)" % gettext("today")  # noqa: UP031 - a label
        hidden_text, rows = gettext("hidden"), []
        last = len(self.history) - 1
        for index, (on, value, hidden) in enumerate(self.history):
            if hidden:
                shown = hidden_text
            elif value is None:
                shown = "–"
            else:
                shown = f"{floatformat(value, '-2')}{self.unit}"
            rows.append(
                format_html(
                    '<tr class="utrecht-table__row">' + cell + '<time datetime="{}">{}</time>{}'
                    "</td>" + cell + "{}</td></tr>",
                    on.isoformat(),
                    date_format(on, "SHORT_DATE_FORMAT"),
                    today if index == last and self.measure.computed else "",
                    shown,
                )
            )
        return mark_safe("\n".join(rows))  # noqa: S308 - every row built by format_html

    @property
    def chart_svg(self) -> str:
        """The chart's SVG, its title naming the measure (``monitor/_chart.html``)."""
        if self.chart is None:
            return ""
        return self.chart.svg(
            title_id=f"chart-{self.measure.pk}-title",
            title=gettext("Course of %(name)s over time") % {"name": self.name},
        )


def current_period(frequency: str, today: date) -> Period:
    if frequency == Frequency.YEAR:
        return Period(today.year, YEAR)
    return Period(today.year, QUARTER, (today.month - 1) // 3 + 1)


def _years(programme, today: date) -> list[Period]:
    """The years from the programme's start up to today: a cumulative measure's live value
    is everything since the start, also after the deadline ("today's value")."""
    return [Period(y, YEAR) for y in range(programme.period_start.year, today.year + 1)]


def _shown(result: indicators.Result | None, ind: indicators.Indicator):
    if result is None:
        return None, False
    figure = indicators.shown(result, ind)
    return figure.value, figure.suppressed and result.value is not None


def _add(results: list[indicators.Result]) -> indicators.Result:
    values = [r.value for r in results]
    if not values or any(v is None for v in values):
        return indicators.Result(value=None)
    return indicators.Result(value=sum(values))


def _history(measure: Measure, ind, snapshots: list[Snapshot], programme) -> list:
    """(date, value, hidden) per quarter's snapshot. A cumulative measure adds the quarters up
    from the programme's start, a yearly count of what happened adds them up within each
    year (year to date); such a sum is shown only when it grew by 0 or by at least the
    threshold since the last point shown in it (so no small quarter can be worked out)."""
    yearly = measure.frequency == Frequency.YEAR and ind.measure == indicators.FLOW
    if not (measure.cumulative or yearly) or ind.unit == indicators.PERCENT:
        rows = []
        for s in snapshots:
            result = indicators.Result(
                value=s.value, numerator=s.numerator, denominator=s.denominator
            )
            value, hidden = _shown(result, ind)
            rows.append((s.period_end, value, hidden))
        return rows
    rows, size = [], min_group_size()
    total = last_shown = Decimal(0)
    year = None
    for s in snapshots:
        if measure.cumulative and s.period_start < programme.period_start:
            continue
        if not measure.cumulative and s.period_start.year != year:
            year, total, last_shown = s.period_start.year, Decimal(0), Decimal(0)
        total += s.value or 0
        grown = total - last_shown
        if ind.people and 0 < grown < size:
            rows.append((s.period_end, None, True))
        else:
            rows.append((s.period_end, total, False))
            last_shown = total
    return rows


def _as_of(history: list, end: date):
    """(value, hidden) of the history's point at ``end``, the last day of a past period."""
    for on, value, hidden in history:
        if on == end:
            return value, hidden
    return None, False


def _live_values(municipality, wanted: dict[Period, set[str]]):
    """Today's values of the indicators ``wanted`` per period, and when they were computed.

    Computing them is half the dashboard's time and most of its queries, so they are kept in
    the cache for ``OMZIEN_MONITOR_LIVE_SECONDS`` (default 300; 0: always computed): the
    council's figures move by the day, not by the minute, and the page says when they were
    computed. The key holds the municipality, the periods and the codes, so another programme
    of the same municipality that asks the same shares them."""
    if not wanted:
        return {}, None
    seconds = int(getattr(settings, "OMZIEN_MONITOR_LIVE_SECONDS", 300))
    asked = sorted((period.code, sorted(codes)) for period, codes in wanted.items())
    key = "monitor:live:%s:%s" % (  # noqa: UP031 - a cache key
        municipality.pk,
        hashlib.sha256(repr(asked).encode()).hexdigest(),
    )
    if seconds > 0:
        kept = cache.get(key)
        if kept is not None:
            return kept
    computed = (
        {
            period: indicators.compute(municipality=municipality, period=period, codes=sorted(c))
            for period, c in wanted.items()
        },
        timezone.now(),
    )
    if seconds > 0:
        cache.set(key, computed, seconds)
    return computed


def programme_dashboard(
    *, programme, today: date, public_only: bool = False, as_of: Period | None = None
) -> dict:
    """The dashboard as of today, or — with ``as_of``, a quarter that is over — as it stood at
    the end of that quarter: its snapshots (no live values), the external values up to its
    last day, and the traffic lights and sentences on that day."""
    if as_of is not None:
        today = as_of.end
    measures_qs = Measure.objects.select_related("external").order_by("order", "pk")
    if public_only:
        measures_qs = measures_qs.filter(public=True)
    themes = list(
        Theme.objects.filter(programme=programme)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch(
                "ambitions",
                Ambition.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("measures", measures_qs),
                    Prefetch(
                        "actions",
                        Action.objects.order_by("order", "pk").prefetch_related(
                            "budgets", Prefetch("measures", measures_qs)
                        ),
                    ),
                ),
            )
        )
    )
    measures = [
        m
        for theme in themes
        for ambition in theme.ambitions.all()
        for m in [
            *ambition.measures.all(),
            *(m for action in ambition.actions.all() for m in action.measures.all()),
        ]
    ]
    known = {ind.code: ind for ind in indicators.indicators()}
    computed = [m for m in measures if m.indicator_code in known]

    # Live values: one compute per period needed, each source called once in it.
    wanted: dict[Period, set[str]] = defaultdict(set)
    for m in computed if as_of is None else []:
        periods = _years(programme, today) if m.cumulative else [current_period(m.frequency, today)]
        for period in periods:
            wanted[period].add(m.indicator_code)
    live, computed_at = _live_values(programme.municipality, wanted)

    snapshots: dict[str, list[Snapshot]] = defaultdict(list)
    codes = {m.indicator_code for m in computed}
    if codes:
        stored = Snapshot.objects.filter(
            municipality_id=programme.municipality_id, indicator_code__in=codes
        )
        if as_of is not None:
            stored = stored.filter(period_end__lte=as_of.end)
        for s in stored.order_by("period_end", "period_start"):
            snapshots[s.indicator_code].append(s)
    externals = {m.external_id for m in measures if m.external_id}
    external_values: dict[int, list[ExternalValue]] = defaultdict(list)
    if externals:
        entered = ExternalValue.objects.filter(indicator_id__in=externals)
        if as_of is not None:
            entered = entered.filter(measured_on__lte=as_of.end)
        for v in entered.order_by("measured_on", "pk"):
            external_values[v.indicator_id].append(v)

    views: dict[int, MeasureView] = {}
    for m in measures:
        if m.indicator_code in known:
            ind = known[m.indicator_code]
            history = _history(m, ind, snapshots[m.indicator_code], programme)
            if as_of is not None:  # the quarter's own point: no live value
                value, hidden = _as_of(history, as_of.end)
                last = snapshots[m.indicator_code][-1:] if not m.cumulative else []
                parts = last[0].parts if last and last[0].period_end == as_of.end else {}
                result = indicators.Result(value=value, parts=parts)
            else:
                if m.cumulative:
                    result = _add([live[p][m.indicator_code] for p in _years(programme, today)])
                else:
                    result = live[current_period(m.frequency, today)][m.indicator_code]
                value, hidden = _shown(result, ind)
                history = [*history, (today, value, hidden)]
            drill = []
            for key, parts in sorted((result.parts or {}).items()) if not hidden else []:
                if ind.people and ind.unit == indicators.COUNT:
                    drill.append((key, breakdown(parts, total=int(result.value or 0))))
            view = MeasureView(
                measure=m,
                name=str(ind.name),
                unit="%" if ind.unit == indicators.PERCENT else "",
                value=value,
                hidden=hidden,
                light="",
                history=history,
                chart=None,
                breakdowns=drill,
            )
        elif m.external_id:
            rows = external_values[m.external_id]
            latest = rows[-1] if rows else None
            view = MeasureView(
                measure=m,
                name=m.external.name,
                unit=m.external.unit,
                value=latest.value if latest else None,
                hidden=False,
                light="",
                history=[(r.measured_on, r.value, False) for r in rows],
                chart=None,
                source=(latest.source or m.external.source) if latest else m.external.source,
            )
        else:  # an indicator no capability registers any more
            view = MeasureView(
                measure=m,
                name=m.indicator_code,
                unit="",
                value=None,
                hidden=False,
                light="",
                history=[],
                chart=None,
            )
        view.light = lights.light(
            value=view.value,
            target=m.target_value,
            direction=m.direction,
            deadline=m.deadline,
            today=today,
            baseline=m.baseline_value,
            baseline_date=m.baseline_date,
            programme_start=programme.period_start,
        )
        view.sentence = sentences.measure_sentence(
            name=view.name,
            unit=view.unit,
            value=view.value,
            hidden=view.hidden,
            measure=m,
            today=today,
        )
        shown_points = [(on, Decimal(v)) for on, v, hidden in view.history if v is not None]
        if m.baseline_value is not None and m.baseline_date is not None:
            shown_points = [(m.baseline_date, m.baseline_value), *shown_points]
            shown_points.sort(key=lambda p: p[0])
        view.chart = charts.geometry(
            shown_points,
            baseline=m.baseline_value,
            target=m.target_value,
            start=programme.period_start,
            end=max(programme.period_end, m.deadline),
        )
        views[m.pk] = view

    tree = [
        {
            "theme": theme,
            "ambitions": [
                {
                    "ambition": ambition,
                    "measures": [views[m.pk] for m in ambition.measures.all()],
                    "actions": [
                        {
                            "action": action,
                            "budgets": list(action.budgets.all()),
                            "measures": [views[m.pk] for m in action.measures.all()],
                        }
                        for action in ambition.actions.all()
                    ],
                }
                for ambition in theme.ambitions.all()
            ],
        }
        for theme in themes
    ]
    return {
        "themes": tree,
        "measures": list(views.values()),
        "today": today,
        "as_of": as_of,
        "computed_at": computed_at,
    }
