"""The figures of trajectories per year and their indicators for the policy monitor.

They count people (volunteers in a trajectory), so small groups are hidden
(``privacy.statistics``): a count from 1 to the threshold shows as "fewer than …"."""

import datetime

from django.db.models import Count
from django.utils.translation import gettext_lazy

from omzien.common import indicators as _indicators
from omzien.privacy.statistics import suppress, suppress_count
from omzien.trajectories import constants
from omzien.trajectories.models import Evaluation, Trajectory, TrajectoryTransition


def _counts(municipality_ids, start: datetime.date, end: datetime.date) -> dict:
    """Started, placed, evaluated and ended (by outcome) in [start, end] (four queries)."""
    mine = {"municipality_id__in": municipality_ids}
    started = Trajectory.objects.filter(**mine, started_on__gte=start, started_on__lte=end)
    placed = (
        TrajectoryTransition.objects.filter(
            trajectory__municipality_id__in=municipality_ids,
            to_status=constants.TrajectoryStatus.PLACED,
            created_at__date__gte=start,
            created_at__date__lte=end,
        )
        .values("trajectory_id")
        .distinct()
    )
    evaluated = (
        Evaluation.objects.filter(
            trajectory__municipality_id__in=municipality_ids,
            held_on__gte=start,
            held_on__lte=end,
        )
        .values("trajectory_id")
        .distinct()
    )
    ended = dict(
        Trajectory.objects.filter(
            **mine,
            status=constants.TrajectoryStatus.ENDED,
            ended_on__gte=start,
            ended_on__lte=end,
        )
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    return {
        "started": started.count(),
        "placed": placed.count(),
        "evaluated": evaluated.count(),
        "ended": {outcome: ended.get(outcome, 0) for outcome in constants.Outcome.values},
    }


def trajectory_figures(*, municipality_ids, year: int) -> dict:
    """One year's figures, suppressed for the page."""
    counts = _counts(
        sorted(municipality_ids), datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    total_ended = sum(counts["ended"].values())
    by_outcome = suppress(counts["ended"], total=total_ended)
    return {
        "year": year,
        "started": suppress_count(counts["started"]),
        "placed": suppress_count(counts["placed"]),
        "evaluated": suppress_count(counts["evaluated"]),
        "ended": suppress_count(total_ended),
        "outcomes": [(label, by_outcome[value]) for value, label in constants.Outcome.choices],
    }


INDICATORS = (
    _indicators.Indicator("trajectories.started", gettext_lazy("Trajectories started")),
    _indicators.Indicator("trajectories.placed", gettext_lazy("Trajectories placed")),
    _indicators.Indicator("trajectories.evaluated", gettext_lazy("Trajectories evaluated")),
    _indicators.Indicator("trajectories.ended", gettext_lazy("Trajectories ended")),
    _indicators.Indicator(
        "trajectories.ended_paid_work",
        gettext_lazy("Trajectories ended in paid work"),
    ),
    _indicators.Indicator(
        "trajectories.ended_volunteering",
        gettext_lazy("Trajectories ended with volunteering continued"),
    ),
)


def trajectory_indicators(*, municipality, period) -> dict:
    """The indicators of ``period`` (four queries)."""
    counts = _counts([municipality.pk], period.start, period.end)
    ended = counts["ended"]
    return {
        "trajectories.started": _indicators.Result(counts["started"]),
        "trajectories.placed": _indicators.Result(counts["placed"]),
        "trajectories.evaluated": _indicators.Result(counts["evaluated"]),
        "trajectories.ended": _indicators.Result(sum(ended.values())),
        "trajectories.ended_paid_work": _indicators.Result(ended[constants.Outcome.PAID_WORK]),
        "trajectories.ended_volunteering": _indicators.Result(
            ended[constants.Outcome.VOLUNTEERING]
        ),
    }
