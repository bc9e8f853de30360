"""Buddy programmes: a programme with two groups, its participants, the pairs and check-ins."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.buddies import constants as buddies_constants
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.tenants.models import Locality, TenantScoped
from omzien.tenants.query import TenantQuerySet
from omzien.volunteering.constants import ConsentHow
from omzien.volunteering.models import CheckInBase

STAFF = (Role.BROKER, Role.CONSULTANT)
# The figures (aggregates, never a record): the staff and the policy advisor.
FIGURES_ROLES = (*STAFF, Role.POLICY_ADVISOR)
OPEN_PAIR = Q(
    status__in=[buddies_constants.PairStatus.PROPOSED, buddies_constants.PairStatus.CONFIRMED]
)


class BuddyProgramme(TenantScoped):
    """A maatjesproject: e.g. lonely residents with buddy volunteers, or carers with respite
    volunteers."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    label_a = models.CharField(
        _("name of group A"),
        max_length=60,
        help_text=_("The people who are looking for a buddy, e.g. participants or carers."),
    )
    label_b = models.CharField(
        _("name of group B"),
        max_length=60,
        help_text=_("The volunteers, e.g. buddies or respite volunteers."),
    )
    vog_side = models.CharField(
        _("group that needs a VOG"),
        max_length=1,
        choices=buddies_constants.Side.choices,
        blank=True,
        help_text=_(
            "Its members are paired only if their volunteer profile has a VOG that is young "
            "enough (the municipality's setting) or says they are willing to request one."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    # The last run of the pairing engine: both proposals, their totals and who stayed unpaired
    # (participant ids and reason codes only; names are looked up when the page is shown).
    last_run = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("buddy programme")
        verbose_name_plural = _("buddy programmes")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="buddies_programme_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def label(self, side: str) -> str:
        return self.label_a if side == buddies_constants.Side.A else self.label_b


class BuddyParticipant(TenantScoped):
    """Someone in one of the two groups, with what they are like and what they wish."""

    programme = models.ForeignKey(
        BuddyProgramme, on_delete=models.CASCADE, related_name="participants"
    )
    side = models.CharField(_("group"), max_length=1, choices=buddies_constants.Side.choices)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    gender = models.CharField(
        _("gender"), max_length=1, choices=buddies_constants.Gender.choices, blank=True
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    travel_km = models.PositiveSmallIntegerField(
        _("how far they will travel (km)"), default=10, validators=[MaxValueValidator(100)]
    )
    day_parts = models.JSONField(_("day-parts available"), default=list, blank=True)
    wish_genders = models.JSONField(_("gender of the buddy"), default=list, blank=True)
    wish_age_min = models.PositiveSmallIntegerField(
        _("buddy at least this old"),
        null=True,
        blank=True,
        validators=[MinValueValidator(12), MaxValueValidator(110)],
    )
    wish_age_max = models.PositiveSmallIntegerField(
        _("buddy at most this old"),
        null=True,
        blank=True,
        validators=[MinValueValidator(12), MaxValueValidator(110)],
    )
    wish_languages = models.JSONField(_("languages the buddy speaks"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    consent_given_on = models.DateField(_("consent given on"), default=timezone.localdate)
    consent_how = models.CharField(
        _("how consent was given"), max_length=12, choices=ConsentHow.choices
    )
    volunteer_profile = models.ForeignKey(
        "volunteering.VolunteerProfile",
        verbose_name=_("volunteer profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="buddy_participations",
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("buddy programme participant")
        verbose_name_plural = _("buddy programme participants")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["programme", "side"], name="buddies_participant_side")]

    def __str__(self) -> str:
        return self.name


class BuddyPair(TenantScoped):
    """A participant of group A with one of group B: proposed, confirmed, then ended."""

    programme = models.ForeignKey(BuddyProgramme, on_delete=models.CASCADE, related_name="pairs")
    participant_a = models.ForeignKey(
        BuddyParticipant, on_delete=models.CASCADE, related_name="pairs_as_a"
    )
    participant_b = models.ForeignKey(
        BuddyParticipant, on_delete=models.CASCADE, related_name="pairs_as_b"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=buddies_constants.PairStatus.choices,
        default=buddies_constants.PairStatus.PROPOSED,
    )
    fit_a = models.FloatField(_("fit for group A"), default=0.0)
    fit_b = models.FloatField(_("fit for group B"), default=0.0)
    source = models.CharField(
        _("made by"), max_length=10, choices=buddies_constants.PairSource.choices
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason it ended"),
        max_length=24,
        choices=buddies_constants.PairEndReason.choices,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("buddy pair")
        verbose_name_plural = _("buddy pairs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant_a"], condition=OPEN_PAIR, name="buddies_pair_one_open_a"
            ),
            models.UniqueConstraint(
                fields=["participant_b"], condition=OPEN_PAIR, name="buddies_pair_one_open_b"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_a} – {self.participant_b}"

    @property
    def fit(self) -> float:
        return self.fit_a + self.fit_b


class BuddyPairTransition(TransitionLog):
    """Append-only log of a pair's status; staff of the pair's municipality see it."""

    pair = models.ForeignKey(BuddyPair, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=buddies_constants.PairStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=buddies_constants.PairStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "pair__municipality"
    visible_roles = STAFF

    class Meta(TransitionLog.Meta):
        verbose_name = _("buddy pair status change")
        verbose_name_plural = _("buddy pair status changes")


class BuddyCheckIn(CheckInBase):
    """A follow-up moment of a confirmed pair (after 1 and 3 months)."""

    pair = models.ForeignKey(BuddyPair, on_delete=models.CASCADE, related_name="check_ins")

    # Personal data: visible to staff of the municipality, as its pair.
    objects = TenantQuerySet.as_manager()
    tenant_field = "pair__municipality"
    visible_roles = STAFF

    class Meta(CheckInBase.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.pair} {self.due_on}"
