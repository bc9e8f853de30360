from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PRESCRIPTION = "prescription", _("Welzijn op recept")
    BUDDY = "buddy", _("Buddy (maatje)")
    ACTIVITY = "activity", _("Activity")
    OTHER = "other", _("Other support")


class Status(models.TextChoices):
    INTAKE = "intake", _("Intake")
    UNDERWAY = "underway", _("Underway")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Goals reached")
    PARTLY_REACHED = "partly_reached", _("Goals partly reached")
    NOT_REACHED = "not_reached", _("Goals not reached")
    REFERRED_ON = "referred_on", _("Referred on to other support")
    DECLINED = "declined", _("The resident declined")
    NOT_REACHABLE = "not_reachable", _("Could not reach the resident")
    STOPPED = "stopped", _("Stopped early")


class Moment(models.TextChoices):
    INTAKE = "intake", _("At intake")
    MONTH_3 = "month_3", _("After 3 months")
    MONTH_6 = "month_6", _("After 6 months")
    OTHER = "other", _("Other moment")


# When the follow-up measurements are due: months after the intake (instruments.md section 1;
# the issue names 3 and 6 months). A measurement at another moment is "other".
FOLLOW_UP_MONTHS = {Moment.MONTH_3: 3, Moment.MONTH_6: 6}
# How many days around the due date a follow-up measurement counts as taken.
DUE_WINDOW_DAYS = 14

# A one-time link to fill in the questionnaire works this many days, and once.
INVITATION_VALID_DAYS = 14
# Trajectories, measurements and contacts are deleted this many months after closing.
RETENTION_MONTHS = 24


def subscale_cutoff() -> int:
    """From how many points an 11-question subscale (emotional, social) counts as lonely: 2 or
    3, the sources differ (instruments.md section 8). Setting
    ``OMZIEN_LONELINESS_SUBSCALE_CUTOFF``, default 3; the 6-question subscales get none."""
    value = int(getattr(settings, "OMZIEN_LONELINESS_SUBSCALE_CUTOFF", 3))
    if value not in (2, 3):
        raise ValueError("OMZIEN_LONELINESS_SUBSCALE_CUTOFF must be 2 or 3")
    return value
