"""Preventive home visits: a welfare worker plans a round of visits to a target group, imports
the addresses, assigns them to volunteers or colleagues, and turns a visit's follow-up into a
concern or a carer registration. Visit notes are special personal data (docs/privacy.md,
docs/wellbeing.md "Preventive home visits")."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.homevisits import constants
from omzien.homevisits.query import VisitChildQuerySet, VisitQuerySet
from omzien.tenants.models import TenantScoped

# Who sees plans and visits on staff pages: the welfare workers of the municipality. A volunteer
# sees only the visits assigned to them (owner_field).
VISIBLE_ROLES = (Role.WELFARE_WORKER,)


class VisitPlan(TenantScoped):
    """A round of preventive home visits to one target group in a period."""

    name = models.CharField(_("name"), max_length=120)
    target_group = models.CharField(
        _("target group"), max_length=12, choices=constants.TargetGroup.choices
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    remove_after_months = models.PositiveSmallIntegerField(
        _("remove the addresses of visits not held after (months)"),
        default=constants.DEFAULT_REMOVE_AFTER_MONTHS,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
        help_text=_("Counted from the end of the plan."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("home visit plan")
        verbose_name_plural = _("home visit plans")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.name


class Visit(TenantScoped):
    """One address of a plan: who lives there, who visits, and what came of it."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="visits")
    # The resident, as the imported list gave them.
    name = models.CharField(_("name"), max_length=150)
    street = models.CharField(_("street"), max_length=150, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    # The visit.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.Status.choices,
        default=constants.Status.PLANNED,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visitor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="home_visits",
    )
    visited_on = models.DateField(_("date of the visit"), null=True, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    follow_up = models.CharField(
        _("follow-up"), max_length=20, choices=constants.FollowUp.choices, blank=True
    )
    follow_up_wishes = models.TextField(_("wishes for a follow-up"), max_length=2000, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    # The follow-up made in one step (services.visit_follow_up_*).
    concern = models.ForeignKey(
        "concerns.Concern",
        verbose_name=_("concern"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    caregiver = models.ForeignKey(
        "caregivers.Caregiver",
        verbose_name=_("registered carer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    incoming_referral = models.ForeignKey(
        "caregivers.IncomingReferral",
        verbose_name=_("referral to the carer consultants"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up_done_on = models.DateField(_("follow-up made on"), null=True, blank=True)
    address_removed_at = models.DateTimeField(null=True, blank=True)
    notes_anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = VisitQuerySet.as_manager()
    visible_roles = VISIBLE_ROLES
    # The visitor sees their own visits (views "my home visits").
    owner_field = "assigned_to"

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        ordering = ["postcode", "house_number", "pk"]
        indexes = [
            models.Index(fields=["plan", "status"], name="homevisit_plan_status"),
            models.Index(fields=["assigned_to", "status"], name="homevisit_assigned"),
            models.Index(fields=["municipality", "visited_on"], name="homevisit_visited"),
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}".strip() or self.name

    @property
    def followed_up(self) -> bool:
        """Whether the follow-up was made: a concern, a carer registration or a referral."""
        return bool(self.concern_id or self.caregiver_id or self.incoming_referral_id)

    @property
    def address(self) -> str:
        return f"{self.street} {self.house_number}".strip()

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(constants.Topic.choices)
        return [str(labels[t]) for t in self.topics if t in labels]


class VisitTransition(TransitionLog):
    """Append-only log of a visit's status."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=constants.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=constants.Status.choices)

    objects = VisitChildQuerySet.as_manager()
    tenant_field = "visit__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("home visit status change")
        verbose_name_plural = _("home visit status changes")
