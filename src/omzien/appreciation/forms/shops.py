from django import forms
from django.utils.translation import gettext_lazy as _


class ShopForm(forms.Form):
    name = forms.CharField(label=_("Name of the shop"), max_length=150)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, empty_label=None, required=True
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not municipalities or len(municipalities) <= 1:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].queryset = type(municipalities[0]).objects.filter(
                pk__in=[m.pk for m in municipalities]
            )
