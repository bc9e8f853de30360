"""Choices of the training academy and the training budget (docs/volunteering.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """What a course is about, and what organisations ask training for."""

    FIRST_AID = "first_aid", _("First aid")
    AGGRESSION = "aggression", _("Dealing with aggression")
    DEMENTIA = "dementia", _("Dealing with dementia")
    PRIVACY = "privacy", _("Privacy and the AVG")
    RECRUITMENT = "recruitment", _("Finding and keeping volunteers")
    COORDINATION = "coordination", _("Coordinating volunteers")
    FOOD_HYGIENE = "food_hygiene", _("Food hygiene")
    SOCIAL_MEDIA = "social_media", _("Social media and communication")
    BOARD = "board", _("Board work and finance")
    SIGNALS = "signals", _("Recognising signals (loneliness, abuse)")
    OTHER = "other", _("Something else")


class BookingStatus(models.TextChoices):
    COMMITTED = "committed", _("Committed")
    SPENT = "spent", _("Spent")
    CANCELLED = "cancelled", _("Cancelled")


# The bookings that count against the budget.
COUNTS = (BookingStatus.COMMITTED, BookingStatus.SPENT)

# A training request asks for at most this many people.
MAX_PEOPLE = 200
# An organisation signs up at most this many people for one date at once.
MAX_ENROL_AT_ONCE = 30
# The largest budget or booking amount (EUR).
MAX_AMOUNT = 10_000_000
# A qualification from a course is valid at most this many months (the date-field rule).
MAX_VALID_MONTHS = 120
# Training requests that were never bought are removed this many months after they were made.
REQUEST_RETENTION_MONTHS = 24
# Who attended which course is kept this many months after the date (the certificate can be
# downloaded until then; a qualification made from it lives on in the volunteer's profile).
ENROLMENT_RETENTION_MONTHS = 24
