"""Volunteering: organisations, vacancies and one-off tasks, volunteer profiles.

Responses, placements and their follow-up build on these (see issue 3).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.tenants.models import Locality, TenantScoped
from omzien.tenants.query import TenantQuerySet
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.query import (
    ResponseTransitionQuerySet,
    VacancyResponseQuerySet,
    VolunteerProfileQuerySet,
)

kvk_validator = RegexValidator(
    r"^\d{8}$", _("A KvK number has exactly 8 digits."), code="invalid_kvk"
)


class Organisation(TenantScoped):
    """A club, foundation, informal group, company, school or care organisation."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind of organisation"),
        max_length=20,
        choices=volunteering_constants.OrganisationKind.choices,
    )
    domains = models.JSONField(_("domains"), default=list, blank=True)
    description = models.TextField(_("description"))
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail address"))
    contact_phone = PhoneNumberField(_("contact phone number"), blank=True)
    contact_public = models.CharField(
        _("what the public pages show of the contact person"),
        max_length=5,
        choices=volunteering_constants.ContactPublic.choices,
        default=volunteering_constants.ContactPublic.NONE,
    )
    website = models.URLField(_("website"), blank=True)
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[kvk_validator]
    )
    free_vog = models.BooleanField(
        _("may use the free VOG scheme (Regeling Gratis VOG)"), default=False
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=volunteering_constants.OrganisationStatus.choices,
        default=volunteering_constants.OrganisationStatus.PENDING,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("reason"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = (Role.BROKER,)
    owner_field = "members__user"

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="vol_organisation_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == volunteering_constants.OrganisationStatus.APPROVED


class OrganisationTransition(TransitionLog):
    """Append-only log of every review status change of an organisation; the note keeps the
    broker's reason when the organisation is not approved."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        max_length=10, choices=volunteering_constants.OrganisationStatus.choices, blank=True
    )
    to_status = models.CharField(
        max_length=10, choices=volunteering_constants.OrganisationStatus.choices
    )

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "organisation__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "organisation__members__user"

    class Meta(TransitionLog.Meta):
        verbose_name = _("organisation state change")
        verbose_name_plural = _("organisation state changes")


class OrganisationMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=volunteering_constants.MemberRole.choices,
        default=volunteering_constants.MemberRole.MEMBER,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "organisation__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "organisation__members__user"

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="vol_member_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class OrganisationInvitation(models.Model):
    """An e-mail invitation to join an organisation; the link works once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=volunteering_constants.MemberRole.choices,
        default=volunteering_constants.MemberRole.MEMBER,
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "organisation__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "organisation__members__user"

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class Vacancy(TenantScoped):
    """Volunteer work offered by an organisation: structural, short-term or a one-off task."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="vacancies",
    )
    campaign = models.ForeignKey(
        "Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vacancies",
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    domains = models.JSONField(_("domains"), default=list)
    tasks = models.TextField(_("tasks"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=volunteering_constants.VacancyKind.choices
    )
    day_parts = models.JSONField(_("day-parts"), default=list, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    starts_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    places = models.PositiveSmallIntegerField(
        _("number of places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    location_kind = models.CharField(
        _("location"),
        max_length=10,
        choices=volunteering_constants.LocationKind.choices,
        default=volunteering_constants.LocationKind.ADDRESS,
    )
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    vog_required = models.BooleanField(_("VOG required"), default=False)
    vog_aspects = models.JSONField(
        _("screening profile the VOG must cover"),
        default=list,
        blank=True,
        help_text=_("The function aspects; none ticked: any VOG will do."),
    )
    vog_max_age_years = models.PositiveSmallIntegerField(
        _("how old the VOG may be (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Empty: the municipality's setting (usually 3 years)."),
    )
    driving_licence = models.BooleanField(_("driving licence required"), default=False)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    suitable_young = models.BooleanField(
        _("suitable for young people (maatschappelijke stage, MDT)"), default=False
    )
    suitable_distance_labour = models.BooleanField(
        _("suitable for people with a distance to the labour market"), default=False
    )
    basic_dutch_ok = models.BooleanField(_("basic Dutch is fine"), default=False)
    guidance_offered = models.BooleanField(_("guidance offered"), default=False)
    # The contact person for this vacancy; empty: the organisation's contact person.
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = PhoneNumberField(_("contact phone number"), blank=True)
    contact_public = models.CharField(
        _("what the vacancy page shows of the contact person"),
        max_length=5,
        choices=volunteering_constants.ContactPublic.choices,
        blank=True,
        help_text=_("Empty: as the organisation chose."),
    )
    publish_from = models.DateField(_("publish from"), default=timezone.localdate)
    publish_until = models.DateField(_("publish until"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=volunteering_constants.VacancyStatus.choices,
        default=volunteering_constants.VacancyStatus.DRAFT,
    )
    first_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = (Role.BROKER,)
    owner_field = "organisation__members__user"

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-publish_from", "pk"]
        indexes = [
            models.Index(fields=["status", "publish_from"], name="vol_vacancy_public"),
            # The public search: a municipality (or its region), published, in its period.
            models.Index(
                fields=["municipality", "status", "publish_from"], name="vol_vacancy_mun_public"
            ),
            models.Index(fields=["updated_at"], name="vol_vacancy_updated"),
        ]

    def __str__(self) -> str:
        return self.title


class VacancyTransition(TransitionLog):
    """Append-only log of every state change of a vacancy."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=16, choices=volunteering_constants.VacancyStatus.choices, blank=True
    )
    to_status = models.CharField(
        max_length=16, choices=volunteering_constants.VacancyStatus.choices
    )

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "vacancy__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "vacancy__organisation__members__user"

    class Meta(TransitionLog.Meta):
        verbose_name = _("vacancy state change")
        verbose_name_plural = _("vacancy state changes")


class VolunteerProfile(TenantScoped):
    """What a volunteer offers; kept by the resident, or by a broker on their behalf."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="volunteer_profiles",
    )
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    tasks_liked = models.TextField(_("tasks you like"), blank=True)
    availability = models.JSONField(_("availability"), default=list, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    commitments = models.JSONField(_("kinds of commitment"), default=list, blank=True)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    travel_km = models.PositiveSmallIntegerField(
        _("how far you will travel (km)"), default=10, validators=[MaxValueValidator(200)]
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    vog_willing = models.BooleanField(_("willing to request a VOG"), default=False)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    driving_licence = models.BooleanField(_("driving licence"), default=False)
    wants_guidance = models.BooleanField(_("would like guidance"), default=False)
    motivation = models.TextField(_("motivation"), blank=True, max_length=2000)
    findable_by = models.CharField(
        _("who may find you"),
        max_length=16,
        choices=volunteering_constants.Findable.choices,
        default=volunteering_constants.Findable.BROKERS,
    )
    paused = models.BooleanField(_("paused"), default=False)
    # Consent for the municipality's newsletter (newsletters app); off until the volunteer says.
    wants_newsletter = models.BooleanField(_("wants the newsletter"), default=False)
    welcomed_at = models.DateTimeField(
        _("welcomed at"),
        null=True,
        blank=True,
        help_text=_("When a broker welcomed the new volunteer (the intake of the work queue)."),
    )
    welcomed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The broker who welcomed the volunteer."),
    )
    retention_warned_at = models.DateTimeField(
        _("told it will be anonymised"),
        null=True,
        blank=True,
        help_text=_("When the volunteer was told the idle profile will be anonymised."),
    )
    consent_given_on = models.DateField(_("consent given on"), default=timezone.localdate)
    consent_how = models.CharField(
        _("how consent was given"),
        max_length=12,
        choices=volunteering_constants.ConsentHow.choices,
        default=volunteering_constants.ConsentHow.ONLINE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The broker who registered the volunteer, if assisted."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = VolunteerProfileQuerySet.as_manager()
    visible_roles = (Role.BROKER,)
    owner_field = "user"

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"],
                name="vol_profile_one_per_municipality",
                condition=models.Q(user__isnull=False),
            )
        ]
        # The matching engine re-reads what changed since its last call.
        indexes = [models.Index(fields=["updated_at"], name="vol_profile_updated")]

    def __str__(self) -> str:
        return self.full_name

    def label_for_picking(self) -> str:
        """The volunteer as a broker picks them: two Jan Brouwers differ in village or birth
        year (select ``locality`` with the profile)."""
        details = [self.locality.name if self.locality_id else _("village unknown")]
        if self.date_of_birth:
            details.append(_("born %(year)s") % {"year": self.date_of_birth.year})
        return f"{self.full_name} ({', '.join(str(detail) for detail in details)})"


class HiddenSuggestion(models.Model):
    """A vacancy the volunteer marked "not for me": the engine never suggests it to them again."""

    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, related_name="hidden_suggestions"
    )
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # Personal data: visible to brokers of the municipality and the volunteer.
    objects = TenantQuerySet.as_manager()
    tenant_field = "profile__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "profile__user"

    class Meta:
        verbose_name = _("hidden suggestion")
        verbose_name_plural = _("hidden suggestions")
        constraints = [
            models.UniqueConstraint(fields=["profile", "vacancy"], name="vol_hidden_once")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} ✕ {self.vacancy_id}"


class SuggestionInvitation(models.Model):
    """An organisation invited a suggested volunteer to respond to a vacancy (once per pair)."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="invitations")
    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, related_name="suggestion_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Personal data: visible to brokers of the municipality and the volunteer.
    objects = TenantQuerySet.as_manager()
    tenant_field = "profile__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "profile__user"

    class Meta:
        verbose_name = _("invitation to respond")
        verbose_name_plural = _("invitations to respond")
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "profile"], name="vol_invite_once")
        ]

    def __str__(self) -> str:
        return f"{self.vacancy_id} → {self.profile_id}"


