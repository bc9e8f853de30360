"""Volunteering figures per municipality and period; definitions in docs/indicators.md.

Brokers see them as counts (they may see the records themselves); the policy monitor will
show them with small-number suppression (privacy.statistics).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Q

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
class VolunteeringFigures:
    municipality: object
    start: date
    end: date
    profiles_created: int
    active_volunteers: int
    organisations: int
    vacancies_published: int
    responses: int
    matches: int
    running_after_three_months: int
    campaign_signups: int


def volunteering_figures(*, municipality, start: date, end: date) -> VolunteeringFigures:
    """Counts for ``municipality`` over ``start``..``end`` (both days included). 8 queries."""
    mun = {"municipality": municipality}
    confirmed = Placement.objects.filter(
        **mun, started_confirmed_at__isnull=False, volunteer_disputed_at__isnull=True
    )
    running_in_period = confirmed.filter(start_date__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )
    return VolunteeringFigures(
        municipality=municipality,
        start=start,
        end=end,
        profiles_created=VolunteerProfile.objects.filter(
            **mun, created_at__date__gte=start, created_at__date__lte=end
        ).count(),
        active_volunteers=running_in_period.values("profile").distinct().count(),
        organisations=Organisation.objects.filter(
            **mun, status=constants.OrganisationStatus.APPROVED, created_at__date__lte=end
        ).count(),
        vacancies_published=Vacancy.objects.filter(
            **mun, first_published_at__date__gte=start, first_published_at__date__lte=end
        ).count(),
        responses=VacancyResponse.objects.sent()
        .filter(**mun, created_at__date__gte=start, created_at__date__lte=end)
        .count(),
        matches=confirmed.filter(
            started_confirmed_at__date__gte=start, started_confirmed_at__date__lte=end
        ).count(),
        running_after_three_months=confirmed.filter(start_date__lte=end - THREE_MONTHS)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=F("start_date") + THREE_MONTHS))
        .count(),
        campaign_signups=CampaignSignup.objects.filter(
            campaign__municipality=municipality,
            created_at__date__gte=start,
            created_at__date__lte=end,
        ).count(),
    )
