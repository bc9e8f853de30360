import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.surveys import constants
from omzien.surveys.models import Question, Survey
from omzien.ui.forms import VersionedModelForm

Kind = constants.QuestionKind


class SurveyForm(VersionedModelForm):
    class Meta:
        model = Survey
        fields = ["title", "target_group", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class QuestionForm(VersionedModelForm):
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For single and multiple choice: one choice per line, 2 to 12."),
    )
    scale_max = forms.TypedChoiceField(
        label=_("Scale"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "---------"), (5, _("1 to 5")), (10, _("1 to 10"))],
        help_text=_("For a scale question only."),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "choices",
            "scale_max",
            "low_label",
            "high_label",
        ]
        help_texts = {
            "help_text": _("Shown under the question, e.g. “You may choose more than one.”"),
            "low_label": _("For a scale question: what 1 means."),
            "high_label": _("For a scale question: what 5 or 10 means."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.choices:
            self.initial["choices"] = "\n".join(self.instance.choices)

    def clean_choices(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]

    def _post_clean(self):
        # The service validates and saves the question (services.question_save).
        pass


class InviteForm(forms.Form):
    addresses = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One address per line. Each gets its own link that works once. The addresses are "
            "not stored: nobody can see later who answered what."
        ),
    )


def new_form_key() -> str:
    return uuid.uuid4().hex


class ResponseForm(forms.Form):
    """The survey as residents fill it in: one field per question, ``q<pk>``."""

    form_key = forms.CharField(widget=forms.HiddenInput, initial=new_form_key, max_length=64)

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        required = {"required": _("This question needs an answer.")}
        for position, question in enumerate(questions, start=1):
            label = f"{position}. {question.text}"
            common = {
                "label": label,
                "required": question.required,
                "help_text": question.help_text,
                "error_messages": required,
            }
            options = [(str(i), choice) for i, choice in enumerate(question.choices)]
            if question.kind == Kind.SINGLE:
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
            elif question.kind == Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple, **common
                )
            elif question.kind == Kind.SCALE:
                top = question.scale_max or 5
                scale = [(str(n), str(n)) for n in range(1, top + 1)]
                scale[0] = ("1", f"1 – {question.low_label}")
                scale[-1] = (str(top), f"{top} – {question.high_label}")
                field = forms.ChoiceField(choices=scale, widget=forms.RadioSelect, **common)
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 4}),
                    max_length=constants.TEXT_MAX,
                    **common,
                )
            self.fields[f"q{question.pk}"] = field

    @property
    def answers(self) -> dict:
        return {
            question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions
        }
