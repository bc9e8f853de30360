from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.tenants.models import Municipality


class MunicipalityTextsForm(forms.ModelForm):
    """The texts, contact details and look a functional administrator edits. The logo is
    checked by the service (``tenants.validators.validate_logo``), not by the form."""

    logo_upload = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 512 KB. Leave empty to keep the current logo."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Municipality
        fields = [
            "welcome_text",
            "volunteer_insurance_text",
            "contact_name",
            "contact_email",
            "contact_phone",
            "primary_colour",
        ]
        widgets = {
            "welcome_text": forms.Textarea(attrs={"rows": 5}),
            "volunteer_insurance_text": forms.Textarea(attrs={"rows": 5}),
        }
