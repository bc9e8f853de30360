"""Wellbeing's rights provider (privacy.rights): find, export and erase a person."""

import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers
from omzien.wellbeing.models import MeasurementInvitation, TrajectoryTransition
from omzien.wellbeing.rights import WellbeingProvider
from omzien.wellbeing.tests.factories import (
    ContactFactory,
    MeasurementFactory,
    MeasurementInvitationFactory,
    ParticipantFactory,
    TrajectoryFactory,
)

pytestmark = pytest.mark.django_db

MARKER = "Zwaluwstaart"
EMAIL = "gerda.zwaluwstaart@example.test"
PHONE = "0612345678"
MARKERS = [MARKER, EMAIL, PHONE]


def plant(municipality):
    participant = ParticipantFactory(
        municipality=municipality, name=f"Gerda {MARKER}", email=EMAIL, phone=PHONE
    )
    trajectory = TrajectoryFactory(
        participant=participant,
        referral_reason=f"{MARKER} komt weinig buiten",
        goals=f"{MARKER} naar de koffieochtend",
    )
    TrajectoryTransition.objects.create(trajectory=trajectory, to_status="intake", note=MARKER)
    ContactFactory(trajectory=trajectory, summary=f"{MARKER} gaat goed")
    measurement = MeasurementFactory(trajectory=trajectory)
    MeasurementInvitationFactory(trajectory=trajectory, measurement=measurement)
    return participant


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["wellbeing"]
    assert isinstance(provider, WellbeingProvider)
    assert_covers_app(provider, "wellbeing", {})


def test_export_finds_every_planted_row_and_erasure_leaves_none(heerde, dalfsen, officer):
    participant = plant(heerde)
    other = plant(dalfsen)  # the same person known in another municipality stays
    provider = WellbeingProvider()
    matches = find_all(provider, heerde, PersonQuery(email=EMAIL.upper()))
    assert [m.key for m in matches] == [f"participant:{participant.pk}"]
    assert [m.key for m in find_all(provider, heerde, PersonQuery(phone="+31612345678"))] == [
        f"participant:{participant.pk}"
    ]
    assert exported_models(provider, matches) == {m._meta.label_lower for m in provider.models}

    provider.erase(matches[0], Actor(user=officer))

    assert find_all(provider, heerde, PersonQuery(email=EMAIL, phone=PHONE)) == []
    assert [m.key for m in find_all(provider, dalfsen, PersonQuery(email=EMAIL))] == [
        f"participant:{other.pk}"
    ]
    assert MeasurementInvitation.objects.filter(trajectory__participant=other).count() == 1
    # Nothing of the erased person is left in Heerde; Dalfsen's copy holds the markers.
    other.delete()
    assert leftovers(provider.models, MARKERS) == []
