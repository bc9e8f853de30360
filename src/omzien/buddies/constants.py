from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    A = "a", _("Group A")
    B = "b", _("Group B")


class Gender(models.TextChoices):
    FEMALE = "f", _("Woman")
    MALE = "m", _("Man")
    OTHER = "x", _("Other or non-binary")


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    ENDED = "ended", _("Ended")


class PairSource(models.TextChoices):
    STABLE = "stable", _("Stable pairing")
    BEST = "best", _("Highest total fit")
    MANUAL = "manual", _("Paired by hand")


class PairEndReason(models.TextChoices):
    COMPLETED = "completed", _("The buddy period is over")
    NO_CLICK = "no_click", _("It did not click")
    PARTICIPANT_STOPPED = "participant_stopped", _("The participant stopped")
    BUDDY_STOPPED = "buddy_stopped", _("The buddy stopped")
    MOVED = "moved", _("Someone moved")
    DISSOLVED = "dissolved", _("Proposal not taken")
    OTHER = "other", _("Other")


# Why someone could not be paired: the pairing engine's codes in words a broker reads.
UNPAIRED_REASONS = {
    "no_acceptable_partner": _("nobody in the other group meets the wishes of both"),
    "partners_taken": _("everyone who would fit is already paired with someone else"),
    "vog": _("no fitting VOG and not willing to request one"),
    "gender": _("gender wish"),
    "age": _("age wish"),
    "language": _("no language in common"),
    "distance": _("too far to travel, or locality unknown"),
    "day_parts": _("no day-part in common"),
}
