"""The codes the engine and the capabilities that feed it share: one home for each list.

Plain tuples (the engine is a library: no Django). A capability builds its choices from these
codes and adds the labels people read; its tests check the two stay the same list.
"""

# The kinds of commitment a vacancy asks and a volunteer offers.
KINDS = ("one_off", "short_term", "structural")

# Day-parts such as "tue_morning": a volunteer's availability and a vacancy's schedule.
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS_OF_DAY = ("morning", "afternoon", "evening")
DAY_PARTS = tuple(f"{day}_{part}" for day in DAYS for part in PARTS_OF_DAY)

# Where the work happens without travel: distance plays no part.
REMOTE = frozenset({"at_home", "online"})
# The function aspects of a VOG's screening profile (Justis, risk area 08 "Personen"): 84 care
# for minors, 85 care for people in need.
VOG_ASPECTS = ("84", "85")


def check_codes(kind: str, codes, known) -> None:
    """Refuse codes outside the vocabulary instead of dropping them without a word."""
    unknown = set(codes) - set(known)
    if unknown:
        raise ValueError(f"unknown {kind} codes: {sorted(unknown)}")


# Where the parts of the day begin, in local hours (as the vacancy form explains them).
AFTERNOON_FROM, EVENING_FROM = 12, 18


def part_of_day(hour: int) -> str:
    return "morning" if hour < AFTERNOON_FROM else "afternoon" if hour < EVENING_FROM else "evening"


def day_parts_between(start, end=None) -> frozenset[str]:
    """The day-parts a task from ``start`` until ``end`` (local datetimes) takes place in: the
    day-part it starts in, and, when it ends later on the same day, every day-part it runs into.
    An end on a later day or before the start adds nothing (the task is on its starting day)."""
    day = DAYS[start.weekday()]
    first = PARTS_OF_DAY.index(part_of_day(start.hour))
    last = first
    if end is not None and end.date() == start.date() and end > start:
        # A task ending at 12:00 sharp does not run into the afternoon.
        end_hour = end.hour if (end.minute or end.second) else end.hour - 1
        last = max(first, PARTS_OF_DAY.index(part_of_day(max(end_hour, 0))))
    return frozenset(f"{day}_{PARTS_OF_DAY[i]}" for i in range(first, last + 1))


def schedule_day_parts(kind: str, day_parts, starts_at=None, ends_at=None) -> frozenset[str]:
    """The day-parts a vacancy takes place in: for a one-off task with a date and time, those of
    its date and time (local datetimes); otherwise the day-parts the organisation ticked."""
    if kind == "one_off" and starts_at is not None:
        return day_parts_between(starts_at, ends_at)
    return frozenset(day_parts or ())
