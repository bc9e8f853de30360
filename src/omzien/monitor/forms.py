from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.common import indicators
from omzien.monitor.constants import ActionStatus, ReportStatus
from omzien.monitor.models import (
    Action,
    Ambition,
    ExternalIndicator,
    ExternalValue,
    Measure,
    Programme,
    Theme,
)
from omzien.monitor.services.external import EXTERNAL_FIELDS
from omzien.monitor.services.programmes import (
    ACTION_FIELDS,
    AMBITION_FIELDS,
    MEASURE_FIELDS,
    PROGRAMME_FIELDS,
    THEME_FIELDS,
)
from omzien.privacy.statistics import QUARTER, Period
from omzien.ui.forms import VersionedModelForm, date_field

YEARS = {"years_back": 30, "years_ahead": 10}


class ProgrammeForm(VersionedModelForm):
    period_start = date_field(label=_("Start of the period"), **YEARS)
    period_end = date_field(label=_("End of the period"), **YEARS)

    class Meta:
        model = Programme
        fields = list(PROGRAMME_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ThemeForm(VersionedModelForm):
    class Meta:
        model = Theme
        fields = list(THEME_FIELDS)


class AmbitionForm(VersionedModelForm):
    class Meta:
        model = Ambition
        fields = list(AMBITION_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActionForm(VersionedModelForm):
    period_start = date_field(label=_("Start"), required=False, **YEARS)
    period_end = date_field(label=_("End"), required=False, **YEARS)

    class Meta:
        model = Action
        fields = list(ACTION_FIELDS)
        widgets = {"what": forms.Textarea(attrs={"rows": 3})}


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ActionStatus.choices)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    planned = forms.DecimalField(
        label=_("Planned (EUR)"), min_value=0, max_digits=14, decimal_places=2
    )
    spent = forms.DecimalField(
        label=_("Spent (EUR)"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )


def indicator_choices() -> list[tuple[str, str]]:
    """Every indicator registered now: a capability's new indicator is offered at once."""
    return [("", _("— an external indicator —"))] + [
        (ind.code, f"{ind.name} ({ind.code})") for ind in indicators.indicators()
    ]


class MeasureForm(VersionedModelForm):
    indicator_code = forms.ChoiceField(label=_("Computed indicator"), required=False)
    baseline_date = date_field(label=_("Date of the baseline"), required=False, **YEARS)
    deadline = date_field(label=_("Deadline"), **YEARS)

    class Meta:
        model = Measure
        fields = list(MEASURE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, municipality_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = indicator_choices()
        self.fields["external"].queryset = ExternalIndicator.objects.filter(
            municipality_id=municipality_id
        )
        # One indicator, computed or external: Measure.clean says so, on the indicator field.


class ExternalIndicatorForm(VersionedModelForm):
    class Meta:
        model = ExternalIndicator
        fields = list(EXTERNAL_FIELDS)
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        partner = self.fields["partner"]
        municipality_id = municipality_id or self.instance.municipality_id
        partner.queryset = partner.queryset.filter(municipality_id=municipality_id).order_by("name")
        partner.empty_label = _("Nobody: the municipality enters it")


class PartnerFiguresForm(forms.Form):
    """The figures agreed with a partner for one period: one field per indicator."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, indicators, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        values = {f.indicator_id: f.value for f in report.figures.all()} if report else {}
        self.indicators = indicators
        if report is not None:
            self.fields["version"].initial = report.version
        for ind in indicators:
            label = f"{ind.name} ({ind.unit})" if ind.unit else ind.name
            self.fields[f"figure_{ind.pk}"] = forms.DecimalField(
                label=label,
                help_text=ind.definition,
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=values.get(ind.pk),
                localize=True,
            )

    def values(self) -> dict:
        return {ind.pk: self.cleaned_data.get(f"figure_{ind.pk}") for ind in self.indicators}


class ReviewForm(forms.Form):
    """A policy advisor's answer to a partner's submitted figures."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReportStatus.ACCEPTED, _("Accept the figures")),
            (ReportStatus.RETURNED, _("Send them back to the partner")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the partner"),
        max_length=255,
        required=False,
        help_text=_("Required when you send the figures back: what should be corrected."),
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class ExternalValueForm(forms.ModelForm):
    measured_on = date_field(
        label=_("Date"), help_text=_("The date or the end of the period."), **YEARS
    )

    class Meta:
        model = ExternalValue
        fields = ["measured_on", "value", "source"]


class PublishForm(forms.Form):
    published = forms.BooleanField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RecomputeForm(forms.Form):
    period = forms.CharField(label=_("Quarter (e.g. 2026-Q3)"), max_length=7)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns: indicator, datum, waarde and optionally bron; one value per row."),
        error_messages={"required": _("Choose a file.")},
    )
    dry_run = forms.BooleanField(
        label=_("Trial run: check the file, save nothing"), required=False, initial=True
    )


class CompareForm(forms.Form):
    """A computed indicator and a quarter that is over (default: the last one)."""

    indicator = forms.ChoiceField(label=_("Indicator"))
    period = forms.CharField(
        label=_("Quarter"),
        max_length=10,
        required=False,
        help_text=_("A quarter that is over, e.g. 2026-Q3. Empty: the last one."),
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["indicator"].choices = [
            (ind.code, str(ind.name)) for ind in indicators.indicators()
        ]
        self.fields["period"].widget.attrs["placeholder"] = Period.last_complete(today).code

    def clean_period(self) -> Period:
        text = self.cleaned_data.get("period", "").strip()
        if not text:
            return Period.last_complete(self.today)
        try:
            period = Period.parse(text)
        except ValueError:
            period = None
        if period is None or period.kind != QUARTER:
            raise forms.ValidationError(_("Give a quarter such as 2026-Q3."), code="period")
        if period.end >= self.today:
            raise forms.ValidationError(_("Choose a quarter that is over."), code="period_not_over")
        return period


def quarters_over(programme, today) -> list[Period]:
    """The quarters of the programme that are over, latest first (at most 40)."""
    last = Period.last_complete(today)
    index = last.year * 4 + last.number - 1
    first = programme.period_start.year * 4 + (programme.period_start.month - 1) // 3
    return [
        Period(i // 4, QUARTER, i % 4 + 1) for i in range(index, max(first, index - 40) - 1, -1)
    ]


class ReportPeriodForm(forms.Form):
    """Which figures a report holds: a quarter of the programme that is over (by default the
    last one), or today's live figures."""

    LIVE = "live"

    period = forms.ChoiceField(label=_("Figures of"), required=False)

    def __init__(self, *args, programme, today, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = quarters_over(programme, today)
        # "Today" is a choice of its own, not an empty one: the list always sends a choice,
        # so its label does not say "(optional)".
        self.fields["period"].choices = [
            *((p.code, str(p)) for p in quarters),
            (self.LIVE, _("today (the live figures)")),
        ]
        self.fields["period"].initial = quarters[0].code if quarters else self.LIVE

    def clean_period(self) -> Period | None:
        code = self.cleaned_data.get("period")
        return Period.parse(code) if code and code != self.LIVE else None


class SentenceForm(forms.Form):
    """One measure's sentence (prefixed per measure: one page holds a form per measure)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Sentence in the report"), widget=forms.Textarea(attrs={"rows": 3}), max_length=600
    )