class VacancyResponse(TenantScoped):
    """A volunteer's response to a vacancy, or a broker's proposal of a volunteer."""

    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="responses"
    )
    profile = models.ForeignKey(
        VolunteerProfile,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=volunteering_constants.ResponseStatus.choices,
        default=volunteering_constants.ResponseStatus.OPEN,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The broker who proposed the volunteer, if any."),
    )
    decline_reason = models.CharField(_("reason"), max_length=255, blank=True)
    sent_to_organisation = models.BooleanField(
        _("sent to the organisation"),
        default=False,
        help_text=_(
            "The volunteer agreed to send this response: their own response, or a broker's "
            "proposal they agreed to. Only these reach the organisation."
        ),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("organisation reminded at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = VacancyResponseQuerySet.as_manager()
    visible_roles = (Role.BROKER,)
    owner_field = "profile__user"

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "profile"], name="vol_response_once_per_vacancy"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="vol_response_open")]

    def __str__(self) -> str:
        return f"{self.profile} → {self.vacancy}"


class ResponseTransition(TransitionLog):
    """Append-only log of every state change of a response."""

    response = models.ForeignKey(
        VacancyResponse, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        max_length=14, choices=volunteering_constants.ResponseStatus.choices, blank=True
    )
    to_status = models.CharField(
        max_length=14, choices=volunteering_constants.ResponseStatus.choices
    )

    # Personal data: visible to brokers of the municipality (``visible_to``) and, for the
    # responses sent to them only, owned by the organisation's members
    # (``ResponseTransitionQuerySet.owned_by``).
    objects = ResponseTransitionQuerySet.as_manager()
    tenant_field = "response__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = None

    class Meta(TransitionLog.Meta):
        verbose_name = _("response state change")
        verbose_name_plural = _("response state changes")


