"""Geometry for the server-rendered SVG charts (drawn in templates, with a table beside each
chart that holds the same figures): the scale steps and labels every chart shares, and the
bars of a bar chart. The monitor's line chart (``monitor.charts``) and the survey results use
them."""

from dataclasses import dataclass


def nice_step(span: float) -> float:
    """A round step (1, 2, 2.5, 5 times a power of ten) that divides ``span`` in about four."""
    raw = span / 4 if span > 0 else 1
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def tick_label(value: float) -> str:
    """A number as a Dutch axis label: whole numbers plain, others with one decimal comma."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Bar:
    label: str
    value_label: str  # what is written at the end of the bar ("12 (40%)" or "hidden")
    label_y: float
    y: float
    width: float  # 0 for a hidden or zero value
    text_x: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    bar_height: int
    bars: tuple[Bar, ...]


LABEL_MAX = 70  # characters of a bar's label in the chart (the table beside has all of it)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def bars(
    rows: list[tuple[str, float | None, str]], *, scale_to: float, width: int = 600
) -> BarChart:
    """Horizontal bars, one per ``(label, value, value_label)`` row, the label above its bar;
    ``value`` None is a hidden figure (no bar). ``scale_to`` is the value of a full bar (100
    for shares)."""
    left, right, bar_height, row_height, top = 4, width - 110, 18, 48, 4
    drawn = []
    for index, (label, value, value_label) in enumerate(rows):
        label_y = top + index * row_height + 14
        y = label_y + 8
        share = 0.0 if value is None or scale_to <= 0 else max(0.0, min(1.0, value / scale_to))
        bar_width = round((right - left) * share, 1)
        drawn.append(
            Bar(
                label=_short(label),
                value_label=value_label,
                label_y=label_y,
                y=y,
                width=bar_width,
                text_x=round(left + bar_width + 6, 1),
            )
        )
    return BarChart(
        width=width,
        height=top + len(rows) * row_height + 4,
        left=left,
        bar_height=bar_height,
        bars=tuple(drawn),
    )
