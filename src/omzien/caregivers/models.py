"""Informal carers (mantelzorgers): special personal data under the AVG.

Every model here is narrowed by ``visible_to(user)`` on the consultants' pages (consultants of
the municipality) and by ``owned_by(user)`` on the carer's own pages (the carer's own account
where it has one), every read by staff is audited, and the
retention task anonymises a record once its after-care period has passed.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import ContactChannel as ReachBy
from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.query import CaregiverQuerySet
from omzien.common.dates import age_on
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.common.phrases import PhraseField
from omzien.common.text import fold
from omzien.tenants.models import Locality, Municipality, TenantScoped
from omzien.tenants.query import TenantQuerySet


class CaregiverSettings(models.Model):
    """Thresholds a municipality may change; the defaults are documented in docs/caregivers.md."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="caregiver_settings"
    )
    ediz_heavy_threshold = models.PositiveSmallIntegerField(
        _("EDIZ score that counts as heavily burdened"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("No published cut-off exists for the 9-item EDIZ; 6 of 9 is the default."),
    )
    ediz_rise_alert = models.PositiveSmallIntegerField(
        _("EDIZ rise since the previous screening that raises a warning"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    ggd_rise_alert = models.PositiveSmallIntegerField(
        _("Rise on the burden question (in answer steps) that raises a warning"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    young_ediz_threshold = models.PositiveSmallIntegerField(
        _("EDIZ score that raises a warning for a young carer"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    young_carer_age_limit = models.PositiveSmallIntegerField(
        _("Age from which a carer no longer counts as a young carer"),
        default=caregivers_constants.YOUNG_CARER_AGE_LIMIT,
        validators=[
            MinValueValidator(caregivers_constants.YOUNG_CARER_AGE_LIMIT),
            MaxValueValidator(caregivers_constants.YOUNG_CARER_AGE_LIMIT_MAX),
        ],
        help_text=_(
            "A carer younger than this on the day of a screening is a young carer for the early "
            "warnings. 18 by default; a municipality that counts young carers up to 24 chooses "
            "a higher age (at most 24)."
        ),
    )
    contact_due_days = models.PositiveSmallIntegerField(
        _("Days ahead in which a planned contact counts as due"),
        default=7,
        validators=[MaxValueValidator(60)],
    )
    no_contact_months = models.PositiveSmallIntegerField(
        _("Months without contact after which a carer is flagged"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("carer settings")
        verbose_name_plural = _("carer settings")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def for_municipality(cls, municipality) -> "CaregiverSettings":
        found, _created = cls.objects.get_or_create(municipality=municipality)
        return found


class Caregiver(TenantScoped):
    """A registered carer (mantelzorger), adult or young."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("own account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caregiver_registrations",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    # fold("first last"): what duplicate checks and the registry search compare, so that
    # "José" with a decomposed accent, a double space or "ĳ" find the same carer. Kept in
    # sync by save(); never shown.
    search_name = models.CharField(max_length=251, blank=True, editable=False)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    street_address = models.CharField(_("street and house number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reach_by = models.CharField(
        _("preferred way of contact"), max_length=10, choices=ReachBy.choices, default=ReachBy.PHONE
    )
    newsletter = models.CharField(
        _("newsletter"),
        max_length=10,
        choices=caregivers_constants.Newsletter.choices,
        default=caregivers_constants.Newsletter.NONE,
        help_text=_("Whether and how the carer receives the municipality's newsletter."),
    )
    work_study = models.CharField(
        _("work or study"),
        max_length=10,
        choices=caregivers_constants.WorkStudy.choices,
        blank=True,
    )
    source = models.CharField(
        _("came in through"), max_length=20, choices=caregivers_constants.Source.choices
    )
    filled_in_by = models.CharField(
        _("registration filled in by"),
        max_length=20,
        choices=caregivers_constants.FilledInBy.choices,
        default=caregivers_constants.FilledInBy.SELF,
    )
    helper_name = models.CharField(_("name of the person who helped"), max_length=150, blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=caregivers_constants.LegalBasis.choices
    )
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_by = models.CharField(
        _("consent given by"),
        max_length=10,
        choices=caregivers_constants.ConsentBy.choices,
        default=caregivers_constants.ConsentBy.CARER,
        help_text=_(
            "A carer younger than 16 on the date of consent cannot consent themselves: a parent "
            "or guardian gives consent (UAVG art. 5). Then fill in their name."
        ),
    )
    consent_guardian_name = models.CharField(
        _("name of the parent or guardian who gave consent"), max_length=150, blank=True
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible consultant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
    )
    intensive_contact = models.BooleanField(_("intensive contact"), default=False)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    next_contact_on = models.DateField(_("next contact planned"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=caregivers_constants.CaregiverStatus.choices,
        default=caregivers_constants.CaregiverStatus.ACTIVE,
    )
    care_ended_on = models.DateField(_("care ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason the care ended"),
        max_length=12,
        choices=caregivers_constants.EndReason.choices,
        blank=True,
    )
    aftercare_until = models.DateField(_("after-care until"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    objects = CaregiverQuerySet.as_manager()
    visible_roles = (Role.CONSULTANT,)
    owner_field = "user"

    class Meta:
        verbose_name = _("carer")
        verbose_name_plural = _("carers")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "last_name"], name="cg_mun_status_name"),
            models.Index(fields=["municipality", "date_of_birth"], name="cg_mun_dob"),
            models.Index(fields=["municipality", "search_name"], name="cg_mun_search"),
            models.Index(fields=["municipality", "next_contact_on"], name="cg_mun_next_contact"),
            models.Index(fields=["status", "aftercare_until"], name="cg_retention"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.first_name} {self.last_name}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = [*update_fields, "search_name"]
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, day)

    @property
    def age_group(self) -> str | None:
        age = self.age_on(timezone.localdate())
        if age is None:
            return None
        return caregivers_constants.age_group_of(age)

    def is_young_carer_on(self, day, *, age_limit: int) -> bool:
        """Whether the carer was younger than the municipality's young-carer age on ``day``."""
        age = self.age_on(day)
        return age is not None and age < age_limit

    def get_age_group_display(self) -> str:
        group = self.age_group
        return caregivers_constants.AgeGroup(group).label if group else ""


class CaregiverChild(models.Model):
    """Base for records that belong to one carer; visibility follows the carer's."""

    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="+")

    objects = TenantQuerySet.as_manager()
    tenant_field = "caregiver__municipality"
    visible_roles = (Role.CONSULTANT,)
    owner_field = "caregiver__user"

    class Meta:
        abstract = True


class CaregiverTransition(TransitionLog):
    """Append-only log of the carer's status: active, after-care, anonymised.

    Visible as the carer's other records are, to consultants only. When the carer is
    anonymised (or merged away) the rows keep the statuses and times and lose the actor and
    the note, as the timeline loses its actors.
    """

    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=12, choices=caregivers_constants.CaregiverStatus.choices, blank=True
    )
    to_status = models.CharField(
        max_length=12, choices=caregivers_constants.CaregiverStatus.choices
    )

    objects = TenantQuerySet.as_manager()
    tenant_field = "caregiver__municipality"
    visible_roles = (Role.CONSULTANT,)
    owner_field = None

    class Meta(TransitionLog.Meta):
        verbose_name = _("carer status change")
        verbose_name_plural = _("carer status changes")


class CareRelationship(CaregiverChild):
    """One person a carer cares for. First name or initials only: no shared health record."""

    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="relationships")
    recipient_name = models.CharField(
        _("first name or initials of the person cared for"), max_length=50
    )
    relationship = models.CharField(
        _("relationship"), max_length=15, choices=caregivers_constants.Relationship.choices
    )
    need_kind = models.CharField(
        _("kind of care need"), max_length=20, choices=caregivers_constants.NeedKind.choices
    )
    lives_together = models.BooleanField(_("lives together with the carer"), default=False)
    in_care_institution = models.BooleanField(
        _("lives in a care institution"),
        default=False,
        help_text=_(
            "A move into a care institution does not end the care by itself: the carer often "
            "goes on visiting, arranging and supporting. End the care relationship only when "
            "the care has stopped."
        ),
    )
    started_on = models.DateField(_("care started on"), null=True, blank=True)
    hours_band = models.CharField(
        _("hours per week"), max_length=6, choices=caregivers_constants.HoursBand.choices
    )
    tasks = models.JSONField(_("tasks"), default=list, blank=True)
    ended_on = models.DateField(_("care ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason the care ended"),
        max_length=12,
        choices=caregivers_constants.EndReason.choices,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("care relationship")
        verbose_name_plural = _("care relationships")
        ordering = ["ended_on", "-started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.recipient_name} ({self.get_relationship_display()})"

    def get_tasks_display(self) -> list[str]:
        labels = dict(caregivers_constants.CareTask.choices)
        return [str(labels.get(task, task)) for task in self.tasks]


class ContactMoment(CaregiverChild):
    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="contacts")
    contact_on = models.DateField(_("date"))
    channel = models.CharField(
        _("channel"), max_length=10, choices=caregivers_constants.ContactChannel.choices
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes (consultants only)"), blank=True)
    next_contact_on = models.DateField(_("next contact"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    owner_field = None  # notes are for consultants only, never for the carer

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-contact_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.contact_on} {self.get_channel_display()}"


class CaregiverEvent(CaregiverChild):
    """The carer's timeline: one append-only row per thing that happened.

    ``summary`` never holds names, contact details or notes, so it survives anonymisation. It
    is a :class:`~omzien.common.phrases.Phrase`: each consultant reads it in their own language.
    """

    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(
        _("kind"), max_length=24, choices=caregivers_constants.EventKind.choices
    )
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = PhraseField(_("summary"), blank=True)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)

    owner_field = None

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["caregiver", "-occurred_at"], name="cg_event_timeline")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.get_kind_display()}"


class Screening(CaregiverChild):
    """One filled-in burden instrument, scored when it was recorded."""

    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="screenings")
    instrument = models.CharField(
        _("instrument"), max_length=8, choices=caregivers_constants.Instrument.choices
    )
    taken_on = models.DateField(_("date"), default=timezone.localdate)
    answers = models.JSONField(_("answers"), default=list)
    score = models.PositiveSmallIntegerField(_("score"))
    heavily_burdened = models.BooleanField(_("heavily burdened"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the carer filled it in themselves."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("burden screening")
        verbose_name_plural = _("burden screenings")
        ordering = ["-taken_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.taken_on}: {self.score}"


class ScreeningInvitation(CaregiverChild):
    """A one-time link with which a carer fills in a screening themselves."""

    caregiver = models.ForeignKey(
        Caregiver, on_delete=models.CASCADE, related_name="screening_invitations"
    )
    instrument = models.CharField(
        _("instrument"), max_length=8, choices=caregivers_constants.Instrument.choices
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    screening = models.OneToOneField(
        Screening, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )

    owner_field = None

    class Meta:
        verbose_name = _("screening invitation")
        verbose_name_plural = _("screening invitations")

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} ({self.created_at:%Y-%m-%d})"


class BurdenWarning(CaregiverChild):
    """Early warning in the consultant's work queue; open until someone records what was done."""

    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="alerts")
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="alerts")
    reasons = models.JSONField(_("reasons"), default=list)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("dealt with at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("what was done"), blank=True)
    # The concern raised for the welfare team from this warning, once (services.screening.
    # alert_report); one-to-one, so a retried request cannot raise a second one.
    concern = models.OneToOneField(
        "concerns.Concern",
        verbose_name=_("concern at the central contact point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    owner_field = None

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["resolved_at", "-created_at"]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="cg_alert_open")]

    def __str__(self) -> str:
        return ", ".join(self.get_reasons_display())

    def reason_labels(self) -> list:
        """The reasons' labels, translatable (lazy): for a timeline Phrase."""
        labels = dict(caregivers_constants.AlertReason.choices)
        return [labels.get(reason, reason) for reason in self.reasons]

    def get_reasons_display(self) -> list[str]:
        return [str(label) for label in self.reason_labels()]


class Referral(CaregiverChild):
    """Where a carer was referred to, why, and what came of it."""

    caregiver = models.ForeignKey(Caregiver, on_delete=models.CASCADE, related_name="referrals")
    target = models.CharField(
        _("referred to"), max_length=20, choices=caregivers_constants.ReferralTarget.choices
    )
    target_detail = models.CharField(_("organisation or person"), max_length=200, blank=True)
    entry = models.ForeignKey(
        "directory.Entry",
        verbose_name=_("social map entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("why"))
    referred_on = models.DateField(_("date"), default=timezone.localdate)
    outcome = models.CharField(
        _("outcome"),
        max_length=15,
        choices=caregivers_constants.ReferralOutcome.choices,
        default=caregivers_constants.ReferralOutcome.PENDING,
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    incoming = models.OneToOneField(
        "IncomingReferral",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referral",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    owner_field = None

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_target_display()} ({self.referred_on})"


class ReferralTransition(TransitionLog):
    """Append-only log of a referral's outcome; visible as the referral (consultants only)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=15, choices=caregivers_constants.ReferralOutcome.choices, blank=True
    )
    to_status = models.CharField(
        max_length=15, choices=caregivers_constants.ReferralOutcome.choices
    )

    objects = TenantQuerySet.as_manager()
    tenant_field = "referral__caregiver__municipality"
    visible_roles = (Role.CONSULTANT,)
    owner_field = None

    class Meta(TransitionLog.Meta):
        verbose_name = _("referral outcome change")
        verbose_name_plural = _("referral outcome changes")


class IncomingReferral(TenantScoped):
    """A carer referred from outside (GP, school, social worker) through the referrer form.

    The referrer sees only the status of what they sent; a consultant takes it on by linking
    it to a registered carer (or registering one) or declines it.
    """

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incoming_referrals"
    )
    referrer_kind = models.CharField(
        _("you refer as"), max_length=20, choices=caregivers_constants.Source.choices
    )
    first_name = models.CharField(_("first name of the carer"), max_length=100)
    last_name = models.CharField(_("last name of the carer"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    suggested_target = models.CharField(
        _("support you suggest"),
        max_length=20,
        choices=caregivers_constants.ReferralTarget.choices,
        blank=True,
    )
    reason = models.TextField(_("why you refer this carer"))
    consent_confirmed = models.BooleanField(_("the carer agrees to this referral"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=caregivers_constants.IncomingStatus.choices,
        default=caregivers_constants.IncomingStatus.NEW,
    )
    caregiver = models.ForeignKey(
        Caregiver, null=True, blank=True, on_delete=models.SET_NULL, related_name="incoming"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    visible_roles = (Role.CONSULTANT,)
    owner_field = "submitted_by"

    class Meta:
        verbose_name = _("incoming referral")
        verbose_name_plural = _("incoming referrals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.get_status_display()})"


class IncomingReferralTransition(TransitionLog):
    """Append-only log of an incoming referral's status, for the consultants of its municipality.

    The referrer sees the status and when it changed on the referral itself, not this log: the
    note of a decline is the consultants' reason.
    """

    incoming = models.ForeignKey(
        IncomingReferral, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        max_length=10, choices=caregivers_constants.IncomingStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=caregivers_constants.IncomingStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "incoming__municipality"
    visible_roles = (Role.CONSULTANT,)
    owner_field = None

    class Meta(TransitionLog.Meta):
        verbose_name = _("incoming referral status change")
        verbose_name_plural = _("incoming referral status changes")


class CampaignPage(TenantScoped):
    """A landing page of an awareness campaign (Week van de mantelzorg, Dag van de
    mantelzorg), written by the municipality and shown publicly at
    ``/mantelzorg/campagne/<slug>/`` between ``visible_from`` and ``visible_until``.

    Not personal data. The text is plain: it is escaped and only its line breaks become
    paragraphs (no HTML from editors, so no stored XSS)."""

    kind = models.CharField(
        _("kind of campaign"),
        max_length=20,
        choices=caregivers_constants.CampaignKind.choices,
        default=caregivers_constants.CampaignKind.CARERS_WEEK,
    )
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        help_text=_(
            "The last part of the page's address, e.g. week-van-de-mantelzorg: lower-case "
            "letters, digits and hyphens. Leave it empty to make one from the title."
        ),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("One or two sentences at the top of the page, also shown on the home page."),
    )
    body = models.TextField(
        _("text"),
        max_length=10000,
        blank=True,
        help_text=_("Plain text. An empty line starts a new paragraph."),
    )
    call_to_action = models.CharField(
        _("main button"),
        max_length=20,
        choices=caregivers_constants.CallToAction.choices,
        default=caregivers_constants.CallToAction.CHECK,
    )
    visible_from = models.DateField(_("visible from"))
    visible_until = models.DateField(_("visible until"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    visible_roles = (Role.CONSULTANT, Role.MUNICIPALITY_ADMIN)

    class Meta:
        verbose_name = _("campaign page")
        verbose_name_plural = _("campaign pages")
        ordering = ["-visible_from", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="caregivers_campaignpage_unique_slug"
            )
        ]
        indexes = [models.Index(fields=["slug", "visible_from", "visible_until"])]

    def __str__(self) -> str:
        return self.title

    def is_visible_on(self, day) -> bool:
        return self.visible_from <= day <= self.visible_until
