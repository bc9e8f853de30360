"""The volunteer prize and pluim (seed 000 §1.1, Heerde: *Vrijwilligersprijs en Pluim*).

A municipality's volunteer broker sets up a ``Round`` a year: the nomination window, the
criteria with their weights, the jury (staff users given the jury role for this round only:
``JuryMember``, one of them the chair) and the announcement date. Residents nominate a
volunteer or a group through a public form (``Nomination``); the broker checks each nomination
and asks the nominee's consent to publish; each jury member scores every accepted nomination
per criterion with a short motivation (``Review``, ``Score``); the chair resolves ties in the
ranking; the broker marks the winner and the pluimen, which the public page shows after the
announcement date, only for the nominees who agreed. The nominator's contact details are
removed when the round has been announced (docs/privacy.md, docs/volunteering.md).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.recognition import constants
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet

# The volunteer broker runs the prize of the municipality.
VISIBLE_ROLES = (Role.BROKER,)


class Round(TenantScoped):
    """One year's prize of a municipality."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    nominations_open = models.DateField(_("nominations open on"))
    nominations_close = models.DateField(_("nominations close on"))
    announce_on = models.DateField(_("announcement date"))
    introduction = models.TextField(_("introduction"), blank=True, max_length=2000)
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
        verbose_name = _("volunteer prize round")
        verbose_name_plural = _("volunteer prize rounds")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="recognition_one_a_year")
        ]

    def __str__(self) -> str:
        return f"Vrijwilligersprijs {self.year}"


class OfARound:
    """A row of a round: its municipality is the round's (the audit trail files it there)."""

    @property
    def municipality(self):
        return self.round.municipality

    @property
    def municipality_id(self) -> int:
        return self.round.municipality_id


class Criterion(OfARound, models.Model):
    """What the jury weighs, and how much."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(constants.WEIGHT_MAX)],
    )

    objects = TenantQuerySet.as_manager()
    tenant_field = "round__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="recognition_criterion_once")
        ]

    def __str__(self) -> str:
        return self.name


class JuryMember(OfARound, models.Model):
    """A staff user on the jury of one round (the jury role holds for this round only)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="jury")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recognition_juries"
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "round__municipality"
    visible_roles = VISIBLE_ROLES
    owner_field = "user"

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ["-is_chair", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="recognition_juror_once"),
            models.UniqueConstraint(
                fields=["round"], condition=Q(is_chair=True), name="recognition_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Nomination(OfARound, models.Model):
    """A resident's nomination of a volunteer or a group, with why and the nominator's
    contact (personal data until the round is announced)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="nominations")
    nominee_kind = models.CharField(
        _("who is nominated"), max_length=8, choices=constants.NomineeKind.choices
    )
    nominee_name = models.CharField(_("name of the volunteer or group"), max_length=150)
    organisation_name = models.CharField(_("organisation"), max_length=150)
    motivation = models.TextField(_("why"), max_length=3000)
    nominator_name = models.CharField(_("your name"), max_length=150, blank=True)
    nominator_email = models.EmailField(_("your e-mail address"), blank=True)
    nominator_phone = PhoneNumberField(_("your phone number"), blank=True)
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.NominationStatus.choices,
        default=constants.NominationStatus.SUBMITTED,
    )
    consent = models.CharField(
        _("consent to publish"),
        max_length=10,
        choices=constants.Consent.choices,
        default=constants.Consent.NOT_ASKED,
    )
    consent_email = models.EmailField(_("nominee's e-mail address"), blank=True)
    consent_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    consent_asked_at = models.DateTimeField(null=True, blank=True)
    # The chair's choice among nominations with the same weighted total: higher ranks first.
    tie_break = models.PositiveSmallIntegerField(default=0)
    contact_removed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "round__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "submission_key"],
                condition=~Q(submission_key=""),
                name="recognition_submission_once",
            ),
            models.UniqueConstraint(
                fields=["round"], condition=Q(status="winner"), name="recognition_one_winner"
            ),
        ]
        indexes = [models.Index(fields=["consent_token_hash"], name="recognition_consent_token")]

    def __str__(self) -> str:
        return self.nominee_name


class NominationTransition(TransitionLog):
    """Append-only log of a nomination's status (checked, awarded)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=constants.NominationStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=constants.NominationStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "nomination__round__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("nomination status change")
        verbose_name_plural = _("nomination status changes")


class Review(models.Model):
    """One jury member's assessment of one nomination: the motivation beside the scores."""

    juror = models.ForeignKey(JuryMember, on_delete=models.CASCADE, related_name="reviews")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="reviews")
    motivation = models.CharField(_("motivation"), max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "juror__round__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("jury review")
        verbose_name_plural = _("jury reviews")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["juror", "nomination"], name="recognition_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} → {self.nomination_id}"


class Score(models.Model):
    """A jury member's score of one nomination on one criterion."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(constants.SCORE_MIN), MaxValueValidator(constants.SCORE_MAX)],
    )

    objects = TenantQuerySet.as_manager()
    tenant_field = "review__juror__round__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="recognition_score_once")
        ]

    def __str__(self) -> str:
        return str(self.value)
