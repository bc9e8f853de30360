from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.ui.forms import VersionedModelForm
from omzien.volunteering import constants
from omzien.volunteering.forms.hours import TokenField, worked_on_field
from omzien.volunteering.models import VolunteeringSettings


class AllowanceForm(forms.Form):
    date = worked_on_field()
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        min_value=Decimal("0.01"),
        max_digits=7,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the amount."),
            "invalid": _("Enter an amount, for example 25.50."),
            "min_value": _("Enter an amount above zero."),
            "max_decimal_places": _("Enter at most two decimals (cents)."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=constants.AllowanceKind.choices,
        initial=constants.AllowanceKind.ALLOWANCE,
        widget=forms.RadioSelect,
        help_text=_(
            "Only the volunteer allowance counts towards the tax-free maxima; costs paid back "
            "on receipts do not."
        ),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)
    token = TokenField()
    confirmed = forms.BooleanField(widget=forms.HiddenInput, required=False)


class VolunteeringSettingsForm(VersionedModelForm):
    class Meta:
        model = VolunteeringSettings
        fields = ["allowance_max_year", "allowance_max_month", "vog_max_age_years"]
