from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.tenants.models import Locality, Municipality
from omzien.ui.forms import VersionedModelForm
from omzien.volunteering import constants
from omzien.volunteering.models import Organisation, kvk_validator

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _locality_choices(municipalities) -> list:
    """Localities grouped by municipality (a flat list when there is one municipality)."""
    ids = [m.pk for m in municipalities]
    grouped: dict[str, list] = {}
    for locality in Locality.objects.filter(municipality_id__in=ids).select_related("municipality"):
        grouped.setdefault(locality.municipality.name, []).append((str(locality.pk), locality.name))
    if len(grouped) == 1:
        return [("", _("Choose a locality")), *next(iter(grouped.values()))]
    return [("", _("Choose a locality")), *grouped.items()]


class OrganisationForm(VersionedModelForm):
    """The organisation's details, as it registers and as its administrators keep them."""

    domains = forms.MultipleChoiceField(
        label=_("In which domains is the organisation active?"),
        choices=constants.Domain.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one domain.")},
    )
    locality = forms.ChoiceField(
        label=_("Locality"),
        required=False,
        help_text=_(
            "Choose the village or town, or fill in the address and postcode below: the "
            "locality then follows from the postcode."
        ),
    )
    free_vog = forms.TypedChoiceField(
        label=_("May the organisation use the free VOG scheme (Regeling Gratis VOG)?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "Organisations that work with vulnerable people, such as children, older people "
            "or people with a disability, can request a VOG for their volunteers free of "
            "charge when they meet the conditions of the scheme."
        ),
        error_messages={"required": _("Choose yes or no.")},
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example www.example.nl"),
    )
    kvk_number = forms.CharField(
        label=_("KvK number"),
        required=False,
        max_length=12,  # room for spaces and dots, which are taken out
        help_text=_("The 8 digits of the Chamber of Commerce number, if there is one."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "domains",
            "description",
            "locality",
            "address",
            "postcode",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_public",
            "website",
            "kvk_number",
            "free_vog",
        ]
        labels = {
            "name": _("Name of the organisation"),
            "address": _("Street and house number"),
        }
        help_texts = {
            "description": _(
                "What does the organisation do, and for whom? This is shown on its public page."
            ),
            "postcode": _("For example 8181 AB."),
            "contact_name": _("The person volunteers and the volunteer broker can contact."),
            "contact_public": _(
                "The organisation's public page and its vacancies show this of the contact "
                "person. The volunteer broker always sees every detail."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "contact_public": forms.RadioSelect,
        }

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            municipalities = [instance.municipality]
            self.initial["free_vog"] = "yes" if instance.free_vog else "no"
            self.initial["locality"] = str(instance.locality_id or "")
        self.fields["locality"].choices = _locality_choices(municipalities)
        # Not asked before: nothing public, as the organisation's contact was kept so far.
        self.fields["contact_public"].required = False

    def clean_contact_public(self):
        return self.cleaned_data.get("contact_public") or constants.ContactPublic.NONE

    def clean_locality(self):
        value = self.cleaned_data.get("locality")
        return Locality.objects.filter(pk=value).first() if value else None

    def clean_kvk_number(self):
        value = (self.cleaned_data.get("kvk_number") or "").replace(" ", "").replace(".", "")
        if value:
            kvk_validator(value)
        return value

    def service_data(self) -> dict:
        return {k: v for k, v in self.data_for_service().items() if k != "municipality"}


class OrganisationRegisterForm(OrganisationForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("Choose a municipality"),
        help_text=_("The municipality where the organisation is based or does its work."),
    )

    field_order = ["municipality"]

    def __init__(self, *args, **kwargs):
        municipalities = list(Municipality.objects.filter(is_active=True))
        super().__init__(*args, municipalities=municipalities, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for not approving"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organisation's administrators receive this reason by e-mail."),
        error_messages={"required": _("Give the reason, so the organisation knows why.")},
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person receives a link that works once, for 14 days."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=constants.MemberRole.choices,
        initial=constants.MemberRole.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("Administrators can also change the details and manage the members."),
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=constants.MemberRole.choices)


class PublicListFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        empty_label=_("All municipalities"),
    )
