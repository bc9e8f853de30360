"""The training academy (seed 000 §2.4, Heerde's vrijwilligersacademie) and the training budget
(seed 002 §5.3.1, Dalfsen: EUR 15,000 a year for courses several organisations ask for).

A ``Course`` is an activity of the calendar (``activities.Activity``, kind *training*): its
dates, sign-ups and attendance are the calendar's rows; the academy adds who signed up through
which organisation or volunteer profile (``Enrolment``), the certificate after attendance and
the qualification it can become. Organisations ask for training (``TrainingRequest``); the
broker buys it and books the cost (``Booking``) against the municipality's ``Budget`` of the
year. Who attended is personal data (docs/privacy.md)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.academy import constants
from omzien.accounts.constants import Role
from omzien.common.models import TransitionLog
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet

# The volunteer broker runs the academy and manages the budget.
VISIBLE_ROLES = (Role.BROKER,)


class Course(TenantScoped):
    """An academy course or meeting: an activity of the calendar with a topic, and what a
    certificate of it is worth as a qualification."""

    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.CASCADE, related_name="academy_course"
    )
    topic = models.CharField(_("topic"), max_length=20, choices=constants.Topic.choices)
    qualification_valid_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(constants.MAX_VALID_MONTHS)],
        help_text=_("Empty: the certificate does not expire."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("academy course")
        verbose_name_plural = _("academy courses")
        ordering = ["activity__starts_at", "pk"]

    def __str__(self) -> str:
        return str(self.activity)


class Enrolment(models.Model):
    """One person on one date of a course (the calendar's sign-up), signed up by an
    organisation (``organisation``) or by a volunteer themselves (``profile``). The broker
    records attendance (``attended_at``); a qualification may follow."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    signup = models.OneToOneField(
        "activities.SignUp", on_delete=models.CASCADE, related_name="academy_enrolment"
    )
    organisation = models.ForeignKey(
        "volunteering.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    profile = models.ForeignKey(
        "volunteering.VolunteerProfile",
        verbose_name=_("volunteer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    attended_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    qualification = models.ForeignKey(
        "volunteering.Qualification",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "course__municipality"
    visible_roles = VISIBLE_ROLES
    owner_field = "profile__user"

    class Meta:
        verbose_name = _("academy enrolment")
        verbose_name_plural = _("academy enrolments")
        ordering = ["signup__occurrence__starts_at", "signup__name", "pk"]

    def __str__(self) -> str:
        return f"{self.signup.name} – {self.course}"

    @property
    def municipality(self):
        return self.course.municipality

    @property
    def municipality_id(self) -> int:
        return self.course.municipality_id

    @property
    def certificate_number(self) -> str:
        return f"{self.course.municipality_id}-{self.course_id}-{self.pk}"


class Budget(TenantScoped):
    """The training budget of one municipality and year."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("budget (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(constants.MAX_AMOUNT)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("training budget")
        verbose_name_plural = _("training budgets")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="academy_budget_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}"


class Booking(models.Model):
    """A training bought from a supplier, booked against the budget: committed when ordered,
    spent when paid, cancelled when it will not be paid (it no longer counts)."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="bookings")
    supplier = models.CharField(_("supplier"), max_length=150)
    description = models.CharField(_("training"), max_length=200)
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(constants.MAX_AMOUNT)],
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("academy course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=constants.BookingStatus.choices,
        default=constants.BookingStatus.COMMITTED,
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "budget__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta:
        verbose_name = _("training booking")
        verbose_name_plural = _("training bookings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.description

    @property
    def municipality(self):
        return self.budget.municipality

    @property
    def municipality_id(self) -> int:
        return self.budget.municipality_id


class BookingTransition(TransitionLog):
    """Append-only log of a booking's status."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        max_length=10, choices=constants.BookingStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=10, choices=constants.BookingStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "booking__budget__municipality"
    visible_roles = VISIBLE_ROLES

    class Meta(TransitionLog.Meta):
        verbose_name = _("training booking status change")
        verbose_name_plural = _("training booking status changes")


class TrainingRequest(TenantScoped):
    """An organisation asks for training on a topic for a number of its people. It is open
    until the broker buys training for its topic (``booking``)."""

    organisation = models.ForeignKey(
        "volunteering.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=constants.Topic.choices)
    details = models.TextField(_("what you would like to learn"), max_length=2000, blank=True)
    people = models.PositiveSmallIntegerField(
        _("number of people"),
        validators=[MinValueValidator(1), MaxValueValidator(constants.MAX_PEOPLE)],
    )
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    visible_roles = VISIBLE_ROLES
    owner_field = "organisation__members__user"

    class Meta:
        verbose_name = _("training request")
        verbose_name_plural = _("training requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "topic"], name="academy_request_topic")]

    def __str__(self) -> str:
        return self.get_topic_display()
