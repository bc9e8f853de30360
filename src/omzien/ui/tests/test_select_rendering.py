"""Selects render their options in one loop (not a template per option), with the same markup
as Django's own template: the value, ``selected`` and option groups."""

import re

from django import forms

from omzien.ui.templatetags.omzien_ui import SELECT_TEMPLATE, nl_widget


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---"), ("a", "A & co"), (1, "One")])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("x", "X")]
    )


def test_our_select_renders_what_djangos_renders():
    form = _Form({"plain": "1", "grouped": "pear"})
    for name in ("plain", "grouped"):
        bound = form[name]
        ours = nl_widget(bound)
        theirs = bound.as_widget()
        for html in (ours, theirs):
            assert html.count("<option") == {"plain": 3, "grouped": 3}[name]
        assert ours.count(" selected") == theirs.count(" selected") == 1
        squeeze = lambda html: " ".join(html.split()).replace("> <", "><")  # noqa: E731
        # The options themselves are identical; only the select's classes differ.
        assert squeeze(ours).split(">", 1)[1] == squeeze(theirs).split(">", 1)[1]
    assert 'value="1" selected>One</option>' in nl_widget(form["plain"])
    assert "A &amp; co" in nl_widget(form["plain"])
    assert '<optgroup label="Fruit">' in nl_widget(form["grouped"])


def test_the_select_template_includes_no_template_per_option():
    from django.forms.renderers import get_default_renderer

    source = get_default_renderer().get_template(SELECT_TEMPLATE).template.source
    assert "{% include" not in source.replace('{% include "django/forms/widgets/attrs.html" %}', "")


class _Choices(forms.Form):
    many = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B <b>"), ("c", "C")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)


def _inputs(html: str) -> list[str]:
    return [re.sub(r' class="[^"]*"', "", tag) for tag in re.findall(r"<input[^>]*>", html)]


def test_radio_and_checkbox_inputs_are_the_ones_django_renders():
    form = _Choices({"many": ["a", "c"], "one": "y"})
    for name in ("many", "one"):
        ours, theirs = nl_widget(form[name]), form[name].as_widget()
        assert _inputs(ours) == _inputs(theirs)
        assert len(_inputs(ours)) == len(form.fields[name].choices)
    assert "B &lt;b&gt;" in nl_widget(form["many"])
