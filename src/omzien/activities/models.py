"""The activity calendar: activities of organisations and of the municipality, their dates and
who signed up.

An ``Activity`` is organised by an approved ``volunteering.Organisation`` (its members manage
it) or by the municipality itself (brokers and consultants). A repeating activity stores its
RFC 5545 recurrence rule (``rrule``); its dates exist as ``Occurrence`` rows up to a horizon
(``services.occurrences``), so the calendar, sign-ups and attendance work on plain rows. A
``SignUp`` is one person for one occurrence, with an account or without (name and e-mail or
phone); a sign-up without an account is anonymised a settable time after the occurrence.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.activities import constants
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.common.phrases import PhraseField
from omzien.directory.constants import TargetGroup
from omzien.tenants.models import Locality, TenantScoped
from omzien.tenants.query import TenantQuerySet

# Municipality staff who organise activities and see every sign-up of the municipality.
ORGANISER_ROLES = (Role.BROKER, Role.CONSULTANT)
# Who sees the figures (aggregates only).
FIGURES_ROLES = (*ORGANISER_ROLES, Role.POLICY_ADVISOR)


class Activity(TenantScoped):
    organisation = models.ForeignKey(
        "volunteering.Organisation",
        verbose_name=_("organised by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
        help_text=_("Empty: the municipality organises it."),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=4000)
    kind = models.CharField(_("kind of activity"), max_length=20, choices=constants.Kind.choices)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("number of places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text=_("Empty: no limit."),
    )
    cost = models.CharField(
        _("cost"), max_length=100, blank=True, help_text=_("Empty: free. E.g. “EUR 2.50”.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        max_length=1000,
        blank=True,
        help_text=_("E.g. wheelchair accessible, hearing loop, parking."),
    )
    signup_required = models.BooleanField(_("sign-up required"), default=True)
    starts_at = models.DateTimeField(_("first date and time"))
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )
    # The RFC 5545 RRULE (without DTSTART), in the local time of ``starts_at``; empty: once.
    rrule = models.CharField(_("recurrence rule"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = ORGANISER_ROLES

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_free(self) -> bool:
        return not self.cost.strip()

    @property
    def place(self) -> str:
        parts = [self.address, self.locality.name if self.locality_id else ""]
        return ", ".join(p for p in parts if p)


class ActivityTargetGroup(models.Model):
    """One target group of an activity (a row each, so the calendar filters in SQL)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "group"], name="act_target_group_unique")
        ]

    def __str__(self) -> str:
        return self.get_group_display()


class Occurrence(models.Model):
    """One date of an activity. Cancelled occurrences stay (with the message) for those who
    signed up and for the figures."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    #: The organiser's own words, or the product's (a Phrase: read in each reader's language).
    cancel_message = PhraseField(_("message to those signed up"), blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "activity__municipality"
    visible_roles = ORGANISER_ROLES

    class Meta:
        verbose_name = _("date of an activity")
        verbose_name_plural = _("dates of activities")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "starts_at"], name="act_occurrence_unique")
        ]
        indexes = [models.Index(fields=["starts_at"], name="act_occurrence_start")]

    def __str__(self) -> str:
        return f"{self.activity} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class SignUp(models.Model):
    """One person signed up for one occurrence: with an account (``user``) or without (name
    and e-mail address or phone number). One active sign-up per occurrence and account or
    e-mail address (database constraints), so a retried POST never signs up twice."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activity_signups",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.SignUpStatus.choices,
        default=constants.SignUpStatus.CONFIRMED,
    )
    # The cancel link's token, as a SHA-256 hash (the link itself is only in the mail).
    cancel_token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "occurrence__activity__municipality"
    visible_roles = ORGANISER_ROLES
    owner_field = "user"

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=Q(user__isnull=False) & ~Q(status=constants.SignUpStatus.CANCELLED),
                name="act_signup_unique_user",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "occurrence",
                condition=~Q(email="") & ~Q(status=constants.SignUpStatus.CANCELLED),
                name="act_signup_unique_email",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False)
                | ~Q(email="")
                | ~Q(phone="")
                | Q(anonymised_at__isnull=False),
                name="act_signup_reachable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    # The municipality of the activity, for the audit trail (select the activity with it).
    @property
    def municipality(self):
        return self.occurrence.activity.municipality

    @property
    def municipality_id(self) -> int:
        return self.occurrence.activity.municipality_id


class SignUpTransition(TransitionLog):
    signup = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=constants.SignUpStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=constants.SignUpStatus.choices)

    class Meta(TransitionLog.Meta):
        verbose_name = _("sign-up status change")
