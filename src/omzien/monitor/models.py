"""The policy monitor: a municipality's execution programmes, their measures and snapshots.

A programme (uitvoeringsprogramma) has themes; a theme has ambitions; an ambition has actions
(*wat gaan we doen*). An ambition or an action has measures (*hoe laten we dit zien*): a
computed indicator from ``common.indicators`` (by code; the monitor imports no capability) or
an external one entered by staff, with a baseline and a target. Computed values are kept per
quarter as snapshots, which a later run does not change unless someone recomputes them.

None of this is personal data: it describes policy, not people.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.common.models import TransitionLog
from omzien.monitor.constants import STAFF, ActionStatus, Direction, Frequency, ReportStatus
from omzien.tenants.models import TenantScoped
from omzien.tenants.query import TenantQuerySet

AMOUNT = {"max_digits": 14, "decimal_places": 2}
VALUE = {"max_digits": 14, "decimal_places": 2}


class Programme(TenantScoped):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Anyone can see a published programme's public measures, without logging in."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-period_start", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": ValidationError(_("The end lies before the start."), code="period")}
            )


class Theme(TenantScoped):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Ambition(TenantScoped):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="ambitions")
    title = models.CharField(_("ambition"), max_length=300)
    description = models.TextField(_("explanation"), blank=True, max_length=4000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Action(TenantScoped):
    ambition = models.ForeignKey(Ambition, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField(_("what we do"), max_length=2000)
    carried_out_by = models.CharField(
        _("carried out by"),
        max_length=200,
        blank=True,
        help_text=_("A partner organisation or a team of the municipality."),
    )
    period_start = models.DateField(_("start"), null=True, blank=True)
    period_end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.what[:80]

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": ValidationError(_("The end lies before the start."), code="period")}
            )


class ActionTransition(TransitionLog):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ActionStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "action__municipality"
    visible_roles = STAFF

    class Meta(TransitionLog.Meta):
        verbose_name = _("status change of an action")


class ActionBudget(models.Model):
    """An action's budget for one year: planned and spent."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    planned = models.DecimalField(
        _("planned (EUR)"), **AMOUNT, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    spent = models.DecimalField(
        _("spent (EUR)"), **AMOUNT, default=Decimal(0), validators=[MinValueValidator(0)]
    )

    objects = TenantQuerySet.as_manager()
    tenant_field = "action__municipality"
    visible_roles = STAFF

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="monitor_budget_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.planned}"


