from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.common.phone import PhoneField
from omzien.directory.selectors import entries as directory_selectors
from omzien.tenants.models import Municipality
from omzien.ui.forms import PeriodForm, date_field
from omzien.wellbeing import constants, scoring

BLANK = [("", "---------")]


def _birth_year():
    return forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("For example 1948. The year is enough."),
    )


class ReferralForm(forms.Form):
    """The short form with which a GP or POH refers a patient for welzijn op recept."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality where the patient lives"),
        queryset=Municipality.objects.none(),
        empty_label=None,
    )
    practice = forms.CharField(label=_("Name of your practice"), max_length=150)
    practice_email = forms.EmailField(
        label=_("E-mail address of the practice for feedback"),
        required=False,
        help_text=_("The practice hears the status and the outcome only, never notes."),
    )
    name = forms.CharField(label=_("Name of the patient"), max_length=150)
    birth_year = _birth_year()
    phone = PhoneField(label=_("Phone number of the patient"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address of the patient"), required=False)
    referral_reason = forms.CharField(
        label=_("Why you refer this patient"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Only what the welfare coach needs for the intake. No medical details."),
    )
    consent_confirmed = forms.BooleanField(
        label=_("The patient agrees to this referral and to being contacted by a welfare coach."),
        error_messages={
            "required": _("Refer a patient only when they agree to it, and confirm that they do.")
        },
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in municipalities]
        ).order_by("name")
        if len(municipalities) == 1:
            field.initial = municipalities[0].pk
            field.widget = forms.HiddenInput()


class ParticipantForm(forms.Form):
    """A welfare worker registers a resident with a first trajectory."""

    name = forms.CharField(label=_("Name"), max_length=150)
    birth_year = _birth_year()
    phone = PhoneField(label=_("Phone number"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    kind = forms.ChoiceField(label=_("Kind of support"), choices=BLANK + constants.Kind.choices)


class StepForm(forms.Form):
    """A form that takes a workflow step: it carries the status the user saw, so a colleague's
    step in between is refused ("stale") rather than overwritten."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class IntakeForm(StepForm):
    intake_on = date_field(
        label=_("Date of the intake"), initial=timezone.localdate, years_back=2, years_ahead=1
    )
    goals = forms.CharField(
        label=_("Goals agreed"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    entry_id = forms.TypedChoiceField(
        label=_("From the social map"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("The offer the resident is prescribed, if it is on the social map."),
    )
    activities = forms.CharField(
        label=_("Activities"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_(
            "Activities from the social map or the activity calendar, with where and when."
        ),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry_id"].choices = [("", "---------")] + (
            directory_selectors.referable_choices(municipality=municipality)
        )


class ContactForm(forms.Form):
    contact_on = date_field(
        label=_("Date of the contact"), initial=timezone.localdate, years_back=2, years_ahead=1
    )
    summary = forms.CharField(
        label=_("What was discussed"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class CloseForm(StepForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=BLANK + constants.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note for colleagues"),
        max_length=255,
        required=False,
        help_text=_("Not sent to the referring practice."),
    )


class QuestionnaireForm(forms.Form):
    """The De Jong Gierveld scale, one radio group per item in the published wording.

    ``staff``: the worker records it in a conversation, with the moment and the date, and may
    leave a question open (the score then follows the missing-answers rule)."""

    def __init__(self, *args, version: int, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        if staff:
            self.fields["moment"] = forms.ChoiceField(
                label=_("Moment"), choices=BLANK + constants.Moment.choices
            )
            self.fields["taken_on"] = date_field(
                label=_("Date of the conversation"),
                initial=timezone.localdate,
                years_back=2,
                years_ahead=1,
            )
        for position, item in enumerate(scoring.items(version), start=1):
            self.fields[f"item_{item.number}"] = forms.ChoiceField(
                label=f"{position}. {item.text}",
                choices=scoring.Answer.choices,
                widget=forms.RadioSelect,
                required=not staff,
                error_messages={"required": _("Choose an answer.")},
            )

    @property
    def answers(self) -> dict:
        return {
            str(item.number): self.cleaned_data.get(f"item_{item.number}") or ""
            for item in scoring.items(self.version)
        }


class InviteForm(forms.Form):
    version = forms.TypedChoiceField(
        label=_("Version"), choices=scoring.Version.choices, coerce=int, initial=6
    )
    moment = forms.ChoiceField(label=_("Moment"), choices=BLANK + constants.Moment.choices)


class TrajectoryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + constants.Status.choices, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of support"),
        choices=[("", _("All"))] + constants.Kind.choices,
        required=False,
    )
    due = forms.ChoiceField(
        label=_("Measurement due"),
        choices=[
            ("", _("All")),
            (constants.Moment.MONTH_3, _("After 3 months")),
            (constants.Moment.MONTH_6, _("After 6 months")),
        ],
        required=False,
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {key: data.get(key, "") for key in ("status", "kind", "due")}


class EffectForm(PeriodForm):
    version = forms.TypedChoiceField(
        label=_("Version of the questionnaire"),
        choices=scoring.Version.choices,
        coerce=int,
        required=False,
        initial=6,
    )

    def chosen_version(self) -> int:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("version") or scoring.Version.SHORT
