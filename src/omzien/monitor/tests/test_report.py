"""The council's progress report: PDF and XLSX per programme, and the sentence per measure."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from omzien.common import indicators
from omzien.monitor.constants import Direction
from omzien.monitor.forms import ReportPeriodForm
from omzien.monitor.models import Ambition, Measure
from omzien.monitor.selectors import report
from omzien.monitor.selectors.dashboard import programme_dashboard
from omzien.monitor.sentences import measure_sentence
from omzien.monitor.tests.conftest import CODE
from omzien.monitor.tests.factories import (
    ActionBudgetFactory,
    ActionFactory,
    AmbitionFactory,
    ExternalValueFactory,
    MeasureFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sentence(value, *, target="50", direction=Direction.AT_LEAST, unit="", hidden=False, **kw):
    measure = Measure(
        target_value=Decimal(target),
        direction=direction,
        deadline=kw.get("deadline", datetime.date(2024, 12, 31)),
        baseline_value=kw.get("baseline"),
    )
    with translation.override("nl"):
        return measure_sentence(
            name=kw.get("name", "Matches"),
            unit=unit,
            value=value,
            hidden=hidden,
            measure=measure,
            today=kw.get("today", datetime.date(2026, 11, 30)),
        )


def test_the_sentence_of_the_worked_example():
    assert _sentence(Decimal(41)) == (
        "Eind 2024 wilden we 50 matches; op 30 november 2026 staan er 41 (82%)."
    )


def test_the_sentence_for_a_future_deadline_a_percentage_a_hidden_and_a_missing_value():
    assert _sentence(
        Decimal("10.5"),
        target="12.3",
        direction=Direction.DECLINE,
        unit="%",
        name="GGD zwaar belast",
        deadline=datetime.date(2027, 7, 1),
    ) == (
        "Uiterlijk 1 juli 2027 willen we hoogstens 12,3% GGD zwaar belast; "
        "op 30 november 2026 is het 10,5%."
    )
    assert _sentence(None, hidden=True).endswith(
        "op 30 november 2026 is de waarde afgeschermd, omdat het om te weinig mensen gaat."
    )
    assert _sentence(None).endswith("op 30 november 2026 is er nog geen waarde.")


def test_growth_without_a_number_wants_more_than_the_baseline():
    """Harderwijk: "groei van het aantal preventieve huisbezoeken aan mantelzorgers (ZorgDat
    2020: 0)" — the target is the baseline; the sentence says more, and shows no share."""
    sentence = _sentence(
        Decimal(0),
        target="0",
        baseline=Decimal(0),
        direction=Direction.GROWTH,
        name="Preventieve huisbezoeken aan mantelzorgers",
        deadline=datetime.date(2023, 12, 31),
    )
    assert sentence == (
        "Eind 2023 wilden we meer dan 0 preventieve huisbezoeken aan mantelzorgers; "
        "op 30 november 2026 staan er 0."
    )
    assert "minder dan 12,3%" in _sentence(
        Decimal(11),
        target="12.3",
        baseline=Decimal("12.3"),
        direction=Direction.DECLINE,
        unit="%",
    )


def _programme(heerde, n):
    """n ambitions, each with a computed and an external measure (n values) and n actions
    with a budget."""
    programme = ProgrammeFactory(municipality=heerde)
    for _ in range(n):
        ambition = AmbitionFactory(theme__programme=programme)
        MeasureFactory(ambition=ambition, external=None, indicator_code=CODE)
        measure = MeasureFactory(ambition=ambition)
        ExternalValueFactory.create_batch(n, indicator=measure.external)
        for action in ActionFactory.create_batch(n, ambition=ambition):
            ActionBudgetFactory(action=action)
    return programme


def _names(programme):
    return {
        m.external.name if m.external_id else "Testwaarden"
        for m in Measure.objects.filter(ambition__theme__programme=programme)
    }