class ExternalIndicator(TenantScoped):
    """A figure the platform does not compute (GGD monitor, a survey's grade, CBS), entered by
    staff or uploaded, each value with its source."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. %, grade"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    definition = models.TextField(_("definition"), blank=True, max_length=4000)
    # A performance agreement (prestatieovereenkomst): the partner organisation reports it.
    partner = models.ForeignKey(
        "volunteering.Organisation",
        verbose_name=_("reported by the partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreed_indicators",
        help_text=_(
            "A welfare organisation that enters this figure itself, as agreed in the "
            "performance agreement."
        ),
    )
    partner_frequency = models.CharField(
        _("the partner reports"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.QUARTER,
    )
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("external indicator")
        verbose_name_plural = _("external indicators")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="monitor_external_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ExternalValue(models.Model):
    indicator = models.ForeignKey(
        ExternalIndicator, on_delete=models.CASCADE, related_name="values"
    )
    measured_on = models.DateField(_("date"), help_text=_("The date or the end of the period."))
    value = models.DecimalField(_("value"), **VALUE)
    source = models.CharField(_("source"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    objects = TenantQuerySet.as_manager()
    tenant_field = "indicator__municipality"
    visible_roles = STAFF

    class Meta:
        verbose_name = _("value of an external indicator")
        verbose_name_plural = _("values of external indicators")
        ordering = ["measured_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="monitor_external_value_once_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"


class Measure(TenantScoped):
    """How we show it: one indicator with its baseline and target, for an ambition or an
    action."""

    ambition = models.ForeignKey(
        Ambition, null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    description = models.TextField(_("how we show it"), blank=True, max_length=2000)
    indicator_code = models.CharField(_("computed indicator"), max_length=100, blank=True)
    external = models.ForeignKey(
        ExternalIndicator,
        verbose_name=_("external indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
    )
    cumulative = models.BooleanField(
        _("add up since the start of the programme"),
        default=False,
        help_text=_("For a count of what happened (e.g. matches): the total since the start."),
    )
    baseline_value = models.DecimalField(_("baseline"), **VALUE, null=True, blank=True)
    baseline_date = models.DateField(_("date of the baseline"), null=True, blank=True)
    baseline_source = models.CharField(_("source of the baseline"), max_length=200, blank=True)
    target_value = models.DecimalField(_("target"), **VALUE)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    deadline = models.DateField(_("deadline"))
    frequency = models.CharField(
        _("reporting frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.QUARTER,
    )
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public page of the programme.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ambition__isnull=False, action__isnull=True)
                | Q(ambition__isnull=True, action__isnull=False),
                name="monitor_measure_of_ambition_or_action",
            ),
            models.CheckConstraint(
                condition=(Q(indicator_code="") & Q(external__isnull=False))
                | (~Q(indicator_code="") & Q(external__isnull=True)),
                name="monitor_measure_one_indicator",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80] or self.indicator_code or str(self.external)

    @property
    def computed(self) -> bool:
        return bool(self.indicator_code)

    def clean(self) -> None:
        errors = {}
        if bool(self.ambition_id) == bool(self.action_id):
            errors["ambition"] = ValidationError(
                _("Choose an ambition or an action, not both."), code="owner"
            )
        if bool(self.indicator_code) == bool(self.external_id):
            errors["indicator_code"] = ValidationError(
                _("Choose a computed indicator or an external one, not both."), code="indicator"
            )
        if errors:
            raise ValidationError(errors)


class Snapshot(TenantScoped):
    """A computed indicator's value for one municipality and period, as computed then."""

    indicator_code = models.CharField(max_length=100)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(**VALUE, null=True, blank=True)
    numerator = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    parts = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    visible_roles = STAFF

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["indicator_code", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator_code", "period_start", "period_end"],
                name="monitor_snapshot_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.period_start}–{self.period_end}: {self.value}"


class PartnerReport(TenantScoped):
    """A partner organisation's figures for one period: every external indicator agreed with
    it (``ExternalIndicator.partner``) on one form. Its members fill it in and submit it; a
    policy advisor accepts it (the figures become external values) or sends it back."""

    organisation = models.ForeignKey(
        "volunteering.Organisation", on_delete=models.PROTECT, related_name="partner_reports"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    visible_roles = STAFF
    owner_field = "organisation__members__user"

    class Meta:
        verbose_name = _("partner report")
        verbose_name_plural = _("partner reports")
        ordering = ["-period_end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_start", "period_end"],
                name="monitor_partner_report_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period_start}–{self.period_end}"


class PartnerReportTransition(TransitionLog):
    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ReportStatus.choices)

    objects = TenantQuerySet.as_manager()
    tenant_field = "report__municipality"
    visible_roles = STAFF

    class Meta(TransitionLog.Meta):
        verbose_name = _("status change of a partner report")


class PartnerFigure(models.Model):
    """One agreed indicator's figure in a partner's report."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(
        ExternalIndicator, on_delete=models.CASCADE, related_name="partner_figures"
    )
    value = models.DecimalField(_("value"), **VALUE, null=True, blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "report__municipality"
    visible_roles = STAFF

    class Meta:
        verbose_name = _("figure of a partner report")
        verbose_name_plural = _("figures of partner reports")
        ordering = ["indicator__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="monitor_partner_figure_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class MeasureSentence(TenantScoped):
    """The sentence of a measure in the report of one quarter as the policy advisor rewrote it
    (the generated one, ``sentences.measure_sentence``, is the starting point)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="sentences")
    period_start = models.DateField()
    period_end = models.DateField()
    text = models.TextField(_("sentence"), max_length=600)
    version = models.PositiveIntegerField(default=1)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)

    visible_roles = STAFF

    class Meta:
        verbose_name = _("sentence of a measure")
        verbose_name_plural = _("sentences of measures")
        ordering = ["measure", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_start", "period_end"],
                name="monitor_sentence_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]
