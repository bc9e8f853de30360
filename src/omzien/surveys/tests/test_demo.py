import pytest
from django.utils import timezone

from omzien.demo import accounts
from omzien.surveys import demo, selectors
from omzien.surveys.constants import Status
from omzien.surveys.models import Response, Survey, SurveyTransition
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


def test_the_demo_surveys_ran_in_the_past_and_their_answers_came_while_open():
    reference_data_load()
    accounts.load()
    demo.load()
    today = timezone.localdate()
    surveys = {s.preset: s for s in Survey.objects.filter(municipality__slug="heerde")}
    held = surveys["adult_carers"]
    assert held.opened_on < held.closed_on < today
    running = surveys["young_carers"]
    assert running.opened_on < today and running.closed_on is None
    for survey in (held, running):
        last = survey.closed_on or today
        days = set(Response.objects.filter(survey=survey).values_list("received_on", flat=True))
        assert days and all(survey.opened_on <= day <= last for day in days)
        log = {t.to_status: t.created_at for t in SurveyTransition.objects.filter(survey=survey)}
        assert timezone.localdate(log[Status.OPEN]) == survey.opened_on
    closed_at = SurveyTransition.objects.get(survey=held, to_status=Status.CLOSED).created_at
    assert timezone.localdate(closed_at) == held.closed_on
