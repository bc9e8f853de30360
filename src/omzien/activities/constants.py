"""Choices and defaults of the activity calendar (docs/calendar.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# How far ahead the occurrences of a repeating activity exist as rows (a nightly task extends
# the horizon; ``OMZIEN_ACTIVITY_HORIZON_DAYS`` overrides it).
DEFAULT_HORIZON_DAYS = 365
# Sign-ups without an account are anonymised this many days after the occurrence
# (``OMZIEN_ACTIVITY_SIGNUP_RETENTION_DAYS`` overrides it).
DEFAULT_SIGNUP_RETENTION_DAYS = 90
# At most this many occurrences for one activity (a rule "every day for ten years" is refused).
MAX_OCCURRENCES = 400
# The public calendar shows at most this many occurrences on one page.
CALENDAR_LIMIT = 100
HOME_LIMIT = 5
# A subscribed feed holds the dates of the coming half year.
FEED_DAYS_AHEAD = 183


class Kind(models.TextChoices):
    PEER_SUPPORT = "peer_support", _("Peer-support meeting (lotgenotenbijeenkomst)")
    TRAINING = "training", _("Training or course")
    INFORMATION = "information", _("Information evening")
    CARERS_DAY = "carers_day", _("Dag van de mantelzorg")
    NL_DOET = "nl_doet", _("NL Doet")
    WALKING = "walking", _("Walking group")
    MEETING = "meeting", _("Meeting (ontmoeting)")
    OTHER = "other", _("Other activity")


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


# The statuses that hold a place (or had one, once the occurrence has been held).
HOLDS_PLACE = (SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED, SignUpStatus.ABSENT)
ACTIVE = (*HOLDS_PLACE, SignUpStatus.WAITING)


class Repeat(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Every week on the same day")
    BIWEEKLY = "biweekly", _("Every two weeks on the same day")
    MONTHLY_NTH = "monthly_nth", _("Every month on the same weekday (e.g. every first Tuesday)")
    MONTHLY_LAST = "monthly_last", _("Every month on the last of that weekday")


class Period(models.TextChoices):
    WEEK = "week", _("This week")
    MONTH = "maand", _("This month")


#: The longest message an organiser can send when cancelling a date.
CANCEL_MESSAGE_MAX_LENGTH = 500
