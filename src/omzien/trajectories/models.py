"""Trajectories for volunteers who need guidance (seed 000 §2.2–2.3, seed 003).

A resident with a participation duty or a distance to taking part is referred by the
municipality's client manager (a referrer: :class:`Referral`), or the broker starts a trajectory
for a volunteer directly. The broker keeps the trajectory: its goals, the guidance agreed with
the organisation, planned evaluation moments, evaluations with progress per goal, and an end
with an outcome. Only the brokers of the municipality see it (docs/privacy.md); the client
manager sees the status of their referral, nothing else."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet
from omzien.trajectories import constants

VISIBLE_ROLES = (Role.BROKER,)


class Referral(TenantScoped):
    """A resident referred by a client manager (participatie op recept). The client manager
    sees only its status; the broker takes it on as a trajectory or declines it."""

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trajectory_referrals"
    )
    full_name = models.CharField(_("name of the resident"), max_length=150)
    phone = PhoneNumberField(_("phone number"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    kind = models.CharField(
        _("kind of trajectory"), max_length=14, choices=constants.TrajectoryKind.choices
    )
    reason = models.TextField(_("what the resident is looking for"), max_length=2000)
    consent_confirmed = models.BooleanField(_("the resident agrees to this referral"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.ReferralStatus.choices,
        default=constants.ReferralStatus.NEW,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=255, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    visible_roles = VISIBLE_ROLES
    owner_field = "submitted_by"

    class Meta:
        verbose_name = _("trajectory referral")
        verbose_name_plural = _("trajectory referrals")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"], name="traj_referral_status")]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_status_display()})"


class ReferralTransition(TransitionLog):
    """Append-only log of a referral's status, for the brokers (a decline's reason is theirs)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=constants.ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=constants.ReferralStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "referral__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("trajectory referral status change")
        verbose_name_plural = _("trajectory referral status changes")


class Trajectory(TenantScoped):
    """One volunteer's trajectory with guidance, kept by the broker."""

    profile = models.ForeignKey(
        "volunteering.VolunteerProfile",
        verbose_name=_("volunteer"),
        null=True,  # None once anonymised (retention); erasing the profile deletes it
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    referral = models.OneToOneField(
        Referral,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trajectory",
    )
    kind = models.CharField(
        _("kind of trajectory"), max_length=14, choices=constants.TrajectoryKind.choices
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.TrajectoryStatus.choices,
        default=constants.TrajectoryStatus.INTAKE,
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    placement = models.ForeignKey(
        "volunteering.Placement",
        verbose_name=_("placement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guidance = models.TextField(
        _("guidance agreed with the organisation"), blank=True, max_length=2000
    )
    guidance_contact = models.CharField(
        _("contact person at the organisation"), max_length=150, blank=True
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=14, choices=constants.Outcome.choices, blank=True
    )
    outcome_note = models.CharField(_("about the outcome"), max_length=255, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"], name="traj_status")]

    def __str__(self) -> str:
        name = self.profile.full_name if self.profile_id else _("anonymised")
        return f"{self.get_kind_display()}: {name}"


class TrajectoryTransition(TransitionLog):
    """Append-only log of a trajectory's status."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=constants.TrajectoryStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=constants.TrajectoryStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "trajectory__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("trajectory status change")
        verbose_name_plural = _("trajectory status changes")


class OfATrajectory(models.Model):
    """A row of a trajectory (its ``trajectory`` foreign key): seen by whoever sees it."""

    objects = TenantQuerySet.as_manager()
    tenant_field = "trajectory__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        abstract = True

    @property
    def municipality_id(self) -> int:
        return self.trajectory.municipality_id


class Goal(OfATrajectory):
    """What the volunteer works towards in the trajectory."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("goal"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class EvaluationMoment(OfATrajectory):
    """A planned evaluation; the broker is reminded by mail some days before."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="moments")
    planned_on = models.DateField(_("evaluation planned on"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation moment")
        verbose_name_plural = _("evaluation moments")
        ordering = ["planned_on", "pk"]
        indexes = [models.Index(fields=["planned_on"], name="traj_moment_planned")]

    def __str__(self) -> str:
        return str(self.planned_on)


class Evaluation(OfATrajectory):
    """An evaluation held with the volunteer (and the organisation): progress per goal."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="evaluations")
    moment = models.OneToOneField(
        EvaluationMoment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation",
    )
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return str(self.held_on)


class GoalProgress(models.Model):
    """The progress on one goal at one evaluation: a score and a note."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    score = models.PositiveSmallIntegerField(
        _("progress"),
        validators=[
            MinValueValidator(constants.PROGRESS_MIN),
            MaxValueValidator(constants.PROGRESS_MAX),
        ],
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "evaluation__trajectory__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("progress on a goal")
        verbose_name_plural = _("progress on goals")
        ordering = ["goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="traj_progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.score}"
