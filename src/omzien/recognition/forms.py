"""The forms of the volunteer prize."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import STAFF_ROLES
from omzien.common.phone import PhoneField
from omzien.recognition import constants
from omzien.recognition.models import Nomination, Round
from omzien.ui.forms import VersionedModelForm, date_field, identify_own_details


def new_submission_key() -> str:
    return uuid.uuid4().hex


class RoundForm(VersionedModelForm):
    nominations_open = date_field(years_back=1, years_ahead=2, label=_("Nominations open on"))
    nominations_close = date_field(years_back=1, years_ahead=2, label=_("Nominations close on"))
    announce_on = date_field(
        years_back=1,
        years_ahead=2,
        label=_("Announcement date"),
        help_text=_("The winner and the pluimen appear on the public page from this day."),
    )

    class Meta:
        model = Round
        fields = ["year", "nominations_open", "nominations_close", "announce_on", "introduction"]
        help_texts = {"introduction": _("Shown above the public nomination form.")}
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=100)
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=constants.WEIGHT_MAX,
        initial=1,
        help_text=_("A criterion with weight 2 counts twice as much as one with weight 1."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class JurorForm(forms.Form):
    user_id = forms.TypedChoiceField(label=_("Staff member"), coerce=int)
    is_chair = forms.BooleanField(label=_("Chair of the jury"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        staff = (
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__municipality=municipality,
                memberships__role__in=STAFF_ROLES,
            )
            .distinct()
            .order_by("full_name", "pk")
        )
        self.fields["user_id"].choices = [
            ("", _("Choose…")),
            *((user.pk, user.get_full_name() or user.email) for user in staff[:200]),
        ]


class NominationForm(forms.ModelForm):
    """The public form: who, why, and how we reach the nominator."""

    nominee_kind = forms.ChoiceField(
        label=_("Whom do you nominate?"),
        choices=constants.NomineeKind.choices,
        widget=forms.RadioSelect,
    )
    nominator_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_(
            "Only for questions about your nomination. We remove it after the announcement."
        ),
    )
    nominator_phone = PhoneField(label=_("Your phone number"), required=False)
    submission_key = forms.CharField(
        widget=forms.HiddenInput, initial=new_submission_key, required=False, max_length=64
    )

    class Meta:
        model = Nomination
        fields = [
            "nominee_kind",
            "nominee_name",
            "organisation_name",
            "motivation",
            "nominator_name",
            "nominator_email",
            "nominator_phone",
        ]
        labels = {
            "nominee_name": _("Name of the volunteer or the group"),
            "organisation_name": _("Organisation they volunteer for"),
            "motivation": _("Why do they deserve the prize?"),
            "nominator_name": _("Your name"),
        }
        help_texts = {
            "motivation": _("What do they do, for whom, and what does it mean to others?"),
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        identify_own_details(
            self, nominator_name="name", nominator_email="email", nominator_phone="tel"
        )


class _TargetsForm(forms.Form):
    """A choice of the steps the user may take now (``targets``), in the form's order."""

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        field.choices = [(value, label) for value, label in field.choices if value in targets]


class CheckForm(_TargetsForm):
    target = forms.ChoiceField(
        label=_("Is the nomination eligible?"),
        choices=[
            (constants.NominationStatus.ACCEPTED, _("Yes: accept it for the jury")),
            (constants.NominationStatus.REJECTED, _("No: not eligible")),
            (constants.NominationStatus.SUBMITTED, _("Check it again")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=255,
        help_text=_("Required when it is not eligible."),
    )


class AwardForm(_TargetsForm):
    target = forms.ChoiceField(
        label=_("Award"),
        choices=[
            (constants.NominationStatus.WINNER, _("Winner of the volunteer prize")),
            (constants.NominationStatus.PLUIM, _("A pluim")),
            (constants.NominationStatus.ACCEPTED, _("No award")),
        ],
        widget=forms.RadioSelect,
    )


class ConsentAskForm(forms.Form):
    email = forms.EmailField(
        label=_("The nominee's e-mail address"),
        help_text=_("They receive a link to agree or decline; it works once, for 30 days."),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("How did the nominee ask?"), max_length=255)


class ReviewForm(forms.Form):
    """A jury member's scores of one nomination, one field per criterion."""

    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a few sentences: why these scores."),
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        given = {score.criterion_id: score.value for score in review.scores.all()} if review else {}
        fields = {}
        for criterion in criteria:
            fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=constants.SCORE_MIN,
                max_value=constants.SCORE_MAX,
                initial=given.get(criterion.pk),
                help_text=_("From %(min)s to %(max)s; weight %(weight)s.")
                % {
                    "min": constants.SCORE_MIN,
                    "max": constants.SCORE_MAX,
                    "weight": criterion.weight,
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        self.fields = {**fields, "motivation": self.fields["motivation"]}
        if review is not None:
            self.fields["motivation"].initial = review.motivation
        self.criteria = criteria

    def scores(self) -> dict[int, int]:
        return {
            criterion.pk: self.cleaned_data.get(f"criterion_{criterion.pk}")
            for criterion in self.criteria
        }


class TieForm(forms.Form):
    first = forms.TypedChoiceField(
        label=_("Which ranks first?"), coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args, tied, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].choices = [
            (row.nomination.pk, row.nomination.nominee_name) for row in tied
        ]


class ConsentAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("yes", _("Yes, you may publish this")),
            ("no", _("No, do not publish anything about me")),
        ],
        widget=forms.RadioSelect,
    )
