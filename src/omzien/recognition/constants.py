"""Choices and limits of the volunteer prize (vrijwilligersprijs en pluim)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NomineeKind(models.TextChoices):
    PERSON = "person", _("A volunteer")
    GROUP = "group", _("A group of volunteers")


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("To check")
    ACCEPTED = "accepted", pgettext_lazy("nomination", "Accepted")
    REJECTED = "rejected", _("Not eligible")
    WINNER = "winner", _("Winner")
    PLUIM = "pluim", _("Pluim")


class Consent(models.TextChoices):
    """Whether the nominee agreed to publishing their name and the motivation."""

    NOT_ASKED = "not_asked", _("Not asked yet")
    ASKED = "asked", _("Asked")
    GIVEN = "given", _("Consent given")
    DECLINED = "declined", _("Consent declined")


# The nominations the jury scores: accepted, and those the broker has since awarded.
SCORED = (NominationStatus.ACCEPTED, NominationStatus.WINNER, NominationStatus.PLUIM)
AWARDED = (NominationStatus.WINNER, NominationStatus.PLUIM)

# A jury member scores each criterion on this scale.
SCORE_MIN, SCORE_MAX = 1, 10
# A criterion weighs this much at most (its weight multiplies its scores).
WEIGHT_MAX = 10
# The nominee's link to agree or decline works this many days, and once.
CONSENT_VALID_DAYS = 30
