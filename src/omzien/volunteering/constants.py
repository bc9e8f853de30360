from django.db import models
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from omzien.matching import vocabulary


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association (vereniging)")
    FOUNDATION = "foundation", _("Foundation (stichting)")
    INFORMAL_GROUP = "informal_group", _("Informal group")
    COMPANY = "company", _("Company (corporate social responsibility)")
    SCHOOL = "school", _("School")
    CARE_WELFARE = "care_welfare", _("Care or welfare organisation")
    CHURCH = "church", _("Church or religious community")
    MUNICIPALITY = "municipality", _("Municipality")


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class MemberRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class Domain(models.TextChoices):
    CARE_WELFARE = "care_welfare", _("Care and welfare")
    SPORT = "sport", _("Sport")
    CULTURE = "culture", _("Culture")
    NATURE = "nature", _("Nature and green spaces")
    YOUTH_EDUCATION = "youth_education", _("Youth and education")
    POVERTY_DEBT = "poverty_debt", _("Poverty and debts")
    SAFETY = "safety", _("Safety")
    EVENTS = "events", _("Events")
    ANIMALS = "animals", _("Animals")
    BOARD = "board", _("Board and administration")
    LANGUAGE_INTEGRATION = "language_integration", _("Language and integration")
    INFORMAL_CARE = "informal_care", _("Support for carers (respite)")
    BUDDY = "buddy", _("Buddy and visiting (against loneliness)")
    TRANSPORT = "transport", _("Transport and driving")
    ODD_JOBS = "odd_jobs", _("Odd jobs and gardening")
    CHURCH_COMMUNITY = "church_community", _("Church and community")


class TargetGroup(models.TextChoices):
    OLDER_PEOPLE = "older_people", _("Older people")
    CHILDREN = "children", _("Children")
    YOUNG_PEOPLE = "young_people", _("Young people")
    DISABILITY = "disability", _("People with a disability")
    CARERS = "carers", _("Carers")
    NEWCOMERS = "newcomers", _("Newcomers")
    LONELY = "lonely", _("People who feel lonely")
    LOW_INCOME = "low_income", _("People on a low income")
    EVERYONE = "everyone", _("Everyone")


class VacancyKind(models.TextChoices):
    ONE_OFF = "one_off", _("One-off task")
    SHORT_TERM = "short_term", _("Short-term")
    STRUCTURAL = "structural", _("Structural")


class LocationKind(models.TextChoices):
    ADDRESS = "address", _("At an address")
    AT_HOME = "at_home", _("At the volunteer's home")
    ONLINE = "online", _("Online")


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_REVIEW = "awaiting_review", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


class ContactPublic(models.TextChoices):
    """What the public vacancy and organisation pages show of the contact person."""

    NONE = "none", _("Nothing: volunteers respond through the platform")
    EMAIL = "email", _("The name and the e-mail address")
    PHONE = "phone", _("The name and the phone number")
    BOTH = "both", _("The name, the e-mail address and the phone number")


class Findable(models.TextChoices):
    BROKERS = "brokers", _("Only volunteer brokers")
    ORGANISATIONS = "organisations", _("Brokers and organisations in my region")


class ConsentHow(models.TextChoices):
    ONLINE = "online", _("Online, by the volunteer")
    IN_PERSON = "in_person", _("In person, with the broker")
    PHONE = "phone", _("By phone")
    PAPER = "paper", _("On a signed paper form")


# The codes come from the matching vocabulary (their one home); these are their labels.
DAY_LABELS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}
PART_LABELS = {"morning": _("morning"), "afternoon": _("afternoon"), "evening": _("evening")}
DAYS = [(day, DAY_LABELS[day]) for day in vocabulary.DAYS]
PARTS = [(part, PART_LABELS[part]) for part in vocabulary.PARTS_OF_DAY]
# Day-part codes such as "tue_morning": the availability grid and a vacancy's schedule.
DAY_PARTS = [(f"{d}_{p}", format_lazy("{} {}", dl, pl)) for d, dl in DAYS for p, pl in PARTS]
DAY_PART_CODES = frozenset(code for code, _label in DAY_PARTS)


def day_part_choices():
    """The day-parts grouped by day, as the availability grid (``ui.forms.DayPartGrid``) shows."""
    return [
        (capfirst(day_label), [(f"{day}_{part}", part_label) for part, part_label in PARTS])
        for day, day_label in DAYS
    ]


LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("de", _("German")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("ti", _("Tigrinya")),
    ("fa", _("Persian")),
    ("ngt", _("Dutch Sign Language")),
]


class ResponseStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by the broker, awaiting the volunteer")
    OPEN = "open", _("Awaiting an answer")
    INTRODUCTION = "introduction", _("Invited to an introduction")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NO_REPLY = "no_reply", _("No reply")


