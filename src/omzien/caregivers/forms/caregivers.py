from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.caregivers import constants
from omzien.caregivers.models import Caregiver, CareRelationship, ContactMoment
from omzien.tenants.models import Locality, Municipality
from omzien.ui.forms import (
    OWN_DETAILS,
    VersionedModelForm,
    birth_date_field,
    date_field,
    identify_own_details,
    offer_municipalities,
)


def _date(label, required=True, help_text="", *, years_back: int, years_ahead: int):
    return date_field(
        label=label,
        required=required,
        help_text=help_text,
        years_back=years_back,
        years_ahead=years_ahead,
    )


def _newsletter_field():
    # Not required: a form posted without it (an older page, a script) means "no newsletter".
    return forms.TypedChoiceField(
        label=_("Newsletter"),
        choices=constants.Newsletter.choices,
        required=False,
        empty_value=constants.Newsletter.NONE,
        widget=forms.RadioSelect,
        help_text=_("Every month: news about support for carers and invitations to activities."),
    )


class CaregiverForm(VersionedModelForm):
    """Registration details, as a consultant records them."""

    newsletter = _newsletter_field()
    date_of_birth = birth_date_field(label=_("Date of birth"))
    consent_given_on = _date(
        _("Consent given on"),
        required=False,
        help_text=_("Required when the legal basis is consent."),
        years_back=20,
        years_ahead=0,
    )

    class Meta:
        model = Caregiver
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "reach_by",
            "newsletter",
            "email",
            "phone",
            "street_address",
            "postcode",
            "town",
            "work_study",
            "source",
            "filled_in_by",
            "helper_name",
            "legal_basis",
            "consent_given_on",
            "consent_by",
            "consent_guardian_name",
        ]
        help_texts = {
            "consent_guardian_name": _("Required when a parent or guardian gave consent."),
            "postcode": _("For example 8181 AB. The locality is derived from it."),
            "reach_by": _("Many older carers have no e-mail: post or phone is fine."),
        }


class SelfRegistrationForm(forms.ModelForm):
    """The public form a carer (or a parent or professional with a young carer) fills in."""

    newsletter = _newsletter_field()
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you give care"),
        queryset=Municipality.objects.filter(is_active=True),
        empty_label=_("Choose a municipality"),
    )
    date_of_birth = birth_date_field(label=_("Date of birth"))
    recipient_name = forms.CharField(
        label=_("First name or initials of the person you care for"), max_length=50
    )
    relationship = forms.ChoiceField(
        label=_("This person is your"), choices=[("", "---------"), *constants.Relationship.choices]
    )
    need_kind = forms.ChoiceField(
        label=_("What kind of care does this person need?"),
        choices=[("", "---------"), *constants.NeedKind.choices],
    )
    hours_band = forms.ChoiceField(
        label=_("How many hours a week do you care?"),
        choices=[("", "---------"), *constants.HoursBand.choices],
    )
    lives_together = forms.BooleanField(label=_("We live together"), required=False)
    consent_by = forms.ChoiceField(
        label=_("Who gives consent?"),
        choices=[
            (constants.ConsentBy.CARER, _("I do: I am 16 or older")),
            (constants.ConsentBy.GUARDIAN, _("My parent or guardian: I am younger than 16")),
        ],
        initial=constants.ConsentBy.CARER,
        widget=forms.RadioSelect,
        help_text=_(
            "Are you younger than 16? Then the law says that your parent or guardian gives "
            "consent, not you. Fill in this form together with them."
        ),
    )
    consent_guardian_name = forms.CharField(
        label=_("Name of your parent or guardian"),
        max_length=150,
        required=False,
        help_text=_("Only when your parent or guardian gives consent."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the welfare organisation stores these details to support me as a "
            "carer. I can withdraw this at any time."
        ),
        help_text=_(
            "For a carer younger than 16, the parent or guardian named above ticks this box."
        ),
        error_messages={"required": _("Without your consent we cannot register you.")},
    )

    class Meta:
        model = Caregiver
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "reach_by",
            "newsletter",
            "email",
            "phone",
            "street_address",
            "postcode",
            "town",
            "work_study",
            "filled_in_by",
            "helper_name",
        ]
        help_texts = {
            "filled_in_by": _("A young carer may fill this in with a parent or a professional."),
            "reach_by": _("How do you want us to contact you?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        identify_own_details(self, **OWN_DETAILS)


class CareRelationshipForm(VersionedModelForm):
    started_on = _date(_("Care started on"), required=False, years_back=100, years_ahead=1)
    tasks = forms.MultipleChoiceField(
        label=_("Tasks"),
        choices=constants.CareTask.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CareRelationship
        fields = [
            "recipient_name",
            "relationship",
            "need_kind",
            "lives_together",
            "in_care_institution",
            "started_on",
            "hours_band",
            "tasks",
        ]


class ContactMomentForm(forms.ModelForm):
    contact_on = _date(_("Date"), years_back=5, years_ahead=1)
    next_contact_on = _date(_("Next contact"), required=False, years_back=1, years_ahead=5)

    class Meta:
        model = ContactMoment
        fields = ["contact_on", "channel", "topic", "notes", "next_contact_on"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class EndCareForm(forms.Form):
    ended_on = _date(_("Care ended on"), years_back=5, years_ahead=1)
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "---------"), *constants.EndReason.choices]
    )


class RelationshipEndForm(forms.Form):
    """One care relationship ends; the field names are the service's."""

    ended_on = _date(_("Care ended on"), years_back=5, years_ahead=1)
    end_reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[
            ("", "---------"),
            *[(reason.value, reason.label) for reason in constants.RELATIONSHIP_END_REASONS],
        ],
        help_text=_(
            "A move into a care institution ends the care only when the carer no longer "
            "cares for this person; otherwise change the care relationship and mark that the "
            "person lives in a care institution."
        ),
    )


