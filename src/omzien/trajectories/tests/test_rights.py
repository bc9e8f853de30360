"""The trajectories' rights provider (privacy.rights): a volunteer in a trajectory and a
referred resident are found, exported and erased (anonymised, as retention does)."""

import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers
from omzien.trajectories.constants import ReferralStatus
from omzien.trajectories.rights import TrajectoriesProvider
from omzien.trajectories.tests.factories import (
    EvaluationMomentFactory,
    GoalProgressFactory,
    ReferralFactory,
    ReferralTransitionFactory,
    TrajectoryFactory,
    TrajectoryTransitionFactory,
)
from omzien.volunteering.tests.factories import VolunteerProfileFactory

pytestmark = pytest.mark.django_db

MARKER = "Zwaluwstaart"
EMAIL = "h.zwaluwstaart@example.org"
MARKERS = [MARKER, EMAIL]


def plant(municipality):
    """The person in every model that can hold them: the referral they were sent with, the
    trajectory it became, its goal, evaluation, progress note and log notes."""
    profile = VolunteerProfileFactory(
        municipality=municipality, user=None, full_name=f"Hanna {MARKER}", email=EMAIL
    )
    referral = ReferralFactory(
        municipality=municipality,
        full_name=f"Hanna {MARKER}",
        email=EMAIL,
        status=ReferralStatus.ACCEPTED,
        reason=f"{MARKER} zoekt vaste ochtenden",
    )
    ReferralTransitionFactory(referral=referral, note=f"Gebeld met {MARKER}")
    trajectory = TrajectoryFactory(
        municipality=municipality,
        profile=profile,
        referral=referral,
        guidance=f"Gesprek met {MARKER} elke week",
    )
    TrajectoryTransitionFactory(trajectory=trajectory, note=f"Intake met {MARKER}")
    EvaluationMomentFactory(trajectory=trajectory)
    GoalProgressFactory(
        evaluation__trajectory=trajectory,
        evaluation__summary=f"{MARKER} doet het goed",
        goal__description=f"{MARKER} komt op tijd",
        note=f"{MARKER} was er elke week",
    )
    return trajectory


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["trajectories"]
    assert isinstance(provider, TrajectoriesProvider)
    assert_covers_app(provider, "trajectories", {})


def test_the_person_is_found_exported_and_erased(heerde, dalfsen, make_member):
    trajectory = plant(heerde)
    provider = TrajectoriesProvider()
    matches = find_all(provider, heerde, PersonQuery(email=EMAIL.upper()))
    assert sorted(m.key for m in matches) == sorted(
        [f"trajectory:{trajectory.pk}", f"referral:{trajectory.referral_id}"]
    )
    assert find_all(provider, dalfsen, PersonQuery(email=EMAIL)) == []
    assert exported_models(provider, matches) == {m._meta.label_lower for m in provider.models}
    assert leftovers(provider.models, MARKERS)

    officer = Actor(user=make_member(Role.PRIVACY_OFFICER, heerde))
    for match in matches:
        provider.erase(match, officer)

    assert leftovers(provider.models, MARKERS) == []
    assert find_all(provider, heerde, PersonQuery(email=EMAIL)) == []
    trajectory.refresh_from_db()
    assert trajectory.anonymised_at is not None and trajectory.kind  # still counted
