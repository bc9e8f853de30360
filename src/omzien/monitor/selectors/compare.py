"""The municipalities of a region side by side on one computed indicator for one quarter
(issue 16 point 3).

A policy advisor sees the municipalities that share a region with one where they hold a staff
role (``tenants.Region``: Heerde with Epe and Hattem), never others. The figures are the
quarter's snapshots (``monitor_snapshot``: final once the quarter is over, so every
municipality is compared on figures taken the same way), each passing the statistics rule
(``indicators.shown``) before it is shown. Two queries, however many municipalities the
region has.
"""

from dataclasses import dataclass

from django.db.models import Q

from omzien.common import indicators
from omzien.monitor.charts import BarChart, bars
from omzien.monitor.constants import STAFF
from omzien.monitor.models import Snapshot
from omzien.monitor.sentences import number
from omzien.privacy.statistics import Period
from omzien.tenants.models import Municipality


@dataclass(frozen=True)
class Row:
    municipality: Municipality
    value: object  # what may be shown; None when hidden or missing
    hidden: bool
    missing: bool  # no snapshot of this quarter


def region_municipalities(user) -> list[Municipality]:
    """The municipalities that share a region with one where ``user`` is staff of the
    monitor (those municipalities themselves too), by name."""
    own = user.municipalities(STAFF)
    regions = {m.region_id for m in own if m.region_id}
    return list(
        Municipality.objects.filter(
            Q(pk__in=[m.pk for m in own]) | Q(region_id__in=regions), is_active=True
        )
        .select_related("region")
        .order_by("name")
    )


def compare(*, municipalities: list, code: str, period: Period) -> dict:
    ind = indicators.indicator(code)
    found = {
        s.municipality_id: s
        for s in Snapshot.objects.filter(
            municipality__in=municipalities,
            indicator_code=code,
            period_start=period.start,
            period_end=period.end,
        )
    }
    unit = "%" if ind.unit == indicators.PERCENT else ""
    rows = []
    for municipality in municipalities:
        snapshot = found.get(municipality.pk)
        if snapshot is None:
            rows.append(Row(municipality, None, hidden=False, missing=True))
            continue
        result = indicators.Result(
            value=snapshot.value, numerator=snapshot.numerator, denominator=snapshot.denominator
        )
        figure = indicators.shown(result, ind)
        hidden = figure.suppressed and result.value is not None
        rows.append(Row(municipality, figure.value, hidden=hidden, missing=False))
    return {"indicator": ind, "unit": unit, "rows": rows, "chart": _chart(rows, unit)}


def _chart(rows: list[Row], unit: str) -> BarChart:
    from django.utils.translation import gettext as _

    def text(row: Row) -> str:
        if row.hidden:
            return _("hidden")
        if row.value is None:
            return _("no figure")
        return number(row.value, unit)

    return bars([(row.municipality.name, row.value, text(row)) for row in rows])
