"""The home visits' rights provider (privacy.rights): find, export and erase the resident of a
visit, with a person planted in every model of the app."""

import datetime

import pytest

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.homevisits.constants import Status
from omzien.homevisits.models import VisitPlan
from omzien.homevisits.rights import HomeVisitsProvider
from omzien.homevisits.tests.factories import VisitFactory, VisitTransitionFactory
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

pytestmark = pytest.mark.django_db

MARKER = "Zwaluwstaart"
PHONE = "0578654321"
MARKERS = [MARKER, PHONE, "Merelweg"]

EXCLUDED = {VisitPlan: "a round of visits: a name, a target group and a period, no person"}


def plant(municipality):
    visit = VisitFactory(
        plan__municipality=municipality,
        name=f"Truus {MARKER}",
        street="Merelweg",
        house_number="12",
        postcode="8181 AB",
        phone=PHONE,
        date_of_birth=datetime.date(1944, 5, 1),
        status=Status.HELD,
        notes=f"Mevrouw {MARKER} is veel alleen",
        follow_up_wishes=f"{MARKER} wil naar de soos",
    )
    VisitTransitionFactory(visit=visit, to_status=Status.HELD, note=f"{MARKER} thuis")
    return visit


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["homevisits"]
    assert isinstance(provider, HomeVisitsProvider)
    assert_covers_app(provider, "homevisits", EXCLUDED)


def test_the_resident_is_found_exported_and_erased(heerde, dalfsen, officer):
    visit = plant(heerde)
    provider = HomeVisitsProvider()
    by_phone = PersonQuery(phone="0578-654 321")
    by_address = PersonQuery(postcode="8181ab", house_number="12")
    [match] = find_all(provider, heerde, by_phone)
    assert match.key == f"resident:{visit.pk}"
    assert [m.key for m in find_all(provider, heerde, by_address)] == [match.key]
    assert find_all(provider, dalfsen, by_phone) == []
    assert exported_models(provider, [match]) == {m._meta.label_lower for m in provider.models}
    assert leftovers(provider.models, MARKERS)

    provider.erase(match, Actor(user=officer))

    assert leftovers(provider.models, MARKERS) == []
    assert find_all(provider, heerde, by_phone) == []
