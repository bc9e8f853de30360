"""The training budget: what was set, committed, spent and is left, and its bookings."""

from decimal import Decimal

from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from omzien.academy.constants import BookingStatus
from omzien.academy.models import Booking, Budget


def budget_totals(budget: Budget) -> dict:
    """Committed, spent and left of ``budget`` (one query); ``left`` may not go below zero."""
    sums = Booking.objects.filter(budget=budget).aggregate(
        committed=Sum("amount", filter=Q(status=BookingStatus.COMMITTED)),
        spent=Sum("amount", filter=Q(status=BookingStatus.SPENT)),
    )
    committed = sums["committed"] or Decimal("0")
    spent = sums["spent"] or Decimal("0")
    return {
        "amount": budget.amount,
        "committed": committed,
        "spent": spent,
        "left": budget.amount - committed - spent,
    }


def budget_get(*, user, municipality_id: int, year: int) -> Budget | None:
    return Budget.objects.visible_to(user).filter(municipality=municipality_id, year=year).first()


def budget_years(*, user, municipality_id: int, shown: int) -> list[int]:
    """The years to go to from the budget of ``shown``, newest first: those with a budget, and
    this year and the next (to set the coming year's budget in time)."""
    this_year = timezone.localdate().year
    years = set(
        Budget.objects.visible_to(user)
        .filter(municipality=municipality_id)
        .values_list("year", flat=True)
    )
    return sorted((years | {this_year, this_year + 1}) - {shown}, reverse=True)


def booking_list(*, budget: Budget) -> list[Booking]:
    """The budget's bookings with their course and linked requests (three queries)."""
    return list(
        Booking.objects.filter(budget=budget)
        .select_related("budget", "course__activity")
        .prefetch_related("requests__organisation")
        .order_by("-created_at", "-pk")
    )


def booking_get(*, user, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.visible_to(user).select_related("budget__municipality"), pk=pk
    )
