from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    """A municipality (when the user has several) and a period; by default the last 12 months."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        required=False,
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in municipalities]
        ).order_by("name")
        self.municipalities = municipalities
        if len(municipalities) == 1:
            del self.fields["municipality"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period lies before its start."))
        if end and end > timezone.localdate():
            self.add_error("end", _("The end of the period cannot lie in the future."))
        return data

    def period(self):
        """(municipality, start, end): the chosen period, by default the last twelve months."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("end") or today
        default_start = end.replace(day=1)
        index = default_start.year * 12 + default_start.month - 1 - 11
        default_start = default_start.replace(year=index // 12, month=index % 12 + 1)
        start = data.get("start") or default_start
        municipality = data.get("municipality") or self.municipalities[0]
        return municipality, start, end
