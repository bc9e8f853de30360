"""Demo needs surveys for Heerde, the three of the implementation plan (seed 001, 3.3 and 3.4):
the carers' survey (from 18) held last month and closed, with 46 responses so its results show
figures; the young carers' survey open, with a handful of responses; the young volunteers'
survey still a draft. Made from the built-in templates and answered through the services."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.registry import register_loader
from omzien.surveys import constants, services
from omzien.surveys.models import Response, Survey, SurveyTransition
from omzien.tenants.models import Municipality

ADVISOR = "beleid.heerde@omzien.test"
CONSULTANT = "consulent.heerde@omzien.test"
BROKER = "makelaar.heerde@omzien.test"
CARER_RESPONSES = 46
YOUNG_CARER_RESPONSES = 7
# The carers' survey ran four weeks and closed two weeks ago; the young carers' one has been
# open for four weeks. Responses come in over the four weeks a survey runs.
WEEKS_OPEN = 4
CLOSED_DAYS_AGO = 14

# What carers wrote, in their own words (no names: the texts are shown to staff).
CARER_TEXTS = [
    "Fijn dat er naar ons gevraagd wordt.",
    "Ik wist niet dat iemand de zorg een dagdeel kan overnemen.",
    "Graag een avond voor mantelzorgers in Wapenveld, Heerde is voor mij ver.",
    "Mijn werkgever weet niet wat ik thuis allemaal doe. Daar zou ik hulp bij willen.",
    "Het formulier voor de waardering was duidelijk.",
    "Soms wil ik gewoon even iemand spreken die het begrijpt.",
    "Informatie liever op papier, ik zit niet veel achter de computer.",
    "Meer bekendheid geven aan de mantelzorgconsulent, ik vond het pas na twee jaar.",
]
YOUNG_TEXTS = [
    "Op school weten ze het niet.",
    "Ik zou graag andere jongeren spreken die hetzelfde hebben.",
]


def _weighted(rng: random.Random, weights: list[int]) -> int:
    return rng.choices(range(len(weights)), weights=weights)[0]


def _pick_some(rng: random.Random, count: int, chance: list[float]) -> list[str]:
    picks = [str(i) for i in range(count) if rng.random() < chance[i % len(chance)]]
    return picks or [str(rng.randrange(count))]


def _answer(
    rng: random.Random, survey: Survey, number: int, texts: list[str], last_day: date
) -> int:
    """``number`` responses with plausible answers, spread over the weeks the survey ran up
    to ``last_day``."""
    questions = list(survey.questions.order_by("position"))
    made = 0
    for index in range(number):
        answers = {}
        for question in questions:
            size = len(question.choices)
            if question.kind == constants.QuestionKind.SINGLE:
                weights = [max(1, size - abs(i - size // 3) * 2) for i in range(size)]
                answers[question.pk] = str(_weighted(rng, weights))
            elif question.kind == constants.QuestionKind.MULTIPLE:
                answers[question.pk] = _pick_some(rng, size, [0.55, 0.35, 0.2, 0.45, 0.15])
            elif question.kind == constants.QuestionKind.SCALE:
                top = question.scale_max or 5
                answers[question.pk] = str(min(top, max(1, round(rng.gauss(top * 0.6, top / 5)))))
            elif index < len(texts) and rng.random() < 0.9:
                answers[question.pk] = texts[index]
        response = services.response_submit(
            key=survey.public_key, form_key=f"demo-{survey.pk}-{index}", answers=answers
        )
        # Spread over the weeks the survey ran (the service stamps today).
        day = last_day - timedelta(days=rng.randint(0, WEEKS_OPEN * 7 - 1))
        Response.objects.filter(pk=response.pk).update(received_on=day)
        made += 1
    return made


def _held(survey: Survey, opened: date, closed: date | None = None) -> None:
    """The survey was written the week before it opened on ``opened`` (and closed on
    ``closed``); its status log says so (the services stamp today)."""
    Survey.objects.filter(pk=survey.pk).update(
        created_at=office_hours(opened - timedelta(days=7)),
        opened_on=opened,
        closed_on=closed,
    )
    log = SurveyTransition.objects.filter(survey=survey)
    log.filter(from_status="").update(created_at=office_hours(opened - timedelta(days=7)))
    log.filter(to_status=constants.Status.OPEN).update(created_at=office_hours(opened))
    if closed is not None:
        log.filter(to_status=constants.Status.CLOSED).update(created_at=office_hours(closed))


def load() -> dict[str, int]:
    """Idempotent: nothing happens when Heerde has surveys already."""
    municipality = Municipality.objects.filter(slug="heerde").first()
    users = get_user_model().objects
    advisor = users.filter(email=ADVISOR).first()
    consultant = users.filter(email=CONSULTANT).first() or advisor
    broker = users.filter(email=BROKER).first() or advisor
    if municipality is None or advisor is None:
        return {"surveys": 0, "survey_responses": 0}
    if Survey.objects.filter(municipality=municipality).exists():
        return {"surveys": 0, "survey_responses": 0}
    rng = random.Random(1406)  # noqa: S311 - deterministic demo data
    responses = 0
    carers = services.survey_from_preset(
        municipality=municipality, code="adult_carers", actor=Actor(user=consultant)
    )
    services.survey_step(survey=carers, target=constants.Status.OPEN, actor=Actor(user=consultant))
    today = timezone.localdate()
    closed = today - timedelta(days=CLOSED_DAYS_AGO)
    responses += _answer(rng, carers, CARER_RESPONSES, CARER_TEXTS, closed - timedelta(days=1))
    services.survey_step(
        survey=carers, target=constants.Status.CLOSED, actor=Actor(user=consultant)
    )
    _held(carers, closed - timedelta(weeks=WEEKS_OPEN), closed)
    young = services.survey_from_preset(
        municipality=municipality, code="young_carers", actor=Actor(user=consultant)
    )
    services.survey_step(survey=young, target=constants.Status.OPEN, actor=Actor(user=consultant))
    responses += _answer(rng, young, YOUNG_CARER_RESPONSES, YOUNG_TEXTS, today)
    _held(young, today - timedelta(weeks=WEEKS_OPEN) + timedelta(days=1))
    services.survey_from_preset(
        municipality=municipality, code="young_volunteers", actor=Actor(user=broker)
    )
    return {"surveys": 3, "survey_responses": responses}


register_loader("surveys", load, after=["accounts"])
