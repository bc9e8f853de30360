"""The results: counts and shares with small numbers hidden, free text only from five people
who wrote one, the bar chart's geometry, the Excel export and the indicator."""

import datetime
from io import BytesIO

import pytest
from django.utils.translation import gettext
from openpyxl import load_workbook

from omzien.privacy.statistics import Figure, Period
from omzien.surveys import constants, selectors, services
from omzien.surveys.tests.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

Kind = constants.QuestionKind


@pytest.fixture
def survey(heerde):
    survey = SurveyFactory(municipality=heerde)
    QuestionFactory(survey=survey, choices=["Ja", "Een beetje", "Nee"])
    QuestionFactory(survey=survey, kind=Kind.TEXT, text="Verder?", choices=[])
    return survey


def _answer(survey, picks: list[int], texts: list[str]):
    single, text = list(survey.questions.order_by("position"))
    for number, pick in enumerate(picks):
        answers = {single.pk: str(pick)}
        if number < len(texts):
            answers[text.pk] = texts[number]
        services.response_submit(key=survey.public_key, form_key=f"k{number}", answers=answers)


def test_small_counts_and_few_texts_are_hidden(survey):
    # 6 × "Ja", 3 × "Een beetje", 0 × "Nee"; 4 people wrote a text.
    _answer(survey, [0] * 6 + [1] * 3, ["een", "twee", "drie", "vier"])
    results = selectors.survey_results(survey=survey)
    assert str(results.responses) == "9"
    single, text = results.questions
    assert str(single.answered) == "9"
    shown = [(row.label, row.count.value, row.share.value) for row in single.rows]
    # 3 is hidden; then 6 would give it away (9 − 6), so 6 is hidden too; 0 is shown.
    assert shown == [("Ja", None, None), ("Een beetje", None, None), ("Nee", 0, 0)]
    assert text.texts is None
    assert text.answered.suppressed


def test_figures_and_texts_are_shown_from_five(survey):
    _answer(survey, [0] * 10 + [1] * 5 + [2] * 5, ["a", "b", "c", "d", "e"])
    single, text = selectors.survey_results(survey=survey).questions
    assert [(r.count.value, r.share.value) for r in single.rows] == [(10, 50), (5, 25), (5, 25)]
    assert text.texts == ["a", "b", "c", "d", "e"]
    bars = single.chart.bars
    assert bars[0].width == pytest.approx(2 * bars[1].width, abs=0.2)
    assert [b.value_label for b in bars] == ["50%", "25%", "25%"]


def test_the_results_page_runs_the_same_queries_at_any_size(survey, advisor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("surveys:survey_results", args=[survey.pk])
    _answer(survey, [0] * 5 + [1] * 5, ["a"] * 5)
    with CaptureQueriesContext(connection) as small:
        assert advisor_client.get(url).status_code == 200
    _answer_more = [0] * 50 + [2] * 50
    single, text = list(survey.questions.order_by("position"))
    for number, pick in enumerate(_answer_more):
        services.response_submit(
            key=survey.public_key,
            form_key=f"more{number}",
            answers={single.pk: str(pick), text.pk: "tekst"},
        )
    with CaptureQueriesContext(connection) as large:
        assert advisor_client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_excel_export_has_the_shown_figures_only(survey):
    _answer(survey, [0] * 6 + [1] * 3, [])
    book = load_workbook(BytesIO(selectors.results_xlsx(selectors.survey_results(survey=survey))))
    hidden = str(Figure(value=None, min_size=5))
    rows = [row[:3] for row in book.active.iter_rows(values_only=True)]
    assert ("Ja", hidden, hidden) in rows
    assert ("Een beetje", hidden, hidden) in rows
    assert ("Nee", 0, 0) in rows
    assert (gettext("Responses"), 9, None) in rows


def test_the_indicator_counts_responses_received_in_the_period(survey, heerde):
    _answer(survey, [0, 1, 2], [])
    from omzien.surveys.models import Response

    Response.objects.filter(form_key="k0").update(received_on=datetime.date(2026, 2, 3))
    result = selectors.survey_indicators(municipality=heerde, period=Period.parse("2026-02"))
    assert result["surveys.responses"].value == 1
