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


def check_codes(kind: str, codes, known) -> None:
    """Refuse codes outside the vocabulary instead of dropping them without a word."""
    unknown = set(codes) - set(known)
    if unknown:
        raise ValueError(f"unknown {kind} codes: {sorted(unknown)}")
