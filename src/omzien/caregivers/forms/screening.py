"""Forms for burden screening: the questionnaire itself, the invitation, the alert queue."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.caregivers import constants, instruments
from omzien.caregivers.models import CaregiverSettings
from omzien.concerns import constants as concerns_constants
from omzien.ui.forms import VersionedModelForm, date_field


class QuestionnaireForm(forms.Form):
    """One radio group per item, in the instrument's published wording.

    ``with_date`` adds the date of the screening (a consultant may record a call of some days
    ago); the carer's own form has no date: it is today.
    """

    def __init__(self, *args, instrument: str, with_date: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = instruments.definition(instrument)
        self.title = constants.Instrument(self.spec.code).label
        if with_date:
            self.fields["taken_on"] = date_field(
                label=_("Date of the screening"),
                initial=timezone.localdate,
                years_back=5,
                years_ahead=1,  # clean_taken_on refuses the future with its own message
            )
        choices = [(str(index), answer) for index, answer in enumerate(self.spec.answers)]
        for number, item in enumerate(self.spec.items, start=1):
            label = f"{number}. {item}" if len(self.spec.items) > 1 else item
            self.fields[f"item_{number}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )

    def clean_taken_on(self):
        taken_on = self.cleaned_data["taken_on"]
        if taken_on > timezone.localdate():
            raise forms.ValidationError(_("The date of the screening lies in the future."))
        return taken_on

    @property
    def answers(self) -> list[int]:
        return [
            int(self.cleaned_data[f"item_{number}"])
            for number in range(1, len(self.spec.items) + 1)
        ]


class InstrumentChoiceForm(forms.Form):
    instrument = forms.ChoiceField(
        label=_("Questionnaire"),
        choices=constants.Instrument.choices,
        widget=forms.RadioSelect,
        initial=constants.Instrument.EDIZ,
        error_messages={"required": _("Choose a questionnaire.")},
    )


class AlertResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("For example: called the carer, arranged respite care."),
        error_messages={"required": _("Describe what was done about this warning.")},
    )


class AlertReportForm(forms.Form):
    """What the welfare team needs to know when a consultant reports the carer's overload."""

    observation = forms.CharField(
        label=_("What did you see or hear?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("The carer's name, address and phone number are sent with it."),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=concerns_constants.Urgency.choices,
        initial=concerns_constants.Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    consent = forms.ChoiceField(
        label=_("Does the carer know about this report?"),
        choices=concerns_constants.Consent.choices,
        widget=forms.RadioSelect,
    )


class AlertFilterForm(forms.Form):
    """The filters of the Vroegsignalen queue; the defaults show the open warnings, newest
    first, of everyone."""

    q = forms.CharField(label=_("Search carer name"), required=False, max_length=100)
    assigned = forms.ChoiceField(
        label=_("Consultant"),
        required=False,
        choices=[
            ("", _("All consultants")),
            ("mine", _("Mine")),
            ("unassigned", _("Nobody assigned yet")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open")), ("resolved", _("Dealt with"))],
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("All ages")), *constants.AgeGroup.choices],
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Newest first")), ("oldest", _("Oldest first"))],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "assigned": data["assigned"],
            "status": data["status"] or "open",
            "age_group": data["age_group"],
            "order": data["order"] or "newest",
        }

    def narrowed(self) -> bool:
        """A filter leaves warnings out (the empty list does not mean the work is done)."""
        filters = self.filters()
        return bool(filters.get("q") or filters.get("assigned") or filters.get("age_group"))


class CaregiverSettingsForm(VersionedModelForm):
    class Meta:
        model = CaregiverSettings
        fields = [
            "ediz_heavy_threshold",
            "ediz_rise_alert",
            "ggd_rise_alert",
            "young_ediz_threshold",
            "young_carer_age_limit",
            "contact_due_days",
            "no_contact_months",
        ]
