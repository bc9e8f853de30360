from django.db import models
from django.utils.translation import gettext_lazy as _

# A young carer (jonge mantelzorger) is younger than this; a municipality may raise it, up to
# the second number, in its carer settings. The age groups below are the fixed reporting bands.
YOUNG_CARER_AGE_LIMIT = 18
YOUNG_CARER_AGE_LIMIT_MAX = 24


class AgeGroup(models.TextChoices):
    YOUNG = "young", _("Young carer (under 18)")
    YOUNG_ADULT = "young_adult", _("Young adult carer (18 to 24)")
    ADULT = "adult", _("Adult carer (25 and over)")


def age_group_of(age: int) -> "AgeGroup":
    """The age group of a carer of this age (the registry's and the appreciation's figures)."""
    if age < 18:
        return AgeGroup.YOUNG
    if age < 25:
        return AgeGroup.YOUNG_ADULT
    return AgeGroup.ADULT


class WorkStudy(models.TextChoices):
    WORKS = "works", _("Works")
    STUDIES = "studies", _("Studies or goes to school")
    BOTH = "both", _("Works and studies")
    NEITHER = "neither", _("Neither")


class LegalBasis(models.TextChoices):
    # AVG art. 9(2)(a): explicit consent of the carer (or parent for a child under 16).
    CONSENT = "consent", _("Explicit consent")
    # Wmo 2015 task of the municipality, carried out by its welfare partner.
    PUBLIC_TASK = "public_task", _("Statutory task (Wmo 2015)")


# UAVG art. 5: below this age a child cannot give consent themselves; a parent or guardian
# (the holder of parental responsibility) does. The age counts on the date of consent.
CONSENT_AGE = 16


class ConsentBy(models.TextChoices):
    """Who gave the explicit consent, when the legal basis is consent."""

    CARER = "carer", _("The carer themself")
    GUARDIAN = "guardian", _("A parent or guardian (required under 16)")


class Source(models.TextChoices):
    SELF = "self", _("Registered themselves")
    GP = "gp", _("General practitioner")
    SCHOOL = "school", _("School")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    HOME_CARE = "home_care", _("District nursing or home care")
    WMO_CONSULTANT = "wmo_consultant", _("Wmo consultant")
    CAMPAIGN = "campaign", _("Campaign")
    # Applied for the carer appreciation and consented to be added to the registry.
    APPRECIATION = "appreciation", _("Carer appreciation application")
    # A welfare worker referred the resident after a preventive home visit (homevisits).
    HOME_VISIT = "home_visit", _("Preventive home visit")
    OTHER = "other", _("Other")


class FilledInBy(models.TextChoices):
    SELF = "self", _("The carer")
    PARENT = "parent", _("A parent or guardian, with the carer")
    PROFESSIONAL = "professional", _("A professional, with the carer")
    CONSULTANT = "consultant", _("A carer consultant")


class Relationship(models.TextChoices):
    PARTNER = "partner", _("Partner")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    OTHER_FAMILY = "other_family", _("Other family")
    FRIEND = "friend", _("Friend")
    NEIGHBOUR = "neighbour", _("Neighbour")
    OTHER = "other", _("Other")


class NeedKind(models.TextChoices):
    PHYSICAL_ILLNESS = "physical_illness", _("Physical illness")
    DEMENTIA = "dementia", _("Dementia")
    PSYCHIATRIC = "psychiatric", _("Psychiatric or psychological problems")
    DISABILITY = "disability", _("Disability")
    AGEING = "ageing", _("Old age")
    TERMINAL = "terminal", _("Terminal illness")
    ADDICTION = "addiction", _("Addiction")
    OTHER = "other", _("Other")


class HoursBand(models.TextChoices):
    UNDER_8 = "lt8", _("Less than 8 hours a week")
    FROM_8 = "8-16", _("8 to 16 hours a week")
    FROM_16 = "16-24", _("16 to 24 hours a week")
    FROM_24 = "24-40", _("24 to 40 hours a week")
    OVER_40 = "40+", _("More than 40 hours a week")


