import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omzien.accounts.constants import Role
from omzien.appreciation.models import Shop
from omzien.appreciation.services.shops import (
    create_shop,
    deactivate_shop,
    hash_token,
    shop_for_token,
)
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_shop_gets_a_secret_of_which_only_the_hash_is_kept(heerde, admin_heerde):
    shop, token = create_shop(
        municipality=heerde, name=" Boekhandel Heerde ", actor=Actor(user=admin_heerde)
    )
    assert shop.name == "Boekhandel Heerde"
    assert len(token) == 32  # 24 random bytes, URL-safe base64
    assert shop.token_hash == hashlib.sha256(token.encode()).hexdigest() == hash_token(token)
    assert token not in str(Shop.objects.values_list().get(pk=shop.pk))
    assert shop_for_token(token) == shop
    assert shop_for_token(token + "x") is None
    assert shop_for_token("") is None
    assert AuditEvent.objects.filter(
        object_type="appreciation.shop", object_id=str(shop.pk)
    ).exists()


def test_two_shops_get_different_secrets(heerde, admin_heerde):
    actor = Actor(user=admin_heerde)
    _, first = create_shop(municipality=heerde, name="Een", actor=actor)
    _, second = create_shop(municipality=heerde, name="Twee", actor=actor)
    assert first != second


def test_a_deactivated_shop_is_not_found_by_its_secret(heerde, admin_heerde):
    actor = Actor(user=admin_heerde)
    shop, token = create_shop(municipality=heerde, name="Bakker", actor=actor)
    deactivate_shop(shop=shop, actor=actor)
    assert shop_for_token(token) is None
    with pytest.raises(ValidationError) as caught:
        deactivate_shop(shop=shop, actor=actor)
    assert caught.value.code == "inactive"
    # The name is free again for a new shop with a new link.
    create_shop(municipality=heerde, name="Bakker", actor=actor)


def test_an_active_name_is_taken(heerde, admin_heerde):
    actor = Actor(user=admin_heerde)
    create_shop(municipality=heerde, name="Bakker", actor=actor)
    with pytest.raises(ValidationError) as caught:
        create_shop(municipality=heerde, name="Bakker", actor=actor)
    assert caught.value.error_dict["name"][0].code == "exists"


def test_only_the_administrator_of_the_municipality(heerde, dalfsen, make_member, admin_heerde):
    for user in (
        make_member(Role.APPRECIATION_OFFICER, heerde),
        make_member(Role.MUNICIPALITY_ADMIN, dalfsen),
    ):
        with pytest.raises(PermissionDenied):
            create_shop(municipality=heerde, name="Bakker", actor=Actor(user=user))
    shop, _ = create_shop(municipality=heerde, name="Bakker", actor=Actor(user=admin_heerde))
    with pytest.raises(PermissionDenied):
        deactivate_shop(shop=shop, actor=Actor(user=make_member(Role.MUNICIPALITY_ADMIN, dalfsen)))
    assert Shop.objects.get(pk=shop.pk).active