class MergeForm(forms.Form):
    other = forms.IntegerField(
        label=_("Number of the duplicate record"),
        help_text=_("The duplicate is folded into this record and all its history moves here."),
        min_value=1,
    )


class AccountLinkForm(forms.Form):
    """How the consultant confirmed with the carer that a record is theirs."""

    channel = forms.ChoiceField(
        label=_("How did you speak to the carer?"), choices=constants.ContactChannel.choices
    )
    note = forms.CharField(
        label=_("How did the carer confirm that this record is theirs?"),
        help_text=_(
            "For example: called on the phone number in the record, and the carer confirmed "
            "their date of birth and address. Kept as a contact moment."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # the service requires it, with its own message
    )


class RegistryFilterForm(forms.Form):
    # Only for consultants of more than one municipality (offer_municipalities).
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.none(),
        empty_label=_("All municipalities"),
    )
    q = forms.CharField(label=_("Search name, postcode or e-mail"), required=False, max_length=100)
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("All ages")), *constants.AgeGroup.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Active and after-care")),
            (constants.CaregiverStatus.ACTIVE, _("Active")),
            (constants.CaregiverStatus.AFTERCARE, _("After-care")),
        ],
    )
    locality = forms.ModelChoiceField(
        label=_("Locality"),
        required=False,
        queryset=Locality.objects.none(),
        empty_label=_("All localities"),
    )
    intensive = forms.ChoiceField(
        label=_("Contact"),
        required=False,
        choices=[("", _("All")), ("1", _("Intensive contact")), ("0", _("Not intensive"))],
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        offer_municipalities(self, municipalities)
        self.fields["locality"].queryset = Locality.objects.filter(
            municipality__in=municipalities
        ).select_related("municipality")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        intensive = {"1": True, "0": False}.get(data.get("intensive") or "")
        return {
            "municipality": data.get("municipality"),
            "q": data.get("q") or "",
            "age_group": data.get("age_group") or "",
            "status": data.get("status") or "",
            "locality": data.get("locality"),
            "intensive": intensive,
        }


class CaseloadFilterForm(forms.Form):
    # Only for consultants of more than one municipality (offer_municipalities).
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.none(),
        empty_label=None,
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("All ages")), *constants.AgeGroup.choices],
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        offer_municipalities(self, municipalities)
        self.municipalities = municipalities

    def chosen(self) -> tuple:
        """(municipality, age group): the chosen ones, or the first municipality and all ages."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("municipality") or self.municipalities[0], data.get("age_group") or ""


class UnassignedFilterForm(forms.Form):
    """The filters of the carers nobody has taken on yet."""

    q = forms.CharField(label=_("Search name, postcode or e-mail"), required=False, max_length=100)
    source = forms.ChoiceField(
        label=_("Came in through"),
        required=False,
        choices=[("", _("All ways")), *constants.Source.choices],
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("All ages")), *constants.AgeGroup.choices],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: self.cleaned_data[key] for key in ("q", "source", "age_group")}


class OwnDetailsForm(VersionedModelForm):
    """What a carer may change in their own registration: how to reach them."""

    newsletter = _newsletter_field()
    version_required = True

    class Meta:
        model = Caregiver
        fields = [
            "reach_by",
            "newsletter",
            "email",
            "phone",
            "street_address",
            "postcode",
            "town",
            "work_study",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        identify_own_details(self, **OWN_DETAILS)
