from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omzien.accounts.constants import Role

# Who keeps and reads the programmes of a municipality.
STAFF = (Role.POLICY_ADVISOR, Role.MUNICIPALITY_ADMIN)


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDERWAY = "underway", _("Underway")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    STOPPED = "stopped", _("Stopped")


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("At least the target")
    AT_MOST = "at_most", _("At most the target")
    GROWTH = "growth", _("Growth towards the target")
    DECLINE = "decline", _("Decline towards the target")


UPWARD = frozenset({Direction.AT_LEAST, Direction.GROWTH})


class Frequency(models.TextChoices):
    QUARTER = "quarter", _("Every quarter")
    YEAR = "year", _("Every year")


class Light(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    UNKNOWN = "unknown", _("No value yet")


class ReportStatus(models.TextChoices):
    """A partner's figures for one period (a performance agreement, *prestatieovereenkomst*)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")
    ACCEPTED = "accepted", pgettext_lazy("figures", "Accepted")
