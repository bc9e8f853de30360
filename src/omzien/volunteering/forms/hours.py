import uuid
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.ui.forms import SteppedDecimalField, date_field
from omzien.volunteering import constants


def hours_field(**kwargs) -> SteppedDecimalField:
    """Hours in quarters (0.25 to 24), a large number input with the decimal keyboard."""
    return SteppedDecimalField(
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        max_digits=4,
        decimal_places=2,
        step_size=Decimal("0.25"),
        widget=forms.NumberInput(
            attrs={"step": "0.25", "min": "0.25", "max": "24", "inputmode": "decimal"}
        ),
        error_messages={
            "required": _("Enter the number of hours."),
            "invalid": _("Enter a number of hours, for example 2.5."),
            "min_value": _("Enter between 0.25 and 24 hours."),
            "max_value": _("Enter between 0.25 and 24 hours."),
            "step_size": _("Enter the hours in quarters of an hour (for example 2.25 or 3.5)."),
        },
        **kwargs,
    )


def worked_on_field(**kwargs):
    """The day the hours were worked: today by default, never in the future."""
    return date_field(
        years_back=2,
        years_ahead=0,
        label=_("Date"),
        initial=timezone.localdate,
        error_messages={
            "required": _("Enter the date."),
            "too_late": _("The date cannot lie in the future."),
        },
        **kwargs,
    )


class TokenField(forms.UUIDField):
    """The form's one-time token: the same form sent twice records once."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, initial=uuid.uuid4, **kwargs)


class HoursLogForm(forms.Form):
    date = worked_on_field()
    hours = hours_field(label=_("Hours"), help_text=_("In quarters of an hour: 1.5 is 1 hour 30."))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=255,
        help_text=_("For example what you did. The organisation sees it."),
    )
    token = TokenField()


class HoursReviewForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (constants.HoursStatus.APPROVED, _("Approve")),
            (constants.HoursStatus.CORRECTED, _("Correct the hours")),
            (constants.HoursStatus.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
        initial=constants.HoursStatus.APPROVED,
    )
    corrected_hours = hours_field(
        label=_("Corrected hours"),
        required=False,
        help_text=_("Only when you correct: the hours that count."),
    )
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=255,
        help_text=_("Needed when you correct or reject; the volunteer sees it."),
    )
    expected = forms.ChoiceField(choices=constants.HoursStatus.choices, widget=forms.HiddenInput)


class HoursApproveManyForm(forms.Form):
    entries = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args, entry_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [(pk, pk) for pk in entry_ids]
        self.fields["entries"].error_messages["required"] = _("Tick the hours to approve.")


class GroupHoursForm(forms.Form):
    """A one-off task's attendance list: who was there, and their hours (the task's length by
    default)."""

    date = worked_on_field()
    note = forms.CharField(label=_("Note"), required=False, max_length=255)
    token = TokenField()

    def __init__(self, *args, placements, default_hours=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.placements = placements
        self.rows = []
        for placement in placements:
            present = f"present_{placement.pk}"
            hours = f"hours_{placement.pk}"
            self.fields[present] = forms.BooleanField(
                label=_("%(name)s was there") % {"name": placement.profile.full_name},
                required=False,
                initial=True,
            )
            self.fields[hours] = hours_field(
                label=_("Hours of %(name)s") % {"name": placement.profile.full_name},
                required=False,
                initial=default_hours,
            )
            self.rows.append((placement, self[present], self[hours]))

    def clean(self):
        cleaned = super().clean()
        for placement in self.placements:
            name = f"hours_{placement.pk}"
            present = cleaned.get(f"present_{placement.pk}")
            if present and cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, _("Enter the number of hours."))
        return cleaned

    def chosen(self) -> tuple[list, dict]:
        placements = [p for p in self.placements if self.cleaned_data.get(f"present_{p.pk}")]
        return placements, {p.pk: self.cleaned_data[f"hours_{p.pk}"] for p in placements}
