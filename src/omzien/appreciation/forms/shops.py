from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.ui.forms import offer_municipalities


class ShopForm(forms.Form):
    name = forms.CharField(label=_("Name of the shop"), max_length=150)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, empty_label=None, required=True
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_municipalities(self, municipalities or [])