class CareTask(models.TextChoices):
    HOUSEHOLD = "household", _("Household")
    PERSONAL_CARE = "personal_care", _("Personal care")
    NURSING = "nursing", _("Nursing tasks")
    SUPERVISION = "supervision", _("Supervision and company")
    TRANSPORT = "transport", _("Transport and accompanying")
    ADMINISTRATION = "administration", _("Administration and finances")
    EMOTIONAL = "emotional", _("Emotional support")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    EMAIL = "email", _("E-mail")
    GROUP = "group", _("Group meeting")


class Newsletter(models.TextChoices):
    """Whether and how a carer receives the municipality's newsletter (newsletters app)."""

    NONE = "none", _("No newsletter")
    EMAIL = "email", _("By e-mail")
    POST = "post", _("By post")


class EndReason(models.TextChoices):
    RECOVERED = "recovered", _("Care no longer needed (recovered)")
    CARE_HOME = "care_home", _("Moved to a care home")
    DECEASED = "deceased", _("Deceased")
    TAKEN_OVER = "taken_over", _("Care taken over by someone else")
    OTHER = "other", _("Other")


# Why one care relationship ends. A move into a care institution ends it only when the
# consultant says so: the carer often goes on caring (visits, finances), which is recorded on
# the relationship as "lives in a care institution" while it stays active.
RELATIONSHIP_END_REASONS = (
    EndReason.DECEASED,
    EndReason.CARE_HOME,
    EndReason.TAKEN_OVER,
    EndReason.OTHER,
)


class CaregiverStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    AFTERCARE = "aftercare", _("After-care")
    ANONYMISED = "anonymised", _("Anonymised")


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CHANGED = "changed", _("Details changed")
    RELATIONSHIP_ADDED = "relationship_added", _("Care relationship added")
    RELATIONSHIP_CHANGED = "relationship_changed", _("Care relationship changed")
    RELATIONSHIP_ENDED = "relationship_ended", _("Care relationship ended")
    CONTACT = "contact", _("Contact moment")
    SCREENING = "screening", _("Burden screening")
    ALERT = "alert", _("Early warning")
    ALERT_RESOLVED = "alert_resolved", _("Early warning dealt with")
    ALERT_REPORTED = "alert_reported", _("Reported to the central contact point")
    REFERRAL = "referral", _("Referral")
    REFERRAL_UPDATED = "referral_updated", _("Referral outcome")
    CARE_ENDED = "care_ended", _("Care ended")
    REACTIVATED = "reactivated", _("Active again")
    MERGED = "merged", _("Merged with a duplicate")
    ACCOUNT_LINKED = "account_linked", _("Account linked after confirmation by the carer")
    INTENSIVE = "intensive", _("Intensive contact changed")
    ANONYMISED = "anonymised", _("Anonymised")
    IMPORTED = "imported", _("Imported")


class Instrument(models.TextChoices):
    GGD = "ggd", _("Burden question (GGD)")
    EDIZ = "ediz", _("EDIZ: experienced burden of informal care")


class AlertReason(models.TextChoices):
    HEAVY = "heavy", _("Heavily burdened")
    RISE = "rise", _("Burden has risen since the previous screening")
    YOUNG = "young", _("Young carer reports burden")


class ReferralTarget(models.TextChoices):
    RESPITE_CARE = "respite_care", _("Respite care")
    PEER_SUPPORT = "peer_support", _("Peer support (lotgenotencontact)")
    CARE_BROKER = "care_broker", _("Mantelzorgmakelaar")
    NETWORK_COACH = "network_coach", _("Network coach")
    WMO_CONSULTANT = "wmo_consultant", _("Wmo consultant")
    GP = "gp", _("General practitioner")
    VOLUNTEER = "volunteer", _("A volunteer (volunteer platform)")
    OTHER_ORGANISATION = "other_organisation", _("Another organisation")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("Awaiting outcome")
    STARTED = "started", _("Started")
    DECLINED = "declined", _("Declined")
    WAITING_LIST = "waiting_list", _("On a waiting list")
    NOT_POSSIBLE = "not_possible", _("Not possible")


class IncomingStatus(models.TextChoices):
    NEW = "new", _("Received")
    ACCEPTED = "accepted", _("Taken on by a consultant")
    DECLINED = "declined", _("Not taken on")


