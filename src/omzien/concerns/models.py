"""Concerns (signalen): a worry about a resident, reported by anyone, handled by the welfare
team's central contact point. Special personal data (docs/privacy.md, docs/concerns.md)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.concerns import constants
from omzien.concerns.query import ConcernChildQuerySet, ConcernQuerySet
from omzien.tenants.models import Municipality, TenantScoped

# Who sees a concern on staff pages: the welfare workers of its municipality, and its carer
# consultants when the concern is about carer overload (query.ConcernQuerySet).
VISIBLE_ROLES = (Role.WELFARE_WORKER, Role.CONSULTANT)


class ConcernSettings(models.Model):
    """One row per municipality with what the welfare team may set."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="concern_settings"
    )
    first_contact_days = models.PositiveSmallIntegerField(
        _("first contact within (working days)"),
        default=constants.DEFAULT_FIRST_CONTACT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    anonymise_after_months = models.PositiveSmallIntegerField(
        _("anonymise a concern that led to nothing after (months)"),
        default=constants.DEFAULT_ANONYMISE_AFTER_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("concern settings")
        verbose_name_plural = _("concern settings")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def for_municipality(cls, municipality) -> "ConcernSettings":
        found, _created = cls.objects.get_or_create(municipality=municipality)
        return found


class Concern(TenantScoped):
    """A worry about a resident: who, what was seen, and what the welfare team did."""

    # The resident.
    resident_name = models.CharField(_("name of the resident"), max_length=150)
    resident_address = models.CharField(_("street and house number"), max_length=200, blank=True)
    resident_postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    resident_phone = PhoneNumberField(_("phone number of the resident"), blank=True)
    resident_birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    # The concern.
    kind = models.CharField(_("what is it about"), max_length=16, choices=constants.Kind.choices)
    life_event = models.CharField(
        _("life event"), max_length=12, choices=constants.LifeEvent.choices, blank=True
    )
    urgency = models.CharField(
        _("urgency"),
        max_length=8,
        choices=constants.Urgency.choices,
        default=constants.Urgency.NORMAL,
    )
    observation = models.TextField(_("what was seen"), max_length=4000)
    consent = models.CharField(
        _("does the resident know"), max_length=8, choices=constants.Consent.choices
    )
    # Who reported it.
    source = models.CharField(_("reported by"), max_length=12, choices=constants.Source.choices)
    profession = models.CharField(
        _("profession"), max_length=16, choices=constants.Profession.choices, blank=True
    )
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    reporter_name = models.CharField(_("name of the reporter"), max_length=150, blank=True)
    reporter_email = models.EmailField(_("e-mail address of the reporter"), blank=True)
    reporter_phone = PhoneNumberField(_("phone number of the reporter"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_concerns",
    )
    # The handling.
    status = models.CharField(
        _("status"), max_length=10, choices=constants.Status.choices, default=constants.Status.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_concerns",
    )
    first_contact_due = models.DateField(_("first contact due"))
    first_contact_on = models.DateField(_("first contact on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=constants.Outcome.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    entry = models.ForeignKey(
        "directory.Entry",
        verbose_name=_("social map entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the resident was referred to or support started, on the social map."),
    )
    # The "picked up" e-mail to a public reporter goes once (services.concern_assign).
    picked_up_sent_at = models.DateTimeField(null=True, blank=True)
    reporter_details_removed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # A link made from the concern in one step (services.concern_register_carer).
    caregiver = models.ForeignKey(
        "caregivers.Caregiver",
        verbose_name=_("registered carer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = ConcernQuerySet.as_manager()
    visible_roles = VISIBLE_ROLES
    # A referrer sees the status of what they sent (views.mine), nothing more.
    owner_field = "submitted_by"

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "created_at"], name="concern_queue"),
            models.Index(
                fields=["municipality", "status", "first_contact_due"], name="concern_due"
            ),
            models.Index(fields=["assigned_to", "status"], name="concern_assigned"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}" if self.created_at else ""

    @property
    def kind_label(self) -> str:
        if self.kind == constants.Kind.LIFE_EVENT and self.life_event:
            return f"{self.get_kind_display()}: {self.get_life_event_display().lower()}"
        return self.get_kind_display()


class ConcernTransition(TransitionLog):
    """Append-only log of a concern's status."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=constants.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=constants.Status.choices)

    objects = ConcernChildQuerySet.as_manager()
    tenant_field = "concern__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("concern status change")
        verbose_name_plural = _("concern status changes")


class ConcernAction(models.Model):
    """Something the worker did about a concern: a call, a visit, a note."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="actions")
    done_on = models.DateField(_("date"))
    kind = models.CharField(_("what"), max_length=16, choices=constants.ActionKind.choices)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The buddy programme participant the resident became (services.concern_propose_buddy).
    participant = models.ForeignKey(
        "buddies.BuddyParticipant",
        verbose_name=_("buddy programme participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConcernChildQuerySet.as_manager()
    tenant_field = "concern__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("concern action")
        verbose_name_plural = _("concern actions")
        ordering = ["done_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.done_on}"
