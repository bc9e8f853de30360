from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.common.phone import PhoneField
from omzien.common.workflow import NOTE_MAX
from omzien.directory import constants
from omzien.directory.models import DirectorySettings, Entry
from omzien.tenants.models import Locality, Municipality
from omzien.ui.forms import VersionedModelForm, WhereSearchForm, checkbox_field, locality_choices
from omzien.volunteering.models import Organisation


class EntryForm(VersionedModelForm):
    """An entry as its owner or staff write it."""

    categories = checkbox_field(
        _("Categories"),
        constants.Category.choices,
        _("Choose every kind of help this is; residents search by these."),
        error_messages={"required": _("Choose at least one category.")},
    )
    target_groups = checkbox_field(
        _("For whom?"),
        constants.TargetGroup.choices,
        _("Leave empty when it is for everyone."),
        required=False,
    )
    access = forms.ChoiceField(
        label=_("How does someone get it?"),
        choices=constants.Access.choices,
        widget=forms.RadioSelect,
        initial=constants.Access.SELF,
    )
    cost = forms.ChoiceField(
        label=_("Cost"),
        choices=constants.Cost.choices,
        widget=forms.RadioSelect,
        initial=constants.Cost.FREE,
    )
    locality = forms.ModelChoiceField(
        label=_("Village or town"),
        queryset=Locality.objects.none(),
        required=False,
        empty_label=_("No particular village"),
    )
    phone = PhoneField(label=_("Phone number"), required=False)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": _("Fill in a complete web address, such as https://example.nl.")
        },
    )

    class Meta:
        model = Entry
        fields = list(constants.ENTRY_FIELDS)
        labels = {
            "title": _("Title"),
            "provider_name": _("Provider"),
            "description": _("What is it?"),
            "helps_with": _("What does it help with?"),
            "access_text": _("How to get it, explained"),
            "cost_text": _("What does it cost?"),
            "address": _("Address"),
            "region_wide": _("Offered in the whole municipality or region (no single address)"),
            "online": _("Also online or by phone"),
            "opening_hours": _("When? (opening hours, days)"),
            "email": _("E-mail address"),
            "website": _("Website"),
            "contact_name": _("Contact person"),
        }
        help_texts = {
            "title": _("Short and clear, for example: Alzheimer Café Heerde."),
            "description": _("In plain words: what happens, who offers it."),
            "helps_with": _("Why someone would use it: what it makes easier."),
            "address": _("Street, house number and place, if it is at one address."),
            "opening_hours": _("For example: every first Tuesday of the month, 19:30-21:30."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "helps_with": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "title": {"required": _("Fill in a title.")},
            "description": {"required": _("Describe what it is.")},
            "website": {"invalid": _("Fill in a complete web address, starting with https://.")},
            "email": {"invalid": _("Fill in a valid e-mail address.")},
        }

    def __init__(self, *args, municipality, of_organisation: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(
            municipality=municipality
        ).order_by("name")
        if of_organisation:
            # The organisation is the provider: its name shows on the entry.
            del self.fields["provider_name"]

    def service_data(self) -> dict:
        data = self.data_for_service()
        for field in constants.ENTRY_FIELDS:
            if field not in self.fields or field in (
                "locality",
                "region_wide",
                "online",
                "categories",
                "target_groups",
            ):
                continue
            data[field] = data.get(field) or ""
        data["categories"] = list(data.get("categories") or [])
        data["target_groups"] = list(data.get("target_groups") or [])
        return data


class StaffEntryForm(EntryForm):
    """Staff choose the municipality (where they are staff of more than one) and optionally
    the organisation that will maintain the entry."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation in Omzien"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None: a named provider (fill in Provider)"),
        help_text=_("Its members can then keep the entry up to date themselves."),
    )

    field_order = ["municipality", "organisation"]

    def __init__(self, *args, municipalities, **kwargs):
        chosen = municipalities[0]
        data = args[0] if args else kwargs.get("data")
        if data and data.get("municipality"):
            chosen = next(
                (m for m in municipalities if str(m.pk) == str(data.get("municipality"))), chosen
            )
        super().__init__(*args, municipality=chosen, **kwargs)
        ids = [m.pk for m in municipalities]
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=ids)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=chosen
        ).order_by("name")
        self.fields["locality"].queryset = Locality.objects.filter(Q(municipality=chosen)).order_by(
            "name"
        )
        if len(municipalities) == 1:
            self.fields["municipality"].widget = forms.HiddenInput()
            self.fields["municipality"].initial = chosen.pk

    def service_data(self) -> dict:
        data = super().service_data()
        data.pop("municipality", None)
        data.pop("organisation", None)
        return data


class TransitionForm(forms.Form):
    target = forms.ChoiceField(choices=constants.EntryStatus.choices, widget=forms.HiddenInput)
    expected = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you reject or take an entry offline; the owner reads it."),
    )


class ChangeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Reason (when you reject the change)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EntrySearchForm(WhereSearchForm):
    """The public search: a GET form that works without JavaScript."""

    field_order = [
        "q",
        "category",
        "target_group",
        "municipality",
        "area",
        "locality",
        "distance",
        "cost",
    ]

    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=200,
        help_text=_("For example: respite, dementia, debts, meeting people."),
    )
    category = forms.ChoiceField(
        label=_("Kind of help"),
        required=False,
        choices=[("", _("All kinds of help")), *constants.Category.choices],
    )
    target_group = forms.ChoiceField(
        label=_("For whom"),
        required=False,
        choices=[("", _("Everyone")), *constants.TargetGroup.choices],
    )
    cost = forms.ChoiceField(
        label=_("Cost"),
        required=False,
        choices=[("", _("Free or paid")), *constants.Cost.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].to_field_name = "slug"  # the public address names it
        self.fields["locality"].label = _("Near village or town")
        self.fields["locality"].choices = locality_choices(empty_label=_("Any village or town"))

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "category": data.get("category") or "",
            "target_group": data.get("target_group") or "",
            **self.where_filters(),
            "cost": data.get("cost") or "",
        }


class StaffFilterForm(forms.Form):
    is_filter = True  # every field may stay empty: no label says "(optional)"

    q = forms.CharField(label=_("Search by title or provider"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *constants.EntryStatus.choices],
    )
    freshness = forms.ChoiceField(
        label=_("Confirmation"),
        required=False,
        choices=[("", _("All")), *constants.Freshness.choices],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v or "" for k, v in self.cleaned_data.items()}


class SettingsForm(VersionedModelForm):
    class Meta:
        model = DirectorySettings
        fields = ["confirm_months", "grace_months"]
        error_messages = {
            "confirm_months": {
                "min_value": _("At least 1 month."),
                "max_value": _("At most 24 months."),
                "required": _("Fill in a number of months."),
            },
            "grace_months": {
                "min_value": _("At least 0 months."),
                "max_value": _("At most 12 months."),
                "required": _("Fill in a number of months."),
            },
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS file"),
        help_text=_("An HSDS 3.0 JSON file (a list of services) or an HSDS datapackage (zip)."),
        error_messages={"required": _("Choose a file.")},
    )
    dry_run = forms.BooleanField(
        label=_("Trial run: check the file, save nothing"), required=False, initial=True
    )
