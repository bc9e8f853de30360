"""The social map (sociale kaart): services and support offers, and a municipality's settings.

An entry's categories and target groups are JSON lists of codes from ``constants``: one row per
entry, so a list page needs no joins. The public search filters them with JSON containment on
PostgreSQL (GIN-indexed, migration 0002) and with the quoted code in the JSON text on SQLite
(``selectors.entries.has_code``, tested on both).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.directory import constants
from omzien.tenants.models import Locality, Municipality, TenantScoped
from omzien.tenants.query import TenantQuerySet

# Staff who review and maintain the map of their municipality.
STAFF_ROLES = (Role.BROKER, Role.CONSULTANT)


class DirectorySettings(models.Model):
    """How often owners confirm their entries, per municipality (the functional administrator
    sets it; without a row the defaults in ``constants`` apply)."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="directory_settings",
    )
    confirm_months = models.PositiveSmallIntegerField(
        _("confirm every (months)"),
        default=constants.CONFIRM_MONTHS_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("How often the owner of an entry is asked to confirm that it is still right."),
    )
    grace_months = models.PositiveSmallIntegerField(
        _("grace period (months)"),
        default=constants.GRACE_MONTHS_DEFAULT,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
        help_text=_(
            "How long an unconfirmed entry stays in the public search after its confirmation "
            "was due."
        ),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("social map settings")
        verbose_name_plural = _("social map settings")

    def __str__(self) -> str:
        return str(self.municipality)


class Entry(TenantScoped):
    """A service or support offer on the social map: what, for whom, why, how, where, when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "volunteering.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its members maintain the entry. Empty: a named provider, kept by staff."),
    )
    provider_name = models.CharField(
        _("provider"),
        max_length=150,
        blank=True,
        help_text=_("Who offers it, when that is not an organisation in Omzien."),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what it is"), max_length=4000)
    helps_with = models.TextField(_("what it helps with"), max_length=2000, blank=True)
    target_groups = models.JSONField(_("for whom"), default=list, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    access = models.CharField(
        _("how to get it"),
        max_length=10,
        choices=constants.Access.choices,
        default=constants.Access.SELF,
    )
    access_text = models.CharField(_("how to get it, explained"), max_length=300, blank=True)
    cost = models.CharField(
        _("cost"), max_length=5, choices=constants.Cost.choices, default=constants.Cost.FREE
    )
    cost_text = models.CharField(
        _("what it costs"),
        max_length=200,
        blank=True,
        help_text=_("For example: EUR 5 per afternoon, or paid from the Wmo."),
    )
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("village or town"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    region_wide = models.BooleanField(
        _("for the whole municipality or region"),
        default=False,
        help_text=_("No single address: the service comes to people, or is offered everywhere."),
    )
    online = models.BooleanField(_("also online or by phone"), default=False)
    opening_hours = models.TextField(_("when"), max_length=500, blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_("Only when the person agreed to be named on the public page."),
    )

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=constants.EntryStatus.choices,
        default=constants.EntryStatus.DRAFT,
    )
    review_note = models.CharField(_("reason"), max_length=255, blank=True)
    # A change of a published entry, waiting for review: the new values of the changed fields
    # (locality as its pk); the public keeps seeing the published values until it is approved.
    change_status = models.CharField(
        _("change"),
        max_length=16,
        choices=constants.ChangeStatus.choices,
        default=constants.ChangeStatus.NONE,
    )
    pending = models.JSONField(default=dict, blank=True)
    pending_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pending_at = models.DateTimeField(null=True, blank=True)

    # Freshness: confirmed on, due (asked to confirm from then), drops out of the public search.
    last_confirmed_on = models.DateField(_("last confirmed on"), null=True, blank=True)
    confirm_due_on = models.DateField(null=True, blank=True)
    drops_out_on = models.DateField(null=True, blank=True)
    confirm_requested_on = models.DateField(null=True, blank=True)

    first_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF_ROLES
    owner_field = "organisation__members__user"

    class Meta:
        verbose_name = _("social map entry")
        verbose_name_plural = _("social map entries")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["status", "drops_out_on"], name="dir_entry_public"),
            models.Index(fields=["municipality", "status"], name="dir_entry_mun_status"),
            models.Index(fields=["confirm_due_on"], name="dir_entry_due"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def provider(self) -> str:
        if self.organisation_id is not None:
            return self.organisation.name
        return self.provider_name


class EntryTransition(TransitionLog):
    """Append-only log of every status change of an entry."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=constants.EntryStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=constants.EntryStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "entry__municipality"
    visible_roles = STAFF_ROLES
