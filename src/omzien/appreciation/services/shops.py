"""Participating shops: each reaches its redemption page with its own secret link.

Only a hash of the secret is stored, so the link is shown once, when the shop is added; a lost
link means deactivating the shop and adding it again.
"""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omzien.appreciation.models import Shop
from omzien.appreciation.permissions import ADMIN_ROLES
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


def hash_token(token: str) -> str:
    """The stored form of a shop's secret: its SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def _check_admin(user, municipality_id: int) -> None:
    if user is None or not user.has_role_in(municipality_id, *ADMIN_ROLES):
        raise PermissionDenied


@transaction.atomic
def create_shop(*, municipality, name: str, actor: Actor) -> tuple[Shop, str]:
    """Add a shop of ``municipality``; returns the shop and its secret (never stored)."""
    _check_admin(actor.user, municipality.pk)
    shop = Shop(municipality=municipality, name=(name or "").strip())
    token = secrets.token_urlsafe(24)
    shop.token_hash = hash_token(token)
    shop.full_clean()
    if Shop.objects.filter(municipality=municipality, name=shop.name, active=True).exists():
        raise ValidationError(
            {
                "name": ValidationError(
                    _("An active shop with this name exists already."), code="exists"
                )
            }
        )
    shop.save()
    audit_by(AuditAction.CREATE, shop, actor)
    return shop, token


def shop_for_token(token: str) -> Shop | None:
    """The active shop whose secret link this is, or None."""
    if not token:
        return None
    return Shop.objects.filter(token_hash=hash_token(token), active=True).first()


@transaction.atomic
def deactivate_shop(*, shop: Shop, actor: Actor) -> Shop:
    """The shop's link stops working; its past redemptions stay."""
    current = Shop.objects.select_for_update().get(pk=shop.pk)
    _check_admin(actor.user, current.municipality_id)
    if not current.active:
        raise ValidationError(_("This shop has been deactivated already."), code="inactive")
    current.active = False
    current.save(update_fields=["active"])
    audit_by(AuditAction.UPDATE, current, actor, reason="active")
    return current
