"""How the authorization walk (ui/tests/access.py) requests the survey URLs. Each side has an
open survey with a question and a one-time invitation; another municipality's survey answers
404 on the staff pages, and the public form of every side opens for anyone."""

import hashlib
import secrets

from omzien.surveys.tests.factories import InvitationFactory, QuestionFactory, SurveyFactory
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    side.survey = SurveyFactory(municipality=side.municipality)
    side.survey_question = QuestionFactory(survey=side.survey)
    side.survey_token = secrets.token_urlsafe(32)
    InvitationFactory(
        survey=side.survey, token_hash=hashlib.sha256(side.survey_token.encode()).hexdigest()
    )


def _survey(side) -> dict:
    return {"pk": side.survey.pk}


def _question(side) -> dict:
    return {"pk": side.survey.pk, "question_pk": side.survey_question.pk}


PAGES = {
    "surveys:survey_list": Page(),
    "surveys:survey_create": Page(),
    "surveys:survey_from_preset": action(data=lambda s: {"preset": "young_carers"}),
    "surveys:survey_detail": Page(_survey),
    "surveys:survey_edit": Page(_survey),
    "surveys:survey_step": action(_survey, data=lambda s: {"target": "closed"}),
    "surveys:question_create": Page(_survey),
    "surveys:question_edit": Page(_question),
    "surveys:question_delete": action(_question),
    "surveys:question_move": action(_question, data=lambda s: {"direction": "down"}),
    "surveys:survey_invite": Page(_survey),
    "surveys:survey_invite_group": action(_survey),
    "surveys:survey_results": Page(_survey),
    "surveys:survey_results_xlsx": Page(_survey),
    # The resident's anonymous form: the open link and a one-time invitation.
    "surveys:survey_fill": Page(lambda s: {"key": s.survey.public_key}),
    "surveys:invitation_fill": Page(lambda s: {"token": s.survey_token}),
    "surveys:survey_thanks": Page(),
}
