"""Calendar arithmetic every capability needs: months later, years before, age on a day, and
the moments a day begins for filtering datetimes by day."""

import calendar
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier, when negative), or that month's last day when
    it is shorter: 31 January + 1 month is 28 or 29 February. Raises ValidationError
    (``date_out_of_range``) when the answer falls before year 1 or after year 9999."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if not MINYEAR <= year <= MAXYEAR:
        # Python's dates run from year 1 to 9999: a date near either end has no answer.
        raise ValidationError(
            _("This date lies outside the calendar that can be calculated with."),
            code="date_out_of_range",
        )
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def months_ago(today: date, months: int) -> date:
    """The last day that is ``months`` months or more before ``today``: a record of that day or
    earlier has had its ``months`` months on ``today`` (``add_months(day, months) <= today``).

    Every rule "N months after" filters ``field__lte=months_ago(today, N)``, so it is due on
    the day N months later, also at a month's end: on 28 February, 29, 30 and 31 January are
    one month ago (``add_months(today, -1)`` would be the 28th, and leave them three days
    longer)."""
    day = add_months(today, -months)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        day = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes 28 February in a common year."""
    return add_months(day, -12 * years)


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day``: a birthday counts from the day itself."""
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )


def start_of_day(day: date) -> datetime:
    """The first moment of ``day`` in the current time zone (aware)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def on_days(field: str, first: date | None = None, last: date | None = None) -> dict:
    """Filter keywords: the datetime ``field`` falls on a day from ``first`` to ``last`` (either
    may be left open), as a half-open range of aware moments (``__gte`` the start of ``first``,
    ``__lt`` the start of the day after ``last``). Use it rather than ``__date``, which converts
    the time zone of every row (on SQLite in Python, row by row) and can use no index."""
    bounds = {}
    if first is not None:
        bounds[f"{field}__gte"] = start_of_day(first)
    if last is not None:
        bounds[f"{field}__lt"] = start_of_day(last + timedelta(days=1))
    return bounds


def add_working_days(day: date, days: int) -> date:
    """The working day ``days`` working days after ``day`` (Monday to Friday; public holidays
    are not known here and count as working days). A day in the weekend counts from the
    Monday after it: 3 working days after a Saturday is the Wednesday."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = day
    while current.weekday() >= 5:
        current += timedelta(days=1)
    added = 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def working_days_between(first: date, last: date) -> int:
    """How many working days (Monday to Friday) lie after ``first`` up to and including
    ``last``; 0 when ``last`` is not after ``first``. Friday to Monday is 1."""
    if last <= first:
        return 0
    weeks, rest = divmod((last - first).days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (first + timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count
