import hashlib
import secrets

import factory
from django.utils import timezone

from omzien.surveys import constants
from omzien.surveys.models import (
    Answer,
    Invitation,
    InvitedAddress,
    Question,
    Response,
    Survey,
    SurveyTransition,
)
from omzien.tenants.tests.factories import MunicipalityFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Behoeftepeiling {n}")
    introduction = "Het invullen duurt ongeveer 5 minuten."
    target_group = constants.TargetGroup.ADULT_CARERS
    status = constants.Status.OPEN
    public_key = factory.LazyFunction(lambda: secrets.token_urlsafe(18))
    opened_on = factory.LazyFunction(timezone.localdate)


class SurveyTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyTransition

    survey = factory.SubFactory(SurveyFactory)
    to_status = constants.Status.DRAFT


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = constants.QuestionKind.SINGLE
    text = "Voelt u zich als mantelzorger gezien en gewaardeerd?"
    choices = factory.LazyFunction(lambda: ["Ja", "Een beetje", "Nee"])


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    received_on = factory.LazyFunction(timezone.localdate)
    form_key = factory.Sequence(lambda n: f"key-{n}")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    response = factory.SubFactory(
        ResponseFactory, survey=factory.SelfAttribute("..question.survey")
    )
    chosen = factory.LazyFunction(lambda: [0])


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    survey = factory.SubFactory(SurveyFactory)
    token_hash = factory.Sequence(lambda n: hashlib.sha256(f"token-{n}".encode()).hexdigest())


class InvitedAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitedAddress

    survey = factory.SubFactory(SurveyFactory)
    address_hash = factory.Sequence(lambda n: hashlib.sha256(f"adres{n}".encode()).hexdigest())
