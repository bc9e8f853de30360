from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from omzien.tenants.models import Locality, Municipality
from omzien.ui.forms import (
    DayPartGrid,
    VersionedModelForm,
    birth_date_field,
    date_field,
    identify_own_details,
    offer_municipalities,
)
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.constants import day_part_choices
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.services.profiles import ASSISTED_CONSENT, MOTIVATION_MAX


class ProfileForm(VersionedModelForm):
    """What a volunteer offers; the resident's and the broker's forms add their own fields."""

    interests = forms.MultipleChoiceField(
        label=_("What would you like to do?"),
        choices=volunteering_constants.Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you available?"),
        choices=day_part_choices,
        widget=DayPartGrid,
        error_messages={"required": _("Choose at least one day-part when you are available.")},
        help_text=_(
            "Tick each day-part when you can. Morning is until 12:00, afternoon until 18:00, "
            "evening after 18:00."
        ),
    )
    commitments = forms.MultipleChoiceField(
        label=_("What kind of volunteer work?"),
        choices=volunteering_constants.VacancyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A one-off task takes a day or less; short-term is a few weeks or months; "
            "structural is regular work for a longer time."
        ),
    )
    locality = forms.ModelChoiceField(
        label=_("Where do you live? (village or town)"),
        queryset=Locality.objects.none(),
        required=False,
        empty_label=_("Choose a village or town"),
    )
    date_of_birth = birth_date_field(
        label=_("Date of birth"),
        help_text=_(
            "Volunteers are at least 12 years old. Are you 12 to 15 years old? "
            "Then a parent or guardian must agree that you do volunteer work."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=volunteering_constants.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    motivation = forms.CharField(
        label=_("Why would you like to do volunteer work?"),
        required=False,
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 2000 characters."),
    )
    findable_by = forms.ChoiceField(
        label=_("Who may find your profile?"),
        choices=volunteering_constants.Findable.choices,
        widget=forms.RadioSelect,
        initial=volunteering_constants.Findable.BROKERS,
    )

    class Meta:
        model = VolunteerProfile
        fields = [
            "interests",
            "tasks_liked",
            "availability",
            "hours_per_week",
            "commitments",
            "locality",
            "travel_km",
            "date_of_birth",
            "vog_willing",
            "languages",
            "driving_licence",
            "wants_guidance",
            "motivation",
            "findable_by",
            "wants_newsletter",
        ]
        labels = {
            "tasks_liked": _("Which tasks do you like to do?"),
            "hours_per_week": _("How many hours a week?"),
            "travel_km": _("How far will you travel (km)?"),
            "driving_licence": _("I have a driving licence"),
            "wants_guidance": _("I would like some guidance when I start"),
            "vog_willing": _("I am willing to request a VOG"),
            "wants_newsletter": _("Send me the municipality's newsletter by e-mail"),
        }
        help_texts = {
            "vog_willing": _(
                "Some volunteer work needs a VOG (Verklaring Omtrent Gedrag). Usually the "
                "organisation asks for it after choosing you, and often it is free. With this "
                "ticked you also see such work. Record a VOG you have under “VOG and "
                "certificates”."
            ),
            "wants_newsletter": _(
                "News about volunteering, support and activities. You can unsubscribe with "
                "the link in every newsletter."
            ),
            "tasks_liked": _("For example: gardening, driving, being a buddy, computer help."),
            "wants_guidance": _(
                "For example when you are new to volunteer work or find it exciting. "
                "The volunteer broker will help you."
            ),
        }
        widgets = {"tasks_liked": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, localities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if localities is not None:
            self.fields["locality"].queryset = localities

    def profile_data(self) -> dict:
        """The cleaned values for the service (without the form's own fields)."""
        return {k: v for k, v in self.data_for_service().items() if k != "consent"}


class ResidentProfileForm(ProfileForm):
    """The resident's own form; on creation they give their consent online."""

    consent = forms.BooleanField(
        label=_("I agree that my volunteer profile is stored and used as described below"),
        help_text=_(
            "We store the details on this form to find suitable volunteer work for you. "
            "The volunteer brokers of your municipality can see your profile. If you chose "
            "'Brokers and organisations in my region', organisations in the region can find "
            "you too. You can pause or delete your profile at any time."
        ),
        error_messages={"required": _("Without your consent we cannot store your profile.")},
    )

    def __init__(self, *args, with_consent: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_consent:
            del self.fields["consent"]
        identify_own_details(self, date_of_birth="bday")


class AssistedProfileForm(ProfileForm):
    """A broker fills in the profile on behalf of a resident without an account."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    consent_how = forms.ChoiceField(
        label=_("How did the resident give consent?"),
        choices=[
            (value, label)
            for value, label in volunteering_constants.ConsentHow.choices
            if value in ASSISTED_CONSENT
        ],
        widget=forms.RadioSelect,
    )
    consent_given_on = date_field(
        label=_("Consent given on"),
        years_back=20,
        years_ahead=0,
        initial=timezone.localdate,
        help_text=_("Explain what is stored and who sees it before the resident agrees."),
    )

    field_order = ["municipality", "full_name", "email", "phone"]

    class Meta(ProfileForm.Meta):
        fields = [
            "full_name",
            "email",
            "phone",
            *ProfileForm.Meta.fields,
            "consent_how",
            "consent_given_on",
        ]
        labels = {
            **ProfileForm.Meta.labels,
            "full_name": _("Name of the volunteer"),
            "email": _("E-mail address"),
            "phone": _("Phone number"),
            "tasks_liked": _("Which tasks does the volunteer like to do?"),
            "driving_licence": _("Has a driving licence"),
            "wants_guidance": _("Would like some guidance when starting"),
        }
        help_texts = {
            **ProfileForm.Meta.help_texts,
            "email": _("Fill in an e-mail address or a phone number (or both)."),
        }

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A profile stays in its municipality.
        offer_municipalities(self, [] if self.instance.pk else municipalities)
        labels = {
            "interests": _("What would the volunteer like to do?"),
            "availability": _("When is the volunteer available?"),
            "locality": _("Where does the volunteer live? (village or town)"),
            "languages": _("Languages the volunteer speaks"),
            "motivation": _("Why would the volunteer like to do volunteer work?"),
            "findable_by": _("Who may find the profile?"),
            "travel_km": _("How far will the volunteer travel (km)?"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["date_of_birth"].help_text = _(
            "Volunteers are at least 12 years old. For a volunteer of 12 to 15 years old, "
            "a parent or guardian must agree."
        )
        self.fields["vog_willing"].label = _("The volunteer is willing to request a VOG")

    def profile_data(self) -> dict:
        data = super().profile_data()
        data.pop("municipality", None)
        return data


class VolunteerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    interest = forms.ChoiceField(
        label=_("Interest"),
        required=False,
        choices=[("", _("All interests")), *volunteering_constants.Domain.choices],
    )
    day_part = forms.ChoiceField(
        label=_("Available on"),
        required=False,
        choices=[
            ("", _("Any day-part")),
            *[(code, capfirst(label)) for code, label in volunteering_constants.DAY_PARTS],
        ],
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[
            ("", _("All ages")),
            ("young", _("Young people (under 18)")),
            ("adult", _("Adults (18 and older)")),
        ],
    )
    guidance = forms.ChoiceField(
        label=_("Guidance"),
        required=False,
        choices=[("", _("All")), ("1", _("Would like guidance")), ("0", _("No guidance asked"))],
    )
    paused = forms.ChoiceField(
        label=_("Paused"),
        required=False,
        choices=[("", _("All")), ("0", _("Active profiles")), ("1", _("Paused profiles"))],
    )
    registration = forms.ChoiceField(
        label=_("Registered"),
        required=False,
        choices=[("", _("All")), ("assisted", _("By a broker")), ("self", _("By the volunteer"))],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        yes_no = {"1": True, "0": False}
        return {
            "q": " ".join((data.get("q") or "").split()),
            "interest": data.get("interest") or "",
            "day_part": data.get("day_part") or "",
            "age_group": data.get("age_group") or "",
            "wants_guidance": yes_no.get(data.get("guidance") or ""),
            "paused": yes_no.get(data.get("paused") or ""),
            "assisted": {"assisted": True, "self": False}.get(data.get("registration") or ""),
        }
