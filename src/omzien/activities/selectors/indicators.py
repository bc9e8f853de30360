"""The activity calendar's indicators (``common.indicators``); definitions in
docs/indicators.md."""

from django.utils.translation import gettext_lazy as _

from omzien.activities import constants
from omzien.activities.selectors.figures import calendar_counts
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
    """Three queries (``figures.calendar_counts``, which the figures page uses too). Dates
    count when they took place (not cancelled, begun before now) in the period; sign-ups by
    the date they are for."""
    counts = calendar_counts(
        municipality_ids=[municipality.pk], first=period.start, last=period.end
    )
    peer = sum(
        n for (_m, kind), n in counts["attended"].items() if kind == constants.Kind.PEER_SUPPORT
    )
    return {
        "activities.held": Result(sum(counts["held"].values())),
        "activities.signups": Result(sum(counts["signups"].values())),
        "activities.attended": Result(sum(counts["attended"].values())),
        "activities.waiting_list": Result(sum(counts["waiting"].values())),
        "activities.peer_support_attended": Result(peer),
    }
