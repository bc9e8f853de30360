"""Dates for the tests of rules that count months (retention: "N months after")."""

from datetime import date, timedelta

from omzien.common.dates import add_months


def month_end_boundary(months: int) -> tuple[date, date, date]:
    """``(today, due, not_yet)`` for a rule "``months`` months after a day": ``today`` the end
    of a February, ``due`` the last day whose months end today, ``not_yet`` the day after it
    (its months end tomorrow). ``due`` is the end of a longer month (31 August, 29 February),
    the case a cutoff of ``add_months(today, -months)`` would leave days too long."""
    for year in range(2027, 2060):
        today = date(year, 3, 1) - timedelta(days=1)
        not_yet = add_months(today + timedelta(days=1), -months)
        due = not_yet - timedelta(days=1)
        if due.day > today.day and add_months(due, months) == today:
            return today, due, not_yet
    raise ValueError(f"no month-end boundary for {months} months")
