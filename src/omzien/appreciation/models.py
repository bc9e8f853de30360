"""The yearly appreciation round for informal carers (mantelzorgwaardering, Wmo 2015 art. 2.1.6).

A municipality's functional administrator sets up a ``Round`` with its rules (who, how many, how
much, in what form); carers apply through every channel (``Application``); staff check, grant or
refuse; granted bank transfers go into exactly one ``PaymentBatch`` (``Payment``, a database
constraint) and vouchers get one unguessable ``Voucher`` code. Applications are special personal
data: only consultants and appreciation officers of the municipality see them, every read is
audited, and retention removes the personal details after the municipality's period while the
financial record (amount, date, batch) stays for the fiscal period.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import ContactChannel as ReachBy
from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.common.models import TransitionLog
from omzien.common.phone import PhoneNumberField
from omzien.tenants.models import Locality, TenantScoped
from omzien.tenants.query import TenantQuerySet

# Who sees applications, payments and vouchers on staff pages.
STAFF_ROLES = (Role.CONSULTANT, Role.APPRECIATION_OFFICER)

MONEY = {"max_digits": 10, "decimal_places": 2}
POSITIVE = [MinValueValidator(Decimal("0"))]


class Round(TenantScoped):
    """One round of one municipality: its application window, payment date and rules.

    A municipality may run more than one round a year (Heerde: young carers have their own
    compliment with a spring window); the name tells them apart.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(_("name"), max_length=100)
    opens_on = models.DateField(_("applications from"))
    closes_on = models.DateField(_("applications until"))
    payment_on = models.DateField(_("payment date"))
    # Who.
    min_hours_per_week = models.DecimalField(
        _("minimum hours of care a week"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("8"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("168"))],
    )
    min_duration_months = models.PositiveSmallIntegerField(
        _("minimum duration of the care (months)"),
        default=3,
        validators=[MaxValueValidator(120)],
    )
    residence_rule = models.CharField(
        _("residence"),
        max_length=10,
        choices=constants.ResidenceRule.choices,
        default=constants.ResidenceRule.RECIPIENT,
    )
    requires_registration = models.BooleanField(
        _("the carer must be in the carer registry"), default=False
    )
    excludes_usual_care = models.BooleanField(
        _("usual care (gebruikelijke zorg) does not count"), default=True
    )
    excludes_paid_care = models.BooleanField(
        _("paid care for the same help does not count"), default=True
    )
    # How many. One per carer per round always holds.
    per_recipient = models.CharField(
        _("per care recipient"),
        max_length=10,
        choices=constants.PerRecipient.choices,
        default=constants.PerRecipient.ONE_CARER,
    )
    household_cap = models.DecimalField(
        _("maximum per household (EUR)"),
        null=True,
        blank=True,
        validators=POSITIVE,
        help_text=_("Dalfsen: at most EUR 200 per household. Empty: no maximum."),
        **MONEY,
    )
    # How much.
    amount_mode = models.CharField(
        _("amount"),
        max_length=20,
        choices=constants.AmountMode.choices,
        default=constants.AmountMode.FIXED,
    )
    budget = models.DecimalField(
        _("budget (EUR)"), null=True, blank=True, validators=POSITIVE, **MONEY
    )
    max_amount = models.DecimalField(
        _("maximum amount (EUR)"),
        null=True,
        blank=True,
        validators=POSITIVE,
        help_text=_("For a base amount raised within the budget: the highest amount."),
        **MONEY,
    )
    when_budget_exhausted = models.CharField(
        _("when the budget runs out"),
        max_length=20,
        choices=constants.BudgetExhausted.choices,
        default=constants.BudgetExhausted.WAITING_LIST,
    )
    # Checks and objections.
    sample_percentage = models.PositiveSmallIntegerField(
        _("share of applications checked before granting (%)"),
        default=0,
        validators=[MaxValueValidator(constants.MAX_SAMPLE_PERCENTAGE)],
    )
    objection_days = models.PositiveSmallIntegerField(
        _("days to object after a decision"),
        default=constants.DEFAULT_OBJECTION_DAYS,
        validators=[MaxValueValidator(365)],
    )
    # Retention.
    personal_retention_months = models.PositiveSmallIntegerField(
        _("months after payment that personal details are kept"),
        default=constants.DEFAULT_PERSONAL_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    financial_retention_years = models.PositiveSmallIntegerField(
        _("years the financial record is kept"),
        default=constants.DEFAULT_FINANCIAL_RETENTION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    # The municipality's account for the payment file.
    debtor_name = models.CharField(_("name of the paying account"), max_length=70, blank=True)
    debtor_iban = models.CharField(_("IBAN of the paying account"), max_length=34, blank=True)
    debtor_bic = models.CharField(_("BIC of the paying account"), max_length=11, blank=True)
    # Who signs the letters (name and title), printed under them with the municipality's logo.
    letter_signatory = models.CharField(_("letters signed by"), max_length=100, blank=True)
    letter_signatory_title = models.CharField(
        _("title of the signatory"), max_length=100, blank=True
    )
    pain_version = models.CharField(
        _("payment file version"),
        max_length=20,
        choices=constants.PainVersion.choices,
        default=constants.PainVersion.V03,
    )
    # The amount per granted application once the round is closed (budget modes), in euros.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = (*STAFF_ROLES, Role.MUNICIPALITY_ADMIN, Role.POLICY_ADVISOR)

    class Meta:
        verbose_name = _("appreciation round")
        verbose_name_plural = _("appreciation rounds")
        ordering = ["-year", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "name"], name="appr_round_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="appr_round_window"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on and self.closed_at is None


class AgeBand(models.Model):
    """Who, by age, gets what: Dalfsen 18+ EUR 100, 12-18 a EUR 25 voucher, under 12 an
    activity. The carer's age on the day the application came in decides."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="age_bands")
    min_age = models.PositiveSmallIntegerField(
        _("from age"), validators=[MaxValueValidator(constants.MAX_AGE)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("up to and including age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(constants.MAX_AGE)],
        help_text=_("Empty: no upper age."),
    )
    form = models.CharField(
        _("form"),
        max_length=20,
        choices=constants.AppreciationForm.choices,
        default=constants.AppreciationForm.BANK_TRANSFER,
    )
    amount = models.DecimalField(
        _("amount (EUR)"),
        null=True,
        blank=True,
        validators=POSITIVE,
        help_text=_("Empty for an activity."),
        **MONEY,
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("What the carer receives, e.g. the voucher's issuer or the activity."),
    )
    # Set when the round's amounts are settled: what one application of this band got then.
    # A grant after the settlement (an objection upheld, the waiting list) gets this amount.
    settled_amount = models.DecimalField(null=True, blank=True, editable=False, **MONEY)

    objects = TenantQuerySet.as_manager()
    tenant_field = "round__municipality"
    visible_roles = Round.visible_roles

    class Meta:
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")
        ordering = ["round", "min_age", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age__isnull=True) | Q(max_age__gte=models.F("min_age")),
                name="appr_band_ages",
            ),
        ]

    def __str__(self) -> str:
        upper = "" if self.max_age is None else f"–{self.max_age}"
        return f"{self.min_age}{upper}"

    def covers(self, age: int) -> bool:
        return self.min_age <= age and (self.max_age is None or age <= self.max_age)

    @property
    def grant_amount(self) -> Decimal | None:
        """The amount a grant fixes: the settled amount once the round was settled, else the
        band's own."""
        return self.settled_amount if self.settled_amount is not None else self.amount


class Application(TenantScoped):
    """One carer's application in one round, through any channel.

    The care recipient is recorded with only what "one per care recipient" needs: initials,
    date of birth, postcode and house number.
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    number = models.CharField(_("number"), max_length=20, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=constants.Channel.choices)
    filled_in_by = models.CharField(
        _("filled in by"),
        max_length=20,
        choices=constants.FilledInBy.choices,
        default=constants.FilledInBy.CARER,
    )
    helper_name = models.CharField(_("name of the person who helped"), max_length=150, blank=True)
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    # The registered carer it is for, where known; an applicant not in the registry who
    # consents is offered to the consultants as a new registration (``registration_offered``).
    caregiver = models.ForeignKey(
        "caregivers.Caregiver",
        verbose_name=_("carer in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appreciation_applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account that applied"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appreciation_applications",
    )
    # The carer.
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    # fold("first last"): what the duplicate checks compare (accents, spacing, "ĳ").
    search_name = models.CharField(max_length=251, blank=True, editable=False)
    date_of_birth = models.DateField(_("date of birth"), null=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    street = models.CharField(_("street"), max_length=150)
    house_number = models.CharField(_("house number"), max_length=12)
    postcode = models.CharField(_("postcode"), max_length=7)
    town = models.CharField(_("town"), max_length=100)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reach_by = models.CharField(
        _("letters by"), max_length=10, choices=ReachBy.choices, default=ReachBy.EMAIL
    )
    # The care recipient: only what "one per care recipient" needs.
    recipient_initials = models.CharField(_("care recipient's initials"), max_length=20)
    recipient_date_of_birth = models.DateField(_("care recipient's date of birth"), null=True)
    recipient_postcode = models.CharField(_("care recipient's postcode"), max_length=7)
    recipient_house_number = models.CharField(_("care recipient's house number"), max_length=12)
    # The care.
    relationship = models.CharField(
        _("relationship to the care recipient"),
        max_length=10,
        choices=constants.Relationship.choices,
    )
    hours_per_week = models.DecimalField(
        _("hours of care a week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("168"))],
    )
    care_since = models.DateField(_("caring since"))
    usual_care = models.BooleanField(
        _("usual care, as expected between partners or from parents for young children"),
        default=False,
    )
    paid_care = models.BooleanField(_("paid for this care"), default=False)
    # Payment or voucher.
    form = models.CharField(
        _("form"),
        max_length=20,
        choices=constants.AppreciationForm.choices,
        blank=True,
        editable=False,
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=70, blank=True)
    consent_registry = models.BooleanField(_("may be added to the carer registry"), default=False)
    registration_offered = models.BooleanField(default=False, editable=False)
    # The checks at submission: a list of {"code": Check, "message": str, "applicant": bool}.
    check_results = models.JSONField(default=list, blank=True, editable=False)
    # Marked for a check before granting (the round's random sample).
    sampled = models.BooleanField(_("in the sample"), default=False, editable=False)
    sample_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=constants.ApplicationStatus.choices,
        default=constants.ApplicationStatus.SUBMITTED,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=30, choices=constants.Check.choices, blank=True
    )
    decision_note = models.CharField(_("note"), max_length=500, blank=True)
    amount = models.DecimalField(_("amount (EUR)"), null=True, blank=True, **MONEY)
    objection_until = models.DateField(_("objection possible until"), null=True, blank=True)
    objection = models.TextField(_("objection"), blank=True)
    payment_failure = models.CharField(_("payment failed because"), max_length=255, blank=True)
    # Keys the duplicate checks compare, kept by save(): the household (carer's postcode and
    # house number) and the care recipient (folded initials, date of birth, postcode, number).
    household_key = models.CharField(max_length=24, blank=True, editable=False)
    recipient_key = models.CharField(max_length=64, blank=True, editable=False)
    personal_data_removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The one-time key of the form it was sent with: a retried or double-clicked submission
    # carries the same key and gets the application already made, not a second one.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF_ROLES
    owner_field = "applicant"

    class Meta:
        verbose_name = _("appreciation application")
        verbose_name_plural = _("appreciation applications")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="appr_app_unique_number"),
            models.UniqueConstraint(
                fields=["round", "submission_key"],
                condition=~Q(submission_key=""),
                name="appr_app_unique_submission",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "status"], name="appr_app_round_status"),
            models.Index(fields=["round", "search_name"], name="appr_app_round_name"),
            models.Index(fields=["round", "household_key"], name="appr_app_round_household"),
            models.Index(fields=["round", "recipient_key"], name="appr_app_round_recipient"),
            models.Index(fields=["status", "updated_at"], name="appr_app_retention"),
        ]

    def __str__(self) -> str:
        return self.number

    def refresh_keys(self) -> None:
        """The keys the duplicate checks compare, from the details (``save`` calls it)."""
        from omzien.appreciation.keys import household_key, name_key, recipient_key

        self.search_name = name_key(self.first_name, self.last_name)
        self.household_key = household_key(self.postcode, self.house_number)
        self.recipient_key = recipient_key(
            self.recipient_initials,
            self.recipient_date_of_birth,
            self.recipient_postcode,
            self.recipient_house_number,
        )

    def save(self, *args, **kwargs):
        self.refresh_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = [
                *update_fields,
                "search_name",
                "household_key",
                "recipient_key",
            ]
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def masked_iban(self) -> str:
        """The IBAN with all but the country code and the last four characters hidden."""
        if not self.iban:
            return ""
        return f"{self.iban[:2]}{'•' * 2} {'•' * 4} … {self.iban[-4:]}"


class ApplicationTransition(TransitionLog):
    """Append-only log of an application's status; visible as the application is."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        max_length=20, choices=constants.ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=20, choices=constants.ApplicationStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "application__municipality"
    visible_roles = STAFF_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("application status change")
        verbose_name_plural = _("application status changes")


class Letter(models.Model):
    """A decision letter, recorded once per decision: an e-mail is sent once however often the
    letters are made, and a paper letter stays on the print list until it is marked printed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("kind"), max_length=10, choices=constants.LetterKind.choices)
    channel = models.CharField(_("sent by"), max_length=10, choices=ReachBy.choices)
    # The decision it is about: a new decision (after an objection) gets a new letter.
    decided_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    printed_at = models.DateTimeField(_("printed at"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "application__municipality"
    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "decided_at"], name="appr_letter_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.kind}"


class Invitation(models.Model):
    """A registered carer's personal code that opens a prefilled application for one round.

    Only a hash of the code is stored; the code itself is in the letter or e-mail."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    caregiver = models.ForeignKey(
        "caregivers.Caregiver", on_delete=models.CASCADE, related_name="appreciation_invitations"
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    used_by = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "round__municipality"
    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "caregiver"], name="appr_invitation_once_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.caregiver_id}"


class PaymentBatch(TenantScoped):
    """Granted bank transfers paid in one SEPA credit transfer file (pain.001).

    The file is made from the rows as stored, with the stored message id and creation time, so
    regenerating a batch gives the same file."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="batches")
    number = models.PositiveIntegerField(_("number"))
    message_id = models.CharField(max_length=35, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.BatchStatus.choices,
        default=constants.BatchStatus.DRAFT,
    )
    execution_date = models.DateField(_("execution date"))
    total = models.DecimalField(_("total (EUR)"), default=Decimal("0"), **MONEY)
    count = models.PositiveIntegerField(_("payments"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    # A retried "make a batch" request carries the same key and gets the same batch back.
    request_key = models.CharField(max_length=64, blank=True, editable=False)

    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="appr_batch_unique_number"),
            models.UniqueConstraint(
                fields=["round", "request_key"],
                condition=~Q(request_key=""),
                name="appr_batch_unique_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.number}"


class Payment(models.Model):
    """One application's transfer in a batch. An application is in at most one batch that has
    not failed: a partial unique constraint, so two requests at once cannot both add it."""

    batch = models.ForeignKey(PaymentBatch, on_delete=models.PROTECT, related_name="payments")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)
    # Copied from the application when the batch is made; removed with the personal details.
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=70, blank=True)
    end_to_end_id = models.CharField(max_length=35, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.PaymentStatus.choices,
        default=constants.PaymentStatus.IN_BATCH,
    )
    failure_reason = models.CharField(_("reason"), max_length=255, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "batch__municipality"
    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["batch", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=~Q(status=constants.PaymentStatus.FAILED),
                name="appr_payment_once",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="appr_payment_positive"),
        ]

    def __str__(self) -> str:
        return self.end_to_end_id


class Shop(TenantScoped):
    """A participating shop that records voucher redemptions on a simple page, reached with
    its own secret link (only a hash is stored)."""

    name = models.CharField(_("name"), max_length=150)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    visible_roles = (*STAFF_ROLES, Role.MUNICIPALITY_ADMIN)

    class Meta:
        verbose_name = _("participating shop")
        verbose_name_plural = _("participating shops")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Voucher(models.Model):
    """A voucher for a granted application: a unique, unguessable code with its value; a code
    is redeemed once."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="voucher"
    )
    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    value = models.DecimalField(_("value (EUR)"), **MONEY)
    issued_at = models.DateTimeField(default=timezone.now)
    redeemed_at = models.DateTimeField(_("redeemed at"), null=True, blank=True)
    redeemed_at_shop = models.ForeignKey(
        Shop, null=True, blank=True, on_delete=models.PROTECT, related_name="redemptions"
    )

    objects = TenantQuerySet.as_manager()
    tenant_field = "application__municipality"
    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ["issued_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="appr_voucher_positive"),
        ]

    def __str__(self) -> str:
        return self.code


class CheckRun(models.Model):
    """Staff's "check again" of a round: the automatic checks run again, in the background, on
    every submitted application (after the registry or a rule of the round changed), with its
    progress and outcome for the round's page. At most one run of a round is unfinished at a
    time (a constraint), so a second click while it runs finds the first."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="check_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)  # submitted applications to check
    done = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)  # whose results differ from before
    failing = models.PositiveIntegerField(default=0)  # that fail at least one check now
    error = models.CharField(max_length=255, blank=True)
    # The task run that claimed it (``common.workers.claim``).
    task_id = models.CharField(max_length=64, blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "round__municipality"
    visible_roles = STAFF_ROLES

    class Meta:
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=Q(finished_at__isnull=True),
                name="appr_checkrun_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.requested_at:%Y-%m-%d %H:%M}"
