"""The social map's controlled vocabulary, shared by the capabilities that reach residents.

The activity calendar (``activities``) and the newsletters use the same target groups, so that a
resident who looks for "young carers" finds the services, the activities and the news for them.
Categories are a fixed list (not free text) so that the public search, the respite-care overview
and the figures group the same things together; the respite-care categories are every form the
seeds and Mezzo's overview name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    CARERS = "carers", _("Carers")
    YOUNG_CARERS = "young_carers", _("Young carers")
    OLDER_PEOPLE = "older_people", _("Older people")
    DEMENTIA = "dementia", _("People with dementia and those close to them")
    DISABILITY = "disability", _("People with a disability")
    LONELINESS = "loneliness", _("People who feel lonely")
    NEWCOMERS = "newcomers", _("Newcomers (status holders)")
    VOLUNTEERS = "volunteers", _("Volunteers")
    YOUTH = "youth", _("Children and young people")
    FAMILIES = "families", _("Parents and families")
    EVERYONE = "everyone", _("All residents")


class Category(models.TextChoices):
    # Respite care (respijtzorg): taking over the care so that the carer can rest.
    RESPITE_STAY = "respite_stay", _("Respite stay (logeerzorg)")
    RESPITE_DAYCARE = "respite_daycare", _("Day care (dagopvang, dagbesteding)")
    RESPITE_AT_HOME = "respite_at_home", _("Respite at home")
    RESPITE_VOLUNTEER = "respite_volunteer", _("Respite by volunteers")
    RESPITE_HOUSE = "respite_house", _("Respite house")
    RESPITE_HOLIDAY = "respite_holiday", _("Care holiday")
    # Support for carers and others.
    PEER_SUPPORT = "peer_support", _("Peer support (lotgenotencontact)")
    CARER_BROKER = "carer_broker", _("Carer broker (mantelzorgmakelaar)")
    CARER_SUPPORT = "carer_support", _("Carer support and advice")
    DEMENTIA_SUPPORT = "dementia_support", _("Dementia support")
    BUDDY = "buddy", _("Buddy programmes (maatjes)")
    LONELINESS = "loneliness", _("Meeting people and loneliness")
    DEBT_HELP = "debt_help", _("Money and debt help")
    HOME_HELP = "home_help", _("Help at home and odd jobs")
    TRANSPORT = "transport", _("Transport")
    MEALS = "meals", _("Meals")
    HEALTH = "health", _("Health and exercise")
    INFORMATION = "information", _("Information and advice")
    VOLUNTEERING = "volunteering", _("Volunteering")
    LANGUAGE = "language", _("Language and digital skills")


RESPITE_CATEGORIES = frozenset(
    {
        Category.RESPITE_STAY,
        Category.RESPITE_DAYCARE,
        Category.RESPITE_AT_HOME,
        Category.RESPITE_VOLUNTEER,
        Category.RESPITE_HOUSE,
        Category.RESPITE_HOLIDAY,
    }
)


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_REVIEW = "awaiting_review", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Removed from the map")


class ChangeStatus(models.TextChoices):
    """The review of a change to a published entry; the published text stays live meanwhile."""

    NONE = "none", _("No change")
    AWAITING_REVIEW = "awaiting_review", _("Change awaiting review")
    APPROVED = "approved", _("Change approved")
    REJECTED = "rejected", _("Change rejected")


class Access(models.TextChoices):
    """How a resident gets the service."""

    SELF = "self", _("Just get in touch yourself")
    REFERRAL = "referral", _("With a referral (for example from the GP)")
    WMO = "wmo", _("With a Wmo decision from the municipality")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    PAID = "paid", _("Costs money")


class Freshness(models.TextChoices):
    """How recently the owner confirmed an entry (published entries only)."""

    CONFIRMED = "confirmed", _("Confirmed within the period")
    OVERDUE = "overdue", _("Confirmation overdue")
    DROPPED = "dropped", _("Dropped out of the public search")


# Municipality settings (DirectorySettings) when a municipality has not set its own.
CONFIRM_MONTHS_DEFAULT = 6
GRACE_MONTHS_DEFAULT = 1

# What an owner fills in; a change of these on a published entry is reviewed first.
ENTRY_FIELDS = (
    "title",
    "provider_name",
    "description",
    "helps_with",
    "target_groups",
    "categories",
    "access",
    "access_text",
    "cost",
    "cost_text",
    "locality",
    "address",
    "region_wide",
    "online",
    "opening_hours",
    "phone",
    "email",
    "website",
    "contact_name",
)
SEARCH_WORDS_MAX = 8
PAGE_SIZE = 20
