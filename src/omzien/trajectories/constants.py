"""Choices of the trajectories capability: guidance for volunteers who need it (seed 000
§2.2–2.3, seed 003 *participatie op recept*)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrajectoryKind(models.TextChoices):
    PARTICIPATION = "participation", _("Participation trajectory (Participatiewet)")
    PRESCRIPTION = "prescription", _("Participation on prescription")
    GUIDANCE = "guidance", _("Guidance")


class TrajectoryStatus(models.TextChoices):
    REFERRED = "referred", _("Referred")
    INTAKE = "intake", _("Intake")
    PLACED = "placed", _("Placed")
    EVALUATING = "evaluating", _("Evaluating")
    ENDED = "ended", _("Ended")


class Outcome(models.TextChoices):
    PAID_WORK = "paid_work", _("Paid work")
    VOLUNTEERING = "volunteering", _("Volunteering continued")
    EDUCATION = "education", _("Education")
    STOPPED = "stopped", _("Stopped")
    MOVED = "moved", _("Moved away")
    OTHER = "other", _("Other")


class ReferralStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Taken on")
    DECLINED = "declined", _("Declined")


# Progress on a goal at an evaluation: 1 (no progress) up to 5 (goal reached).
PROGRESS_MIN, PROGRESS_MAX = 1, 5
PROGRESS_LABELS = {
    1: _("No progress"),
    2: _("A little progress"),
    3: _("Some progress"),
    4: _("Much progress"),
    5: _("Goal reached"),
}
# The broker hears of an evaluation moment this many days before it.
REMINDER_DAYS = 3
# Retention (docs/privacy.md): an ended trajectory is anonymised this many months after its
# end; a declined referral this many months after the decline.
ANONYMISE_AFTER_MONTHS = 24
DECLINED_REFERRAL_MONTHS = 6
MAX_GOALS = 10
