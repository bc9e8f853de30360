import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.activities import constants, recurrence
from omzien.activities.models import Activity
from omzien.directory.constants import TargetGroup
from omzien.tenants.models import Locality
from omzien.ui.forms import VersionedModelForm, date_field

FIELDS = [
    "title",
    "description",
    "kind",
    "locality",
    "address",
    "online_url",
    "capacity",
    "cost",
    "accessibility",
    "signup_required",
    "duration_minutes",
]


class ActivityForm(VersionedModelForm):
    """An activity and its dates: the first date and time, and how it repeats ("every first
    Tuesday of the month", until a date or a number of times)."""

    target_groups = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    first_date = date_field(years_back=1, years_ahead=3, label=_("First date"))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"), choices=constants.Repeat.choices, initial=constants.Repeat.ONCE
    )
    until = date_field(
        years_back=1,
        years_ahead=3,
        label=_("Repeat until"),
        required=False,
        help_text=_("Or give a number of times below. Neither: for the coming year."),
    )
    count = forms.IntegerField(
        label=_("Number of times"), min_value=1, max_value=constants.MAX_OCCURRENCES, required=False
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an activity online, or a page with more information."),
    )

    field_order = [
        "title",
        "description",
        "kind",
        "target_groups",
        "first_date",
        "start_time",
        "duration_minutes",
        "repeat",
        "until",
        "count",
        "locality",
        "address",
        "online_url",
        "signup_required",
        "capacity",
        "cost",
        "accessibility",
    ]

    class Meta:
        model = Activity
        fields = FIELDS

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(
            municipality=municipality
        ).order_by("name")
        instance = self.instance
        if instance.pk:
            start = timezone.localtime(instance.starts_at)
            rule = recurrence.describe(instance.rrule)
            self.initial.update(
                first_date=start.date(),
                start_time=start.time().replace(second=0, microsecond=0),
                repeat=rule["repeat"],
                until=rule["until"],
                count=rule["count"],
                target_groups=[g.group for g in instance.target_groups.all()],
            )

    def clean(self):
        data = super().clean()
        if data.get("until") and data.get("count"):
            self.add_error("count", _("Give a last date or a number of times, not both."))
        if data.get("first_date") and data.get("start_time"):
            data["starts_at"] = timezone.make_aware(
                datetime.datetime.combine(data["first_date"], data["start_time"])
            )
        return data

    def _post_clean(self):
        # The service validates the activity (services.activities._clean).
        pass

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            **{field: data.get(field) for field in FIELDS},
            "cost": data.get("cost") or "",
            "address": data.get("address") or "",
            "online_url": data.get("online_url") or "",
            "accessibility": data.get("accessibility") or "",
            "target_groups": data.get("target_groups") or [],
            "starts_at": data["starts_at"],
            "repeat": data["repeat"],
            "until": data.get("until"),
            "count": data.get("count"),
        }


class CancelOccurrenceForm(forms.Form):
    message = forms.CharField(
        label=_("Message to those who signed up"),
        max_length=constants.CANCEL_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. why the date does not take place and when the next one is."),
    )
