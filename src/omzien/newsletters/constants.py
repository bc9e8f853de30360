"""Choices of the newsletters capability and the defaults a setting can override."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Sending: messages per minute unless the municipality's functional administrator sets another
# rate (NewsletterSettings.per_minute); the settings give the platform's bounds.
DEFAULT_PER_MINUTE = 600
BATCH_SIZE = 100  # one SMTP connection per batch
# A row claimed ("sending") longer ago than this was lost with its worker: it becomes "unknown"
# and is never sent again (it may or may not have left).
STUCK_MINUTES = 5
# Unconfirmed public subscriptions are removed after this many days.
UNCONFIRMED_DAYS = 7
CONFIRM_MAX_AGE_DAYS = UNCONFIRMED_DAYS
# Images in a free-text section.
IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_MIN_SIDE = 100
IMAGE_MAX_SIDE = 4000
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
TITLE_MAX = 150
TEXT_MAX = 10_000


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class SectionKind(models.TextChoices):
    TEXT = "text", _("Text")
    NEWS = "news", _("News item")
    SOURCE = "source", _("Items from a source")


class Segment(models.TextChoices):
    """Audiences built from consent; a newsletter goes to one or more of them."""

    CARERS = "carers", _("Carers in the registry who want the newsletter")
    VOLUNTEERS = "volunteers", _("Volunteers who want the newsletter")
    ORGANISATIONS = "organisations", _("Approved organisations (contact e-mail address)")
    SUBSCRIBERS = "subscribers", _("Subscribers from the public sign-up form")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # The worker stopped while this message was being sent: it may or may not have left, and
    # is never sent again automatically.
    UNKNOWN = "unknown", _("Unknown")