class PlacementStatus(models.TextChoices):
    WAITING_LIST = "waiting_list", _("On the waiting list")
    PLANNED = "planned", _("Start planned")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class VolunteerCategory(models.TextChoices):
    COORDINATING = "coordinating", _("Coordinating")
    REGULAR = "regular", _("Regular")
    SUPPORTING = "supporting", _("Supporting")


class PlacementEndReason(models.TextChoices):
    COMPLETED = "completed", _("The work is done")
    VOLUNTEER_STOPPED = "volunteer_stopped", _("The volunteer stopped")
    ORGANISATION_STOPPED = "organisation_stopped", _("The organisation stopped it")
    MOVED = "moved", _("The volunteer moved")
    PAID_WORK = "paid_work", _("The volunteer found paid work")
    OTHER = "other", _("Other")


class CampaignKind(models.TextChoices):
    NL_DOET = "nl_doet", _("NL Doet")
    VOLUNTEER_DAY = "volunteer_day", _("Day of the volunteer")
    CARERS_WEEK = "carers_week", _("Week of the carer")
    OTHER = "other", _("Other campaign")


# One-off tasks a broker may attach to a campaign: not yet closed.
ATTACHABLE_STATES = (
    VacancyStatus.DRAFT,
    VacancyStatus.AWAITING_REVIEW,
    VacancyStatus.PUBLISHED,
    VacancyStatus.FILLED,
)


# Vacancies of these states are still current: the dashboard lists them one by one.
CURRENT_VACANCY_STATES = (
    VacancyStatus.DRAFT,
    VacancyStatus.AWAITING_REVIEW,
    VacancyStatus.PUBLISHED,
    VacancyStatus.FILLED,
)


# Below this age an adult (parent or guardian) must agree to the volunteer work.
ADULT_CONSENT_AGE = 16


ADULT_AGE = 18


MIN_AGE = 12


REMOTE_LOCATIONS = (LocationKind.AT_HOME, LocationKind.ONLINE)


SEARCH_WORDS_MAX = 8


class HoursStatus(models.TextChoices):
    """Hours a volunteer logged: the organisation approves, corrects or rejects them."""

    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    CORRECTED = "corrected", _("Corrected")
    REJECTED = "rejected", _("Rejected")


# The statuses whose hours count in the totals (a corrected entry counts its corrected hours).
HOURS_COUNTED = (HoursStatus.APPROVED, HoursStatus.CORRECTED)


class AllowanceKind(models.TextChoices):
    """What an organisation paid a volunteer. Only the volunteer allowance (a fixed amount
    without receipts) counts towards the tax-free maxima; costs paid back on receipts do not."""

    ALLOWANCE = "allowance", _("Volunteer allowance (without receipts)")
    EXPENSES = "expenses", _("Costs paid back on receipts")


# The tax-free maxima of the volunteer allowance (vrijwilligersvergoeding) for 2026, the
# defaults of a municipality's settings (VolunteeringSettings); a functional administrator
# changes them when the Belastingdienst publishes new figures.
ALLOWANCE_MAX_YEAR = 2100
ALLOWANCE_MAX_MONTH = 210


class VogAspect(models.TextChoices):
    """The function aspects of Justis's screening profile for volunteers that Omzien knows
    (risk area 08 "Personen"; reference/instruments.md §6). A VOG covers the aspects it was
    requested for; a vacancy asks for some of them, or for none in particular."""

    CARE_FOR_MINORS = "84", _("84 — care for minors")
    CARE_FOR_PEOPLE_IN_NEED = "85", _("85 — care for people in need (older, disabled people)")


# How old a VOG may be on the start date unless the vacancy or the municipality says otherwise
# (a new VOG every 3 years is common advice, not law: reference/instruments.md §6).
VOG_MAX_AGE_YEARS = 3


class VogRequestStatus(models.TextChoices):
    """A VOG an organisation asked a volunteer to request from Justis."""

    REQUESTED = "requested", _("Requested")
    RECEIVED = "received", _("Received")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class QualificationKind(models.TextChoices):
    FIRST_AID = "first_aid", _("First aid")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    FOOD_HYGIENE = "food_hygiene", _("Food hygiene")
    TRAINING = "training", _("Training")


class LicenceCategory(models.TextChoices):
    """The categories of the Dutch driving licence (rijbewijs) volunteer work asks for."""

    AM = "AM", "AM"
    A = "A", "A"
    B = "B", "B"
    BE = "BE", "BE"
    C = "C", "C"
    CE = "CE", "CE"
    D = "D", "D"
    DE = "DE", "DE"


# Reminders before a qualification expires, in days (each sent once).
QUALIFICATION_REMINDER_DAYS = (60, 14)
