"""Aggregate carer figures for a municipality and a fixed period; definitions in
docs/indicators.md, the statistics rule in docs/privacy.md.

:func:`caregiver_counts` returns the raw numbers (for code that computes further, e.g. the
programme monitor); :func:`caregiver_stats` returns what a page may show, suppressed with the
one rule of ``privacy.statistics``. Figures over a period are decided for the whole year the
period lies in, so that asking for a month, its quarter and its year gives nothing away by
subtraction. Four queries, whatever the number of carers.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from omzien.caregivers import constants
from omzien.caregivers.models import Caregiver, Referral, Screening
from omzien.caregivers.query import age_group_q
from omzien.privacy.statistics import (
    MONTH,
    YEAR,
    Breakdown,
    Figure,
    Period,
    breakdown,
    linked_breakdowns,
    per_period,
    suppress_count,
    suppress_over_periods,
    year_tree,
    zero_filled,
)


def _by_period(rows, year: int) -> dict[Period, dict]:
    """{period: {key: n}} over the year tree from rows of (month, key, n)."""
    result: dict[Period, dict] = {p: defaultdict(int) for p in year_tree(year)}
    for month, key, n in rows:
        for period in result:
            if period.months[0] <= month <= period.months[1]:
                result[period][key] += n
    return result


def _screenings_over_periods(rows, year: int) -> dict[str, dict[Period, int]]:
    """From (carer, date, pk, heavily burdened) of a year: per period, the screenings, the
    carers screened, and of those whose latest screening in the period (latest date, then
    the one recorded last) is heavily burdened or not."""
    result = {name: {} for name in ("done", "carers", "heavy", "not_heavy")}
    for period in year_tree(year):
        inside = [r for r in rows if period.start <= r[1] <= period.end]
        latest = {}
        for carer, _taken_on, _pk, heavy in sorted(inside, key=lambda r: (r[1], r[2])):
            latest[carer] = heavy
        result["done"][period] = len(inside)
        result["carers"][period] = len(latest)
        result["heavy"][period] = sum(1 for heavy in latest.values() if heavy)
        result["not_heavy"][period] = sum(1 for heavy in latest.values() if not heavy)
    return result


def caregiver_counts(*, municipality, period: Period) -> dict:
    """The raw figures of ``period``, and under "over_periods" those of every period of its
    year (what the suppression needs). Four queries."""
    end = period.end
    year = period.year
    in_registry = (
        Caregiver.objects.registered()
        .filter(
            municipality=municipality,
            status__in=[constants.CaregiverStatus.ACTIVE, constants.CaregiverStatus.AFTERCARE],
            registered_on__lte=end,
        )
        .aggregate(
            **{
                group: Count("pk", filter=age_group_q(group, today=end))
                for group in constants.AgeGroup.values
            },
            intensive=Count("pk", filter=Q(intensive_contact=True)),
            total=Count("pk"),
        )
    )
    # Anonymised carers keep their registration date and count; merged duplicates do not.
    registrations = per_period(
        dict(
            Caregiver.objects.filter(
                municipality=municipality, merged_into__isnull=True, registered_on__year=year
            )
            .annotate(month=ExtractMonth("registered_on"))
            .values_list("month")
            .annotate(n=Count("pk"))
            .order_by()
        ),
        year,
    )
    screenings = _screenings_over_periods(
        list(
            Screening.objects.filter(
                caregiver__municipality=municipality, taken_on__year=year
            ).values_list("caregiver_id", "taken_on", "pk", "heavily_burdened")
        ),
        year,
    )
    referral_rows = list(
        Referral.objects.filter(caregiver__municipality=municipality, referred_on__year=year)
        .annotate(month=ExtractMonth("referred_on"))
        .values_list("month", "target", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_target = _by_period([(m, target, n) for m, target, _o, n in referral_rows], year)
    by_outcome = _by_period([(m, outcome, n) for m, _t, outcome, n in referral_rows], year)
    referrals = {p: sum(by_target[p].values()) for p in by_target}
    return {
        "period": period,
        "registered": {key: in_registry[key] for key in constants.AgeGroup.values},
        "registered_total": in_registry["total"],
        "intensive": in_registry["intensive"],
        "registrations": registrations[period],
        "screenings_done": screenings["done"][period],
        "carers_screened": screenings["carers"][period],
        "heavily_burdened": screenings["heavy"][period],
        "carers_with_latest_screening": screenings["carers"][period],
        "referrals_by_target": zero_filled(constants.ReferralTarget.values, by_target[period]),
        "referrals_by_outcome": zero_filled(constants.ReferralOutcome.values, by_outcome[period]),
        "referrals_total": referrals[period],
        "over_periods": {
            "registrations": registrations,
            "screenings_done": screenings["done"],
            "carers_screened": screenings["carers"],
            "heavily_burdened": screenings["heavy"],
            "not_heavily_burdened": screenings["not_heavy"],
            "referrals": referrals,
            "year_referrals_by_target": zero_filled(
                constants.ReferralTarget.values, by_target[period.year_period]
            ),
            "year_referrals_by_outcome": zero_filled(
                constants.ReferralOutcome.values, by_outcome[period.year_period]
            ),
        },
    }


@dataclass(frozen=True)
class CaregiverStats:
    """The figures as a page may show them. The referrals by kind and by outcome are shown
    for a whole year only (None for a month or quarter): kinds per month would be a table
    that months, quarters and the year could be subtracted from."""

    municipality: object
    period: Period
    registered: Breakdown
    registrations: Breakdown | None
    registrations_total: Figure
    intensive: Figure
    screenings_done: Figure
    carers_screened: Figure
    heavily_burdened_share: Figure
    referrals_total: Figure
    referrals_by_target: Breakdown | None
    referrals_by_outcome: Breakdown | None


def caregiver_stats(*, municipality, period: Period) -> CaregiverStats:
    """The figures for a page, suppressed by the statistics rule."""
    counts = caregiver_counts(municipality=municipality, period=period)
    over = counts["over_periods"]
    registrations = suppress_over_periods(over["registrations"])
    carers_screened = suppress_over_periods(over["carers_screened"], additive=False)
    heavy = suppress_over_periods(over["heavily_burdened"], additive=False)
    not_heavy = suppress_over_periods(over["not_heavily_burdened"], additive=False)
    year = period.year_period
    (by_target, by_outcome), referrals = linked_breakdowns(
        [over["year_referrals_by_target"], over["year_referrals_by_outcome"]],
        over["referrals"],
        year,
        labels=[dict(constants.ReferralTarget.choices), dict(constants.ReferralOutcome.choices)],
    )
    share = Figure(value=None, min_size=registrations[period].min_size, percent=True)
    denominator = counts["carers_with_latest_screening"]
    if denominator and not (
        carers_screened[period].suppressed
        or heavy[period].suppressed
        or not_heavy[period].suppressed
    ):
        share = Figure(
            value=round(100 * counts["heavily_burdened"] / denominator),
            min_size=share.min_size,
            percent=True,
        )
    # Intensive contact is a part of the registered carers: the rest is a group too.
    intensive = suppress_count(counts["intensive"])
    if suppress_count(counts["registered_total"] - counts["intensive"]).suppressed:
        intensive = Figure(value=None, min_size=intensive.min_size)
    return CaregiverStats(
        municipality=municipality,
        period=period,
        # Every channel asks for a date of birth: carers without one (older records) are in
        # the total as an unshown rest, not as a row that is nearly always empty.
        registered=breakdown(
            counts["registered"],
            labels=dict(constants.AgeGroup.choices),
            total=counts["registered_total"],
        ),
        registrations=(
            None
            if period.kind == MONTH
            else Breakdown(
                rows=[(str(month), registrations[month]) for month in period.month_periods()],
                total=registrations[period],
            )
        ),
        registrations_total=registrations[period],
        intensive=intensive,
        screenings_done=suppress_over_periods(over["screenings_done"])[period],
        carers_screened=carers_screened[period],
        heavily_burdened_share=share,
        referrals_total=referrals[period],
        referrals_by_target=by_target if period.kind == YEAR else None,
        referrals_by_outcome=by_outcome if period.kind == YEAR else None,
    )