class Placement(TenantScoped):
    """An accepted volunteer at work. It counts as a match only once it has really started."""

    response = models.OneToOneField(
        VacancyResponse, on_delete=models.CASCADE, related_name="placement"
    )
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="placements")
    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, related_name="placements"
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=volunteering_constants.PlacementStatus.choices,
        default=volunteering_constants.PlacementStatus.PLANNED,
    )
    category = models.CharField(
        _("volunteer category"),
        max_length=14,
        choices=volunteering_constants.VolunteerCategory.choices,
        default=volunteering_constants.VolunteerCategory.REGULAR,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    started_confirmed_at = models.DateTimeField(
        _("start confirmed by the organisation"), null=True, blank=True
    )
    volunteer_confirmed_at = models.DateTimeField(
        _("start confirmed by the volunteer"), null=True, blank=True
    )
    volunteer_disputed_at = models.DateTimeField(
        _("start disputed by the volunteer"), null=True, blank=True
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The broker who allowed a placement despite a requirement."),
    )
    override_reason = models.CharField(_("reason for the exception"), max_length=255, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason it ended"),
        max_length=20,
        choices=volunteering_constants.PlacementEndReason.choices,
        blank=True,
    )
    evaluation = models.TextField(_("evaluation"), blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = (Role.BROKER,)
    owner_field = "profile__user"

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["vacancy", "status"], name="vol_placement_vac_status")]

    def __str__(self) -> str:
        return f"{self.profile} @ {self.vacancy}"

    @property
    def is_match(self) -> bool:
        """The seeds' koppeling: the organisation confirmed the start, not disputed."""
        return self.started_confirmed_at is not None and self.volunteer_disputed_at is None


