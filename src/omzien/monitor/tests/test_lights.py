"""The traffic light's rule (docs/monitor.md) at its boundaries."""

from datetime import date
from decimal import Decimal

import pytest

from omzien.monitor.constants import Direction, Light
from omzien.monitor.lights import light

START, DEADLINE = date(2023, 1, 1), date(2024, 12, 31)
HALFWAY = date(2024, 1, 1)  # 365 of 730 days: exactly half


def up(value, today=HALFWAY, **kw):
    return light(
        value=value,
        target=50,
        direction=Direction.AT_LEAST,
        deadline=DEADLINE,
        today=today,
        programme_start=START,
        **kw,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (25, Light.ON_TRACK),  # exactly on the path: 50 × 365/730
        (24, Light.AT_RISK),
        (18.75, Light.AT_RISK),  # exactly 75% of the way needed
        (18.74, Light.OFF_TRACK),
        (50, Light.ON_TRACK),  # the target reached
    ],
)
def test_upward_measure_against_the_path(value, expected):
    assert up(value) == expected


def test_after_the_deadline_only_reaching_the_target_counts():
    assert up(49, today=date(2025, 1, 1)) == Light.OFF_TRACK
    assert up(50, today=date(2025, 1, 1)) == Light.ON_TRACK
    assert up(49, today=DEADLINE) == Light.AT_RISK  # on the deadline itself: 98% of the way


def test_no_value_is_unknown():
    assert up(None) == Light.UNKNOWN


def test_the_baseline_is_the_start_of_the_path():
    # From 12.3 (2016) down to 10 at the deadline; halfway between baseline date and deadline.
    kw = {
        "target": 10,
        "direction": Direction.DECLINE,
        "deadline": date(2023, 1, 1),
        "baseline": 12,
        "baseline_date": date(2021, 1, 1),
        "today": date(2022, 1, 1),
    }
    assert light(value=11, **kw) == Light.ON_TRACK  # needed 1, made 1
    assert light(value=11.25, **kw) == Light.AT_RISK  # made 0.75 of 1
    assert light(value=11.26, **kw) == Light.OFF_TRACK
    assert light(value=9.9, **kw) == Light.ON_TRACK


def test_a_downward_measure_without_baseline_is_at_risk_until_reached():
    kw = {
        "target": 10,
        "direction": Direction.AT_MOST,
        "deadline": DEADLINE,
        "programme_start": START,
    }
    assert light(value=12, today=HALFWAY, **kw) == Light.AT_RISK
    assert light(value=12, today=date(2025, 1, 1), **kw) == Light.OFF_TRACK
    assert light(value=10, today=HALFWAY, **kw) == Light.ON_TRACK


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        (Direction.GROWTH, 0, Light.AT_RISK),  # still the baseline: no growth yet
        (Direction.GROWTH, 1, Light.ON_TRACK),
        (Direction.DECLINE, Decimal("12.3"), Light.AT_RISK),
        (Direction.DECLINE, Decimal("12.2"), Light.ON_TRACK),
        (Direction.AT_LEAST, 0, Light.ON_TRACK),  # "at least 0" is reached by 0
    ],
)
def test_growth_and_decline_need_a_move_past_the_baseline(direction, value, expected):
    """A seed's "groei van …" with only a baseline: the target is the baseline itself, and the
    baseline's own value does not reach it."""
    baseline = {Direction.GROWTH: 0, Direction.AT_LEAST: 0, Direction.DECLINE: Decimal("12.3")}
    assert (
        light(
            value=value,
            target=baseline[direction],
            direction=direction,
            deadline=DEADLINE,
            today=HALFWAY,
            baseline=baseline[direction],
            baseline_date=START,
        )
        == expected
    )
