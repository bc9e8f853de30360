"""The beursvloer's rights provider (privacy.rights): the contact person of a business or
organisation is found, exported and erased; what the business agreed stays under its name."""

import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.marketplace import constants
from omzien.marketplace.models import Event
from omzien.marketplace.rights import MarketplaceProvider
from omzien.marketplace.tests.factories import (
    DealFactory,
    DealTransitionFactory,
    EntryFactory,
    EventFactory,
    ParticipantFactory,
    PreMatchFactory,
)
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

pytestmark = pytest.mark.django_db

MARKER = "Zwaluwstaart"
EMAIL = "h.zwaluwstaart@vechtdal.example.org"
PHONE = "0529765432"
MARKERS = [MARKER, EMAIL, PHONE]

EXCLUDED = {Event: "the event itself: a date and a place, no person in it"}


def plant(municipality):
    """The contact person in every model that can hold them: the participant's contact fields
    and a follow-up note of a deal of theirs; the entries, pre-match and deal are theirs."""
    event = EventFactory(municipality=municipality)
    participant = ParticipantFactory(
        event=event,
        contact_name=f"Hanna {MARKER}",
        contact_email=EMAIL,
        contact_phone=PHONE,
    )
    offer = EntryFactory(participant=participant)
    other = ParticipantFactory(event=event, name="Taalhuis")
    request = EntryFactory(participant=other, direction=constants.Direction.REQUEST)
    prematch = PreMatchFactory(event=event, offer=offer, request=request)
    deal = DealFactory(event=event, giver=participant, receiver=other, prematch=prematch)
    DealTransitionFactory(deal=deal, note=f"Gebeld met {MARKER}")
    return participant


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["marketplace"]
    assert isinstance(provider, MarketplaceProvider)
    assert_covers_app(provider, "marketplace", EXCLUDED)


def test_the_contact_person_is_found_exported_and_erased(heerde, dalfsen, officer):
    participant = plant(heerde)
    provider = MarketplaceProvider()
    [match] = find_all(provider, heerde, PersonQuery(email=EMAIL.upper()))
    assert match.key == f"contact:{participant.pk}"
    assert [m.key for m in find_all(provider, heerde, PersonQuery(phone="0529-765 432"))] == [
        match.key
    ]
    assert find_all(provider, dalfsen, PersonQuery(email=EMAIL)) == []
    assert exported_models(provider, [match]) == {m._meta.label_lower for m in provider.models}
    assert leftovers(provider.models, MARKERS)

    provider.erase(match, Actor(user=officer))

    assert leftovers(provider.models, MARKERS) == []
    assert find_all(provider, heerde, PersonQuery(email=EMAIL)) == []
    participant.refresh_from_db()
    assert participant.name  # the business stays, its contact person goes