class PlacementTransition(TransitionLog):
    """Append-only log of every status change of a placement."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=14, choices=volunteering_constants.PlacementStatus.choices, blank=True
    )
    to_status = models.CharField(
        max_length=14, choices=volunteering_constants.PlacementStatus.choices
    )

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "placement__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "placement__vacancy__organisation__members__user"

    class Meta(TransitionLog.Meta):
        verbose_name = _("placement state change")
        verbose_name_plural = _("placement state changes")


class CheckInBase(models.Model):
    """A follow-up moment: when it is due, when and by whom it was done, and the notes."""

    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True, max_length=4000)

    class Meta:
        abstract = True
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_on", "pk"]


class CheckIn(CheckInBase):
    """A follow-up moment of a placement (default after 1 and 3 months)."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="check_ins")

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "placement__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "placement__vacancy__organisation__members__user"

    class Meta(CheckInBase.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.placement} {self.due_on}"


class Campaign(TenantScoped):
    """NL Doet, Dag van de vrijwilliger, Week van de mantelzorg: one-off tasks between two dates,
    with a public page where residents sign up without a full profile."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=16, choices=volunteering_constants.CampaignKind.choices
    )
    description = models.TextField(_("description"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    is_public = models.BooleanField(_("public"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = (Role.BROKER,)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.name


class CampaignSignup(models.Model):
    """A resident signed up for one task of a campaign: name, e-mail and phone only."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="signups")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="signups")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    phone = PhoneNumberField(_("phone number"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "campaign__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "vacancy__organisation__members__user"

    class Meta:
        verbose_name = _("campaign sign-up")
        verbose_name_plural = _("campaign sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "email"], name="vol_signup_once_per_task")
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.vacancy}"


