from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.phone import PhoneField
from omzien.ui.forms import identify_own_details


class SignUpForm(forms.Form):
    """Signing up without an account: a name and an e-mail address or a phone number. With an
    account the name and address come from the account."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("You get a confirmation with a link to cancel."),
    )
    phone = PhoneField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        help_text=_("Without e-mail: the organiser can call you if something changes."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a resident's sign-up belongs to the account (their "Mijn aanmeldingen");
        # anyone else signs up with name and address like a visitor.
        resident = user is not None and user.is_authenticated and user.has_role(Role.RESIDENT)
        self.user = user if resident else None
        if self.user is not None:
            for name in ("name", "email"):
                del self.fields[name]
        identify_own_details(self, name="name", email="email", phone="tel")

    def clean(self):
        data = super().clean()
        if self.user is None and not (data.get("email") or data.get("phone")):
            raise forms.ValidationError(_("Give an e-mail address or a phone number."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        if self.user is not None:
            return {
                "name": self.user.full_name or self.user.email,
                "email": self.user.email,
                "phone": data.get("phone") or "",
                "user": self.user,
            }
        return {
            "name": data["name"],
            "email": data.get("email") or "",
            "phone": data.get("phone") or "",
        }
