"""Choices of the beursvloer (marketplace) capability."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PartyKind(models.TextChoices):
    BUSINESS = "business", _("Business")
    ORGANISATION = "organisation", _("Community organisation")


class Direction(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", pgettext_lazy("beursvloer", "Request")


class EntryKind(models.TextChoices):
    """What is given: never money (the beursvloer's rule)."""

    TIME = "time", _("Time and volunteers")
    SKILLS = "skills", _("Skills and expertise")
    MATERIALS = "materials", _("Materials")
    SPACE = "space", _("Rooms and space")
    OTHER = "other", _("Something else")


class DealStatus(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    DONE = "done", pgettext_lazy("beursvloer", "Done")
    PARTLY = "partly", _("Partly done")
    NOT_DONE = "not_done", _("Not done")


# The deals that count as completed in the figures.
COMPLETED = (DealStatus.DONE, DealStatus.PARTLY)

# How long after the event the contact details are kept, until the broker sets otherwise.
DEFAULT_CONTACT_RETENTION_MONTHS = 12
# The reminder to both parties goes this many days before a deal's date.
REMINDER_DAYS = 7
# An estimated value in hours per entry or deal: at most this many.
MAX_HOURS = 2000
# Pre-matching: the suggestions shown per request.
SUGGESTIONS_PER_REQUEST = 3
