from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you an e-mail with a link. Click it to confirm."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
