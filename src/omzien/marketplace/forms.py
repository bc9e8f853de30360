"""The forms of the beursvloer."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omzien.common.phone import PhoneField
from omzien.marketplace import constants
from omzien.marketplace.models import Entry, Event
from omzien.ui.forms import VersionedModelForm, date_field


def new_submission_key() -> str:
    return uuid.uuid4().hex


class EventForm(VersionedModelForm):
    held_on = date_field(years_back=1, years_ahead=3, label=_("Date of the beursvloer"))
    registration_opens = date_field(years_back=1, years_ahead=3, label=_("Registration opens on"))
    registration_closes = date_field(years_back=1, years_ahead=3, label=_("Registration closes on"))

    class Meta:
        model = Event
        fields = [
            "year",
            "held_on",
            "place",
            "registration_opens",
            "registration_closes",
            "description",
            "contact_retention_months",
        ]
        help_texts = {
            "place": _("For example: Kulturhus Nieuwleusen, Burgemeester Backxlaan 3."),
            "description": _("Shown on the public registration page."),
            "contact_retention_months": _(
                "The names, e-mail addresses and phone numbers of the contact persons are "
                "removed this many months after the beursvloer."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class EntryForm(VersionedModelForm):
    direction = forms.ChoiceField(
        label=_("Do you offer something or do you ask for something?"),
        choices=constants.Direction.choices,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=_("What kind of thing?"),
        choices=constants.EntryKind.choices,
        widget=forms.RadioSelect,
        help_text=_("The beursvloer is about everything but money."),
    )
    hours = forms.IntegerField(
        label=_("Estimated value in hours"),
        min_value=1,
        max_value=constants.MAX_HOURS,
        help_text=_("How many hours of work it is worth, roughly."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Entry
        fields = ["direction", "kind", "title", "description", "hours"]
        labels = {"title": _("Title"), "description": _("Description")}
        help_texts = {"title": _("For example: “Two volunteers for the sports day”.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class BusinessForm(EntryForm):
    """The public form: the business, its contact person and its first offer or request."""

    name = forms.CharField(label=_("Name of the business"), max_length=150)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the link to change your entries to this address."),
    )
    contact_phone = PhoneField(label=_("Phone number"), required=False)
    submission_key = forms.CharField(
        widget=forms.HiddenInput, initial=new_submission_key, required=False, max_length=64
    )

    field_order = [
        "name",
        "contact_name",
        "contact_email",
        "contact_phone",
        "direction",
        "kind",
        "title",
        "description",
        "hours",
    ]


class DealForm(forms.Form):
    """A deal at the event: short, for a phone."""

    giver_id = forms.TypedChoiceField(label=_("Who gives"), coerce=int)
    receiver_id = forms.TypedChoiceField(label=_("To whom"), coerce=int)
    what = forms.CharField(label=_("What"), max_length=300)
    due_on = date_field(years_back=0, years_ahead=3, label=_("By when"))
    hours = forms.IntegerField(
        label=_("Estimated value in hours"),
        min_value=1,
        max_value=constants.MAX_HOURS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    prematch_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose…")), *((p.pk, p.name) for p in parties)]
        self.fields["giver_id"].choices = choices
        self.fields["receiver_id"].choices = choices


class FollowUpForm(forms.Form):
    target = forms.ChoiceField(
        label=_("How did it go?"),
        choices=[
            (constants.DealStatus.DONE, pgettext_lazy("beursvloer", "Done")),
            (constants.DealStatus.PARTLY, _("Partly done")),
            (constants.DealStatus.NOT_DONE, _("Not done")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=255,
        help_text=_("Required when it was not done: why not."),
    )

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["target"].choices = [
                (value, label) for value, label in self.fields["target"].choices if value in targets
            ]


class DealFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("all", _("All deals")),
            ("follow_up", _("To follow up")),
            ("agreed", _("Agreed")),
            ("completed", _("Done or partly done")),
            ("not_done", _("Not done")),
        ],
    )

    def show_value(self) -> str:
        if not self.is_valid():
            return "all"
        return self.cleaned_data.get("show") or "all"
