"""The look: one date rule in both languages, the error summary's wording, the theme and the
municipality's own colour and logo in the header."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from omzien.ui.templatetags.omzien_ui import css_colour, error_summary_line

DAY = datetime.date(2026, 11, 30)


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [("nl", "30 november 2026", "30-11-2026"), ("en", "30 November 2026", "30-11-2026")],
)
def test_one_date_rule_in_both_languages(language, long, short):
    with translation.override(language):
        assert render("{{ day|date }}", day=DAY) == long
        assert render('{{ day|date:"SHORT_DATE_FORMAT" }}', day=DAY) == short
        assert "11/30/2026" not in render("{{ day }}", day=DAY)


def test_date_fields_accept_the_short_and_the_iso_form():
    from django import forms

    class DayForm(forms.Form):
        day = forms.DateField()

    with translation.override("nl"):
        for typed in ("30-11-2026", "2026-11-30"):
            form = DayForm({"day": typed})
            assert form.is_valid(), typed
            assert form.cleaned_data["day"] == DAY


@pytest.mark.parametrize(
    ("label", "line"),
    [
        ("Name", "Name: This field is required."),
        (
            "The vacancy is kept as a draft.",
            "The vacancy is kept as a draft: This field is required.",
        ),
        ("Postcode:", "Postcode: This field is required."),
        ("Do you agree?", "Do you agree? This field is required."),
        ("", "This field is required."),
    ],
)
def test_the_error_summary_joins_label_and_error_without_double_punctuation(label, line):
    assert error_summary_line(label, "This field is required.") == line


def test_only_a_hex_colour_goes_into_the_style_block():
    assert css_colour("#1a2B3c") == "#1a2B3c"
    assert css_colour("red;}body{display:none") == ""
    assert css_colour(None) == ""


@pytest.mark.django_db
def test_pages_load_omziens_theme_not_utrecht(client):
    body = client.get("/").content.decode()
    assert "/static/omzien/theme.css" in body
    assert "vendor/utrecht/theme.css" not in body


@pytest.mark.django_db
def test_the_municipality_colour_and_logo_show_in_the_header(rf, make_member, heerde):
    """Until the municipality has a colour and logo (tenants), Omzien's own look shows; with
    them, a nonce'd style block sets the primary colour and the logo carries its name."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    user = make_member("resident", heerde)
    request = rf.get("/")
    request.user = user
    request.csp_nonce = "n0nce"
    plain = render_to_string("base.html", request=request)
    assert "<style" not in plain
    municipality = SimpleNamespace(
        name="Heerde", primary_colour="#1f4e8c", logo=SimpleNamespace(url="/media/heerde.png")
    )
    with translation.override("nl"):
        body = render_to_string(
            "base.html", {"current_municipality": municipality}, request=request
        )
    assert '<style nonce="n0nce">.omzien-theme{--omzien-color-primary:#1f4e8c;' in body
    assert '<img class="omzien-header__logo" src="/media/heerde.png" alt="Gemeente Heerde">' in body
