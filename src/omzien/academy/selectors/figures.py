"""The academy's indicators for the policy monitor (common.indicators; docs/indicators.md):
meetings held, participants, certificates and training budget spent."""

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy

from omzien.academy import constants
from omzien.academy.models import Booking, Enrolment
from omzien.activities.constants import HOLDS_PLACE
from omzien.activities.models import Occurrence
from omzien.common import indicators as _indicators

INDICATORS = (
    _indicators.Indicator("academy.meetings", gettext_lazy("Academy meetings held"), people=False),
    _indicators.Indicator("academy.participants", gettext_lazy("Academy participants")),
    _indicators.Indicator("academy.certificates", gettext_lazy("Academy certificates")),
    _indicators.Indicator(
        "academy.budget_spent",
        gettext_lazy("Training budget spent (EUR)"),
        unit=_indicators.AMOUNT,
        people=False,
    ),
)


def academy_indicators(*, municipality, period) -> dict:
    """The dates held in ``period`` (up to now), who took part and who got a certificate, and
    what was paid from the training budgets of the period's years (three queries)."""
    held = Q(
        starts_at__date__gte=period.start,
        starts_at__date__lte=period.end,
        starts_at__lte=timezone.now(),
        cancelled_at__isnull=True,
    )
    meetings = Occurrence.objects.filter(
        held, activity__academy_course__municipality=municipality
    ).count()
    people = Enrolment.objects.filter(
        course__municipality=municipality,
        signup__occurrence__in=Occurrence.objects.filter(held).values("pk"),
    ).aggregate(
        participants=Count("pk", filter=Q(signup__status__in=HOLDS_PLACE)),
        certificates=Count("pk", filter=Q(attended_at__isnull=False)),
    )
    spent = Booking.objects.filter(
        budget__municipality=municipality,
        budget__year__gte=period.start.year,
        budget__year__lte=period.end.year,
        status=constants.BookingStatus.SPENT,
    ).aggregate(total=Sum("amount"))["total"]
    return {
        "academy.meetings": _indicators.Result(meetings),
        "academy.participants": _indicators.Result(people["participants"]),
        "academy.certificates": _indicators.Result(people["certificates"]),
        "academy.budget_spent": _indicators.Result(spent or 0),
    }
