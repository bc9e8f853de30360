"""The buddy programmes' rights provider (privacy.rights): find, export and erase a person."""

import datetime

import pytest
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.buddies.models import BuddyCheckIn, BuddyPairTransition, BuddyProgramme
from omzien.buddies.rights import BuddiesProvider
from omzien.buddies.tests.factories import PairFactory, ParticipantFactory, ProgrammeFactory
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

MARKER = "Zwaluwstaart"
EMAIL = "marja.zwaluwstaart@example.test"
PHONE = "0612345678"
DOB = datetime.date(1961, 4, 3)
MARKERS = [MARKER, EMAIL, PHONE, DOB.isoformat()]

EXCLUDED = {BuddyProgramme: "a programme of the municipality: no person in it"}


def plant(municipality):
    programme = ProgrammeFactory(municipality=municipality)
    participant = ParticipantFactory(
        programme=programme,
        name=f"Marja {MARKER}",
        email=EMAIL,
        phone=PHONE,
        date_of_birth=DOB,
        notes=f"{MARKER} houdt van wandelen",
    )
    pair = PairFactory(participant_a=participant)
    BuddyPairTransition.objects.create(pair=pair, to_status="proposed", note=f"{MARKER} akkoord")
    BuddyCheckIn.objects.create(pair=pair, due_on=timezone.localdate(), notes=f"{MARKER} blij")
    return participant


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["buddies"]
    assert isinstance(provider, BuddiesProvider)
    assert_covers_app(provider, "buddies", EXCLUDED)


def test_export_finds_every_planted_row_and_erasure_leaves_none(heerde, dalfsen, officer):
    participant = plant(heerde)
    provider = BuddiesProvider()
    query = PersonQuery(name=f"marja  {MARKER.upper()}", date_of_birth=DOB)
    matches = find_all(provider, heerde, query)
    assert [m.key for m in matches] == [f"participant:{participant.pk}"]
    assert find_all(provider, dalfsen, query) == []
    assert exported_models(provider, matches) == {m._meta.label_lower for m in provider.models}
    assert leftovers(provider.models, MARKERS)

    assert provider.erase(matches[0], Actor(user=officer)).holds == []

    assert leftovers(provider.models, MARKERS) == []
    assert find_all(provider, heerde, PersonQuery(email=EMAIL, phone=PHONE)) == []
