"""The functional administrator's form to issue a partner key (docs/api.md)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.api.scopes import ROLE_CHOICES, SCOPE_CHOICES
from omzien.ui.forms import checkbox_field, date_field
from omzien.volunteering.selectors.organisations import organisation_public_list


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Which system or organisation uses the key, e.g. “Welzijn Heerde CRM”."),
    )
    role = forms.ChoiceField(
        label=_("The key stands for the role"),
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("The key reaches what this role reaches on the pages, and no more."),
    )
    scopes = checkbox_field(_("Scopes"), SCOPE_CHOICES)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations (for an organisation's system)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expires_on = date_field(
        label=_("Valid until"), years_back=0, years_ahead=1, help_text=_("One year at most.")
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        # Approved organisations of this municipality, as the public pages list them.
        self.fields["organisations"].queryset = organisation_public_list(municipality=municipality)
