"""The geometry of a measure's line chart (values over time, the baseline and the target), for
a server-rendered SVG with a table beside it, as the carer's burden chart is drawn."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from omzien.ui.charts import nice_step as _nice_step
from omzien.ui.charts import tick_label as _label


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    on: date
    value: Decimal


@dataclass(frozen=True)
class Tick:
    position: float
    label: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: tuple[Point, ...]
    polyline: str
    baseline_y: float | None
    target_y: float | None
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    x_label_y: int
    y_label_x: int

    def svg(self, *, title_id: str, title: str) -> str:
        """The chart as SVG markup, drawn here rather than in a template: a dashboard of 40
        measures would otherwise run some 6,000 template nodes and format every coordinate
        through Django's localisation (the numbers of an SVG are never localised)."""
        parts = [
            format_html(
                '<svg class="omzien-chart__svg" viewBox="0 0 {} {}" role="img" '
                'aria-labelledby="{}" focusable="false" xmlns="http://www.w3.org/2000/svg">'
                '<title id="{}">{}</title>',
                self.width,
                self.height,
                title_id,
                title_id,
                title,
            )
        ]
        for tick in self.y_ticks:
            parts.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#c8c8c8" stroke-width="1"/>'
                    '<text class="omzien-chart__label" x="{}" y="{}" text-anchor="end" '
                    'dominant-baseline="middle" fill="#1a1a1a">{}</text>',
                    self.left,
                    self.right,
                    tick.position,
                    tick.position,
                    self.y_label_x,
                    tick.position,
                    tick.label,
                )
            )
        for css, y, colour, width, dash in (
            ("omzien-chart__baseline", self.baseline_y, "#555555", "1.5", "2 4"),
            ("omzien-chart__target", self.target_y, "#b00020", "1.5", "6 4"),
        ):
            if y is not None:
                parts.append(
                    format_html(
                        '<line class="{}" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" '
                        'stroke-width="{}" stroke-dasharray="{}"/>',
                        css,
                        self.left,
                        self.right,
                        y,
                        y,
                        colour,
                        width,
                        dash,
                    )
                )
        for tick in self.x_ticks:
            parts.append(
                format_html(
                    '<text class="omzien-chart__label" x="{}" y="{}" text-anchor="{}" '
                    'fill="#1a1a1a">{}</text>',
                    tick.position,
                    self.x_label_y,
                    tick.anchor,
                    tick.label,
                )
            )
        if len(self.points) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="#154273" stroke-width="2.5"/>',
                    self.polyline,
                )
            )
        for point in self.points:
            parts.append(
                format_html('<circle cx="{}" cy="{}" r="4" fill="#154273"/>', point.x, point.y)
            )
        parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped by format_html


def geometry(
    values: list[tuple[date, Decimal]],
    *,
    baseline: Decimal | None,
    target: Decimal | None,
    start: date,
    end: date,
    width: int = 600,
    height: int = 240,
) -> Chart:
    """``values`` are (date, value) in date order; time runs from ``start`` to ``end`` (the
    programme's period, widened to hold every value)."""
    left, right, top, bottom = 48, width - 16, 16, height - 40
    dates = [on for on, _v in values]
    first = min([start, *dates])
    last = max([end, *dates])
    span_days = max((last - first).days, 1)
    numbers = [float(v) for _on, v in values]
    numbers += [float(x) for x in (baseline, target) if x is not None]
    high = max([0.0, *numbers])
    low = min([0.0, *numbers])
    step = _nice_step(high - low)
    top_value = step * (int(high / step) + 1) if high > 0 else step
    bottom_value = -step * (int(-low / step) + 1) if low < 0 else 0.0

    def y_of(value) -> float:
        share = (float(value) - bottom_value) / (top_value - bottom_value)
        return round(bottom - (bottom - top) * share, 1)

    def x_of(on: date) -> float:
        return round(left + (right - left) * (on - first).days / span_days, 1)

    points = tuple(Point(x=x_of(on), y=y_of(v), on=on, value=v) for on, v in values)
    ticks = []
    tick = bottom_value
    while tick <= top_value + step / 1000:
        ticks.append(Tick(position=y_of(tick), label=_label(tick)))
        tick += step
    x_ticks = (
        Tick(position=x_of(first), label=first.strftime("%d-%m-%Y"), anchor="start"),
        Tick(position=x_of(last), label=last.strftime("%d-%m-%Y"), anchor="end"),
    )
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        baseline_y=y_of(baseline) if baseline is not None else None,
        target_y=y_of(target) if target is not None else None,
        y_ticks=tuple(ticks),
        x_ticks=x_ticks,
        x_label_y=height - 16,
        y_label_x=left - 6,
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value_label: str
    y: float  # top of the bar
    width: float  # 0 for a hidden value or none: the label says why
    text_y: float
    value_x: float  # where the value's text starts, after the bar


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    bar_height: int
    bars: tuple[Bar, ...]


def bars(
    rows: list[tuple[str, Decimal | None, str]],
    *,
    width: int = 600,
    left: int = 160,
    bar_height: int = 24,
    gap: int = 12,
) -> BarChart:
    """A horizontal bar per row (label, value or None, the value as text): the longest bar is
    the largest value; a row without a value gets no bar, only its text."""
    room = width - left - 90  # the value's text after the bar
    high = max([float(v) for _l, v, _t in rows if v is not None and v > 0] or [1.0])
    made = []
    for index, (label, value, text) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = round(room * max(float(value), 0.0) / high, 1) if value is not None else 0.0
        made.append(
            Bar(
                label=label,
                value_label=text,
                y=y,
                width=length,
                text_y=round(y + bar_height / 2, 1),
                value_x=round(left + length + 6, 1),
            )
        )
    return BarChart(
        width=width,
        height=gap + len(rows) * (bar_height + gap),
        left=left,
        bar_height=bar_height,
        bars=tuple(made),
    )
