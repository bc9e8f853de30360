"""The look: one date rule in both languages, the error summary's wording, the theme and the
municipality's own colour and logo in the header."""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from omzien.ui.templatetags.omzien_ui import css_colour, error_summary_line, euro

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


# A date format in a template: |date:"..." or |date:'...'.
DATE_FORMAT_IN_TEMPLATE = re.compile(r"""\|date:(["'])([^"']*)\1""")
SRC = Path(__file__).resolve().parents[2]


def test_short_month_names_are_written_the_dutch_way():
    """Django's "M" capitalises the short month ("4 Dec 2026", "Mrt", "Mei"): wrong in Dutch,
    where it is "4 dec 2026". "N" is right in both languages ("4 dec 2026", "4 Dec. 2026")."""
    with translation.override("nl"):
        assert render('{{ day|date:"j N Y" }}', day=DAY) == "30 nov 2026"
    with translation.override("en"):
        assert render('{{ day|date:"j N Y" }}', day=DAY) == "30 Nov. 2026"
    found = [
        f"{path.relative_to(SRC)}: {match.group(2)}"
        for path in SRC.rglob("*.html")
        for match in DATE_FORMAT_IN_TEMPLATE.finditer(path.read_text(encoding="utf-8"))
        if not match.group(2).endswith("_FORMAT") and "M" in match.group(2)
    ]
    assert found == []


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


def test_an_amount_keeps_its_sign_and_figure_on_one_line():
    with translation.override("nl"):
        assert euro(Decimal("1800")) == "€\u00a01.800,00"
        assert euro(Decimal("2.5")) == "€\u00a02,50"
    with translation.override("en"):
        assert euro(Decimal("1800")) == "€\u00a01,800.00"
    assert euro(None) == ""


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
        name="Heerde", slug="heerde", primary_colour="#1f4e8c", logo="municipality-logos/x.png"
    )
    with translation.override("nl"):
        body = render_to_string(
            "base.html", {"current_municipality": municipality}, request=request
        )
    assert '<style nonce="n0nce">.omzien-theme{--omzien-color-primary:#1f4e8c;' in body
    # From the view that streams it (nothing serves /media/).
    logo = reverse("tenants:logo", args=["heerde"])
    assert f'<img class="omzien-header__logo" src="{logo}" alt="Gemeente Heerde">' in body


def _rule_depths(css: str) -> list[int]:
    """The nesting depth after each line of ``css`` (comments and strings left out)."""
    css = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), css, flags=re.S)
    css = re.sub(r"\"[^\"\n]*\"|'[^'\n]*'", '""', css)
    depths, depth = [], 0
    for line in css.split("\n"):
        depth += line.count("{") - line.count("}")
        depths.append(depth)
    return depths


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).parents[2] / "static" / "omzien").glob("*.css")), ids=str
)
def test_our_stylesheets_close_every_block(path):
    """A lost brace (a merge that interleaves two edits) silently puts every rule after it
    inside a media query or another rule: the cards and badges then vanish from the pages."""
    depths = _rule_depths(path.read_text())
    assert min(depths) >= 0
    assert depths[-1] == 0
    # A rule at the start of a line (not indented) is never inside another block.
    lines = path.read_text().split("\n")
    inside = [
        number
        for number, (line, before) in enumerate(zip(lines, [0, *depths[:-1]], strict=True), start=1)
        if before > 0 and line[:1] not in ("", " ", "}", "\t") and not line.startswith("/*")
    ]
    assert inside == []


def test_text_for_screen_readers_only_is_hidden_on_screen():
    """Templates name the row a button acts on in a ``utrecht-visually-hidden`` span; without
    the rule the name shows in the button ("Verwelkomd : Bram Kok")."""
    css = (Path(__file__).parents[2] / "static" / "omzien" / "omzien.css").read_text()
    rule = css[css.index(".utrecht-visually-hidden {") :]
    rule = rule[: rule.index("}")]
    assert "position: absolute" in rule and "clip-path: inset(50%)" in rule


class _ListItems(HTMLParser):
    """The ``<li>`` of each NL Design System list (``utrecht-unordered-list``,
    ``utrecht-ordered-list``) without the item class, by line."""

    LISTS = ("utrecht-unordered-list", "utrecht-ordered-list")
    #: Lists that draw their items themselves (cards, a timeline): no bullets to match.
    OWN_STYLE = {"omzien-card-list", "omzien-timeline", "omzien-plain-list", "omzien-todos"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.bare: list[int] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("ul", "ol"):
            own = self.OWN_STYLE.intersection(classes)
            self.stack.append("" if own else next((c for c in classes if c in self.LISTS), ""))
        elif tag == "li" and self.stack and self.stack[-1]:
            self._check(classes)

    def _check(self, classes: list[str]) -> None:
        if f"{self.stack[-1]}__item" not in classes:
            self.bare.append(self.getpos()[0])

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.stack:
            self.stack.pop()


def test_every_item_of_a_design_system_list_has_its_item_class():
    """Without ``utrecht-unordered-list__item`` a list item gets the browser's own bullet and
    indent, unlike every other list of the page."""
    found = []
    for path in sorted(SRC.rglob("*.html")):
        parser = _ListItems()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(SRC)}:{line}" for line in parser.bare]
    assert found == []


def test_a_one_day_range_names_its_day_once():
    source = '{% load omzien_ui %}{% day_range first last %}|{% day_range first last "j-n" %}'
    other = DAY + datetime.timedelta(days=2)
    with translation.override("nl"):
        assert render(source, first=DAY, last=DAY) == "30 november 2026|30-11"
        assert render(source, first=DAY, last=other) == (
            "30 november 2026 – 2 december 2026|30-11 – 2-12"
        )


CAPTION = re.compile(r'<caption class="utrecht-table__caption">(.*?)</caption>', re.S)
HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)


def test_a_table_caption_does_not_repeat_the_heading_above_it_on_screen():
    """A caption that says what the heading above the table said is read out (the table's
    name) but not shown twice: it is visually hidden."""
    found = []
    for path in sorted(SRC.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for caption in CAPTION.finditer(text):
            headings = list(HEADING.finditer(text, 0, caption.start()))
            if headings and headings[-1].group(2).strip() == caption.group(1).strip():
                found.append(
                    f"{path.relative_to(SRC)}:{text.count(chr(10), 0, caption.start()) + 1}"
                )
    assert found == []
