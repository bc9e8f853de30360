"""The calendar arithmetic every capability shares."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from omzien.common.dates import add_months, age_on, months_ago, on_days, years_before

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def test_add_months_keeps_the_day_or_takes_the_months_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)
    assert add_months(date(2026, 5, 31), 24) == date(2028, 5, 31)


def test_years_before_a_leap_day():
    assert years_before(date(2028, 2, 29), 18) == date(2010, 2, 28)
    assert years_before(date(2026, 6, 1), 18) == date(2008, 6, 1)


def test_months_ago_at_the_end_of_a_short_month():
    assert months_ago(date(2027, 2, 28), 1) == date(2027, 1, 31)
    assert months_ago(date(2027, 2, 27), 1) == date(2027, 1, 27)
    assert months_ago(date(2027, 6, 30), 1) == date(2027, 5, 31)
    assert months_ago(date(2027, 2, 28), 12 * 7) == date(2020, 2, 29)  # seven years
    assert months_ago(date(2027, 3, 31), 1) == date(2027, 2, 28)


@given(days, st.integers(min_value=0, max_value=120), st.integers(min_value=-40, max_value=40))
def test_months_ago_is_the_last_day_whose_months_have_passed(today, months, offset):
    """A day is on or before months_ago(today, N) exactly when N months after it is today or
    earlier: no record is kept a day longer than its rule, and none is taken a day early."""
    last = months_ago(today, months)
    assert add_months(last, months) <= today
    assert add_months(last + timedelta(days=1), months) > today
    day = last + timedelta(days=offset)
    assert (day <= last) == (add_months(day, months) <= today)


def test_age_counts_the_birthday_itself():
    born = date(2008, 6, 1)
    assert age_on(born, date(2026, 5, 31)) == 17
    assert age_on(born, date(2026, 6, 1)) == 18


@given(days, st.integers(min_value=-600, max_value=600))
def test_add_months_lands_in_the_right_month_never_later_than_the_day(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    assert result.day == day.day or (result + timedelta(days=1)).month != result.month


@given(days, st.integers(min_value=0, max_value=100))
def test_someone_born_years_before_today_is_that_old_today(day, years):
    assert age_on(years_before(day, years), day) == years


@pytest.mark.parametrize(
    ("day", "months"),
    [(date(1, 12, 31), -12 * 18), (date(1, 1, 1), -1), (date(9999, 12, 31), 1)],
)
def test_calendar_arithmetic_outside_years_1_to_9999_is_a_validation_error(day, months):
    """Issue 10, point 15: ``?end=0001-12-31`` crashed the age arithmetic (year -17)."""
    with pytest.raises(ValidationError) as raised:
        add_months(day, months)
    assert raised.value.code == "date_out_of_range"
    with pytest.raises(ValidationError):
        years_before(date(17, 6, 1), 18)


def test_calendar_arithmetic_at_the_edges_of_the_calendar():
    assert years_before(date(18, 6, 1), 17) == date(1, 6, 1)
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 30)
    assert age_on(date(1, 1, 1), date(9999, 12, 31)) == 9998


moments = st.datetimes(
    min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
    max_value=datetime(2040, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@given(moment=moments, offset=st.integers(-2, 2), span=st.integers(0, 3))
def test_on_days_is_the_local_day_of_the_moment_without_converting_it(moment, offset, span):
    """The half-open range agrees with ``__date`` (the day in Amsterdam) at every moment,
    summer time and the nights it changes included."""
    first = timezone.localtime(moment).date() + timedelta(days=offset)
    last = first + timedelta(days=span)
    bounds = on_days("at", first, last)
    in_range = bounds["at__gte"] <= moment < bounds["at__lt"]
    assert in_range == (first <= timezone.localtime(moment).date() <= last)
    assert on_days("at", first) == {"at__gte": bounds["at__gte"]}
    assert on_days("at", last=last) == {"at__lt": bounds["at__lt"]}


# --- Working days ------------------------------------------------------------------------------


def test_working_days_skip_the_weekend():
    from omzien.common.dates import add_working_days

    friday = date(2026, 11, 27)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_working_days(friday, 3) == date(2026, 12, 2)
    # A report on Saturday counts from Monday.
    assert add_working_days(date(2026, 11, 28), 3) == date(2026, 12, 3)
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 23), 10) == date(2026, 12, 7)


def test_working_days_between_counts_what_add_working_days_adds():
    from omzien.common.dates import add_working_days, working_days_between

    assert working_days_between(date(2026, 11, 27), date(2026, 11, 30)) == 1
    assert working_days_between(date(2026, 11, 30), date(2026, 11, 30)) == 0
    assert working_days_between(date(2026, 12, 1), date(2026, 11, 30)) == 0
    for start_offset in range(7):
        start = date(2026, 11, 23) + timedelta(days=start_offset)
        for days in range(0, 15):
            if start.weekday() < 5:
                assert working_days_between(start, add_working_days(start, days)) == days
