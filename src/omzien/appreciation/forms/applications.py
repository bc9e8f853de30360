"""The forms of an application: the one application form (public, invitation, consultant and
paper entry differ only in a few fields), the code, the staff decision, the correction, the
objection and the queue's filter. The service checks the details (``services.applications``);
the forms only read them."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.appreciation import constants
from omzien.appreciation.models import Application
from omzien.appreciation.services.applications import DATA_FIELDS
from omzien.ui.forms import (
    OWN_DETAILS,
    VersionedModelForm,
    birth_date_field,
    date_field,
    identify_own_details,
)

# Autofill hints: older people on a phone fill in less when the browser does it for them.
# The groups of the form, each a fieldset with a legend: (legend, fields).
SECTIONS = (
    (
        _("About you, the carer"),
        (
            "first_name",
            "last_name",
            "date_of_birth",
            "street",
            "house_number",
            "postcode",
            "town",
            "email",
            "phone",
        ),
    ),
    (
        _("The person you care for"),
        (
            "recipient_initials",
            "recipient_date_of_birth",
            "recipient_postcode",
            "recipient_house_number",
        ),
    ),
    (
        _("The care you give"),
        ("relationship", "hours_per_week", "care_since", "usual_care", "paid_care"),
    ),
    (_("Who fills in this form"), ("filled_in_by", "helper_name", "received_on")),
    (_("Payment"), ("iban", "account_holder")),
    (_("Letters and the carer registry"), ("reach_by", "consent_registry")),
)


def new_submission_key() -> str:
    return uuid.uuid4().hex


class ApplicationForm(forms.ModelForm):
    """An application for one round. ``staff``: entered by a consultant or from paper (staff
    may fill it in themselves); ``paper``: the day it came in is asked too. The payment fields
    only when one of the round's age bands is paid by bank transfer."""

    date_of_birth = birth_date_field(label=_("Your date of birth"))
    recipient_date_of_birth = birth_date_field(label=_("Date of birth of the person you care for"))
    care_since = date_field(
        years_back=100,
        years_ahead=0,
        label=_("Caring since"),
        help_text=_("Roughly is fine: the month and year you started."),
    )
    received_on = date_field(
        years_back=1, years_ahead=0, label=_("The paper form came in on"), required=True
    )
    submission_key = forms.CharField(
        widget=forms.HiddenInput, initial=new_submission_key, required=False, max_length=64
    )

    class Meta:
        model = Application
        fields = [*DATA_FIELDS, "filled_in_by", "helper_name"]
        labels = {
            "first_name": _("Your first name"),
            "last_name": _("Your last name"),
            "street": _("Street"),
            "house_number": _("House number"),
            "postcode": _("Postcode"),
            "town": _("Town"),
            "email": _("E-mail address"),
            "phone": _("Phone number"),
            "recipient_initials": _("Initials of the person you care for"),
            "recipient_postcode": _("Their postcode"),
            "recipient_house_number": _("Their house number"),
            "relationship": _("The person you care for is your"),
            "hours_per_week": _("Hours of care a week"),
            "usual_care": _("This is usual care"),
            "paid_care": _("I am paid for this care"),
            "filled_in_by": _("Who fills in this form?"),
            "helper_name": _("Name of the professional who helps"),
            "iban": _("Bank account number (IBAN)"),
            "account_holder": _("Name of the account holder"),
            "reach_by": _("How do you want to receive our letters?"),
            "consent_registry": _("Add me to the carer registry"),
        }
        help_texts = {
            "recipient_initials": _("For example: J.P."),
            "recipient_postcode": _("Where the person you care for lives."),
            "hours_per_week": _("An average week. For example: 10."),
            "usual_care": _(
                "Tick this only if it is the care partners give each other every day, or that "
                "parents give to young children. That care does not count."
            ),
            "paid_care": _(
                "Tick this if you receive money for this care, for example from a personal "
                "budget (pgb). Paid care does not count."
            ),
            "helper_name": _("Only when a professional helps to fill in this form."),
            "iban": _(
                "The appreciation is paid into this account. For example: NL91ABNA0417164300."
            ),
            "email": _("We send the letters here if you choose e-mail."),
            "consent_registry": _(
                "The carer consultant can then tell you about support and meetings for carers. "
                "You can withdraw this at any time."
            ),
        }
        widgets = {
            "filled_in_by": forms.RadioSelect,
            "reach_by": forms.RadioSelect,
            "hours_per_week": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
        }

    def __init__(self, *args, round_, staff: bool = False, paper: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        bands = list(round_.age_bands.all())
        transfers = [band.form == constants.AppreciationForm.BANK_TRANSFER for band in bands]
        if not any(transfers):
            del self.fields["iban"]
            del self.fields["account_holder"]
        elif all(transfers):
            # Every carer of the round is paid by transfer: the account is always needed (in
            # a round with vouchers too, the service asks for it when the carer's age needs it).
            self.fields["iban"].required = True
            self.fields["account_holder"].required = True
        if not paper:
            del self.fields["received_on"]
        who = self.fields["filled_in_by"]
        who.choices = [
            (value, label)
            for value, label in constants.FilledInBy.choices
            if staff or value != constants.FilledInBy.STAFF
        ]
        reach = self.fields["reach_by"]
        reach.choices = [
            (value, label)
            for value, label in reach.choices
            if value in ("email", "post") or value == self.initial.get("reach_by")
        ]
        identify_own_details(self, **OWN_DETAILS, account_holder="name")
        for name in ("house_number", "recipient_house_number"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["hours_per_week"].required = True

    def _post_clean(self):
        # The service normalises and checks every detail with the round's rules
        # (services.applications._clean), so a refusal reads the same on every channel.
        pass

    def sections(self):
        """The form's fields by section, leaving out sections without fields."""
        found = []
        for legend, names in SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                found.append((legend, fields))
        return found

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in DATA_FIELDS if name in self.fields}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your personal code"),
        max_length=30,
        help_text=_("The code is in the letter or e-mail you received, for example ABCD-2345-WX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


DECISIONS = (
    (constants.ApplicationStatus.GRANTED, _("Grant")),
    (constants.ApplicationStatus.REFUSED, _("Refuse")),
    (constants.ApplicationStatus.WAITING_LIST, _("Put on the waiting list")),
)


class DecideForm(forms.Form):
    # No decision is chosen beforehand: a required radio group without a choice is :invalid to
    # the browser, which the radio style paints red before anything was sent.
    use_required_attribute = False

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.ChoiceField(
        label=_("Reason for a refusal"),
        choices=[("", _("Choose a reason")), *constants.Check.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for the reason “Other reason” and after an objection."),
    )
    expected = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PayAgainForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ObjectionForm(forms.Form):
    objection = forms.CharField(
        label=_("Why do you object to the decision?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    expected = forms.CharField(widget=forms.HiddenInput)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All"))] + constants.ApplicationStatus.choices,
        required=False,
    )
    check = forms.ChoiceField(
        label=_("Failed check"), choices=[("", _("Any"))] + constants.Check.choices, required=False
    )
    q = forms.CharField(
        label=_("Number, name or postcode"), max_length=100, required=False, strip=True
    )
    offered = forms.BooleanField(
        label=_("Only applicants to add to the carer registry"), required=False
    )
    sample = forms.BooleanField(
        label=_("Only sampled applications whose documents are still to be checked"),
        required=False,
    )


class CarerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or postcode of the carer"), max_length=100, required=False)


class CorrectForm(VersionedModelForm, ApplicationForm):
    """Staff correct the details of an open application (the IBAN after a failed payment)."""

    version_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, staff=True, **kwargs)
        for name in ("filled_in_by", "helper_name", "submission_key"):
            del self.fields[name]
