"""Choices of the concerns (signalen) capability."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    LONELINESS = "loneliness", _("Loneliness")
    CARER_OVERLOAD = "carer_overload", _("Carer overload")
    LIFE_EVENT = "life_event", _("Life event")
    DEMENTIA = "dementia", _("Worries about dementia")
    OTHER = "other", _("Other")


class LifeEvent(models.TextChoices):
    LOSS = "loss", _("Loss of a loved one")
    DIVORCE = "divorce", _("Divorce")
    DEBTS = "debts", _("Debts")
    RETIREMENT = "retirement", _("Retirement")
    MOVING = "moving", _("Moving house")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SOON = "soon", _("Soon")
    URGENT = "urgent", _("Urgent")


class Consent(models.TextChoices):
    KNOWS = "knows", _("The resident knows about this report")
    NOT_YET = "not_yet", _("The resident does not know yet")


class Source(models.TextChoices):
    PUBLIC = "public", _("Resident, neighbour or volunteer")
    PROFESSIONAL = "professional", _("Professional")
    STAFF = "staff", _("Welfare team")


class Profession(models.TextChoices):
    GP = "gp", _("General practitioner")
    POH = "poh", _("Practice nurse (POH)")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SCHOOL = "school", _("School")
    HOME_CARE = "home_care", _("District nursing (wijkverpleging)")
    WMO_CONSULTANT = "wmo_consultant", _("Wmo consultant")
    CARER_CONSULTANT = "carer_consultant", _("Carer consultant")
    OTHER = "other", _("Other profession")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    IN_CONTACT = "in_contact", _("In contact")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.IN_CONTACT)
# Waiting for the first contact: the due date counts for these.
AWAITING_CONTACT = (Status.NEW, Status.ASSIGNED)


class Outcome(models.TextChoices):
    SUPPORT_STARTED = "support_started", _("Support started")
    REFERRED = "referred", _("Referred")
    NOT_NEEDED = "not_needed", _("Not needed")
    UNREACHABLE = "unreachable", _("Could not reach the resident")
    DECLINED = "declined", _("The resident declined")


# A concern closed with one of these led to nothing: it is anonymised after the municipality's
# period (ConcernSettings.anonymise_after_months; docs/privacy.md).
NOTHING_CAME_OF_IT = (Outcome.NOT_NEEDED, Outcome.UNREACHABLE, Outcome.DECLINED)


class ActionKind(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Home visit")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail or letter")
    CONSULTATION = "consultation", _("Consulted a colleague or partner")
    NOTE = "note", _("Note")
    CARER_REGISTERED = "carer_registered", _("Registered as a carer")
    BUDDY_PROPOSED = "buddy_proposed", _("Proposed for a buddy programme")


# Actions that only a link to another capability writes (never chosen on the action form).
LINK_KINDS = (ActionKind.CARER_REGISTERED, ActionKind.BUDDY_PROPOSED)


# Actions that count as the first contact with the resident.
CONTACT_KINDS = (ActionKind.PHONE, ActionKind.VISIT, ActionKind.MEETING, ActionKind.EMAIL)

# What "first contact" and anonymisation default to until a municipality changes them.
DEFAULT_FIRST_CONTACT_DAYS = 3
DEFAULT_ANONYMISE_AFTER_MONTHS = 12

ANONYMOUS = "—"
