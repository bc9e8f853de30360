from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.buddies import constants as buddies_constants
from omzien.buddies.models import BuddyParticipant, BuddyProgramme
from omzien.buddies.services import PARTICIPANT_FIELDS, PROGRAMME_FIELDS
from omzien.tenants.models import Locality
from omzien.ui.forms import DayPartGrid, VersionedModelForm, birth_date_field, date_field
from omzien.ui.picker import PickerField, PickerFormMixin
from omzien.volunteering.constants import LANGUAGES, ConsentHow, Domain, day_part_choices
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.query import VolunteerProfileQuerySet


class ProgrammeForm(VersionedModelForm):
    class Meta:
        model = BuddyProgramme
        fields = list(PROGRAMME_FIELDS)
        labels = {"name": _("Name of the programme")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["label_a"].initial = _("Participants")
            self.fields["label_b"].initial = _("Buddies")


class ParticipantForm(PickerFormMixin, VersionedModelForm):
    side = forms.ChoiceField(label=_("Group"), widget=forms.RadioSelect)
    gender = forms.ChoiceField(
        label=_("Gender"),
        required=False,
        choices=[("", _("Unknown or rather not say")), *buddies_constants.Gender.choices],
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    day_parts = forms.MultipleChoiceField(
        label=_("When available?"),
        choices=day_part_choices,
        required=False,
        widget=DayPartGrid,
        help_text=_(
            "Morning is until 12:00, afternoon until 18:00, evening after 18:00. "
            "Leave empty when any time will do."
        ),
    )
    wish_genders = forms.MultipleChoiceField(
        label=_("Wish: gender of the buddy"),
        choices=buddies_constants.Gender.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick nothing when it does not matter."),
    )
    wish_languages = forms.MultipleChoiceField(
        label=_("Wish: the buddy speaks one of these languages"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick nothing when it does not matter."),
    )
    locality = forms.ModelChoiceField(
        label=_("Village or town"),
        queryset=Locality.objects.none(),
        required=False,
        empty_label=_("Choose a village or town"),
    )
    date_of_birth = birth_date_field(label=_("Date of birth"), required=False)
    consent_how = forms.ChoiceField(
        label=_("How was consent given?"),
        choices=ConsentHow.choices,
        widget=forms.RadioSelect,
        initial=ConsentHow.IN_PERSON,
    )
    consent_given_on = date_field(
        label=_("Consent given on"),
        years_back=20,
        years_ahead=0,
        initial=timezone.localdate,
        help_text=_("Explain what is stored and who sees it before the person agrees."),
    )
    volunteer_profile = PickerField(
        search=VolunteerProfileQuerySet.name_search,
        label_from=VolunteerProfile.label_for_picking,
        label=_("Volunteer profile (group B only)"),
        queryset=VolunteerProfile.objects.none(),
        required=False,
        empty_label=_("No volunteer profile"),
    )

    class Meta:
        model = BuddyParticipant
        fields = list(PARTICIPANT_FIELDS)
        labels = {
            "name": _("Name"),
            "email": _("E-mail address"),
            "phone": _("Phone number"),
            "travel_km": _("How far will they travel (km)?"),
            "wish_age_min": _("Wish: buddy at least this old"),
            "wish_age_max": _("Wish: buddy at most this old"),
            "notes": _("Notes"),
        }
        help_texts = {
            "email": _("Fill in an e-mail address or a phone number (or both)."),
            "wish_age_min": _("Leave empty when it does not matter."),
            "wish_age_max": _("Leave empty when it does not matter."),
            "notes": _("Only what is needed to find a good buddy."),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme, user, search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = [
            (buddies_constants.Side.A, programme.label_a),
            (buddies_constants.Side.B, programme.label_b),
        ]
        self.fields["locality"].queryset = Locality.objects.filter(
            municipality_id=programme.municipality_id
        ).order_by("name", "pk")
        self.fields["volunteer_profile"].queryset = (
            VolunteerProfile.objects.visible_to(user)
            .filter(municipality_id=programme.municipality_id)
            .select_related("locality")
            .order_by("full_name", "pk")
        )
        self.fields["volunteer_profile"].search_url = search_url

    def data_for_service(self) -> dict:
        data = super().data_for_service()
        data["gender"] = data.get("gender") or ""
        return data


class ManualPairForm(forms.Form):
    participant_a = forms.ModelChoiceField(queryset=BuddyParticipant.objects.none())
    participant_b = forms.ModelChoiceField(queryset=BuddyParticipant.objects.none())

    def __init__(self, *args, programme, free_a, free_b, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant_a"].label = programme.label_a
        self.fields["participant_b"].label = programme.label_b
        self.fields["participant_a"].queryset = BuddyParticipant.objects.filter(
            pk__in=[p.pk for p in free_a]
        )
        self.fields["participant_b"].queryset = BuddyParticipant.objects.filter(
            pk__in=[p.pk for p in free_b]
        )
        self.fields["participant_a"].choices = [("", "---------")] + [
            (p.pk, p.name) for p in free_a
        ]
        self.fields["participant_b"].choices = [("", "---------")] + [
            (p.pk, p.name) for p in free_b
        ]


class PairEndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why did the pair end?"),
        choices=[
            (value, label)
            for value, label in buddies_constants.PairEndReason.choices
            if value != buddies_constants.PairEndReason.DISSOLVED
        ],
    )
    ended_on = date_field(
        label=_("Ended on"), years_back=5, years_ahead=1, initial=timezone.localdate
    )


class CheckInForm(forms.Form):
    notes = forms.CharField(
        label=_("How is it going?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
