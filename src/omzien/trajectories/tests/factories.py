import datetime

import factory
from django.utils import timezone

from omzien.accounts.tests.factories import UserFactory
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.trajectories import constants
from omzien.trajectories.models import (
    Evaluation,
    EvaluationMoment,
    Goal,
    GoalProgress,
    Referral,
    ReferralTransition,
    Trajectory,
    TrajectoryTransition,
)
from omzien.volunteering.tests.factories import VolunteerProfileFactory


class ReferralFactory(factory.django.DjangoModelFactory):
    """A new referral by a client manager."""

    class Meta:
        model = Referral

    municipality = factory.SubFactory(MunicipalityFactory)
    submitted_by = factory.SubFactory(UserFactory)
    full_name = "Sanne de Wit"
    phone = "0578 123 456"
    kind = constants.TrajectoryKind.PRESCRIPTION
    reason = "Zoekt structuur en contact; wil graag iets met dieren of in de natuur."
    consent_confirmed = True


class ReferralTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralTransition

    referral = factory.SubFactory(ReferralFactory)
    from_status = ""
    to_status = constants.ReferralStatus.NEW


class TrajectoryFactory(factory.django.DjangoModelFactory):
    """A trajectory at the intake for a volunteer of its municipality."""

    class Meta:
        model = Trajectory

    municipality = factory.SubFactory(MunicipalityFactory)
    profile = factory.SubFactory(
        VolunteerProfileFactory, municipality=factory.SelfAttribute("..municipality"), user=None
    )
    kind = constants.TrajectoryKind.GUIDANCE
    status = constants.TrajectoryStatus.INTAKE
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class TrajectoryTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrajectoryTransition

    trajectory = factory.SubFactory(TrajectoryFactory)
    from_status = ""
    to_status = constants.TrajectoryStatus.INTAKE


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    trajectory = factory.SubFactory(TrajectoryFactory)
    description = factory.Sequence(lambda n: f"Twee ochtenden per week op tijd aanwezig ({n})")


class EvaluationMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationMoment

    trajectory = factory.SubFactory(TrajectoryFactory)
    planned_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=2))


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    trajectory = factory.SubFactory(TrajectoryFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    summary = "Gaat goed; de begeleider van de organisatie is tevreden."


class GoalProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalProgress

    evaluation = factory.SubFactory(EvaluationFactory)
    goal = factory.SubFactory(
        GoalFactory, trajectory=factory.SelfAttribute("..evaluation.trajectory")
    )
    score = 3
    note = "Komt bijna altijd op tijd."
