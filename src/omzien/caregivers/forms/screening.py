"""Forms for burden screening: the questionnaire itself, the invitation, the alert queue."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.caregivers import constants, instruments
from omzien.caregivers.models import CaregiverSettings
from omzien.ui.forms import date_field


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


class CaregiverSettingsForm(forms.ModelForm):
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
