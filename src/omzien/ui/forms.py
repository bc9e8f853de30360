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
