"""The traffic light of a measure: on track, at risk or off track, from the trend toward the
deadline (plain Python; the rule is written out in docs/monitor.md).

The path: a straight line from the start (the baseline value on its date; without a baseline,
0 on the programme's first day for a measure that should go up) to the target on the deadline.
Today's point on that path is the *expected* value.

* The target is reached (at least / growth: value ≥ target; at most / decline: value ≤ target):
  **on track**. Growth and decline ask for a change from the baseline: a value that has not moved
  past the baseline has not reached the target, even where the target is the baseline itself (a
  seed that writes "groei van het aantal huisbezoeken (ZorgDat 2020: 0)" names no number).
* After the deadline and not reached: **off track**.
* Otherwise, with ``needed`` the way from the start to the expected value and ``made`` the way
  from the start to the value (both in the measure's direction): ``made ≥ needed`` **on track**;
  ``made ≥ 0.75 × needed`` **at risk**; less **off track**.
* A target that lies on the wrong side of the start (or no start at all, for a measure that
  should go down without a baseline): **at risk** until the deadline, off track after it.
* No value: **no value yet**.
"""

from datetime import date
from decimal import Decimal

from omzien.monitor.constants import UPWARD, Direction, Light

AT_RISK_SHARE = Decimal("0.75")


def _unmoved(value: Decimal, baseline, direction: str, sign: int) -> bool:
    """A growth or decline measure whose value is not past its baseline."""
    if direction not in (Direction.GROWTH, Direction.DECLINE) or baseline is None:
        return False
    return sign * (value - Decimal(baseline)) <= 0


def light(
    *,
    value,
    target,
    direction: str,
    deadline: date,
    today: date,
    baseline=None,
    baseline_date: date | None = None,
    programme_start: date | None = None,
) -> str:
    if value is None:
        return Light.UNKNOWN
    value, target = Decimal(value), Decimal(target)
    up = direction in UPWARD
    sign = 1 if up else -1
    if sign * (value - target) >= 0 and not _unmoved(value, baseline, direction, sign):
        return Light.ON_TRACK
    if today > deadline:
        return Light.OFF_TRACK
    start_value = Decimal(baseline) if baseline is not None else (Decimal(0) if up else None)
    start_date = baseline_date or programme_start or today
    if start_value is None or sign * (target - start_value) <= 0:
        return Light.AT_RISK
    span = (deadline - start_date).days
    elapsed = (today - start_date).days
    fraction = (
        Decimal(1) if span <= 0 else min(Decimal(1), max(Decimal(0), Decimal(elapsed) / span))
    )
    needed = sign * (target - start_value) * fraction
    made = sign * (value - start_value)
    if made >= needed:
        return Light.ON_TRACK
    if made >= AT_RISK_SHARE * needed:
        return Light.AT_RISK
    return Light.OFF_TRACK
