"""The carer registry's rights provider (privacy.rights): find, export and erase a person."""

import datetime

import pytest
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers import constants
from omzien.caregivers.models import (
    BurdenWarning,
    CampaignPage,
    CaregiverEvent,
    CaregiverSettings,
    CaregiverTransition,
    IncomingReferral,
    IncomingReferralTransition,
    ReferralTransition,
    ScreeningInvitation,
)
from omzien.caregivers.rights import CaregiversProvider
from omzien.caregivers.tests.factories import (
    CaregiverFactory,
    CareRelationshipFactory,
    ContactMomentFactory,
    ReferralFactory,
    ScreeningFactory,
)
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

MARKER = "Zwaluwstaart"
EMAIL = "marja.zwaluwstaart@example.test"
PHONE = "0612345678"
DOB = datetime.date(1961, 4, 3)
MARKERS = [MARKER, EMAIL, PHONE, DOB.isoformat()]

EXCLUDED = {
    CaregiverSettings: "a municipality's thresholds: no person in it",
    CampaignPage: "a municipality's public campaign text: no person in it",
}


def plant(municipality, referrer):
    """The marker person in every model of the app that holds personal data."""
    carer = CaregiverFactory(
        municipality=municipality,
        first_name="Marja",
        last_name=MARKER,
        date_of_birth=DOB,
        email=EMAIL,
        phone=PHONE,
        street_address="Dorpsstraat 12a",
        postcode="8181 AB",
        helper_name=f"Buurvrouw van {MARKER}",
    )
    CaregiverTransition.objects.create(
        caregiver=carer, to_status="active", note=f"{MARKER} belde zelf"
    )
    CareRelationshipFactory(caregiver=carer, recipient_name=f"{MARKER} sr.")
    ContactMomentFactory(caregiver=carer, topic=f"Gesprek {MARKER}", notes=f"{MARKER} is moe")
    CaregiverEvent.objects.create(caregiver=carer, kind=constants.EventKind.REGISTERED)
    screening = ScreeningFactory(caregiver=carer)
    ScreeningInvitation.objects.create(
        caregiver=carer,
        instrument=constants.Instrument.GGD,
        token_hash=MARKER.ljust(64, "x"),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    BurdenWarning.objects.create(
        caregiver=carer, screening=screening, reasons=["heavy"], resolution=f"{MARKER} gebeld"
    )
    referral = ReferralFactory(caregiver=carer, reason=f"{MARKER} wil respijt")
    ReferralTransition.objects.create(referral=referral, to_status="pending", note=MARKER)
    linked = IncomingReferral.objects.create(
        municipality=municipality,
        submitted_by=referrer,
        referrer_kind=constants.Source.GP,
        first_name="Marja",
        last_name=MARKER,
        date_of_birth=DOB,
        email=EMAIL,
        reason=f"{MARKER} is overbelast",
        consent_confirmed=True,
        caregiver=carer,
    )
    IncomingReferralTransition.objects.create(incoming=linked, to_status="new", note=MARKER)
    unlinked = IncomingReferral.objects.create(
        municipality=municipality,
        submitted_by=referrer,
        referrer_kind=constants.Source.GP,
        first_name="M.",
        last_name=MARKER,
        phone="+31 6 1234 5678",
        reason=f"Zorgen om {MARKER}",
        consent_confirmed=True,
    )
    IncomingReferralTransition.objects.create(incoming=unlinked, to_status="new", note=MARKER)
    return carer, unlinked


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


@pytest.fixture
def referrer(make_member, heerde):
    return make_member(Role.REFERRER, heerde)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["caregivers"]
    assert isinstance(provider, CaregiversProvider)
    assert_covers_app(provider, "caregivers", EXCLUDED)


def test_find_matches_on_name_with_date_of_birth_email_phone_or_address(heerde, dalfsen, referrer):
    carer, unlinked = plant(heerde, referrer)
    provider = CaregiversProvider()
    # Another spelling of the name: decomposed accents and spaces fold away.
    by_name = find_all(
        provider, heerde, PersonQuery(name="  marja  ZWALUWSTAART", date_of_birth=DOB)
    )
    assert [m.key for m in by_name] == [f"caregiver:{carer.pk}"]
    assert find_all(provider, heerde, PersonQuery(name="Marja Zwaluwstaart")) == []
    by_phone = find_all(provider, heerde, PersonQuery(phone="06-12 34 56 78"))
    assert {m.key for m in by_phone} == {f"caregiver:{carer.pk}", f"incoming:{unlinked.pk}"}
    by_address = find_all(provider, heerde, PersonQuery(postcode="8181ab", house_number="12 A"))
    assert [m.key for m in by_address] == [f"caregiver:{carer.pk}"]
    assert find_all(provider, heerde, PersonQuery(postcode="8181ab", house_number="12")) == []
    assert find_all(provider, dalfsen, PersonQuery(email=EMAIL)) == []


def test_export_finds_every_planted_row_and_erasure_leaves_none(heerde, referrer, officer):
    plant(heerde, referrer)
    provider = CaregiversProvider()
    query = PersonQuery(name="Marja Zwaluwstaart", date_of_birth=DOB, phone=PHONE)
    matches = find_all(provider, heerde, query)
    assert len(matches) == 2
    assert exported_models(provider, matches) == {m._meta.label_lower for m in provider.models}
    assert leftovers(provider.models, MARKERS)  # the markers are there before

    for match in matches:
        erasure = provider.erase(match, Actor(user=officer))
        assert erasure.holds == []

    assert leftovers(provider.models, MARKERS) == []
    assert find_all(provider, heerde, query) == []
