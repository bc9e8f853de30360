"""The survey pages: staff build from a template and open it, residents answer without an
account, results and the Excel export, the start page; another municipality's survey is 404."""

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.surveys import constants
from omzien.surveys.models import Response, Survey
from omzien.surveys.presets import PRESETS
from omzien.surveys.tests.factories import QuestionFactory, SurveyFactory
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db

Status = constants.Status


def test_staff_make_a_survey_from_a_template_and_open_it(advisor_client, heerde):
    response = advisor_client.post(
        reverse("surveys:survey_from_preset"), {"preset": "young_volunteers"}
    )
    survey = Survey.objects.get()
    assert response["Location"] == reverse("surveys:survey_detail", args=[survey.pk])
    page = advisor_client.get(response["Location"]).content.decode()
    assert "Vrijwilligerswerk: wat past bij u?" in page
    for question in PRESETS["young_volunteers"].questions:
        assert question.text in page
    advisor_client.post(
        reverse("surveys:survey_step", args=[survey.pk]), {"target": "open", "seen": "draft"}
    )
    survey.refresh_from_db()
    assert survey.status == Status.OPEN
    page = advisor_client.get(reverse("surveys:survey_detail", args=[survey.pk])).content.decode()
    assert reverse("surveys:survey_fill", args=[survey.public_key]) in page


def test_a_question_form_with_errors_is_shown_again(advisor_client, heerde):
    survey = SurveyFactory(municipality=heerde, status=Status.DRAFT)
    response = advisor_client.post(
        reverse("surveys:question_create", args=[survey.pk]),
        {"kind": "single", "text": "Welke dag?", "choices": "Maandag"},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    response = advisor_client.post(
        reverse("surveys:question_create", args=[survey.pk]),
        {"kind": "single", "text": "Welke dag?", "choices": "Maandag\nDinsdag\n"},
    )
    assert response.status_code == 302
    assert survey.questions.get().choices == ["Maandag", "Dinsdag"]


def test_another_municipalitys_survey_is_not_found(advisor_client, dalfsen):
    survey = SurveyFactory(municipality=dalfsen)
    for name in ("survey_detail", "survey_results", "survey_results_xlsx", "survey_edit"):
        assert advisor_client.get(reverse(f"surveys:{name}", args=[survey.pk])).status_code == 404


@pytest.fixture
def open_survey(heerde):
    survey = SurveyFactory(municipality=heerde, title="Behoeftepeiling mantelzorgers")
    QuestionFactory(survey=survey, required=True)
    return survey


def _form_key(page: str) -> str:
    marker = 'name="form_key" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_a_resident_answers_without_an_account_once_per_form(client, open_survey):
    url = reverse("surveys:survey_fill", args=[open_survey.public_key])
    page = client.get(url).content.decode()
    assert "Behoeftepeiling mantelzorgers" in page
    key = _form_key(page)
    question = open_survey.questions.get()
    empty = client.post(url, {"form_key": key})
    assert empty.status_code == 200
    assert 'aria-invalid="true"' in empty.content.decode()
    data = {"form_key": key, f"q{question.pk}": "1"}
    assert client.post(url, data)["Location"] == reverse("surveys:survey_thanks")
    assert client.post(url, data).status_code == 302  # sent twice: stored once
    assert Response.objects.count() == 1
    assert client.get(reverse("surveys:survey_thanks")).status_code == 200


def test_the_public_form_is_rate_limited(client, open_survey, settings):
    settings.OMZIEN_RATE_LIMITS = {
        **settings.OMZIEN_RATE_LIMITS,
        "survey_response": {"ip": 2, "address": 10},
    }
    url = reverse("surveys:survey_fill", args=[open_survey.public_key])
    question = open_survey.questions.get()
    for number in range(2):
        assert (
            client.post(url, {"form_key": f"k{number}", f"q{question.pk}": "0"}).status_code == 302
        )
    assert client.post(url, {"form_key": "k9", f"q{question.pk}": "0"}).status_code == 429
    assert Response.objects.count() == 2


def test_a_closed_or_unknown_survey_says_so(client, open_survey):
    Survey.objects.filter(pk=open_survey.pk).update(status=Status.CLOSED)
    assert (
        client.get(reverse("surveys:survey_fill", args=[open_survey.public_key])).status_code == 410
    )
    assert client.get(reverse("surveys:survey_fill", args=["onbekend"])).status_code == 404
    assert client.get(reverse("surveys:invitation_fill", args=["onbekend"])).status_code == 404


def test_results_and_excel_export(advisor_client, open_survey):
    question = open_survey.questions.get()
    for number in range(6):
        Response.objects.create(survey=open_survey, received_on="2026-11-02", form_key=str(number))
    for response in Response.objects.all():
        response.answers.create(question=question, chosen=[0])
    page = advisor_client.get(reverse("surveys:survey_results", args=[open_survey.pk]))
    content = page.content.decode()
    assert "<svg" in content and "100%" in content
    export = advisor_client.get(reverse("surveys:survey_results_xlsx", args=[open_survey.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert export.content[:2] == b"PK"


def test_the_start_page_lists_open_surveys_with_their_responses(
    client, make_member, heerde, open_survey
):
    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    Response.objects.create(survey=open_survey, received_on="2026-11-02", form_key="a")
    SurveyFactory(municipality=heerde, status=Status.DRAFT, title="Nog niet open")
    page = login_verified(client, worker).get(reverse("ui:dashboard")).content.decode()
    assert "Behoeftepeiling mantelzorgers" in page
    assert "Nog niet open" not in page
