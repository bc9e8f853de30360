"""The accounts' rights provider (privacy.rights): find, export and erase an account."""

import pytest

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership, User
from omzien.accounts.rights import AccountsProvider
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers

EMAIL = "marja.zwaluwstaart@example.test"
MARKERS = ["Zwaluwstaart", EMAIL]


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["accounts"]
    assert isinstance(provider, AccountsProvider)
    assert_covers_app(provider, "accounts", {})


def test_export_finds_the_account_and_erasure_leaves_nothing(make_member, heerde, dalfsen, officer):
    make_member(Role.RESIDENT, heerde, email=EMAIL, full_name="Marja Zwaluwstaart")
    provider = AccountsProvider()
    matches = find_all(provider, heerde, PersonQuery(email=EMAIL.upper()))
    assert len(matches) == 1
    assert find_all(provider, dalfsen, PersonQuery(email=EMAIL)) == []
    assert exported_models(provider, matches) == {"accounts.user", "accounts.membership"}

    assert provider.erase(matches[0], Actor(user=officer)).holds == []

    assert leftovers(provider.models, MARKERS) == []
    erased = User.objects.get(pk=matches[0].obj.pk)
    assert not erased.is_active and not erased.has_usable_password()
    assert not Membership.objects.filter(user=erased).exists()


def test_a_staff_account_is_held_with_the_reason(make_member, heerde, officer):
    make_member(Role.CONSULTANT, heerde, email=EMAIL, full_name="Marja Zwaluwstaart")
    provider = AccountsProvider()
    [match] = find_all(provider, heerde, PersonQuery(email=EMAIL))
    erasure = provider.erase(match, Actor(user=officer))
    assert erasure.erased == [] and len(erasure.holds) == 1
    assert "AVG" in erasure.holds[0].reason
    assert leftovers(provider.models, MARKERS)  # kept


def test_an_account_also_used_elsewhere_loses_only_this_municipalitys_part(
    make_member, heerde, dalfsen, officer
):
    user = make_member(Role.RESIDENT, heerde, email=EMAIL, full_name="Marja Zwaluwstaart")
    Membership.objects.create(user=user, municipality=dalfsen, role=Role.RESIDENT)
    provider = AccountsProvider()
    [match] = find_all(provider, heerde, PersonQuery(email=EMAIL))
    exported = provider.export(match)
    assert [r.fields["gemeente"] for r in exported if r.model == "accounts.membership"] == [
        "Heerde"
    ]

    erasure = provider.erase(match, Actor(user=officer))

    assert len(erasure.holds) == 1
    assert list(Membership.objects.filter(user=user).values_list("municipality", flat=True)) == [
        dalfsen.pk
    ]
    user.refresh_from_db()
    assert user.email == EMAIL and user.is_active
