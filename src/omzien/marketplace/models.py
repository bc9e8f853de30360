"""The beursvloer (seed 002 Dalfsen §5.3.2): a yearly marketplace where businesses and community
organisations meet and agree what they can do for each other, money-free.

An event per municipality and year; its participants (a business through the public form, a
community organisation through its members' accounts) register offers and requests; the
volunteer broker pre-matches them; at the event deals are recorded and followed up afterwards.
The contact persons are personal data (docs/privacy.md, docs/marketplace.md)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.marketplace import constants
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet

# The volunteer broker organises the beursvloer of the municipality.
VISIBLE_ROLES = (Role.BROKER,)


class Event(TenantScoped):
    """One beursvloer: when, where, and when businesses and organisations may register."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    held_on = models.DateField(_("date of the beursvloer"))
    place = models.CharField(_("place"), max_length=200)
    registration_opens = models.DateField(_("registration opens on"))
    registration_closes = models.DateField(_("registration closes on"))
    description = models.TextField(_("introduction"), blank=True, max_length=2000)
    contact_retention_months = models.PositiveSmallIntegerField(
        _("remove the contact details after (months)"),
        default=constants.DEFAULT_CONTACT_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    contacts_removed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("beursvloer")
        verbose_name_plural = _("beursvloeren")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="marketplace_one_a_year")
        ]

    def __str__(self) -> str:
        return f"Beursvloer {self.year}"


class OfAnEvent:
    """A row of an event: its municipality is the event's (the audit trail files it there)."""

    @property
    def municipality(self):
        return self.event.municipality

    @property
    def municipality_id(self) -> int:
        return self.event.municipality_id


class Participant(OfAnEvent, models.Model):
    """A business or community organisation taking part in one event, with its contact
    person. A business edits its entries through a private link (``edit_token_hash``); an
    organisation of the volunteer platform through its members' accounts."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=12, choices=constants.PartyKind.choices)
    organisation = models.ForeignKey(
        "volunteering.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name of the business or organisation"), max_length=150)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    contact_phone = PhoneNumberField(_("phone number"), blank=True)
    edit_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    contact_removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "event__municipality"
    visible_roles = VISIBLE_ROLES
    owner_field = "organisation__members__user"

    class Meta:
        verbose_name = _("beursvloer participant")
        verbose_name_plural = _("beursvloer participants")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"],
                condition=Q(organisation__isnull=False),
                name="marketplace_organisation_once",
            ),
            models.UniqueConstraint(
                fields=["event", "submission_key"],
                condition=~Q(submission_key=""),
                name="marketplace_submission_once",
            ),
        ]
        indexes = [models.Index(fields=["edit_token_hash"], name="marketplace_token")]

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    """An offer or a request of a participant: what, how much (in hours), money-free."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="entries")
    direction = models.CharField(
        _("offer or request"), max_length=8, choices=constants.Direction.choices
    )
    kind = models.CharField(_("what kind"), max_length=10, choices=constants.EntryKind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=2000)
    hours = models.PositiveSmallIntegerField(
        _("estimated value in hours"),
        validators=[MaxValueValidator(constants.MAX_HOURS)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()
    tenant_field = "participant__event__municipality"
    visible_roles = VISIBLE_ROLES
    owner_field = "participant__organisation__members__user"

    class Meta:
        verbose_name = _("offer or request")
        verbose_name_plural = _("offers and requests")
        ordering = ["direction", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class PreMatch(models.Model):
    """An offer and a request the broker put on the event's list before the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="prematches")
    offer = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "event__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("pre-match")
        verbose_name_plural = _("pre-matches")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "request"], name="marketplace_prematch_once")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} → {self.request_id}"


class Deal(OfAnEvent, models.Model):
    """What was agreed at the event: who gives what to whom, by when, worth how many hours."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deals")
    giver = models.ForeignKey(
        Participant, verbose_name=_("who gives"), on_delete=models.CASCADE, related_name="+"
    )
    receiver = models.ForeignKey(
        Participant, verbose_name=_("to whom"), on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(_("what"), max_length=300)
    due_on = models.DateField(_("by when"))
    hours = models.PositiveSmallIntegerField(
        _("estimated value in hours"), validators=[MaxValueValidator(constants.MAX_HOURS)]
    )
    prematch = models.ForeignKey(
        PreMatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="deals"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.DealStatus.choices,
        default=constants.DealStatus.AGREED,
    )
    followed_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()
    tenant_field = "event__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="marketplace_deal_due")]

    def __str__(self) -> str:
        return self.what


class DealTransition(TransitionLog):
    """Append-only log of a deal's status."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=constants.DealStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=constants.DealStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "deal__event__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("deal status change")
        verbose_name_plural = _("deal status changes")
