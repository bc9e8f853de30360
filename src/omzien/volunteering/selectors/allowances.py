"""Reads of expense allowances: one placement's (for its organisation), the organisation's
totals per volunteer, and whether an amount would pass the tax-free maxima across all
organisations (answered yes or no: the sums of other organisations are never returned)."""

import datetime
from decimal import Decimal

from django.db.models import Sum

from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Allowance, VolunteeringSettings, VolunteerProfile


def _of_volunteer(profile: VolunteerProfile):
    """The volunteer's allowances in every organisation: by account across municipalities,
    else (an assisted volunteer) by profile."""
    if profile.user_id is not None:
        return Allowance.objects.filter(placement__profile__user_id=profile.user_id)
    return Allowance.objects.filter(placement__profile_id=profile.pk)


def maxima_passed(*, profile: VolunteerProfile, day: datetime.date, amount: Decimal) -> list[str]:
    """Which tax-free maxima ("year", "month") the volunteer's volunteer allowances would pass
    with ``amount`` on ``day``, counted across all organisations, against the maxima of the
    profile's municipality."""
    settings_row = VolunteeringSettings.for_municipality(profile.municipality)
    allowances = _of_volunteer(profile).filter(
        kind=volunteering_constants.AllowanceKind.ALLOWANCE, date__year=day.year
    )
    year = allowances.aggregate(t=Sum("amount"))["t"] or Decimal(0)
    month = allowances.filter(date__month=day.month).aggregate(t=Sum("amount"))["t"] or Decimal(0)
    passed = []
    if year + amount > settings_row.allowance_max_year:
        passed.append("year")
    if month + amount > settings_row.allowance_max_month:
        passed.append("month")
    return passed


def allowances_of_placement(*, placement, limit: int = 20) -> list[Allowance]:
    return list(Allowance.objects.filter(placement=placement).order_by("-date", "-pk")[:limit])


def placement_year_allowances(*, placement, year: int) -> Decimal:
    """What this organisation paid in this placement in the year (its own amounts only)."""
    return Allowance.objects.filter(placement=placement, date__year=year).aggregate(
        t=Sum("amount")
    )["t"] or Decimal(0)


def organisation_allowances(*, organisation_id: int, year: int) -> list[dict]:
    """The organisation's own allowances per volunteer in a year, by kind."""
    rows = (
        Allowance.objects.filter(
            placement__vacancy__organisation_id=organisation_id, date__year=year
        )
        .values("placement__profile_id", "placement__profile__full_name", "kind")
        .annotate(total=Sum("amount"))
        .order_by("placement__profile__full_name", "placement__profile_id")
    )
    people: dict[int, dict] = {}
    for row in rows:
        person = people.setdefault(
            row["placement__profile_id"],
            {
                "name": row["placement__profile__full_name"],
                volunteering_constants.AllowanceKind.ALLOWANCE: Decimal(0),
                volunteering_constants.AllowanceKind.EXPENSES: Decimal(0),
            },
        )
        person[row["kind"]] += row["total"]
    return [
        {"name": p["name"], "allowance": p["allowance"], "expenses": p["expenses"]}
        for p in people.values()
    ]
