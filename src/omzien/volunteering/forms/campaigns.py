from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from omzien.ui.forms import VersionedModelForm, date_field
from omzien.volunteering.models import Campaign, CampaignSignup
from omzien.volunteering.services.campaigns import CAMPAIGN_FIELDS


def _campaign_date(name):
    label = capfirst(Campaign._meta.get_field(name).verbose_name)
    return date_field(label=label, years_back=1, years_ahead=5)


class CampaignForm(VersionedModelForm):
    """A campaign as the broker writes it; the municipality only when they have several."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, empty_label=None, required=True
    )
    starts_on = _campaign_date("starts_on")
    ends_on = _campaign_date("ends_on")

    class Meta:
        model = Campaign
        fields = CAMPAIGN_FIELDS
        help_texts = {"is_public": _("Residents can see the campaign page and sign up.")}

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk or municipalities is None or municipalities.count() <= 1:
            del self.fields["municipality"]
            self.single_municipality = municipalities.first() if municipalities else None
        else:
            self.fields["municipality"].queryset = municipalities

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end date lies before the start date."))
        return data

    def service_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in CAMPAIGN_FIELDS}


class AttachForm(forms.Form):
    vacancy = forms.IntegerField(widget=forms.HiddenInput)


class SignupForm(forms.ModelForm):
    """The short sign-up form under each task of the public campaign page."""

    class Meta:
        model = CampaignSignup
        fields = ("name", "email", "phone")
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "phone": _("Your phone number"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def validate_unique(self):
        # The service checks the sign-up once per e-mail address, with a Dutch message.
        return
