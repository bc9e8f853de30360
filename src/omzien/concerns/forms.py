"""The forms of the concerns capability."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import ContactChannel
from omzien.buddies import selectors as buddies_selectors
from omzien.buddies.models import BuddyProgramme
from omzien.common.phone import PhoneField
from omzien.concerns import constants
from omzien.concerns.models import Concern, ConcernSettings
from omzien.directory.selectors import entries as directory_selectors
from omzien.tenants.models import Locality, Municipality
from omzien.ui.forms import (
    VersionedModelForm,
    birth_date_field,
    date_field,
    identify_own_details,
)

BLANK = [("", "---------")]

RESIDENT_FIELDS = [
    "resident_name",
    "resident_address",
    "resident_postcode",
    "resident_phone",
    "resident_birth_year",
    "kind",
    "life_event",
    "urgency",
    "observation",
    "consent",
]


class _ReportForm(forms.ModelForm):
    resident_phone = PhoneField(label=_("Phone number of the resident"), required=False)
    kind = forms.ChoiceField(
        label=_("What are you worried about?"),
        choices=constants.Kind.choices,
        widget=forms.RadioSelect,
    )
    life_event = forms.ChoiceField(
        label=_("Which life event?"),
        choices=BLANK + constants.LifeEvent.choices,
        required=False,
        help_text=_("Only when you chose “Life event”."),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=constants.Urgency.choices,
        initial=constants.Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    consent = forms.ChoiceField(
        label=_("Does the resident know that you report this?"),
        choices=constants.Consent.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Concern
        fields = RESIDENT_FIELDS
        labels = {
            "resident_name": _("Name of the resident"),
            "resident_address": _("Street and house number"),
            "observation": _("What have you seen or heard?"),
        }
        help_texts = {
            "resident_address": _(
                "Fill in an address, postcode or phone number so we can find the resident."
            ),
            "resident_birth_year": _("If you know it, roughly."),
            "observation": _(
                "For example: since her husband died she no longer comes to the club, and "
                "the curtains stay closed."
            ),
        }
        widgets = {"observation": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"] = forms.ModelChoiceField(
            label=_("Municipality where the resident lives"),
            queryset=municipalities,
            empty_label=_("Choose a municipality"),
        )
        self.order_fields(["municipality", *RESIDENT_FIELDS])
        self.fields["resident_address"].required = False
        self.fields["resident_postcode"].required = False

    def _post_clean(self):
        # The service validates the concern as a whole (services._clean_report).
        pass


class PublicReportForm(_ReportForm):
    """The public form: anyone may report a concern about a resident."""

    reporter_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    reporter_email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Optional. Then we let you know once someone has picked up your report."),
    )
    reporter_phone = PhoneField(
        label=_("Your phone number"),
        required=False,
        help_text=_("Optional. In case the welfare worker has a question."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(
            *args, municipalities=Municipality.objects.filter(is_active=True), **kwargs
        )
        identify_own_details(
            self, reporter_name="name", reporter_email="email", reporter_phone="tel"
        )


class ProfessionalReportForm(_ReportForm):
    """A professional's report (referrer role): with profession and organisation."""

    profession = forms.ChoiceField(
        label=_("Your profession"), choices=BLANK + constants.Profession.choices
    )
    organisation = forms.CharField(label=_("Your organisation"), max_length=150)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(
            *args,
            municipalities=Municipality.objects.filter(
                pk__in=[m.pk for m in municipalities]
            ).order_by("name"),
            **kwargs,
        )
        self.order_fields(["municipality", "profession", "organisation", *RESIDENT_FIELDS])


class StaffReportForm(_ReportForm):
    """A concern the welfare team came across in its own work."""

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(
            *args,
            municipalities=Municipality.objects.filter(
                pk__in=[m.pk for m in municipalities]
            ).order_by("name"),
            **kwargs,
        )


class QueueFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("All open concerns")),
            ("new", _("New")),
            ("unassigned", _("Not assigned")),
            ("overdue", _("First contact overdue")),
            ("mine", _("Assigned to me")),
            ("closed", _("Closed")),
            ("all", _("All")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("About"), required=False, choices=[("", _("Every kind")), *constants.Kind.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {"show": "open", "kind": ""}
        return {
            "show": self.cleaned_data.get("show") or "open",
            "kind": self.cleaned_data.get("kind") or "",
        }


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=None, empty_label=None)

    def __init__(self, *args, workers, me, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = get_user_model().objects.filter(pk__in=[w.pk for w in workers])
        field.label_from_instance = lambda user: user.get_full_name() or user.email
        if any(w.pk == me.pk for w in workers):
            field.initial = me.pk


def _done_on():
    return date_field(label=_("Date"), years_back=1, years_ahead=0)


class ContactForm(forms.Form):
    done_on = _done_on()
    kind = forms.ChoiceField(
        label=_("How was the resident reached?"),
        choices=[
            (k, label) for k, label in constants.ActionKind.choices if k in constants.CONTACT_KINDS
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ActionForm(forms.Form):
    done_on = _done_on()
    kind = forms.ChoiceField(
        label=_("What was done"),
        choices=[
            (k, label) for k, label in constants.ActionKind.choices if k not in constants.LINK_KINDS
        ],
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=constants.Outcome.choices, widget=forms.RadioSelect
    )
    entry_id = forms.TypedChoiceField(
        label=_("From the social map"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Where the resident was referred to or support started, if it is on the map."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry_id"].choices = [("", "---------")] + (
            directory_selectors.referable_choices(municipality=municipality)
        )


class ReopenForm(forms.Form):
    note = forms.CharField(label=_("Why is the concern reopened?"), max_length=255)


class RegisterCarerForm(forms.Form):
    """What the carer registration needs that the concern did not say."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    date_of_birth = birth_date_field(label=_("Date of birth"), required=False)
    reach_by = forms.ChoiceField(
        label=_("Preferred way of contact"), choices=ContactChannel.choices
    )
    phone = PhoneField(label=_("Phone number"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
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
            ("link", _("Link the concern to the registered carer")),
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
    def initial_from(concern) -> dict:
        first, _sep, last = concern.resident_name.partition(" ")
        return {
            "first_name": first,
            "last_name": last,
            "phone": concern.resident_phone,
            "street_address": concern.resident_address,
            "postcode": concern.resident_postcode,
            "reach_by": ContactChannel.PHONE if concern.resident_phone else ContactChannel.POST,
        }


class ProposeBuddyForm(forms.Form):
    """Which programme, and what the buddy programme needs that the concern did not say."""

    programme = forms.ModelChoiceField(
        label=_("Buddy programme"), queryset=BuddyProgramme.objects.none(), empty_label=None
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    date_of_birth = birth_date_field(label=_("Date of birth"), required=False)
    phone = PhoneField(label=_("Phone number"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    locality = forms.ModelChoiceField(
        label=_("Village or town"), queryset=Locality.objects.none(), required=False
    )
    notes = forms.CharField(
        label=_("What the broker should know"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what is needed to find a buddy; the concern itself stays here."),
    )
    consent = forms.BooleanField(
        label=_("The resident agrees to be proposed for the buddy programme"),
        help_text=_("The broker will contact the resident; ask for consent first."),
    )
    on_duplicate = forms.ChoiceField(
        label=_("Someone with this name takes part in the programme already"),
        choices=[
            ("link", _("Link the concern to that participant")),
            ("register", _("Propose a new participant anyway (the broker checks it)")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, municipality, duplicate=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = buddies_selectors.programme_choices(
            municipality=municipality
        )
        self.fields["locality"].queryset = buddies_selectors.locality_choices(
            municipality=municipality
        )
        if not duplicate:
            del self.fields["on_duplicate"]

    @staticmethod
    def initial_from(concern) -> dict:
        return {"name": concern.resident_name, "phone": concern.resident_phone}

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or data.get("email")) and not self.has_error("phone"):
            self.add_error("phone", _("Fill in an e-mail address or a phone number."))
        return data


class ConcernSettingsForm(VersionedModelForm):
    class Meta:
        model = ConcernSettings
        fields = ["first_contact_days", "anonymise_after_months"]
