"""Forms for referrals, the referrer's form and the carer figures. Services do the checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import ContactChannel
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.services.referrals import REFERRER_KINDS, allowed_outcomes
from omzien.common.phone import PhoneField
from omzien.directory.selectors import entries as directory_selectors
from omzien.tenants.models import Municipality
from omzien.ui.forms import PeriodForm, birth_date_field, date_field

BLANK = [("", "---------")]


class ReferralForm(forms.Form):
    entry_id = forms.TypedChoiceField(
        label=_("From the social map"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Choose the service you referred to; the kind and the name follow from it. "
            "Leave empty for a person or a service that is not on the social map."
        ),
    )
    target = forms.ChoiceField(
        label=_("Referred to"),
        choices=BLANK + caregivers_constants.ReferralTarget.choices,
        required=False,
        help_text=_("Required when you chose nothing from the social map."),
    )
    target_detail = forms.CharField(
        label=_("Organisation or person"),
        max_length=200,
        required=False,
        help_text=_("Required for another organisation."),
    )

    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    referred_on = date_field(label=_("Date of the referral"), years_back=5, years_ahead=1)
    follow_up_on = date_field(
        label=_("Follow up on"),
        required=False,
        help_text=_("When you want to check whether the support has started."),
        years_back=1,
        years_ahead=5,
    )

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry_id"].choices = BLANK + directory_selectors.referable_choices(
            municipality=municipality
        )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"))
    follow_up_on = date_field(label=_("Follow up on"), required=False, years_back=1, years_ahead=5)

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(caregivers_constants.ReferralOutcome.choices)
        values = allowed_outcomes(referral.outcome)
        if values and referral.outcome not in values:
            # Keeping the outcome while changing only the follow-up date.
            values = [referral.outcome, *values]
        self.fields["outcome"].choices = [(value, labels[value]) for value in values]


class ReferrerForm(forms.Form):
    """The short form with which a referrer (GP, school, social worker) refers a carer."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality where the carer lives"),
        queryset=Municipality.objects.none(),
        empty_label=None,
    )
    referrer_kind = forms.ChoiceField(
        label=_("You refer as"),
        choices=BLANK + [(kind.value, kind.label) for kind in REFERRER_KINDS],
    )
    first_name = forms.CharField(label=_("First name of the carer"), max_length=100)
    last_name = forms.CharField(label=_("Last name of the carer"), max_length=150)
    date_of_birth = birth_date_field(label=_("Date of birth of the carer"), required=False)
    postcode = forms.CharField(
        label=_("Postcode of the carer"), max_length=7, help_text=_("For example 8181 AB.")
    )
    phone = PhoneField(label=_("Phone number of the carer"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address of the carer"), required=False)
    suggested_target = forms.ChoiceField(
        label=_("Support you suggest"),
        choices=BLANK + caregivers_constants.ReferralTarget.choices,
        required=False,
    )
    reason = forms.CharField(
        label=_("Why you refer this carer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Only what the consultant needs to get in touch. No medical details."),
    )
    consent_confirmed = forms.BooleanField(
        label=_("The carer agrees to this referral and to being contacted by the consultant."),
        error_messages={
            "required": _("Refer a carer only when they agree to it, and confirm that they do.")
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


class IncomingRegisterForm(forms.Form):
    """Registering the carer of an incoming referral: what the referral did not say."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    date_of_birth = birth_date_field(label=_("Date of birth"))
    reach_by = forms.ChoiceField(
        label=_("Preferred way of contact"), choices=ContactChannel.choices
    )
    phone = PhoneField(label=_("Phone number"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    street_address = forms.CharField(
        label=_("Street and house number"), max_length=200, required=False
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    town = forms.CharField(label=_("Town"), max_length=100, required=False)
    work_study = forms.ChoiceField(
        label=_("Work or study"),
        choices=BLANK + caregivers_constants.WorkStudy.choices,
        required=False,
    )
    consent_by = forms.ChoiceField(
        label=_("Consent given by"),
        choices=caregivers_constants.ConsentBy.choices,
        initial=caregivers_constants.ConsentBy.CARER,
        help_text=_(
            "A carer younger than 16 cannot consent themselves: a parent or guardian gives "
            "consent (UAVG art. 5). Ask for it when you contact the carer."
        ),
    )
    consent_guardian_name = forms.CharField(
        label=_("Name of the parent or guardian"),
        max_length=150,
        required=False,
        help_text=_("Required when a parent or guardian gave consent."),
    )

    @classmethod
    def initial_from(cls, incoming) -> dict:
        reach_by = ContactChannel.PHONE if incoming.phone or not incoming.email else "email"
        return {
            "first_name": incoming.first_name,
            "last_name": incoming.last_name,
            "date_of_birth": incoming.date_of_birth,
            "phone": incoming.phone,
            "email": incoming.email,
            "postcode": incoming.postcode,
            "reach_by": reach_by,
        }


class LinkForm(forms.Form):
    caregiver = forms.IntegerField(widget=forms.HiddenInput)


class CandidateSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the registry by name or postcode"), max_length=100, required=False
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the referral not taken on?"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the consultants only; the referrer sees only the status."),
    )


# The figures page uses the period form every figures page shares.
FiguresForm = PeriodForm


class IncomingFilterForm(forms.Form):
    """The filters of the incoming referrals."""

    q = forms.CharField(label=_("Search carer name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *caregivers_constants.IncomingStatus.choices],
    )
    handler = forms.ChoiceField(
        label=_("Handled by"),
        required=False,
        choices=[("", _("Anyone")), ("mine", _("Me")), ("unhandled", _("Nobody yet"))],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: self.cleaned_data[key] for key in ("q", "status", "handler")}

    def narrowed(self) -> bool:
        return any(self.filters().values())
