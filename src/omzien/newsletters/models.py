"""Newsletters of a municipality: composed from ordered sections, sent to audiences built from
consent, by e-mail through the task worker and on paper through a mail house.

A ``Newsletter`` moves draft → sending → sent (``workflows.NEWSLETTER``). "Send" freezes its
recipients into ``Delivery`` rows, one per person (unique per newsletter and recipient key, so a
repeated click never doubles); the worker claims each e-mail row before its message leaves and
marks it sent after, so a killed worker never causes a second copy. Public ``Subscriber`` s sign
up with a double opt-in; an unsubscribed address leaves only a ``Suppression`` hash behind.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.newsletters import constants
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet

# Who composes and sends newsletters: the consultants and brokers of the municipality.
STAFF_ROLES = (Role.CONSULTANT, Role.BROKER)


class NewsletterSettings(TenantScoped):
    """The sender and the sending rate of a municipality's newsletters (functional admin)."""

    sender_name = models.CharField(_("sender name"), max_length=100)
    sender_email = models.EmailField(_("sender e-mail address"))
    per_minute = models.PositiveIntegerField(
        _("messages per minute"),
        default=constants.DEFAULT_PER_MINUTE,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
        help_text=_("How many e-mails leave per minute at most (your mail provider's limit)."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    visible_roles = (Role.MUNICIPALITY_ADMIN, *STAFF_ROLES)

    class Meta:
        verbose_name = _("newsletter settings")
        verbose_name_plural = _("newsletter settings")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="nl_settings_one_per_mun")
        ]

    def __str__(self) -> str:
        return f"{self.sender_name} <{self.sender_email}>"


class Newsletter(TenantScoped):
    title = models.CharField(_("title"), max_length=constants.TITLE_MAX)
    issue_date = models.DateField(_("issue date"))
    intro = models.TextField(_("introduction"), blank=True, max_length=2000)
    segments = models.JSONField(_("audiences"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.NewsletterStatus.choices,
        default=constants.NewsletterStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    send_started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = (*STAFF_ROLES,)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-issue_date", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"], name="nl_mun_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == constants.NewsletterStatus.DRAFT


class NewsletterTransition(TransitionLog):
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=constants.NewsletterStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=constants.NewsletterStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "newsletter__municipality"
    visible_roles = STAFF_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("newsletter status change")
        verbose_name_plural = _("newsletter status changes")


def _image_path(section, filename: str) -> str:
    ext = "png" if filename.lower().endswith(".png") else "jpg"
    return f"newsletters/{section.newsletter.municipality_id}/{timezone.now():%Y%m%d%H%M%S%f}.{ext}"


class Section(models.Model):
    """One part of a newsletter, in ``position`` order: free text (with an optional image), a
    news item, or the items a registered source gives for the chosen ids (``sources``)."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=constants.SectionKind.choices)
    heading = models.CharField(_("heading"), max_length=constants.TITLE_MAX, blank=True)
    body = models.TextField(_("text"), blank=True, max_length=constants.TEXT_MAX)
    link = models.URLField(_("link"), blank=True)
    image = models.ImageField(_("image"), upload_to=_image_path, blank=True)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    source_key = models.CharField(_("source"), max_length=50, blank=True)
    source_ids = models.JSONField(_("chosen items"), default=list, blank=True)
    # Optimistic locking: an edit names the version it started from (sent by the page).
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()
    tenant_field = "newsletter__municipality"
    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["newsletter", "position", "pk"]

    def __str__(self) -> str:
        return self.heading or self.get_kind_display()


class Subscriber(TenantScoped):
    """A member of the public who signed up on the archive page: confirmed by the link mailed
    to them (double opt-in); removed when unconfirmed after a week or when they unsubscribe."""

    email = models.EmailField(_("e-mail address"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "email"], name="nl_subscriber_once")
        ]

    def __str__(self) -> str:
        return self.email


class Suppression(TenantScoped):
    """An address that unsubscribed, kept only as a keyed hash (HMAC) of the normalised
    address: imports and bounce lists cannot make it a subscriber again; a new double opt-in
    (the person confirming themselves) lifts it."""

    email_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "email_hash"], name="nl_suppression_once"
            )
        ]

    def __str__(self) -> str:
        return self.email_hash[:12]


class Delivery(models.Model):
    """One recipient of one newsletter, frozen when sending starts.

    ``recipient_key`` names the person's record (``carer:12``, ``volunteer:3``,
    ``organisation:5``, ``subscriber:9``); the unique constraint makes a second "send" add no
    one twice. E-mail rows go queued → sending (claimed, committed) → sent or failed; a claim
    older than ``constants.STUCK_MINUTES`` becomes unknown and is never retried. Post rows keep
    the address for the mail house's list. Retention blanks the address after the period.
    """

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    recipient_key = models.CharField(max_length=40)
    channel = models.CharField(_("channel"), max_length=5, choices=constants.Channel.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.DeliveryStatus.choices,
        default=constants.DeliveryStatus.QUEUED,
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    street_address = models.CharField(_("street and house number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    # Who claimed the row (a random token per claim) and when: see services.sending.
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)
    address_removed_at = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "newsletter__municipality"
    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "recipient_key"], name="nl_delivery_once")
        ]
        indexes = [
            models.Index(fields=["newsletter", "channel", "status"], name="nl_delivery_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.newsletter_id} · {self.recipient_key}"
