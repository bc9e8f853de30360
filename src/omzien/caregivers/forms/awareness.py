"""The "Ben ik mantelzorger?" checks: radio groups (each a fieldset with its legend) and one
group of tick boxes. Nothing a visitor answers is stored (selectors.awareness)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omzien.caregivers import constants
from omzien.caregivers.selectors.awareness import MUNICIPALITY_PARAM

ANSWER_NEEDED = _("Choose one of the answers.")


class NeededUnlessNobodyField(forms.ChoiceField):
    """An answer the form asks for unless the first answer is "nobody" (``_Check.clean``):
    shown as needed, but empty passes the field's own check."""

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


def _radio(label, choices, *, unless_nobody=False, help_text=""):
    field_class = NeededUnlessNobodyField if unless_nobody else forms.ChoiceField
    return field_class(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={
            "required": ANSWER_NEEDED,
            "invalid_choice": _("Choose one of the answers shown."),
        },
    )


def _ticks(label, choices, *, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": _("Choose from the answers shown.")},
    )


class _Check(forms.Form):
    """A check whose later questions need an answer unless the first says "nobody"."""

    # No "required" attribute: the browser would mark every group invalid before anything is
    # answered; the error summary says what is missing after sending.
    use_required_attribute = False

    # The municipality the page speaks about travels with the answers (not an answer itself).
    gemeente = forms.SlugField(widget=forms.HiddenInput, required=False)
    nobody = ""
    needed_unless_nobody: tuple[str, ...] = ()
    municipality_label = _("Your municipality")
    municipality_help = _("Then you see whom you can talk to there.")

    def __init__(self, *args, municipalities=None, **kwargs):
        """``municipalities``: the page does not know the visitor's municipality, so the form
        asks for it (optional: the outcome then names whom to talk to there)."""
        super().__init__(*args, **kwargs)
        if municipalities:
            self.fields[MUNICIPALITY_PARAM] = forms.ChoiceField(
                label=self.municipality_label,
                required=False,
                choices=[("", _("Choose your municipality"))]
                + [(m.slug, m.name) for m in municipalities],
                help_text=self.municipality_help,
                error_messages={"invalid_choice": _("Choose one of the municipalities shown.")},
            )

    def clean(self):
        data = super().clean()
        if data.get("who") and data["who"] != self.nobody:
            for name in self.needed_unless_nobody:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, forms.ValidationError(ANSWER_NEEDED, code="required"))
        return data

    def answers(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) or ([] if name == "tasks" else "") for name in self.ANSWERS}


class AdultCheckForm(_Check):
    ANSWERS = ("who", "tasks", "frequency", "duration", "wellbeing")
    nobody = constants.CheckWho.NOBODY
    needed_unless_nobody = ("frequency", "duration", "wellbeing")

    who = _radio(_("Who do you help?"), constants.CheckWho.choices)
    tasks = _ticks(
        _("What do you do for them?"),
        constants.CheckTask.choices,
        help_text=_("Tick everything that fits. Nothing fits? Then tick nothing."),
    )
    frequency = _radio(
        _("How often do you help?"), constants.CheckFrequency.choices, unless_nobody=True
    )
    duration = _radio(
        _("How long have you been helping?"), constants.CheckDuration.choices, unless_nobody=True
    )
    wellbeing = _radio(
        _("How is it going for you?"), constants.CheckWellbeing.choices, unless_nobody=True
    )


class YoungCheckForm(_Check):
    ANSWERS = ("who", "reason", "tasks", "frequency", "wellbeing")
    nobody = constants.YoungWho.NOBODY
    needed_unless_nobody = ("reason", "frequency", "wellbeing")
    municipality_label = pgettext_lazy("young carers", "Your municipality")
    municipality_help = pgettext_lazy("young carers", "Then you see whom you can talk to there.")

    who = _radio(_("Who do you help at home?"), constants.YoungWho.choices)
    reason = _radio(
        _("What is going on with them?"), constants.YoungReason.choices, unless_nobody=True
    )
    tasks = _ticks(
        _("What do you do?"),
        constants.YoungTask.choices,
        help_text=_("Tick everything you do. Nothing? Then tick nothing."),
    )
    frequency = _radio(_("How often?"), constants.YoungFrequency.choices, unless_nobody=True)
    wellbeing = _radio(
        _("How are you doing?"), constants.YoungWellbeing.choices, unless_nobody=True
    )


class MunicipalityChoiceForm(forms.Form):
    """Which municipality a public carer page speaks about (GET, nothing stored; the view reads
    the choice itself, this form only shows it)."""

    use_required_attribute = False

    gemeente = forms.ChoiceField(label=_("Your municipality"))

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[MUNICIPALITY_PARAM].choices = [("", _("Choose your municipality"))] + [
            (m.slug, m.name) for m in municipalities
        ]
