from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.ui.forms import checkbox_field, date_field
from omzien.volunteering import constants

ASPECTS_HELP = _(
    "The function aspects of Justis's screening profile: 84 for work with minors, 85 for care "
    "of people in need such as older or disabled people."
)


def issue_date_field(**kwargs):
    """The issue date printed on the VOG: never in the future."""
    return date_field(
        years_back=15,
        years_ahead=0,
        label=_("Issue date of the VOG"),
        help_text=_("The date printed on the VOG (datum van afgifte)."),
        error_messages={
            "required": _("Fill in the issue date of the VOG."),
            "too_late": _("The issue date cannot lie in the future."),
        },
        **kwargs,
    )


class VogForm(forms.Form):
    """The volunteer records the VOG they have."""

    issued_on = issue_date_field()
    aspects = checkbox_field(
        _("What the VOG was requested for"),
        constants.VogAspect.choices,
        help_text=ASPECTS_HELP,
        required=False,
    )


class VogReceivedForm(forms.Form):
    """The VOG an organisation asked for has arrived: its issue date."""

    issued_on = issue_date_field()
    expected = forms.CharField(widget=forms.HiddenInput, required=False)


class VogRequestForm(forms.Form):
    """The organisation asks the selected volunteer to request a VOG."""

    aspects = checkbox_field(
        _("Screening profile"), constants.VogAspect.choices, help_text=ASPECTS_HELP, required=False
    )


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=constants.QualificationKind.choices)
    licence_category = forms.ChoiceField(
        label=_("Driving licence category"),
        choices=[("", _("Not a driving licence")), *constants.LicenceCategory.choices],
        required=False,
    )
    name = forms.CharField(
        label=_("Name of the training"),
        required=False,
        max_length=150,
        help_text=_("Only for a training, for example “Omgaan met dementie”."),
    )
    expires_on = date_field(
        years_back=1,
        years_ahead=10,  # a Dutch driving licence, the longest, runs 10 years
        label=_("Valid until"),
        required=False,
        help_text=_("Leave this empty if it does not expire."),
    )


class OrganisationQualificationForm(QualificationForm):
    profile = forms.ModelChoiceField(label=_("Volunteer"), queryset=None, empty_label=None)
    field_order = ["profile", "kind", "licence_category", "name", "expires_on"]

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles
        self.fields["profile"].label_from_instance = lambda p: p.label_for_picking()


class ExpiredFilterForm(forms.Form):
    expired = forms.BooleanField(label=_("Only expired"), required=False)
