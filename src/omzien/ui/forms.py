from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.privacy.statistics import FIRST_YEAR, PERIOD_KINDS, QUARTER, Period
from omzien.tenants.models import Municipality


class OmzienFormRenderer(DjangoTemplates):
    """Renders every form with NL Design System markup.

    Label, description and error message are linked to the field (``aria-describedby``),
    and a form with errors starts with an error summary that links to each field.
    """

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


CHECKBOX_CLASSES = "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"


class DayPartGrid(forms.widgets.ChoiceWidget):
    """The availability grid: one fieldset per day with a checkbox for each part of the day.

    Its choices come grouped: ``[(day label, [(code, part label), ...]), ...]``, e.g.
    ``volunteering.constants.day_part_choices``. Not a CheckboxSelectMultiple on purpose: the
    form renderer gives those a flat list, and this grid needs a legend per day. Works without
    JavaScript.
    """

    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "ui/forms/widgets/day_part_grid.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"
    use_fieldset = True
    add_id_index = True

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        # The renderer styles unknown widgets as text boxes: these are checkboxes.
        invalid = attrs.get("aria-invalid") == "true"
        attrs["class"] = CHECKBOX_CLASSES + (" utrecht-checkbox--invalid" if invalid else "")
        attrs.pop("aria-required", None)
        return super().get_context(name, value, attrs)

    def use_required_attribute(self, initial):
        return False

    def value_omitted_from_data(self, data, files, name):
        return False  # unticking every box is a value too

    def id_for_label(self, id_, index=None):
        return f"{id_}_{index}" if index is not None and id_ else ""


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class PeriodForm(forms.Form):
    """A municipality (when the user has several) and a fixed period that is over: a month,
    a quarter or a year (``privacy.statistics.Period``). Never any start and end day: that
    would undo the small-number suppression (docs/privacy.md, "Statistics"). By default, and
    after a wrong value (with a message), the last quarter that is over."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind of period"),
        choices=PERIOD_KINDS,
        initial=QUARTER,
        required=False,
        help_text=_("Without a period below: the last one of this kind that is over."),
    )
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=20,
        help_text=_("A month (2026-05), a quarter (2026-Q3) or a year (2025) that is over."),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in municipalities]
        ).order_by("name")
        self.municipalities = municipalities
        self.today = timezone.localdate()
        self.default_period = Period.last_complete(self.today)
        self.fields["period"].widget.attrs["placeholder"] = self.default_period.code
        if len(municipalities) == 1:
            del self.fields["municipality"]

    def clean_period(self):
        text = self.cleaned_data.get("period", "")
        if not text.strip():
            return None
        try:
            period = Period.parse(text)
        except ValueError:
            raise ValidationError(
                _(
                    "Enter a month (2026-05), a quarter (2026-Q3) or a year (2025), "
                    "from %(first)s on."
                ),
                code="invalid_period",
                params={"first": FIRST_YEAR},
            ) from None
        if not period.is_complete(self.today):
            raise ValidationError(
                _("Figures are shown for periods that are over; for example %(period)s."),
                code="period_not_over",
                params={"period": self.default_period.code},
            )
        return period

    def chosen(self):
        """(municipality, period): the chosen ones, or the defaults. A period given names its
        own kind; without one, the last period of the chosen kind that is over."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        municipality = data.get("municipality") or self.municipalities[0]
        period = data.get("period")
        if period is None and data.get("kind"):
            period = Period.last_complete(self.today, data["kind"])
        return municipality, period or self.default_period
