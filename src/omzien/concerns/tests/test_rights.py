"""The concerns' rights provider (privacy.rights): find, export and erase the resident a
concern is about, and a public reporter (who gets only their own details)."""

import pytest
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.concerns.models import ConcernSettings, ConcernTransition
from omzien.concerns.rights import ConcernsProvider
from omzien.concerns.tests.factories import ConcernActionFactory, ConcernFactory
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

pytestmark = pytest.mark.django_db

MARKER = "Zwaluwstaart"
PHONE = "0578654321"
REPORTER_EMAIL = "buurman.klaproos@example.test"
MARKERS = [MARKER, PHONE, "Merelweg"]

EXCLUDED = {ConcernSettings: "the municipality's settings: no person in it"}


def plant(municipality):
    concern = ConcernFactory(
        municipality=municipality,
        resident_name=f"Truus {MARKER}",
        resident_address="Merelweg 12",
        resident_postcode="8181 AB",
        resident_phone=PHONE,
        observation=f"Mevrouw {MARKER} is erg alleen",
        reporter_name="Buurman Klaproos",
        reporter_email=REPORTER_EMAIL,
    )
    ConcernTransition.objects.create(concern=concern, to_status="new", note=f"{MARKER} gebeld")
    ConcernActionFactory(concern=concern, done_on=timezone.localdate(), note=f"{MARKER} thuis")
    return concern


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["concerns"]
    assert isinstance(provider, ConcernsProvider)
    assert_covers_app(provider, "concerns", EXCLUDED)


def test_the_resident_is_found_exported_and_erased(heerde, dalfsen, officer):
    concern = plant(heerde)
    provider = ConcernsProvider()
    by_phone = PersonQuery(phone="0578-654 321")
    by_address = PersonQuery(postcode="8181ab", house_number="12")
    [match] = find_all(provider, heerde, by_phone)
    assert match.key == f"resident:{concern.pk}"
    assert [m.key for m in find_all(provider, heerde, by_address)] == [match.key]
    assert find_all(provider, dalfsen, by_phone) == []
    assert exported_models(provider, [match]) == {m._meta.label_lower for m in provider.models}
    # The resident's export does not name who reported them.
    exported = [r.fields for r in provider.export(match)]
    assert not any(REPORTER_EMAIL in str(fields) for fields in exported)
    assert leftovers(provider.models, MARKERS)

    provider.erase(match, Actor(user=officer))

    assert leftovers(provider.models, MARKERS) == []
    assert find_all(provider, heerde, by_phone) == []


def test_a_public_reporter_gets_only_their_own_details(heerde, officer):
    concern = plant(heerde)
    provider = ConcernsProvider()
    [match] = find_all(provider, heerde, PersonQuery(email=REPORTER_EMAIL))
    assert match.key == f"reporter:{concern.pk}"
    [record] = provider.export(match)
    assert REPORTER_EMAIL in record.fields.values()
    assert not any(MARKER in str(value) for value in record.fields.values())
    provider.erase(match, Actor(user=officer))
    concern.refresh_from_db()
    assert (concern.reporter_name, concern.reporter_email) == ("", "")
    assert concern.resident_name == f"Truus {MARKER}"  # the resident's record is theirs
