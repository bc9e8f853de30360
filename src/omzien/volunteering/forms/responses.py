from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.ui.forms import date_field
from omzien.ui.picker import PickerField, PickerFormMixin
from omzien.volunteering import constants
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.query import VolunteerProfileQuerySet
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


class VolunteerChoiceField(PickerField):
    """Pick a volunteer by searching their name (there can be thousands): the name with the
    village and the birth year beside it (the queryset selects ``locality``)."""

    def __init__(self, **kwargs):
        super().__init__(
            search=VolunteerProfileQuerySet.name_search,
            label_from=VolunteerProfile.label_for_picking,
            **kwargs,
        )


class ProposeForm(PickerFormMixin, forms.Form):
    profile = VolunteerChoiceField(
        label=_("Volunteer"),
        error_messages={"required": _("Choose a volunteer.")},
    )
    message = forms.CharField(
        label=_("Why this volunteer fits"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, profiles, search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles
        self.fields["profile"].search_url = search_url


class StartDateForm(forms.Form):
    start_date = date_field(
        label=_("Start date"),
        years_back=1,
        years_ahead=5,
        error_messages={"required": _("Fill in the start date.")},
    )
    # Seed 000 §2.2: coördinerend, regulier or ondersteunend, each with its own procedure.
    category = forms.ChoiceField(
        label=_("Volunteer category"),
        choices=constants.VolunteerCategory.choices,
        required=False,
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
