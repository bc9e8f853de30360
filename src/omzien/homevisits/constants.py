"""Choices of the preventive home visits (preventieve huisbezoeken)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    OLDER = "75_plus", _("Residents aged 75 and over")
    CARERS = "carers", _("Carers")
    RETIREMENT = "retirement", _("Residents around retirement")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ASSIGNED = "assigned", _("Assigned")
    HELD = "held", _("Held")
    NOT_HOME = "not_home", _("Not at home")
    DECLINED = "declined", _("Declined")


# The result of a visit: the statuses a visitor records.
RESULTS = (Status.HELD, Status.NOT_HOME, Status.DECLINED)
# Still to be visited (the volunteer's list, the worker's to-dos).
OPEN_STATUSES = (Status.PLANNED, Status.ASSIGNED)


class Topic(models.TextChoices):
    LONELINESS = "loneliness", _("Loneliness")
    CARE = "care", _("Care and support")
    HOUSING = "housing", _("Housing")
    MOBILITY = "mobility", _("Mobility")
    FINANCES = "finances", _("Finances")
    CARER = "carer", _("Situation as a carer")
    ACTIVITIES = "activities", _("Activities and meeting people")
    OTHER = "other", _("Other")


class FollowUp(models.TextChoices):
    """What the resident would like to happen next; the worker turns it into that step."""

    CONCERN = "concern", _("Support from the welfare team")
    CARER_REGISTRATION = "carer_registration", _("Registration as a carer")
    CARER_CONSULTANT = "carer_consultant", _("A talk with the carer consultant")
    OTHER = "other", _("Something else")


# Address data of a visit that was not held is removed this many months after the plan ends
# (settable per plan); notes are anonymised this many months after the visit unless a
# follow-up was made (docs/privacy.md).
DEFAULT_REMOVE_AFTER_MONTHS = 3
NOTES_ANONYMISE_AFTER_MONTHS = 12
