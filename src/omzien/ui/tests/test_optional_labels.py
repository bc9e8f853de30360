"""The form field template says "(niet verplicht)" after the label of every optional field, so a
label must not say it again ("Opmerking (niet verplicht) (niet verplicht)")."""

import re
from pathlib import Path

from django import forms
from django.template.loader import render_to_string

from omzien.tenants.models import Municipality

SRC = Path(__file__).resolve().parents[2]
SAYS_OPTIONAL = re.compile(r"""_\(\s*["'][^"']*\(optional\)["']\s*\)""")


def test_no_label_says_optional_itself():
    found = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if SAYS_OPTIONAL.search(line)
    ]
    assert found == []


class _Choices(forms.Form):
    kind = forms.ChoiceField(choices=[("month", "Maand"), ("year", "Jaar")], required=False)
    kind_or_none = forms.ChoiceField(choices=[("", "Alle"), ("month", "Maand")], required=False)
    grouped = forms.ChoiceField(choices=[("Groep", [("", "Geen"), ("a", "A")])], required=False)
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), empty_label=None, required=False
    )
    municipality_or_none = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), required=False
    )
    several = forms.MultipleChoiceField(choices=[("a", "A")], required=False)
    radio = forms.ChoiceField(choices=[("a", "A")], required=False, widget=forms.RadioSelect)
    text = forms.CharField(required=False)
    required_text = forms.CharField()


def test_a_drop_down_list_that_always_sends_a_choice_does_not_say_optional():
    form = _Choices()
    says = {name: "(niet verplicht)" in str(form[name].as_field_group()) for name in form.fields}
    assert says == {
        "kind": False,
        "kind_or_none": True,
        "grouped": True,
        "municipality": False,
        "municipality_or_none": True,
        "several": True,
        "radio": True,  # no radio chosen sends nothing
        "text": True,
        "required_text": False,
    }


def test_a_filter_form_does_not_say_optional_and_a_form_page_still_does(rf):
    """Every filter may stay empty; the same form elsewhere still marks its optional fields."""
    form = _Choices()
    html = render_to_string(
        "ui/includes/filter_form.html", {"form": form}, request=rf.get("/lijst/")
    )
    assert 'name="text"' in html and "(niet verplicht)" not in html
    assert "(niet verplicht)" in str(_Choices()["text"].as_field_group())