def test_the_pdf_report_holds_every_measure_with_its_sentence_and_chart(
    advisor_client, heerde, test_indicator, monkeypatch
):
    made = []
    real = report.html_to_pdf

    def capture(html, **kwargs):
        made.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(report, "html_to_pdf", capture)
    programme = _programme(heerde, 2)
    answer = advisor_client.get(reverse("monitor:programme_report_pdf", args=[programme.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    html = made[0]
    for name in _names(programme):
        assert name in html
    assert programme.name in html and "Heerde" in html
    assert html.count("<svg") == 4  # the dashboard's chart for each of the four measures
    assert "Eind 2024 wilden we" in html  # the sentence per measure
    assert "Stip" in html and "10.000,00" in html  # the partner and the budget
    # The chart's caption points to the table of its values: the PDF has that table too.
    assert "De tabel noemt elke waarde" in html
    assert html.count('<table class="values">') == 4


def test_the_xlsx_report_has_a_sheet_per_theme_with_measures_and_actions(
    advisor_client, heerde, test_indicator
):
    from openpyxl import load_workbook

    programme = _programme(heerde, 2)
    answer = advisor_client.get(reverse("monitor:programme_report_xlsx", args=[programme.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(answer.content))
    themes = [a.theme.name for a in Ambition.objects.filter(theme__programme=programme)]
    assert sorted(workbook.sheetnames) == sorted(themes)
    cells = {
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    }
    assert _names(programme) <= cells
    assert {"GGD Gezondheidsmonitor", "Stip", "Gepland", 10000} <= cells


def test_another_municipalitys_programme_answers_404(advisor_client, dalfsen):
    programme = ProgrammeFactory(municipality=dalfsen)
    for name in ("monitor:programme_report_pdf", "monitor:programme_report_xlsx"):
        assert advisor_client.get(reverse(name, args=[programme.pk])).status_code == 404


@pytest.mark.parametrize("name", ["monitor:programme_report_pdf", "monitor:programme_report_xlsx"])
def test_the_report_query_count_does_not_grow_with_the_measures(
    advisor_client, heerde, test_indicator, name
):
    counts = []
    for n in (1, 5):
        url = reverse(name, args=[_programme(heerde, n).pk])
        advisor_client.get(url)  # the session and caches warmed up
        with CaptureQueriesContext(connection) as ctx:
            assert advisor_client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 20, counts


def test_a_small_number_stays_hidden_in_the_sentence_pdf_and_xlsx(
    advisor_client, heerde, monkeypatch
):
    from openpyxl import load_workbook

    ind = indicators.Indicator("testapp.people", "Mensen")
    indicators.register(
        ind, source=lambda *, municipality, period: {"testapp.people": indicators.Result(value=3)}
    )
    made = []
    monkeypatch.setattr(report, "html_to_pdf", lambda html, **kw: made.append(html) or b"%PDF")
    try:
        ambition = AmbitionFactory(theme__programme__municipality=heerde)
        MeasureFactory(ambition=ambition, external=None, indicator_code="testapp.people")
        programme = ambition.theme.programme
        view = programme_dashboard(programme=programme, today=datetime.date(2024, 5, 1))[
            "measures"
        ][0]
        assert view.hidden and "afgeschermd" in view.sentence
        page = advisor_client.get(reverse("monitor:programme_detail", args=[programme.pk]))
        assert "te weinig mensen" in page.content.decode()
        advisor_client.get(reverse("monitor:programme_report_pdf", args=[programme.pk]))
        assert "te weinig mensen" in made[0]
        answer = advisor_client.get(reverse("monitor:programme_report_xlsx", args=[programme.pk]))
        rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
        measure_rows = [r for r in rows if r[1] == "Mensen"]
        assert measure_rows and all(r[3] == "afgeschermd" for r in measure_rows)
        assert not any(r[3] == 3 for r in measure_rows)
    finally:
        indicators.unregister("testapp.people")


def test_the_report_period_is_a_choice_with_today_as_one_of_them(heerde):
    programme = ProgrammeFactory(municipality=heerde)
    today = datetime.date(2026, 12, 3)
    form = ReportPeriodForm(programme=programme, today=today)
    assert "(niet verplicht)" not in str(form["period"].as_field_group())
    assert form["period"].initial == "2026-Q3"
    for sent, period in (("live", None), ("", None), ("2026-Q3", "2026-Q3")):
        chosen = ReportPeriodForm({"period": sent}, programme=programme, today=today)
        assert chosen.is_valid()
        assert (chosen.cleaned_data["period"] and chosen.cleaned_data["period"].code) == period
