from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omzien.privacy.constants import AuditAction, RequestKind
from omzien.tenants.validators import normalise_postcode
from omzien.ui.forms import birth_date_field, date_field


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    actor = forms.CharField(label=_("User (e-mail address)"), required=False, max_length=254)
    date_from = date_field(label=_("From"), required=False, years_back=20, years_ahead=1)
    date_to = date_field(
        label=_("Up to and including"), required=False, years_back=20, years_ahead=1
    )
    # One record's events (the staff page links "in the audit trail" with these).
    object_type = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    object_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    received_on = date_field(
        label=_("Received on"),
        help_text=_("The answer is due one month after this date."),
        years_back=5,
        years_ahead=1,  # the service refuses the future with its own message
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    date_of_birth = birth_date_field(label=_("Date of birth"), required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    house_number = forms.CharField(label=_("House number"), required=False, max_length=10)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = list(municipalities)
        if len(self.municipalities) > 1:
            self.fields["municipality"] = forms.TypedChoiceField(
                label=_("Municipality"),
                choices=[(m.pk, m.name) for m in self.municipalities],
                coerce=int,
            )
            self.order_fields(["municipality"])

    def chosen_municipality(self):
        if len(self.municipalities) == 1:
            return self.municipalities[0]
        chosen = self.cleaned_data["municipality"]
        return next(m for m in self.municipalities if m.pk == chosen)

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        try:
            return normalise_postcode(value)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error


class SubjectRequestCloseForm(forms.Form):
    correction = forms.CharField(
        label=_("What was corrected"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a rectification request: which details, in which part of Omzien."),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the person was told, and when."),
    )
