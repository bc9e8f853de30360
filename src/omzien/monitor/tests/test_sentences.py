"""The report of a past quarter (its snapshots) and the sentences the advisor rewrites for it
(issue 16 point 4)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.common.services import EditConflict
from omzien.monitor.models import MeasureSentence
from omzien.monitor.selectors import report
from omzien.monitor.services import sentences as services
from omzien.monitor.tests.conftest import CODE
from omzien.monitor.tests.factories import (
    AmbitionFactory,
    ExternalValueFactory,
    MeasureFactory,
    SnapshotFactory,
)
from omzien.privacy.statistics import Period

pytestmark = pytest.mark.django_db

Q2 = Period.parse("2024-Q2")
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def measure(heerde, test_indicator):
    """'Eind 2024 50 waarden', computed; the quarter 2024-Q2 snapshotted at 41 and today's
    live value 3 (three external values entered)."""
    ambition = AmbitionFactory(theme__programme__municipality=heerde)
    measure = MeasureFactory(
        ambition=ambition,
        external=None,
        indicator_code=CODE,
        target_value=Decimal(50),
        deadline=datetime.date(2024, 12, 31),
    )
    SnapshotFactory(
        municipality=heerde,
        indicator_code=CODE,
        period_start=Q2.start,
        period_end=Q2.end,
        value=Decimal(41),
    )
    SnapshotFactory(  # a later quarter: not in the report of 2024-Q2
        municipality=heerde,
        indicator_code=CODE,
        period_start=datetime.date(2024, 7, 1),
        period_end=datetime.date(2024, 9, 30),
        value=Decimal(45),
    )
    ExternalValueFactory.create_batch(3, indicator__municipality=heerde)
    return measure


def test_the_report_of_a_past_quarter_has_that_quarters_figures(measure):
    programme = measure.ambition.theme.programme
    (view,) = report.report(programme=programme, today=TODAY, period=Q2)["measures"]
    assert view.value == 41
    assert view.history == [(Q2.end, Decimal(41), False)]
    assert view.sentence == "Eind 2024 willen we 50 testwaarden; op 30 juni 2024 staan er 41 (82%)."
    (live,) = report.report(programme=programme, today=TODAY)["measures"]
    assert live.value == 3


def test_a_rewritten_sentence_goes_into_that_quarters_report(measure, actor, monkeypatch):
    programme = measure.ambition.theme.programme
    written = services.sentence_set(
        measure=measure,
        period=Q2,
        text="Halverwege 2024 stonden er 41 van de 50 waarden: op koers.",
        version=0,
        actor=actor,
    )
    assert written.version == 1
    with pytest.raises(EditConflict):  # a colleague's form of before the rewrite
        services.sentence_set(measure=measure, period=Q2, text="Anders.", version=0, actor=actor)
    with pytest.raises(ValidationError) as error:
        services.sentence_set(measure=measure, period=Q2, text="  ", version=1, actor=actor)
    assert error.value.error_dict["text"][0].code == "required"

    made = []
    monkeypatch.setattr(report, "html_to_pdf", lambda html, **kw: made.append(html) or b"%PDF")
    report.report_pdf(programme=programme, today=TODAY, period=Q2)
    assert "Halverwege 2024 stonden er 41 van de 50 waarden" in made[0]
    assert "2e kwartaal 2024" in made[0]
    report.report_pdf(programme=programme, today=TODAY)  # today's report: the generated one
    assert "Halverwege" not in made[1]

    services.sentence_reset(measure=measure, period=Q2, version=1, actor=actor)
    assert not MeasureSentence.objects.exists()
    (view,) = report.report(programme=programme, today=TODAY, period=Q2)["measures"]
    assert view.sentence.startswith("Eind 2024 willen we 50")


def test_a_quarter_that_is_not_over_has_no_sentences(measure, actor):
    with pytest.raises(ValidationError) as error:
        services.sentence_set(
            measure=measure,
            period=Period.last_complete(timezone.localdate() + datetime.timedelta(days=92)),
            text="Later.",
            version=0,
            actor=actor,
        )
    assert error.value.code == "period_not_over"


def test_the_sentences_page_and_the_reports_of_a_quarter(advisor_client, measure):
    programme = measure.ambition.theme.programme
    url = reverse("monitor:programme_sentences", args=[programme.pk])
    page = advisor_client.get(url, {"period": "2024-Q2"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "op 30 juni 2024 staan er 41 (82%)" in text  # the generated sentence to start from
    field = f"m{measure.pk}"
    answer = advisor_client.post(
        f"{url}?period=2024-Q2",
        {"measure": measure.pk, f"{field}-version": 0, f"{field}-text": "Zelf geschreven."},
    )
    assert answer.status_code == 302
    assert MeasureSentence.objects.get().text == "Zelf geschreven."
    answer = advisor_client.post(  # the same form again: a conflict, nothing saved
        f"{url}?period=2024-Q2",
        {"measure": measure.pk, f"{field}-version": 0, f"{field}-text": "Nog eens."},
    )
    assert answer.status_code == 302
    assert MeasureSentence.objects.get().text == "Zelf geschreven."
    answer = advisor_client.post(
        f"{url}?period=2024-Q2",
        {"measure": measure.pk, f"{field}-version": 1, f"{field}-text": "x", "reset": "1"},
    )
    assert answer.status_code == 302 and not MeasureSentence.objects.exists()

    xlsx = advisor_client.get(
        reverse("monitor:programme_report_xlsx", args=[programme.pk]), {"period": "2024-Q2"}
    )
    assert xlsx.status_code == 200
    assert "2024-Q2" in xlsx["Content-Disposition"]
    wrong = advisor_client.get(
        reverse("monitor:programme_report_pdf", args=[programme.pk]), {"period": "2030-Q1"}
    )
    assert wrong.status_code == 302  # not a quarter of the programme that is over
