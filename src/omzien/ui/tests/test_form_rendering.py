"""The form templates rendered in Python (``ui.form_rendering``) give the same HTML, character
for character, as the templates they stand for: every field is rendered with the fast path and
again by the template engine, and compared."""

import datetime

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe

from omzien.ui import form_rendering
from omzien.ui.forms import DayPartGrid, WhereSearchForm

CHOICES = [("", "---"), ("a", "A & co"), ("b", 'B "quoted" <b>'), (3, "Three")]
GROUPED = [("Fruit <1>", [("apple", "Apple"), ("pear", "Pear")]), ("x", "X")]
DAY_PARTS = [
    ("Maandag", [("mon_morning", "ochtend"), ("mon_evening", "avond")]),
    ("Dinsdag & co", [("tue_morning", "ochtend <vroeg>")]),
]


class EveryWidget(forms.Form):
    text = forms.CharField(label="Naam <b>", help_text="Voor & achter", max_length=20)
    optional_text = forms.CharField(required=False, label="Roepnaam")
    email = forms.EmailField(required=False, help_text=mark_safe("<em>veilig</em>"))
    number = forms.IntegerField(min_value=0, max_value=10)
    decimal = forms.DecimalField(required=False, max_digits=5, decimal_places=2)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}), required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    agree = forms.BooleanField(label="Ik ga akkoord & meer", help_text="Lees dit")
    optional_agree = forms.BooleanField(required=False)
    choice = forms.ChoiceField(choices=CHOICES, help_text="Kies")
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(
        choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False
    )
    radio = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect, help_text="Eén")
    multiple_select = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    days = forms.MultipleChoiceField(
        choices=DAY_PARTS, widget=DayPartGrid, required=False, help_text="Dagdelen"
    )
    disabled = forms.CharField(disabled=True, required=False, initial="vast")


VALID = {
    "text": 'Jan "de" <Vries>',
    "email": "jan@example.org",
    "number": "4",
    "decimal": "1.50",
    "date": "2026-05-01",
    "hidden": "x&y",
    "search": "tuin",
    "note": "Regel één\n<script>alert(1)</script>",
    "agree": "on",
    "choice": "b",
    "grouped": "pear",
    "many": ["a", "3"],
    "radio": "3",
    "multiple_select": ["b"],
    "days": ["mon_evening", "tue_morning"],
}
INVALID = {
    "text": "x" * 30,
    "email": "geen adres",
    "number": "elf",
    "decimal": "1,234.5",
    "date": "2026-13-45",
    "choice": "zzz",
    "radio": "",
    "days": ["sun_night"],
}


def _both_ways(form):
    renderer = get_default_renderer()
    assert renderer.fast
    fast = {name: str(form[name].as_field_group()) for name in form.fields}
    widgets = {name: str(form[name].as_widget()) for name in form.fields}
    renderer.fast = False
    try:
        slow = {name: str(form[name].as_field_group()) for name in form.fields}
        slow_widgets = {name: str(form[name].as_widget()) for name in form.fields}
    finally:
        renderer.fast = True
    return fast, slow, widgets, slow_widgets


@pytest.mark.parametrize("data", [None, VALID, INVALID], ids=["unbound", "valid", "errors"])
def test_every_widget_renders_as_its_template(data):
    form = EveryWidget(data, initial={"date": datetime.date(2026, 1, 2), "number": 7})
    fast, slow, widgets, slow_widgets = _both_ways(form)
    for name in form.fields:
        assert fast[name] == slow[name], name
        assert widgets[name] == slow_widgets[name], name


def test_a_real_form_renders_as_its_templates(db):
    from omzien.tenants.tests.factories import MunicipalityFactory

    MunicipalityFactory(name="Heerde & Epe")
    form = WhereSearchForm({"municipality": "999999", "distance": "999", "area": "x"})
    fast, slow, widgets, slow_widgets = _both_ways(form)
    assert fast == slow
    assert widgets == slow_widgets


def test_the_fast_path_covers_the_templates_it_names():
    """Each name in RENDERERS is a template that exists (a renamed template would otherwise be
    rendered by the engine again, silently slower)."""
    renderer = get_default_renderer()
    for name in form_rendering.RENDERERS:
        assert renderer.get_template(name) is not None


def test_escaping_is_the_templates():
    form = EveryWidget(VALID)
    html = str(form["text"].as_field_group())
    assert "Naam &lt;b&gt;" in html
    assert 'value="Jan &quot;de&quot; &lt;Vries&gt;"' in html
    assert "&lt;script&gt;" in str(form["note"].as_field_group())
    assert "<em>veilig</em>" in str(form["email"].as_field_group())
