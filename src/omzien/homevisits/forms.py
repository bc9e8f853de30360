"""The forms of the preventive home visits."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import ContactChannel
from omzien.caregivers import constants as caregivers_constants
from omzien.common.phone import PhoneField
from omzien.concerns import constants as concerns_constants
from omzien.homevisits import constants
from omzien.homevisits.models import VisitPlan
from omzien.tenants.models import Municipality
from omzien.ui.forms import birth_date_field, checkbox_field, date_field


class PlanForm(forms.ModelForm):
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=constants.TargetGroup.choices, widget=forms.RadioSelect
    )
    starts_on = date_field(label=_("From"), years_back=1, years_ahead=2)
    ends_on = date_field(label=_("Until"), years_back=1, years_ahead=3)

    class Meta:
        model = VisitPlan
        fields = ["name", "target_group", "starts_on", "ends_on", "remove_after_months"]
        labels = {"name": _("Name of the plan")}
        help_texts = {"name": _("For example: Visits to residents aged 75 and over, spring 2027.")}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        if len(municipalities) > 1:
            self.fields["municipality"] = forms.ModelChoiceField(
                label=_("Municipality"),
                queryset=Municipality.objects.filter(pk__in=[m.pk for m in municipalities]),
            )
            self.order_fields(["municipality"])
        self.municipalities = municipalities

    def _post_clean(self):
        # The service validates the plan as a whole (services.plan_create).
        pass


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of addresses"),
        help_text=_("A CSV file (.csv) or an Excel file (.xlsx) of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check (trial import)"),
        help_text=_("Shows the errors of every row and saves nothing. Untick to import."),
        required=False,
        initial=True,
    )


def _visitor_field(visitors, **kwargs) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Visitor"),
        queryset=get_user_model().objects.filter(pk__in=[v.pk for v in visitors]),
        empty_label=_("Choose a visitor"),
        help_text=_("A volunteer or a welfare worker of the municipality."),
        error_messages={"required": _("Choose a visitor.")},
        **kwargs,
    )
    field.label_from_instance = lambda user: user.get_full_name() or user.email
    return field


class AssignForm(forms.Form):
    def __init__(self, *args, visitors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = _visitor_field(visitors)


class BulkAssignForm(forms.Form):
    """Several planned visits of a page to one visitor."""

    def __init__(self, *args, visitors, visits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visits"] = forms.TypedMultipleChoiceField(
            label=_("Visits to assign"),
            coerce=int,
            choices=[(v.pk, f"{v.address}, {v.postcode} – {v.name}") for v in visits],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one visit.")},
        )
        self.fields["assignee"] = _visitor_field(visitors)


class VisitFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("all", _("All visits")),
            ("planned", _("Not assigned yet")),
            ("assigned", _("Assigned")),
            ("done", _("Done")),
            ("follow_up", _("Follow-up to make")),
        ],
    )

    def show_value(self) -> str:
        return (self.cleaned_data.get("show") or "all") if self.is_valid() else "all"


class RecordForm(forms.Form):
    """The visitor's few taps: how it went, when, what was talked about, what next."""

    result = forms.ChoiceField(
        label=_("How did the visit go?"),
        choices=[(s, label) for s, label in constants.Status.choices if s in constants.RESULTS],
        widget=forms.RadioSelect,
    )
    visited_on = date_field(label=_("Date of the visit"), years_back=1, years_ahead=0)
    topics = checkbox_field(_("What did you talk about?"), constants.Topic.choices, required=False)
    follow_up = forms.ChoiceField(
        label=_("Would the resident like a follow-up?"),
        choices=[("", _("No follow-up")), *constants.FollowUp.choices],
        widget=forms.RadioSelect,
        required=False,
        initial="",
    )
    follow_up_wishes = forms.CharField(
        label=_("What would the resident like?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the welfare team reads these. Write down no more than is needed."),
    )


class ConcernFollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=concerns_constants.Kind.choices,
        widget=forms.RadioSelect,
    )
    life_event = forms.ChoiceField(
        label=_("Which life event?"),
        choices=[("", "---------"), *concerns_constants.LifeEvent.choices],
        required=False,
        help_text=_("Only when you chose “Life event”."),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=concerns_constants.Urgency.choices,
        widget=forms.RadioSelect,
    )
    observation = forms.CharField(
        label=_("What was seen or asked"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    consent = forms.ChoiceField(
        label=_("Does the resident know?"),
        choices=concerns_constants.Consent.choices,
        widget=forms.RadioSelect,
    )


# How imported address lists often begin a name ("mevrouw G. Jansen", "de heer H. Mulder"):
# not a first name.
SALUTATIONS = ("mevrouw", "mevr.", "mw.", "de heer", "dhr.", "meneer", "mr.", "mrs.")


def _without_salutation(name: str) -> str:
    name = " ".join(name.split())
    for salutation in SALUTATIONS:
        if name.lower().startswith(salutation + " "):
            return name[len(salutation) + 1 :]
    return name


class _ResidentForm(forms.Form):
    """The resident as the carer registry needs them, filled from the visit."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    date_of_birth = birth_date_field(label=_("Date of birth"), required=False)

    @staticmethod
    def initial_from(visit) -> dict:
        name = _without_salutation(visit.name).split()
        return {
            "first_name": name[0] if name else "",
            "last_name": " ".join(name[1:]),
            "date_of_birth": visit.date_of_birth,
            "phone": visit.phone,
            "postcode": visit.postcode,
        }


class CarerFollowUpForm(_ResidentForm):
    """What the carer registration needs that the visit did not say."""

    reach_by = forms.ChoiceField(
        label=_("Preferred way of contact"), choices=ContactChannel.choices
    )
    phone = PhoneField(label=_("Phone number"), max_length=30, required=False)
    street_address = forms.CharField(
        label=_("Street and house number"), max_length=200, required=False
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    town = forms.CharField(label=_("Town"), max_length=100, required=False)
    consent = forms.BooleanField(
        label=_("The resident agrees to be registered as a carer"),
        help_text=_("Registration needs the carer's explicit consent; ask for it first."),
    )
    on_duplicate = forms.ChoiceField(
        label=_("A carer with this name, date of birth and postcode is registered already"),
        choices=[
            ("link", _("Link the visit to the registered carer")),
            ("register", _("Register a new record anyway (a consultant merges them)")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, duplicate=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not duplicate:
            del self.fields["on_duplicate"]

    @staticmethod
    def initial_from(visit) -> dict:
        return {
            **_ResidentForm.initial_from(visit),
            "street_address": visit.address,
            "town": visit.locality,
            "reach_by": ContactChannel.PHONE if visit.phone else ContactChannel.POST,
        }


class ReferralFollowUpForm(_ResidentForm):
    """A referral to the carer consultants: who, how to reach them, and why."""

    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    phone = PhoneField(label=_("Phone number"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    suggested_target = forms.ChoiceField(
        label=_("Support you suggest"),
        choices=[("", "---------"), *caregivers_constants.ReferralTarget.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Why you refer the resident"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Only what the consultant needs to get in touch. No medical details."),
    )
    consent_confirmed = forms.BooleanField(
        label=_("The resident agrees to this referral and to being contacted by the consultant."),
        error_messages={
            "required": _("Refer a carer only when they agree to it, and confirm that they do.")
        },
    )

    @staticmethod
    def initial_from(visit) -> dict:
        return {**_ResidentForm.initial_from(visit), "reason": visit.follow_up_wishes}
