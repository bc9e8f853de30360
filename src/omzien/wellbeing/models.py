"""Wellbeing: residents in welfare support, their trajectories (welzijn op recept, buddy,
activity) and their De Jong Gierveld loneliness measurements. Special personal data: only the
welfare workers of the municipality see them (``visible_roles``); a referrer sees the status of
the referrals they sent (``owner_field``)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet
from omzien.wellbeing import constants
from omzien.wellbeing.scoring import Category, Version

WORKERS = (Role.WELFARE_WORKER,)


class Participant(TenantScoped):
    """A resident in welfare support."""

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visible_roles = WORKERS

    class Meta:
        verbose_name = _("participant in welfare support")
        verbose_name_plural = _("participants in welfare support")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Trajectory(TenantScoped):
    """One piece of support for a participant: intake, goals, contacts, close with outcome.
    For welzijn op recept, the practice and the referrer (GP or POH) who referred."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="trajectories"
    )
    kind = models.CharField(_("kind of support"), max_length=12, choices=constants.Kind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.Status.choices,
        default=constants.Status.INTAKE,
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wellbeing_referrals",
    )
    practice = models.CharField(_("referring practice"), max_length=150, blank=True)
    practice_email = models.EmailField(_("e-mail address of the practice for feedback"), blank=True)
    referral_reason = models.TextField(_("reason for the referral"), blank=True, max_length=2000)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intake_on = models.DateField(_("intake date"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True, max_length=4000)
    activities = models.TextField(_("activities"), blank=True, max_length=2000)
    entry = models.ForeignKey(
        "directory.Entry",
        verbose_name=_("social map entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The offer on the social map the resident was prescribed (welzijn op recept)."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=constants.Outcome.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = WORKERS
    owner_field = "referred_by"

    class Meta:
        verbose_name = _("support trajectory")
        verbose_name_plural = _("support trajectories")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"], name="wellbeing_traj_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class TrajectoryTransition(TransitionLog):
    """Append-only log of a trajectory's status, for the welfare workers."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=constants.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=constants.Status.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "trajectory__municipality"
    visible_roles = WORKERS

    class Meta(TransitionLog.Meta):
        verbose_name = _("trajectory status change")
        verbose_name_plural = _("trajectory status changes")


class Contact(models.Model):
    """A follow-up contact in a trajectory."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="contacts")
    contact_on = models.DateField(_("date"))
    summary = models.TextField(_("what was discussed"), max_length=4000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "trajectory__municipality"
    visible_roles = WORKERS

    class Meta:
        verbose_name = _("follow-up contact")
        verbose_name_plural = _("follow-up contacts")
        ordering = ["-contact_on", "-pk"]

    def __str__(self) -> str:
        return str(self.contact_on)


class Measurement(TenantScoped):
    """One filled-in De Jong Gierveld scale, with its scores computed when recorded."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="measurements"
    )
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="measurements"
    )
    version = models.PositiveSmallIntegerField(_("version"), choices=Version.choices)
    moment = models.CharField(_("moment"), max_length=8, choices=constants.Moment.choices)
    answers = models.JSONField(_("answers"), default=dict)
    total = models.PositiveSmallIntegerField(_("total score"), null=True, blank=True)
    emotional = models.PositiveSmallIntegerField(_("emotional loneliness"), null=True, blank=True)
    social = models.PositiveSmallIntegerField(_("social loneliness"), null=True, blank=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices, blank=True)
    taken_on = models.DateField(_("taken on"))
    # Empty when the resident filled it in through a one-time link.
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visible_roles = WORKERS

    class Meta:
        verbose_name = _("loneliness measurement")
        verbose_name_plural = _("loneliness measurements")
        ordering = ["-taken_on", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "taken_on"], name="wellbeing_meas_taken"),
            models.Index(fields=["participant", "version"], name="wellbeing_meas_participant"),
        ]

    def __str__(self) -> str:
        return f"{self.get_version_display()} {self.taken_on}"


class MeasurementInvitation(TenantScoped):
    """A one-time link for the resident to fill in the scale: only the SHA-256 hash of the
    token is stored; the link works for ``INVITATION_VALID_DAYS`` and once."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="invitations")
    version = models.PositiveSmallIntegerField(_("version"), choices=Version.choices)
    moment = models.CharField(_("moment"), max_length=8, choices=constants.Moment.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    measurement = models.ForeignKey(
        Measurement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visible_roles = WORKERS

    class Meta:
        verbose_name = _("questionnaire link")
        verbose_name_plural = _("questionnaire links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.expires_at)
