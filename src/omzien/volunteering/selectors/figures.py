"""Volunteering figures per municipality and fixed period; definitions in docs/indicators.md.

:func:`volunteering_counts` gives the raw numbers (for code that computes further, e.g. the
policy monitor); :func:`volunteering_figures` what a page may show, suppressed with the one
rule of ``privacy.statistics`` (docs/privacy.md, "Statistics"): the figures page shows the
same figures to everyone who may ask for them. Figures over a period are decided for the
whole year the period lies in. Nine queries, whatever the numbers.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q

from omzien.common.dates import on_days, start_of_day
from omzien.privacy.statistics import (
    Figure,
    Period,
    per_period,
    suppress_count,
    suppress_over_periods,
    year_tree,
)
from omzien.volunteering import constants
from omzien.volunteering.models import (
    CampaignSignup,
    Organisation,
    Placement,
    Vacancy,
    VacancyResponse,
    VolunteerProfile,
)

THREE_MONTHS = timedelta(days=91)


@dataclass(frozen=True)
class VolunteeringCounts:
    """Raw counts of one period. ``over_periods``: the counts over a period of every period
    of its year, by field name (what the suppression needs)."""

    municipality: object
    period: Period
    profiles_created: int
    active_volunteers: int
    organisations: int
    vacancies_published: int
    responses: int
    matches: int
    running_after_three_months: int
    campaign_signups: int
    over_periods: dict


@dataclass(frozen=True)
class VolunteeringFigures:
    """The figures as a page may show them."""

    municipality: object
    period: Period
    profiles_created: Figure
    active_volunteers: Figure
    organisations: Figure
    vacancies_published: Figure
    responses: Figure
    matches: Figure
    running_after_three_months: Figure
    campaign_signups: Figure


# Counts of records over a period: a quarter is the sum of its months.
ADDITIVE = ("profiles_created", "vacancies_published", "responses", "matches", "campaign_signups")


def _monthly(queryset, field: str, year: int) -> dict[Period, int]:
    """Counts per month of the datetime ``field`` in ``year``: one query, twelve ranges of
    moments (no time zone conversion of each row, as ``ExtractMonth`` needs)."""
    starts = [start_of_day(date(year, month, 1)) for month in range(1, 13)]
    starts.append(start_of_day(date(year + 1, 1, 1)))
    counts = queryset.filter(**{f"{field}__gte": starts[0], f"{field}__lt": starts[12]}).aggregate(
        **{
            f"m{month}": Count(
                "pk",
                filter=Q(**{f"{field}__gte": starts[month - 1], f"{field}__lt": starts[month]}),
            )
            for month in range(1, 13)
        }
    )
    return per_period({month: counts[f"m{month}"] for month in range(1, 13)}, year)


def volunteering_counts(*, municipality, period: Period) -> VolunteeringCounts:
    """Counts for ``municipality`` over ``period``. Eight queries."""
    mun = {"municipality": municipality}
    end, year = period.end, period.year
    confirmed = Placement.objects.filter(
        **mun, started_confirmed_at__isnull=False, volunteer_disputed_at__isnull=True
    )
    # Distinct volunteers in a placement that ran in a period: worked out per period of the
    # year from the placements that ran in the year.
    first, last = period.year_period.start, period.year_period.end
    ran = list(
        confirmed.filter(start_date__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .values_list("profile_id", "start_date", "ended_on")
    )
    active = {
        p: len(
            {
                profile
                for profile, began, ended in ran
                if began <= p.end and (ended is None or ended >= p.start)
            }
        )
        for p in year_tree(year)
    }
    over = {
        "profiles_created": _monthly(VolunteerProfile.objects.filter(**mun), "created_at", year),
        "vacancies_published": _monthly(Vacancy.objects.filter(**mun), "first_published_at", year),
        "responses": _monthly(
            VacancyResponse.objects.sent().filter(**mun),
            "created_at",
            year,
        ),
        "matches": _monthly(confirmed, "started_confirmed_at", year),
        "campaign_signups": _monthly(
            CampaignSignup.objects.filter(campaign__municipality=municipality), "created_at", year
        ),
        "active_volunteers": active,
    }
    return VolunteeringCounts(
        municipality=municipality,
        period=period,
        organisations=Organisation.objects.filter(
            **mun, status=constants.OrganisationStatus.APPROVED, **on_days("created_at", last=end)
        ).count(),
        running_after_three_months=confirmed.filter(start_date__lte=end - THREE_MONTHS)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=F("start_date") + THREE_MONTHS))
        .count(),
        over_periods=over,
        **{name: values[period] for name, values in over.items()},
    )


def volunteering_figures(*, municipality, period: Period) -> VolunteeringFigures:
    """The figures of ``period`` as a page may show them."""
    counts = volunteering_counts(municipality=municipality, period=period)
    shown = {
        name: suppress_over_periods(values, additive=name in ADDITIVE)[period]
        for name, values in counts.over_periods.items()
    }
    # Counts at the end of the period (not over it): small ones hidden.
    for name in ("organisations", "running_after_three_months"):
        shown[name] = suppress_count(getattr(counts, name))
    return VolunteeringFigures(municipality=municipality, period=period, **shown)
