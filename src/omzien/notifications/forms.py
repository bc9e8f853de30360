from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.notifications.constants import EmailChoice


class EmailChoiceForm(forms.Form):
    email = forms.ChoiceField(
        label=_("E-mail about notifications"),
        choices=EmailChoice.choices,
        widget=forms.RadioSelect,
    )