class VolunteeringSettings(models.Model):
    """What a municipality's functional administrator sets for its volunteer platform: the
    tax-free maxima of the volunteer allowance (defaults: the 2026 figures)."""

    municipality = models.OneToOneField(
        "tenants.Municipality", on_delete=models.CASCADE, related_name="volunteering_settings"
    )
    allowance_max_year = models.DecimalField(
        _("tax-free volunteer allowance per year (EUR)"),
        max_digits=7,
        decimal_places=2,
        default=volunteering_constants.ALLOWANCE_MAX_YEAR,
        validators=[MinValueValidator(0)],
    )
    allowance_max_month = models.DecimalField(
        _("tax-free volunteer allowance per month (EUR)"),
        max_digits=7,
        decimal_places=2,
        default=volunteering_constants.ALLOWANCE_MAX_MONTH,
        validators=[MinValueValidator(0)],
    )
    vog_max_age_years = models.PositiveSmallIntegerField(
        _("how old a VOG may be (years)"),
        default=volunteering_constants.VOG_MAX_AGE_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("What a vacancy asks unless it sets its own age."),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("volunteering settings")
        verbose_name_plural = _("volunteering settings")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def for_municipality(cls, municipality) -> "VolunteeringSettings":
        settings_row, _created = cls.objects.get_or_create(municipality=municipality)
        return settings_row


class HoursEntry(TenantScoped):
    """Hours worked in a placement on one day: logged by the volunteer (awaiting approval) or
    recorded by the organisation (approved at once). A correction by the organisation is kept
    beside the hours the volunteer logged."""

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="hours"
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0.25), MaxValueValidator(24)],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=volunteering_constants.HoursStatus.choices,
        default=volunteering_constants.HoursStatus.SUBMITTED,
    )
    corrected_hours = models.DecimalField(
        _("corrected hours"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    # The form's one-time token: a POST sent twice records the hours once.
    token = models.UUIDField(editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_organisation = models.BooleanField(_("recorded by the organisation"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    visible_roles = (Role.BROKER,)
    owner_field = "placement__profile__user"

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "token"], name="vol_hours_once"),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24),
                name="vol_hours_in_a_day",
            ),
        ]
        indexes = [models.Index(fields=["status", "date"], name="vol_hours_status_date")]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.date} {self.hours}"

    @property
    def counted_hours(self):
        """The hours that count: the organisation's correction, if any."""
        if self.status == volunteering_constants.HoursStatus.CORRECTED:
            return self.corrected_hours
        return self.hours


class HoursTransition(TransitionLog):
    """Append-only log of every status change of logged hours."""

    entry = models.ForeignKey(HoursEntry, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=volunteering_constants.HoursStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=volunteering_constants.HoursStatus.choices)

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "entry__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "entry__placement__vacancy__organisation__members__user"

    class Meta(TransitionLog.Meta):
        verbose_name = _("hours state change")
        verbose_name_plural = _("hours state changes")


class Allowance(TenantScoped):
    """An expense allowance an organisation paid a volunteer in a placement."""

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="allowances",
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=volunteering_constants.AllowanceKind.choices,
        default=volunteering_constants.AllowanceKind.ALLOWANCE,
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    token = models.UUIDField(editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visible_roles = (Role.BROKER,)
    owner_field = "placement__profile__user"

    class Meta:
        verbose_name = _("expense allowance")
        verbose_name_plural = _("expense allowances")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "token"], name="vol_allowance_once"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="vol_allowance_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.date} {self.amount}"


