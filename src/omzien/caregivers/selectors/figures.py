"""Aggregate carer figures for a municipality and period; definitions in docs/indicators.md.

:func:`caregiver_counts` returns the raw numbers (for code that computes further, e.g. the
programme monitor); :func:`caregiver_stats` returns what a page may show: every count below
the minimum group size suppressed, with secondary suppression wherever a total is shown.
Each figure is one aggregate query, whatever the number of carers.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omzien.caregivers import constants
from omzien.caregivers.models import Caregiver, Referral, Screening
from omzien.caregivers.query import age_group_q
from omzien.privacy.statistics import (
    Breakdown,
    Figure,
    breakdown,
    suppress_count,
    suppress_share,
    zero_filled,
)

UNKNOWN_AGE = "unknown"


def _month_starts(end: date, months: int = 12) -> list[date]:
    """The first days of the ``months`` calendar months up to and including ``end``'s."""
    starts = []
    for back in range(months - 1, -1, -1):
        index = end.year * 12 + end.month - 1 - back
        starts.append(date(index // 12, index % 12 + 1, 1))
    return starts


def caregiver_counts(*, municipality, start: date, end: date) -> dict:
    """The raw figures. Five queries, whatever the number of carers."""
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
            **{UNKNOWN_AGE: Count("pk", filter=Q(date_of_birth__isnull=True))},
            intensive=Count("pk", filter=Q(intensive_contact=True)),
            total=Count("pk"),
        )
    )
    months = _month_starts(end)
    per_month = (
        # Anonymised carers keep their registration date and count; merged duplicates do not.
        Caregiver.objects.filter(
            municipality=municipality,
            merged_into__isnull=True,
            registered_on__gte=months[0],
            registered_on__lte=end,
        )
        .annotate(month=TruncMonth("registered_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    found_months = {row["month"]: row["n"] for row in per_month}
    screenings = Screening.objects.filter(
        caregiver__municipality=municipality, taken_on__gte=start, taken_on__lte=end
    )
    screened = screenings.aggregate(done=Count("pk"), carers=Count("caregiver", distinct=True))
    latest_in_period = (
        Screening.objects.filter(
            caregiver=OuterRef("caregiver"), taken_on__gte=start, taken_on__lte=end
        )
        .order_by("-taken_on", "-pk")
        .values("pk")[:1]
    )
    latest = screenings.filter(pk=Subquery(latest_in_period)).aggregate(
        carers=Count("pk"), heavy=Count("pk", filter=Q(heavily_burdened=True))
    )
    referral_rows = (
        Referral.objects.filter(
            caregiver__municipality=municipality, referred_on__gte=start, referred_on__lte=end
        )
        .values("target", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_target: dict[str, int] = {}
    by_outcome: dict[str, int] = {}
    for row in referral_rows:
        by_target[row["target"]] = by_target.get(row["target"], 0) + row["n"]
        by_outcome[row["outcome"]] = by_outcome.get(row["outcome"], 0) + row["n"]
    return {
        "registered": {key: in_registry[key] for key in (*constants.AgeGroup.values, UNKNOWN_AGE)},
        "registered_total": in_registry["total"],
        "intensive": in_registry["intensive"],
        "registrations_per_month": zero_filled(months, found_months),
        "screenings_done": screened["done"],
        "carers_screened": screened["carers"],
        "heavily_burdened": latest["heavy"],
        "carers_with_latest_screening": latest["carers"],
        "referrals_by_target": zero_filled(constants.ReferralTarget.values, by_target),
        "referrals_by_outcome": zero_filled(constants.ReferralOutcome.values, by_outcome),
        "referrals_total": sum(by_target.values()),
    }


@dataclass(frozen=True)
class CaregiverStats:
    """The figures as a page may show them."""

    municipality: object
    start: date
    end: date
    registered: Breakdown
    registrations_per_month: Breakdown
    intensive: Figure
    screenings_done: Figure
    carers_screened: Figure
    heavily_burdened_share: Figure
    referrals_by_target: Breakdown
    referrals_by_outcome: Breakdown


def caregiver_stats(*, municipality, start: date, end: date | None = None) -> CaregiverStats:
    """The figures for a page, every small group suppressed."""
    end = end or timezone.localdate()
    counts = caregiver_counts(municipality=municipality, start=start, end=end)
    age_labels = {**dict(constants.AgeGroup.choices), UNKNOWN_AGE: _("Date of birth unknown")}
    month_labels = {
        month: date_format(month, "YEAR_MONTH_FORMAT")
        for month in counts["registrations_per_month"]
    }
    return CaregiverStats(
        municipality=municipality,
        start=start,
        end=end,
        registered=breakdown(counts["registered"], labels=age_labels),
        registrations_per_month=breakdown(counts["registrations_per_month"], labels=month_labels),
        intensive=suppress_count(counts["intensive"]),
        screenings_done=suppress_count(counts["screenings_done"]),
        carers_screened=suppress_count(counts["carers_screened"]),
        heavily_burdened_share=suppress_share(
            counts["heavily_burdened"], counts["carers_with_latest_screening"]
        ),
        referrals_by_target=breakdown(
            counts["referrals_by_target"], labels=dict(constants.ReferralTarget.choices)
        ),
        referrals_by_outcome=breakdown(
            counts["referrals_by_outcome"], labels=dict(constants.ReferralOutcome.choices)
        ),
    )
