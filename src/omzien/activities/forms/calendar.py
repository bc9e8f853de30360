from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.activities import constants
from omzien.directory.constants import TargetGroup
from omzien.tenants.models import Locality, Municipality
from omzien.ui.forms import date_field


class CalendarFilterForm(forms.Form):
    """The public calendar's filters, in the URL with Dutch names (a link can be shared)."""

    periode = forms.ChoiceField(
        label=_("Show"),
        choices=constants.Period.choices,
        required=False,
        initial=constants.Period.WEEK,
    )
    datum = date_field(years_back=2, years_ahead=3, label=_("From date"), required=False)
    gemeente = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("All municipalities"),
        to_field_name="slug",
    )
    kern = forms.ModelChoiceField(
        label=_("Village"),
        queryset=Locality.objects.filter(municipality__is_active=True)
        .select_related("municipality")
        .order_by("municipality__name", "name"),
        required=False,
        empty_label=_("All villages"),
    )
    doelgroep = forms.ChoiceField(
        label=_("For whom"),
        choices=[("", _("Everyone")), *TargetGroup.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kern"].label_from_instance = lambda loc: f"{loc.name} ({loc.municipality})"

    def chosen(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "period": data.get("periode") or constants.Period.WEEK,
            "day": data.get("datum") or timezone.localdate(),
            "municipality": data.get("gemeente"),
            "locality": data.get("kern"),
            "target_group": data.get("doelgroep") or "",
        }