# --- Recognising carers: campaign pages and the "Ben ik mantelzorger?" checks ----------------


class CampaignKind(models.TextChoices):
    CARERS_WEEK = "carers_week", _("Week of the carer (Week van de mantelzorg)")
    CARERS_DAY = "carers_day", _("Carers' day (Dag van de mantelzorg)")
    OTHER = "other", _("Other campaign")


class CallToAction(models.TextChoices):
    """What a campaign page asks the reader to do, as its main button."""

    CHECK = "check", _("Take the check: am I a carer?")
    REGISTER = "register", _("Register as a carer")
    APPRECIATION = "appreciation", _("Apply for the carer appreciation")
    CALENDAR = "calendar", _("Meetings for carers in the calendar")


# The adult check. Answers are never stored: they only choose what the outcome page shows.
class CheckWho(models.TextChoices):
    PARTNER = "partner", _("My partner")
    PARENT = "parent", _("My father, mother or parent-in-law")
    CHILD = "child", _("My child")
    FAMILY = "family", _("Another family member")
    NEIGHBOUR = "neighbour", _("A neighbour, friend or acquaintance")
    NOBODY = "nobody", _("Nobody at the moment")


class CheckTask(models.TextChoices):
    HOUSEHOLD = "household", _("Shopping, cooking or cleaning")
    PERSONAL_CARE = "personal_care", _("Washing, dressing or taking medicines")
    PAPERWORK = "paperwork", _("Paperwork, money or arranging care")
    TRANSPORT = "transport", _("Taking them to the doctor, hospital or shops")
    COMPANY = "company", _("Keeping them company or keeping an eye on them")
    SUPPORT = "support", _("Listening and support when things are hard")


class CheckFrequency(models.TextChoices):
    DAILY = "daily", _("(Almost) every day")
    WEEKLY = "weekly", _("A few times a week")
    SOMETIMES = "sometimes", _("Now and then, less than once a week")


class CheckDuration(models.TextChoices):
    SHORT = "short", _("Less than three months")
    MONTHS = "months", _("Three months to a year")
    YEARS = "years", _("More than a year")


class CheckWellbeing(models.TextChoices):
    FINE = "fine", _("Fine: I can manage")
    SOMETIMES_HEAVY = "sometimes_heavy", _("It is sometimes heavy")
    TOO_HEAVY = "too_heavy", _("It is often too much for me")


# The young carers' check (8 to 18), in their own words.
class YoungWho(models.TextChoices):
    PARENT = "parent", _("My mother or father")
    SIBLING = "sibling", _("My brother or sister")
    GRANDPARENT = "grandparent", _("My grandmother or grandfather")
    OTHER = "other", _("Someone else")
    NOBODY = "nobody", _("Nobody")


class YoungReason(models.TextChoices):
    ILL = "ill", _("They are ill (for a long time)")
    DISABILITY = "disability", _("They have a disability")
    MIND = "mind", _("They have psychological problems, such as depression")
    ADDICTION = "addiction", _("They drink too much or use drugs")
    OLD = "old", _("They are old or forgetful")
    NO_REASON = "no_reason", _("Nothing special: I just help at home")


class YoungTask(models.TextChoices):
    HOUSEHOLD = "household", _("Cooking, cleaning or shopping")
    SIBLINGS = "siblings", _("Looking after my brothers or sisters")
    CARE = "care", _("Helping with washing, dressing or medicines")
    WATCH = "watch", _("Keeping an eye on them")
    COMFORT = "comfort", _("Cheering them up or comforting them")
    ARRANGE = "arrange", _("Translating, phoning or sorting out letters")


class YoungFrequency(models.TextChoices):
    DAILY = "daily", _("(Almost) every day")
    WEEKLY = "weekly", _("A few times a week")
    SOMETIMES = "sometimes", _("Now and then")


class YoungWellbeing(models.TextChoices):
    FINE = "fine", _("Fine")
    SOMETIMES_HARD = "sometimes_hard", _("Sometimes hard (tired, school, friends)")
    OFTEN_HARD = "often_hard", _("Often hard")
