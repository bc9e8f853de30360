"""The forms of the trajectories."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.common.phone import PhoneField
from omzien.trajectories import constants
from omzien.trajectories.models import Referral
from omzien.ui.forms import date_field


class ReferralForm(forms.ModelForm):
    """The client manager's short form."""

    municipality = forms.ModelChoiceField(queryset=None, label=_("Municipality"))
    phone = PhoneField(label=_("Phone number"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of trajectory"),
        choices=constants.TrajectoryKind.choices,
        widget=forms.RadioSelect,
    )
    consent_confirmed = forms.BooleanField(
        label=_("The resident agrees to this referral and to the volunteer centre contacting them"),
        required=True,
        error_messages={"required": _("Refer a resident only when they agree to it.")},
    )

    class Meta:
        model = Referral
        fields = ["full_name", "phone", "email", "kind", "reason", "consent_confirmed"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "reason": _(
                "What the resident would like to do, what they can do, and what guidance they "
                "need. No medical details."
            ),
        }

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = type(municipalities[0]).objects.filter(
            pk__in=[m.pk for m in municipalities]
        )
        if len(municipalities) == 1:
            field.initial = municipalities[0].pk
            field.widget = forms.HiddenInput()
        self.order_fields(["municipality", *self.Meta.fields])


class StartForm(forms.Form):
    """A new trajectory: the volunteer (found by name) and the kind."""

    profile = forms.TypedChoiceField(label=_("Volunteer"), coerce=int, widget=forms.RadioSelect)
    kind = forms.ChoiceField(
        label=_("Kind of trajectory"),
        choices=constants.TrajectoryKind.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, profiles, with_kind: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [
            (p.pk, f"{p.full_name}{f' ({p.email})' if p.email else ''}") for p in profiles
        ]
        if not with_kind:
            del self.fields["kind"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search a volunteer by name"), required=False, max_length=100)


class PlanForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of trajectory"), choices=constants.TrajectoryKind.choices
    )
    placement = forms.ModelChoiceField(
        queryset=None,
        label=_("Placement"),
        required=False,
        empty_label=_("No placement yet"),
    )
    guidance = forms.CharField(
        label=_("Guidance agreed with the organisation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who guides the volunteer at work, how often you talk, what to watch for."),
    )
    guidance_contact = forms.CharField(
        label=_("Contact person at the organisation"), required=False, max_length=150
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements
        self.fields["placement"].label_from_instance = lambda p: (
            f"{p.vacancy.title} – {p.vacancy.organisation.name} ({p.get_status_display()})"
        )


class GoalForm(forms.Form):
    description = forms.CharField(label=_("New goal"), max_length=300)


class MomentForm(forms.Form):
    planned_on = date_field(years_back=0, years_ahead=3, label=_("Plan an evaluation on"))


class StepForm(forms.Form):
    target = forms.ChoiceField(label=_("Next step"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=255,
        help_text=_("Required when going back to the intake: why."),
    )

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(step.target, step.label) for step in steps]


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=constants.Outcome.choices, widget=forms.RadioSelect
    )
    ended_on = date_field(years_back=5, years_ahead=0, label=_("Ended on"), required=False)
    note = forms.CharField(
        label=_("About the outcome"),
        required=False,
        max_length=255,
        help_text=_("Required for “other”. No medical details."),
    )


PROGRESS_CHOICES = [(value, label) for value, label in constants.PROGRESS_LABELS.items()]


class EvaluationForm(forms.Form):
    """An evaluation: the date, the planned moment it answers, progress and a note per goal."""

    held_on = date_field(years_back=5, years_ahead=0, label=_("Held on"))
    moment_id = forms.TypedChoiceField(
        label=_("Planned moment"), coerce=int, required=False, empty_value=None
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the volunteer and the organisation said. No medical details."),
    )

    def __init__(self, *args, goals, moments, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        self.fields["moment_id"].choices = [
            ("", _("Not planned")),
            *((m.pk, m.planned_on.strftime("%d-%m-%Y")) for m in moments),
        ]
        for goal in goals:
            self.fields[f"score_{goal.pk}"] = forms.TypedChoiceField(
                label=_("Progress on “%(goal)s”") % {"goal": goal.description},
                choices=PROGRESS_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{goal.pk}"] = forms.CharField(
                label=_("Note on “%(goal)s”") % {"goal": goal.description},
                required=False,
                max_length=500,
            )

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "moment_id": data.get("moment_id"),
            "summary": data.get("summary") or "",
            "progress": {
                goal.pk: (data.get(f"score_{goal.pk}"), data.get(f"note_{goal.pk}") or "")
                for goal in self.goals
            },
        }


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        help_text=_("For the brokers: the client manager sees only that it was declined."),
    )


class FiguresForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].initial = years[0]

    def chosen_year(self, default: int) -> int:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"]
        return default


class FilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("Not ended")),
            *constants.TrajectoryStatus.choices,
            ("all", _("All trajectories")),
        ],
    )

    def show_value(self) -> str:
        if not self.is_valid():
            return "open"
        return self.cleaned_data.get("show") or "open"
