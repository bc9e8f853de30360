from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.ui.forms import date_field
from omzien.volunteering import constants
from omzien.volunteering.services.responses import MESSAGE_MAX, NOTE_MAX


class ResponseForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the organisation"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tell briefly why you would like to help. At most 2000 characters."),
    )


class ResponseTransitionForm(forms.Form):
    to_status = forms.ChoiceField(
        choices=constants.ResponseStatus.choices, widget=forms.HiddenInput
    )
    expected = forms.ChoiceField(choices=constants.ResponseStatus.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def volunteer_label(profile) -> str:
    """A volunteer as the broker picks them: two Jan Brouwers differ in village or birth year."""
    details = [profile.locality.name if profile.locality_id else _("village unknown")]
    if profile.date_of_birth:
        details.append(_("born %(year)s") % {"year": profile.date_of_birth.year})
    return f"{profile.full_name} ({', '.join(str(detail) for detail in details)})"


class VolunteerChoiceField(forms.ModelChoiceField):
    """Pick a volunteer: the name with the village and the birth year beside it (the queryset
    selects ``locality``)."""

    def label_from_instance(self, obj) -> str:
        return volunteer_label(obj)


class ProposeForm(forms.Form):
    profile = VolunteerChoiceField(
        label=_("Volunteer"),
        queryset=None,
        error_messages={"required": _("Choose a volunteer.")},
    )
    message = forms.CharField(
        label=_("Why this volunteer fits"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles


class StartDateForm(forms.Form):
    start_date = date_field(
        label=_("Start date"),
        years_back=1,
        years_ahead=5,
        error_messages={"required": _("Fill in the start date.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CheckInForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes of the check-in"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EndForm(forms.Form):
    end_reason = forms.ChoiceField(
        label=_("Reason it ended"),
        choices=constants.PlacementEndReason.choices,
        error_messages={"required": _("Choose the reason it ended.")},
    )
    ended_on = date_field(label=_("Ended on"), required=False, years_back=5, years_ahead=1)
    evaluation = forms.CharField(
        label=_("Evaluation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How did it go? What went well, what could be better?"),
    )


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the exception"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for the exception.")},
    )
