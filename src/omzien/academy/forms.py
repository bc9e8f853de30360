"""The forms of the academy and the training budget."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.academy import constants
from omzien.academy.models import Course
from omzien.activities.constants import MAX_OCCURRENCES, Repeat
from omzien.ui.forms import date_field


class CourseForm(forms.Form):
    """A course or meeting and its dates (one, or repeating a number of times)."""

    title = forms.CharField(label=_("Title"), max_length=150)
    topic = forms.ChoiceField(label=_("Topic"), choices=constants.Topic.choices)
    description = forms.CharField(
        label=_("Description"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    first_date = date_field(years_back=1, years_ahead=3, label=_("First date"))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=24 * 60, initial=120
    )
    repeat = forms.ChoiceField(label=_("Repeats"), choices=Repeat.choices, initial=Repeat.ONCE)
    count = forms.IntegerField(
        label=_("Number of times"),
        min_value=1,
        max_value=MAX_OCCURRENCES,
        required=False,
        help_text=_("Empty: for the coming year."),
    )
    address = forms.CharField(label=_("Address"), max_length=200)
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("Empty: no limit."),
    )
    qualification_valid_months = forms.IntegerField(
        label=_("Certificate valid for (months)"),
        min_value=1,
        max_value=constants.MAX_VALID_MONTHS,
        required=False,
        help_text=_("Empty: the certificate does not expire."),
    )

    def clean(self):
        data = super().clean()
        if data.get("first_date") and data.get("start_time"):
            data["starts_at"] = timezone.make_aware(
                datetime.datetime.combine(data["first_date"], data["start_time"])
            )
        return data


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        label=_("Attendance"),
        choices=[("1", _("Attended")), ("0", _("Absent"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class QualificationForm(forms.Form):
    expires_on = date_field(
        years_back=0,
        years_ahead=10,
        label=_("Valid until"),
        required=False,
        help_text=_("Empty: the qualification does not expire."),
    )


class OrganisationEnrolForm(forms.Form):
    people = forms.CharField(
        label=_("Who comes"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One person a line: the name, a comma and the e-mail address, e.g. "
            "“Anna de Vries, anna@example.org”. Each gets a confirmation."
        ),
    )

    def clean_people(self) -> list[tuple[str, str]]:
        people = []
        for number, line in enumerate(self.cleaned_data["people"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _comma, email = line.rpartition(",")
            name, email = " ".join(name.split()), email.strip()
            try:
                forms.EmailField().clean(email)
            except ValidationError:
                email = ""
            if not name or not email:
                raise ValidationError(
                    _("Line %(n)d: give a name, a comma and an e-mail address."),
                    code="bad_line",
                    params={"n": number},
                )
            people.append((name, email))
        if not people:
            raise ValidationError(_("Name at least one person."), code="no_people")
        return people


class TrainingRequestForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"), choices=constants.Topic.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("What would you like to learn?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    people = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=constants.MAX_PEOPLE
    )


class BudgetForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Training budget (EUR)"),
        min_value=0,
        max_value=constants.MAX_AMOUNT,
        max_digits=10,
        decimal_places=2,
    )
    # The version of the budget the form showed (none: there was no budget yet).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BookingForm(forms.Form):
    supplier = forms.CharField(label=_("Supplier"), max_length=150)
    description = forms.CharField(label=_("Training"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        min_value=0.01,
        max_value=constants.MAX_AMOUNT,
        max_digits=10,
        decimal_places=2,
    )
    course = forms.ModelChoiceField(
        label=_("Academy course"), queryset=Course.objects.none(), required=False
    )
    topic = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
