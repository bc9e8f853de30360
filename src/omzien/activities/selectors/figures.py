"""Figures of the calendar for staff and the policy advisor: aggregates only, counts of people
under the statistics rule of ``privacy.statistics`` (groups of 1-4 hidden, with complementary
suppression over the kinds and over the months, quarters and year).

- dates held: dates of the period that were not cancelled and have begun (events, not people:
  not hidden);
- sign-ups: people who had a place (confirmed, attended or absent) on such a date;
- attendance: people marked attended;
- waiting list: sign-ups that came in on the waiting list;
and the monthly attendance of the peer-support meetings (lotgenotenbijeenkomst).
Months are those of the dates, in Europe/Amsterdam. Definitions: docs/calendar.md. The
indicators (``selectors.indicators``) count the same with ``calendar_counts``.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.constants import SignUpStatus
from omzien.activities.models import FIGURES_ROLES, Occurrence, SignUp, SignUpTransition
from omzien.common.dates import on_days
from omzien.privacy.statistics import (
    MONTH,
    Breakdown,
    Figure,
    Period,
    linked_breakdowns,
    per_period,
    suppress_over_periods,
    year_tree,
)

MEASURES = ("signups", "attended", "waiting")


@dataclass
class MonthRow:
    period: Period
    held: int
    signups: Figure
    attended: Figure
    waiting: Figure
    peer_support: Figure


@dataclass
class CalendarFigures:
    period: Period
    held_by_kind: list[tuple[str, int]]
    held: int
    by_kind: dict[str, Breakdown]
    months: list[MonthRow]


def figures_municipality_ids(user) -> list[int]:
    return sorted(user.municipality_ids_for(FIGURES_ROLES))


def calendar_counts(*, municipality_ids, first: datetime.date, last: datetime.date) -> dict:
    """What the figures and the indicators count, for the dates from ``first`` to ``last``
    that have begun: ``held`` (dates not cancelled), ``signups`` (holding a place on such a
    date), ``attended`` and ``waiting`` (came in on the waiting list), each a Counter by
    (month of the date, kind of activity). Three queries."""
    days = on_days("starts_at", first=first, last=last)
    days["starts_at__lt"] = min(days["starts_at__lt"], timezone.now())  # begun
    tz = timezone.get_current_timezone()
    held_rows = (
        Occurrence.objects.filter(
            activity__municipality_id__in=municipality_ids, cancelled_at__isnull=True, **days
        )
        .annotate(month=ExtractMonth("starts_at", tzinfo=tz))
        .values("month", "activity__kind")
        .annotate(n=Count("pk"))
    )
    on_date = {f"occurrence__{key}": value for key, value in days.items()}
    signup_rows = (
        SignUp.objects.filter(
            occurrence__activity__municipality_id__in=municipality_ids,
            occurrence__cancelled_at__isnull=True,
            **on_date,
        )
        .annotate(month=ExtractMonth("occurrence__starts_at", tzinfo=tz))
        .values("month", "occurrence__activity__kind")
        .annotate(
            signups=Count("pk", filter=Q(status__in=constants.HOLDS_PLACE)),
            attended=Count("pk", filter=Q(status=SignUpStatus.ATTENDED)),
        )
    )
    waiting_rows = (
        SignUpTransition.objects.filter(
            from_status="",
            to_status=SignUpStatus.WAITING,
            signup__occurrence__activity__municipality_id__in=municipality_ids,
            **{f"signup__{key}": value for key, value in on_date.items()},
        )
        .annotate(month=ExtractMonth("signup__occurrence__starts_at", tzinfo=tz))
        .values("month", "signup__occurrence__activity__kind")
        .annotate(n=Count("signup_id", distinct=True))
    )
    counts = {m: Counter() for m in ("held", *MEASURES)}  # (month, kind) -> n
    for row in held_rows:
        counts["held"][(row["month"], row["activity__kind"])] += row["n"]
    for row in signup_rows:
        key = (row["month"], row["occurrence__activity__kind"])
        counts["signups"][key] += row["signups"]
        counts["attended"][key] += row["attended"]
    for row in waiting_rows:
        counts["waiting"][(row["month"], row["signup__occurrence__activity__kind"])] += row["n"]
    return counts


def calendar_figures(*, municipality_ids: list[int], period: Period) -> CalendarFigures:
    """Three queries (``calendar_counts``): dates held, sign-ups by status, sign-ups that came
    in waiting — each by month and kind — for the period's year."""
    counts = calendar_counts(
        municipality_ids=municipality_ids,
        first=datetime.date(period.year, 1, 1),
        last=datetime.date(period.year, 12, 31),
    )
    held = counts["held"]

    first, last = period.months
    kinds = list(constants.Kind)
    labels = {kind.value: str(kind.label) for kind in kinds}
    by_kind: dict[str, Breakdown] = {}
    over_periods: dict[str, dict[Period, Figure]] = {}
    for measure in MEASURES:
        table = {
            kind.value: sum(
                n for (m, k), n in counts[measure].items() if k == kind and first <= m <= last
            )
            for kind in kinds
        }
        monthly = Counter()
        for (m, _k), n in counts[measure].items():
            monthly[m] += n
        totals = per_period(monthly, period.year)
        done, periods = linked_breakdowns([table], totals, period, labels=[labels])
        by_kind[measure] = done[0]
        over_periods[measure] = periods
    peer_monthly = Counter()
    for (m, k), n in counts["attended"].items():
        if k == constants.Kind.PEER_SUPPORT:
            peer_monthly[m] += n
    peer = suppress_over_periods(per_period(peer_monthly, period.year))
    today = timezone.localdate()
    months = [
        MonthRow(
            period=p,
            held=sum(n for (m, _k), n in held.items() if m == p.number),
            signups=over_periods["signups"][p],
            attended=over_periods["attended"][p],
            waiting=over_periods["waiting"][p],
            peer_support=peer[p],
        )
        for p in year_tree(period.year)
        if p.kind == MONTH and p.is_complete(today)
    ]
    held_by_kind = [
        (
            labels[kind.value],
            sum(n for (m, k), n in held.items() if k == kind and first <= m <= last),
        )
        for kind in kinds
    ]
    return CalendarFigures(
        period=period,
        held_by_kind=held_by_kind,
        held=sum(n for _label, n in held_by_kind),
        by_kind=by_kind,
        months=months,
    )
