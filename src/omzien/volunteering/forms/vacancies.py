from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.common.phone import PhoneField
from omzien.tenants.models import Locality
from omzien.ui.forms import (
    VersionedModelForm,
    WhereSearchForm,
    checkbox_field,
    date_field,
    datetime_field,
    locality_choices,
)
from omzien.volunteering import constants
from omzien.volunteering.forms.profiles import DayPartGrid, day_part_choices
from omzien.volunteering.models import Vacancy
from omzien.volunteering.services.vacancies import NOTE_MAX, VACANCY_FIELDS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime(label, help_text=""):
    return datetime_field(
        label=label,
        required=False,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        years_back=1,
        years_ahead=5,
    )


class VacancyForm(VersionedModelForm):
    """A vacancy or one-off task as an organisation member writes it."""

    domains = checkbox_field(
        _("Domains"),
        constants.Domain.choices,
        _("Choose the areas this volunteer work belongs to."),
        error_messages={"required": _("Choose at least one domain.")},
    )
    target_groups = checkbox_field(
        _("For whom is the work?"), constants.TargetGroup.choices, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of volunteer work"),
        choices=constants.VacancyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of volunteer work.")},
        help_text=_(
            "A one-off task takes place on one date and time. Short-term is a few weeks or "
            "months; structural is regular work for a longer time."
        ),
    )
    day_parts = forms.MultipleChoiceField(
        label=_("When is the volunteer needed?"),
        choices=day_part_choices,
        widget=DayPartGrid,
        required=False,
        help_text=_(
            "For short-term and structural work: tick each day-part. Morning is until 12:00, "
            "afternoon until 18:00, evening after 18:00. Leave empty for a one-off task."
        ),
    )
    starts_at = _datetime(
        _("Date and starting time"), _("Required for a one-off task, for example 14-03-2026 09:30.")
    )
    ends_at = _datetime(_("Until (date and time)"))
    location_kind = forms.ChoiceField(
        label=_("Where is the work done?"),
        choices=constants.LocationKind.choices,
        widget=forms.RadioSelect,
        initial=constants.LocationKind.ADDRESS,
    )
    locality = forms.ModelChoiceField(
        label=_("Village or town"),
        queryset=Locality.objects.none(),
        required=False,
        empty_label=_("Choose a village or town"),
    )
    vog_aspects = checkbox_field(
        _("What the VOG must cover (screening profile)"),
        constants.VogAspect.choices,
        _(
            "Only when a VOG is required. 84: work with minors; 85: care of people in need. "
            "None ticked: any VOG will do."
        ),
        required=False,
    )
    languages = checkbox_field(
        _("Languages the volunteer needs"),
        constants.LANGUAGES,
        _("Leave empty when no particular language is needed."),
        required=False,
    )
    places = forms.IntegerField(
        label=_("Number of volunteers needed"),
        min_value=1,
        max_value=500,
        initial=1,
        error_messages={
            "required": _("Fill in how many volunteers are needed."),
            "min_value": _("At least one volunteer is needed."),
            "max_value": _("At most 500 volunteers per vacancy."),
        },
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"),
        required=False,
        min_value=0,
        max_value=60,
        error_messages={"max_value": _("At most 60 hours a week.")},
    )
    min_age = forms.IntegerField(
        label=_("Minimum age"),
        required=False,
        min_value=0,
        max_value=99,
        help_text=_("Leave empty when there is no minimum age."),
        error_messages={"max_value": _("The minimum age is at most 99.")},
    )
    publish_from = date_field(
        label=_("Publish from"), years_back=1, years_ahead=5, initial=timezone.localdate
    )
    publish_until = date_field(
        label=_("Publish until"),
        years_back=1,
        years_ahead=5,
        required=False,
        help_text=_(
            "Leave empty to keep the vacancy published until you close it. A one-off task is "
            "published until its date."
        ),
    )
    contact_phone = PhoneField(label=_("Phone number of the contact person"), required=False)
    contact_public = forms.ChoiceField(
        label=_("What does the vacancy page show of the contact person?"),
        choices=[("", _("As the organisation chose")), *constants.ContactPublic.choices],
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Vacancy
        fields = list(VACANCY_FIELDS)
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "tasks": _("Tasks"),
            "address": _("Address"),
            "vog_required": _("A VOG (certificate of conduct) is required"),
            "vog_max_age_years": _("How old may the VOG be (years)?"),
            "driving_licence": _("A driving licence is required"),
            "suitable_young": _("Suitable for young people (maatschappelijke stage, MDT)"),
            "suitable_distance_labour": _(
                "Suitable for people with a distance to the labour market"
            ),
            "basic_dutch_ok": _("Basic Dutch is fine"),
            "guidance_offered": _("We offer guidance to the volunteer"),
            "contact_name": _("Contact person for this vacancy"),
            "contact_email": _("E-mail address of the contact person"),
        }
        help_texts = {
            "title": _("Short and clear, for example: Driver for the weekly shopping trip."),
            "description": _("What the work is, who it helps and what the volunteer gets."),
            "tasks": _("The tasks, one per line."),
            "address": _("Street and house number, if the work is done at one address."),
            "contact_name": _("Leave empty to use the organisation's contact person."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "tasks": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": _("Fill in a title.")},
            "description": {"required": _("Describe the volunteer work.")},
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(
            municipality_id=organisation.municipality_id
        ).order_by("name")

    def service_data(self) -> dict:
        data = self.data_for_service()
        for field in (
            "tasks",
            "address",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_public",
        ):
            data[field] = data.get(field) or ""
        return data


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=constants.VacancyStatus.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("What should the organisation change?"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organisation reads this in an e-mail. At most 255 characters."),
        error_messages={
            "required": _("Give the reason, so the organisation knows what to change.")
        },
    )


class VacancySearchForm(WhereSearchForm):
    """The public search: a GET form that works without JavaScript."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("For example: driving, garden, reading aloud."),
    )
    include_remote = forms.BooleanField(label=_("Also show work online or at home"), required=False)
    domain = forms.ChoiceField(
        label=_("Domain"),
        required=False,
        choices=[("", _("All domains")), *constants.Domain.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind of volunteer work"),
        required=False,
        choices=[("", _("All kinds")), *constants.VacancyKind.choices],
    )
    young = forms.BooleanField(label=_("Suitable for young people"), required=False)
    no_vog = forms.BooleanField(label=_("No VOG needed"), required=False)
    day_parts = forms.MultipleChoiceField(
        label=_("When can you?"),
        choices=day_part_choices,
        widget=DayPartGrid,
        required=False,
        help_text=_("Shows work on at least one of the day-parts you tick."),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Best match when searching, else newest")),
            ("newest", _("Newest")),
            ("soonest", _("Starting soonest")),
        ],
    )

    field_order = [
        "q",
        "municipality",
        "area",
        "locality",
        "distance",
        "include_remote",
        "domain",
        "kind",
        "young",
        "no_vog",
        "day_parts",
        "sort",
    ]

    # Shown above the results; the other filters fold away under "More filters".
    MAIN_FILTERS = ("q", "municipality", "locality", "domain")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].help_text = _(
            "Municipalities that work together share their volunteer work."
        )
        municipality_id = self._chosen_municipality_id()
        self.fields["locality"].choices = locality_choices(municipality_id)  # one query
        if municipality_id is not None and self.is_bound:
            # A village of another municipality (left from before the municipality changed,
            # without JavaScript) is dropped rather than making the whole search invalid.
            allowed = {str(pk) for pk, _name in self.fields["locality"].choices[1:]}
            if self.data.get("locality") and str(self.data.get("locality")) not in allowed:
                self.data = self.data.copy()
                self.data.pop("locality")
        # Progressive enhancement: a new municipality reloads the village choices (htmx).
        self.fields["municipality"].widget.attrs.update(
            {
                "hx-get": reverse("volunteering:vacancy_search_localities"),
                "hx-target": "#locality-field",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
            }
        )

    def _chosen_municipality_id(self) -> int | None:
        value = self.data.get("municipality") if self.is_bound else self.initial.get("municipality")
        try:
            return int(getattr(value, "pk", value))
        except (TypeError, ValueError):
            return None

    def more_filters_used(self) -> bool:
        """Whether a folded filter has a value: the <details> is then open."""
        if not self.is_bound:
            return False
        return any(self.data.get(name) for name in self.fields if name not in self.MAIN_FILTERS)

    def main_fields(self):
        return [self[name] for name in self.MAIN_FILTERS]

    def more_fields(self):
        return [self[name] for name in self.fields if name not in self.MAIN_FILTERS]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "domain": data.get("domain") or "",
            "kind": data.get("kind") or "",
            **self.where_filters(),
            "day_parts": data.get("day_parts") or [],
            "young": bool(data.get("young")),
            "no_vog": bool(data.get("no_vog")),
            "include_remote": bool(data.get("include_remote")),
            "sort": data.get("sort") or "",
        }