class Vog(TenantScoped):
    """The volunteer's VOG (Verklaring Omtrent Gedrag): its issue date and the function aspects
    it was requested for. A VOG has no legal end date; a vacancy says how old it may be. A new
    VOG replaces the previous one (one per volunteer)."""

    profile = models.OneToOneField(
        VolunteerProfile, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="vog"
    )
    issued_on = models.DateField(_("issue date of the VOG"))
    aspects = models.JSONField(_("screening profile (function aspects)"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    visible_roles = (Role.BROKER,)
    owner_field = "profile__user"

    class Meta:
        verbose_name = _("VOG")
        verbose_name_plural = _("VOGs")

    def __str__(self) -> str:
        return f"{self.profile_id} VOG {self.issued_on}"


class VogRequest(TenantScoped):
    """An organisation asked a selected volunteer (a response) to request a VOG from Justis;
    the placement's start waits until the volunteer records its issue date."""

    response = models.ForeignKey(
        VacancyResponse,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="vog_requests",
    )
    profile = models.ForeignKey(
        VolunteerProfile, on_delete=models.CASCADE, related_name="vog_requests"
    )
    aspects = models.JSONField(_("screening profile (function aspects)"), default=list, blank=True)
    free = models.BooleanField(_("free VOG (Regeling Gratis VOG)"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=volunteering_constants.VogRequestStatus.choices,
        default=volunteering_constants.VogRequestStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField(_("issue date of the VOG"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = (Role.BROKER,)
    owner_field = "profile__user"

    class Meta:
        verbose_name = _("VOG request")
        verbose_name_plural = _("VOG requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response"],
                condition=models.Q(status="requested"),
                name="vol_vog_request_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"VOG {self.profile_id} ({self.status})"


class VogRequestTransition(TransitionLog):
    """Append-only log of every status change of a VOG request."""

    request = models.ForeignKey(VogRequest, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=volunteering_constants.VogRequestStatus.choices, blank=True
    )
    to_status = models.CharField(
        max_length=10, choices=volunteering_constants.VogRequestStatus.choices
    )

    # Personal data: visible to brokers of the municipality and the organisation's members.
    objects = TenantQuerySet.as_manager()
    tenant_field = "request__municipality"
    visible_roles = (Role.BROKER,)
    owner_field = "request__response__vacancy__organisation__members__user"

    class Meta(TransitionLog.Meta):
        verbose_name = _("VOG request state change")
        verbose_name_plural = _("VOG request state changes")


class Qualification(TenantScoped):
    """A certificate or licence of a volunteer (first aid, driving licence, food hygiene, a
    training) with an optional expiry date; entered by the volunteer or by an organisation
    where they work. The reminder markers make each reminder go out once."""

    profile = models.ForeignKey(
        VolunteerProfile,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=volunteering_constants.QualificationKind.choices
    )
    licence_category = models.CharField(
        _("driving licence category"),
        max_length=2,
        choices=volunteering_constants.LicenceCategory.choices,
        blank=True,
    )
    name = models.CharField(_("name of the training"), max_length=150, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("entered by the organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_60_at = models.DateTimeField(null=True, blank=True)
    reminded_14_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    visible_roles = (Role.BROKER,)
    owner_field = "profile__user"

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["kind", "expires_on", "pk"]
        indexes = [models.Index(fields=["expires_on"], name="vol_qualification_expiry")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == volunteering_constants.QualificationKind.DRIVING_LICENCE:
            return f"{self.get_kind_display()} {self.licence_category}".strip()
        if self.kind == volunteering_constants.QualificationKind.TRAINING and self.name:
            return self.name
        return str(self.get_kind_display())

    def clean(self):
        kinds = volunteering_constants.QualificationKind
        if self.kind == kinds.DRIVING_LICENCE and not self.licence_category:
            raise ValidationError(
                {
                    "licence_category": ValidationError(
                        _("Choose the category of the driving licence."), code="category_required"
                    )
                }
            )
        if self.kind == kinds.TRAINING and not self.name.strip():
            raise ValidationError(
                {"name": ValidationError(_("Give the name of the training."), code="name_required")}
            )
        if self.kind != kinds.DRIVING_LICENCE:
            self.licence_category = ""
        if self.kind != kinds.TRAINING:
            self.name = ""


class MatchingChange(models.Model):
    """The change log of what the matching engine reads: one row per changed profile, vacancy,
    organisation or municipality setting, written by database triggers (migration 0015), so a
    bulk ``update()``, the admin and raw SQL are logged as surely as a service's ``save()``.

    Every process's engine applies the rows after the id it has seen
    (``suggestion_engine.sync``); ``build_matching_snapshot`` deletes the old ones. The rows
    hold ids only, no personal data."""

    class Kind(models.TextChoices):
        PROFILE = "p", _("volunteer profile")
        VACANCY = "v", _("vacancy")
        ORGANISATION = "o", _("organisation")
        MUNICIPALITY = "m", _("municipality")

    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices)
    record_id = models.BigIntegerField(_("record"))
    changed_at = models.DateTimeField(_("changed at"), db_index=True)

    class Meta:
        verbose_name = _("matching change")
        verbose_name_plural = _("matching changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.record_id}"
