import datetime

import factory
from django.utils import timezone

from omzien.recognition import constants
from omzien.recognition.models import (
    Criterion,
    JuryMember,
    Nomination,
    NominationTransition,
    Review,
    Round,
    Score,
)
from omzien.tenants.tests.factories import MunicipalityFactory


def _today() -> datetime.date:
    return timezone.localdate()


class RoundFactory(factory.django.DjangoModelFactory):
    """A round open for nominations now, announced in two months."""

    class Meta:
        model = Round

    municipality = factory.SubFactory(MunicipalityFactory)
    nominations_open = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=10))
    nominations_close = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=20))
    announce_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=60))
    year = factory.LazyAttribute(lambda o: o.announce_on.year)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Betekenis voor de buurt {n}")
    weight = 1


class JuryMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryMember

    round = factory.SubFactory(RoundFactory)
    user = factory.SubFactory("omzien.accounts.tests.factories.UserFactory")


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    round = factory.SubFactory(RoundFactory)
    nominee_kind = constants.NomineeKind.PERSON
    nominee_name = factory.Sequence(lambda n: f"Gerda Jansen {n}")
    organisation_name = "Voedselbank Heerde"
    motivation = "Staat al twintig jaar elke zaterdag klaar om pakketten uit te delen."
    nominator_name = "Piet de Vries"
    nominator_email = factory.Sequence(lambda n: f"piet{n}@example.org")
    nominator_phone = "0578 123 456"
    status = constants.NominationStatus.ACCEPTED


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    juror = factory.SubFactory(JuryMemberFactory)
    nomination = factory.SubFactory(NominationFactory, round=factory.SelfAttribute("..juror.round"))
    motivation = "Een trouwe kracht."


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(
        CriterionFactory, round=factory.SelfAttribute("..review.juror.round")
    )
    value = 7


class NominationTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NominationTransition

    nomination = factory.SubFactory(NominationFactory)
    from_status = constants.NominationStatus.SUBMITTED
    to_status = constants.NominationStatus.ACCEPTED
