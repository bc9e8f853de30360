"""The activity calendar's indicators (``common.indicators``); definitions in
docs/indicators.md."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.activities import constants as c
from omzien.activities.models import Occurrence, SignUp, SignUpTransition
from omzien.common.dates import on_days
from omzien.common.indicators import Indicator, Result
from omzien.privacy.statistics import Period

INDICATORS = (
    Indicator("activities.held", _("Activity dates held"), people=False),
    Indicator("activities.signups", _("Sign-ups for activities")),
    Indicator("activities.attended", _("Attendance at activities")),
    Indicator("activities.waiting_list", _("Sign-ups that had to wait for a place")),
    Indicator("activities.peer_support_attended", _("Attendance at peer-support meetings")),
)


def activity_indicators(*, municipality, period: Period) -> dict[str, Result]:
    """Three queries. Dates count when they took place (not cancelled, begun before now) in
    the period; sign-ups by the date they are for."""
    bounds = on_days("starts_at", first=period.start, last=period.end)
    # Held: begun before now as well as in the period.
    days = {**bounds, "starts_at__lt": min(bounds["starts_at__lt"], timezone.now())}
    held = Occurrence.objects.filter(
        activity__municipality=municipality, cancelled_at__isnull=True, **days
    ).count()
    on_date = {f"occurrence__{key}": value for key, value in days.items()}
    signups = SignUp.objects.filter(
        occurrence__activity__municipality=municipality,
        occurrence__cancelled_at__isnull=True,
        **on_date,
    ).aggregate(
        signups=Count("pk", filter=Q(status__in=c.HOLDS_PLACE)),
        attended=Count("pk", filter=Q(status=c.SignUpStatus.ATTENDED)),
        peer=Count(
            "pk",
            filter=Q(
                status=c.SignUpStatus.ATTENDED, occurrence__activity__kind=c.Kind.PEER_SUPPORT
            ),
        ),
    )
    waiting = (
        SignUpTransition.objects.filter(
            from_status="",
            to_status=c.SignUpStatus.WAITING,
            signup__occurrence__activity__municipality=municipality,
            **{f"signup__{key}": value for key, value in on_date.items()},
        )
        .values("signup_id")
        .distinct()
        .count()
    )
    return {
        "activities.held": Result(held),
        "activities.signups": Result(signups["signups"]),
        "activities.attended": Result(signups["attended"]),
        "activities.waiting_list": Result(waiting),
        "activities.peer_support_attended": Result(signups["peer"]),
    }
