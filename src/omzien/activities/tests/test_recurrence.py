"""The rule built from the form's choice and its dates, in Amsterdam wall-clock time."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from omzien.activities import constants, recurrence

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMS)


def test_every_first_tuesday_until_a_date():
    first = local(2026, 1, 6, 19, 30)  # the first Tuesday of January 2026
    rule = recurrence.build_rrule(
        repeat=constants.Repeat.MONTHLY_NTH, first=first.date(), until=datetime.date(2026, 6, 30)
    )
    assert rule == "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20260630T235959"
    dates = recurrence.expand(starts_at=first, rule=rule, until=local(2027, 1, 1))
    assert [d.date() for d in dates] == [
        datetime.date(2026, 1, 6),
        datetime.date(2026, 2, 3),
        datetime.date(2026, 3, 3),
        datetime.date(2026, 4, 7),
        datetime.date(2026, 5, 5),
        datetime.date(2026, 6, 2),
    ]
    assert all(d.weekday() == 1 for d in dates)


def test_a_number_of_times_and_the_horizon():
    first = local(2026, 3, 3, 10, 0)
    rule = recurrence.build_rrule(repeat=constants.Repeat.WEEKLY, first=first.date(), count=5)
    assert rule == "FREQ=WEEKLY;BYDAY=TU;COUNT=5"
    assert len(recurrence.expand(starts_at=first, rule=rule, until=local(2027, 1, 1))) == 5
    # The horizon cuts a rule without an end.
    endless = recurrence.build_rrule(repeat=constants.Repeat.BIWEEKLY, first=first.date())
    dates = recurrence.expand(starts_at=first, rule=endless, until=local(2026, 4, 30))
    assert [d.day for d in dates] == [3, 17, 31, 14, 28]


def test_the_wall_clock_time_holds_across_the_change_to_and_from_summer_time():
    # Summer time starts on 29 March 2026 and ends on 25 October 2026.
    first = local(2026, 3, 24, 19, 30)
    rule = recurrence.build_rrule(repeat=constants.Repeat.WEEKLY, first=first.date(), count=32)
    dates = recurrence.expand(starts_at=first, rule=rule, until=local(2027, 1, 1))
    assert {timezone.localtime(d, AMS).time() for d in dates} == {datetime.time(19, 30)}
    offsets = {d.utcoffset() for d in dates}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    before, after = (d.astimezone(datetime.UTC) for d in dates[:2])
    assert after - before == datetime.timedelta(days=7, hours=-1)  # one hour less in UTC


def test_the_last_weekday_of_the_month():
    first = local(2026, 1, 27, 14, 0)  # the last Tuesday of January
    rule = recurrence.build_rrule(repeat=constants.Repeat.MONTHLY_LAST, first=first.date(), count=3)
    dates = recurrence.expand(starts_at=first, rule=rule, until=local(2027, 1, 1))
    assert [d.date() for d in dates] == [
        datetime.date(2026, 1, 27),
        datetime.date(2026, 2, 24),
        datetime.date(2026, 3, 31),
    ]


@pytest.mark.parametrize(
    "repeat",
    [
        constants.Repeat.WEEKLY,
        constants.Repeat.BIWEEKLY,
        constants.Repeat.MONTHLY_NTH,
        constants.Repeat.MONTHLY_LAST,
    ],
)
def test_the_form_reads_its_choice_back_from_the_rule(repeat):
    first = datetime.date(2026, 5, 12)
    for until, count in ((datetime.date(2026, 12, 1), None), (None, 7), (None, None)):
        rule = recurrence.build_rrule(repeat=repeat, first=first, until=until, count=count)
        recurrence.validate_rule(rule)
        assert recurrence.describe(rule) == {"repeat": repeat, "until": until, "count": count}


def test_once_is_one_date():
    first = local(2026, 11, 10, 14, 0)
    assert recurrence.build_rrule(repeat=constants.Repeat.ONCE, first=first.date()) == ""
    assert recurrence.expand(starts_at=first, rule="", until=local(2027, 1, 1)) == [first]
    assert recurrence.describe("")["repeat"] == constants.Repeat.ONCE


def test_the_first_date_exists_beyond_the_horizon():
    """The horizon holds back repetitions, never the first date: next year's carers' day,
    entered the day after this year's, has its date at once."""
    first = local(2027, 11, 10, 14, 0)
    horizon = local(2027, 11, 10, 8, 0)
    assert recurrence.expand(starts_at=first, rule="", until=horizon) == [first]
    monthly = recurrence.build_rrule(repeat=constants.Repeat.MONTHLY_NTH, first=first.date())
    assert recurrence.expand(starts_at=first, rule=monthly, until=horizon) == [first]


def test_a_rule_never_makes_more_than_the_maximum():
    first = local(2026, 1, 1, 9, 0)
    rule = "FREQ=DAILY"
    dates = recurrence.expand(starts_at=first, rule=rule, until=local(2030, 1, 1))
    assert len(dates) == constants.MAX_OCCURRENCES
