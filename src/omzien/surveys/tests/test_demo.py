import pytest

from omzien.demo import accounts
from omzien.surveys import demo, selectors
from omzien.surveys.constants import Status
from omzien.surveys.models import Survey
from omzien.tenants.services import reference_data_load

pytestmark = pytest.mark.django_db


def test_the_three_heerde_surveys_load_once_and_the_closed_one_shows_figures():
    reference_data_load()
    accounts.load()
    loaded = demo.load()
    assert loaded == {
        "surveys": 3,
        "survey_responses": demo.CARER_RESPONSES + demo.YOUNG_CARER_RESPONSES,
    }
    surveys = {s.preset: s for s in Survey.objects.filter(municipality__slug="heerde")}
    assert {code: s.status for code, s in surveys.items()} == {
        "adult_carers": Status.CLOSED,
        "young_carers": Status.OPEN,
        "young_volunteers": Status.DRAFT,
    }
    results = selectors.survey_results(survey=surveys["adult_carers"])
    assert results.responses.value == demo.CARER_RESPONSES
    shown = [row.count.value for q in results.questions for row in q.rows]
    assert sum(value for value in shown if value) > 0
    texts = [q.texts for q in results.questions if q.kind == "text"]
    assert texts and texts[0] and len(texts[0]) >= 5
    assert demo.load() == {"surveys": 0, "survey_responses": 0}
