from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from omzien.caregivers.models import CampaignPage
from omzien.caregivers.services.campaigns import CAMPAIGN_FIELDS
from omzien.ui.forms import VersionedModelForm, date_field, offer_municipalities


def _period_date(name: str):
    return date_field(
        years_back=2,
        years_ahead=3,
        label=capfirst(CampaignPage._meta.get_field(name).verbose_name),
    )


class CampaignForm(VersionedModelForm):
    """A campaign page's text and period; the municipality only for an editor of several."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, empty_label=None, required=True
    )
    visible_from = _period_date("visible_from")
    visible_until = _period_date("visible_until")

    class Meta:
        model = CampaignPage
        fields = CAMPAIGN_FIELDS
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # A page stays in its municipality.
        offer_municipalities(self, [] if self.instance.pk else municipalities or [])

    def _post_clean(self):
        # The service checks the page (services.campaigns._clean), whichever way it is saved.
        pass

    def service_data(self) -> dict:
        return {field: self.cleaned_data.get(field) for field in CAMPAIGN_FIELDS}
