"""RFC 5545 recurrence for the calendar: a rule built from a simple choice, and its dates.

The rule is stored without DTSTART, in the local (Europe/Amsterdam) wall time of the activity's
first date: dateutil expands it on naive local datetimes, each then made aware in the local
zone, so "every first Tuesday at 19:30" stays at 19:30 across the change to and from summer
time. ``UNTIL`` is a floating local time (the end of the chosen day), as RFC 5545 allows with a
floating DTSTART.
"""

import datetime

from dateutil import rrule as du
from django.utils import timezone

from omzien.activities import constants

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def nth_of_month(day: datetime.date) -> int:
    """1 for the first Tuesday of a month, 2 for the second, ..."""
    return (day.day - 1) // 7 + 1


def build_rrule(
    *,
    repeat: str,
    first: datetime.date,
    until: datetime.date | None = None,
    count: int | None = None,
) -> str:
    """The RRULE for ``repeat`` (a ``constants.Repeat``) from the first date; '' for once."""
    if repeat == constants.Repeat.ONCE:
        return ""
    weekday = WEEKDAYS[first.weekday()]
    parts = {
        constants.Repeat.WEEKLY: ["FREQ=WEEKLY", f"BYDAY={weekday}"],
        constants.Repeat.BIWEEKLY: ["FREQ=WEEKLY", "INTERVAL=2", f"BYDAY={weekday}"],
        constants.Repeat.MONTHLY_NTH: ["FREQ=MONTHLY", f"BYDAY={nth_of_month(first)}{weekday}"],
        constants.Repeat.MONTHLY_LAST: ["FREQ=MONTHLY", f"BYDAY=-1{weekday}"],
    }[repeat]
    if until is not None:
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    elif count is not None:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def describe(rule: str) -> dict:
    """The form's choice back from a stored rule: repeat, until, count."""
    found = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    until = found.get("UNTIL")
    result = {
        "repeat": constants.Repeat.ONCE,
        "until": datetime.date(int(until[:4]), int(until[4:6]), int(until[6:8])) if until else None,
        "count": int(found["COUNT"]) if "COUNT" in found else None,
    }
    if not rule:
        return result
    byday = found.get("BYDAY", "")
    if found.get("FREQ") == "WEEKLY":
        result["repeat"] = (
            constants.Repeat.BIWEEKLY if found.get("INTERVAL") == "2" else constants.Repeat.WEEKLY
        )
    elif byday.startswith("-1"):
        result["repeat"] = constants.Repeat.MONTHLY_LAST
    else:
        result["repeat"] = constants.Repeat.MONTHLY_NTH
    return result


def expand(
    *,
    starts_at: datetime.datetime,
    rule: str,
    until: datetime.datetime,
    limit: int = constants.MAX_OCCURRENCES,
) -> list[datetime.datetime]:
    """The aware start times of the rule from ``starts_at`` up to ``until`` (at most ``limit``).

    ``starts_at`` itself is always the first, as DTSTART is in RFC 5545, even beyond ``until``:
    the horizon holds back repetitions, never the first date (a one-off event planned more
    than a year ahead has its date, open for sign-up, from the day it is entered)."""
    tz = timezone.get_current_timezone()
    local_start = timezone.localtime(starts_at, tz).replace(tzinfo=None)
    if not rule:
        return [starts_at]
    local_until = timezone.localtime(until, tz).replace(tzinfo=None)
    dates = []
    for local in du.rrulestr(rule, dtstart=local_start, forceset=True):
        if local > local_until or len(dates) >= limit:
            break
        dates.append(timezone.make_aware(local, tz))
    if not dates or timezone.localtime(dates[0], tz).replace(tzinfo=None) != local_start:
        # DTSTART counts as the first date even when it does not fit the rule (RFC 5545).
        dates.insert(0, starts_at)
    return dates[:limit]


def validate_rule(rule: str) -> None:
    """Raise ValueError for a rule dateutil cannot read."""
    if rule:
        # A floating (local wall-clock) DTSTART, as the stored rules use.
        du.rrulestr(rule, dtstart=datetime.datetime(2000, 1, 1))  # noqa: DTZ001
