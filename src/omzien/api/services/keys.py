"""Issuing, revoking and checking partner keys (docs/api.md).

A key reads ``omz_<prefix>_<secret>``: the prefix finds the row, the SHA-256 hash of the secret
is compared in constant time. Only the hash is stored; the whole key is returned once, by
``api_key_issue``.
"""

import datetime
import hashlib
import hmac
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.api.models import ApiKey
from omzien.api.scopes import ROLE_SCOPES
from omzien.common.services import Actor
from omzien.notifications.constants import EmailChoice
from omzien.notifications.services import email_choice_update
from omzien.privacy.audit import audit_by, audit_log
from omzien.privacy.constants import AuditAction
from omzien.volunteering.models import OrganisationMember

KEY_PREFIX = "omz"
# A key account's address: never delivered (RFC 2606), unique per key.
ACCOUNT_DOMAIN = "api-sleutel.invalid"
# How long a key lives at most: a partner renews it at least yearly.
MAX_DAYS = 366


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check(*, municipality, name: str, role: str, scopes, organisations, expires_on, actor):
    if not actor.user.has_role_in(municipality, Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    errors = {}
    if not name.strip():
        errors["name"] = [ValidationError(_("Give the key a name."), code="required")]
    allowed = ROLE_SCOPES.get(role)
    if allowed is None:
        errors["role"] = [ValidationError(_("Choose the role the key stands for."), code="role")]
    elif not scopes or not set(scopes) <= allowed:
        errors["scopes"] = [
            ValidationError(
                _("Choose one or more scopes that fit the role the key stands for."),
                code="scopes",
            )
        ]
    if role == Role.ORGANISATION_MEMBER:
        if not organisations:
            errors["organisations"] = [
                ValidationError(_("Choose the organisations of the key."), code="required")
            ]
        elif any(o.municipality_id != municipality.pk for o in organisations):
            errors["organisations"] = [
                ValidationError(
                    _("Choose organisations of this municipality only."), code="municipality"
                )
            ]
    elif organisations:
        errors["organisations"] = [
            ValidationError(
                _("Only a key for an organisation's system has organisations."), code="role"
            )
        ]
    today = timezone.localdate()
    if not expires_on or expires_on <= today:
        errors["expires_on"] = [
            ValidationError(_("Choose an expiry date after today."), code="expiry")
        ]
    elif expires_on > today + datetime.timedelta(days=MAX_DAYS):
        errors["expires_on"] = [
            ValidationError(_("A key is valid for one year at most."), code="expiry")
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def api_key_issue(
    *,
    municipality,
    name: str,
    role: str,
    scopes: list[str],
    expires_on: datetime.date,
    actor: Actor,
    organisations=(),
) -> tuple[ApiKey, str]:
    """Issue a key; returns it and the whole key (``omz_<prefix>_<secret>``), which is never
    shown again. The key's account holds ``role`` in ``municipality`` only."""
    organisations = list(organisations)
    _check(
        municipality=municipality,
        name=name,
        role=role,
        scopes=scopes,
        organisations=organisations,
        expires_on=expires_on,
        actor=actor,
    )
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    account = get_user_model().objects.create_user(
        email=f"{prefix}@{ACCOUNT_DOMAIN}", full_name=f"API: {name.strip()}"[:150]
    )  # no password: the account cannot log in
    Membership.objects.create(user=account, municipality=municipality, role=role)
    # The role's notifications reach the account in Omzien only (its address gets no mail).
    email_choice_update(user=account, email=EmailChoice.NONE)
    for organisation in organisations:
        OrganisationMember.objects.create(organisation=organisation, user=account)
    key = ApiKey.objects.create(
        municipality=municipality,
        name=name.strip(),
        role=role,
        scopes=sorted(set(scopes)),
        account=account,
        prefix=prefix,
        secret_hash=secret_hash(secret),
        created_by=actor.user,
        expires_at=timezone.make_aware(
            datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time())
        ),
    )
    key.organisations.set(organisations)
    audit_by(
        AuditAction.CREATE,
        key,
        actor,
        extra={"role": role, "scopes": key.scopes, "organisations": [o.pk for o in organisations]},
    )
    return key, f"{KEY_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def api_key_revoke(*, key: ApiKey, actor: Actor) -> ApiKey:
    """Revoke a key at once: it no longer authenticates, and its account loses its role and
    organisations."""
    locked = ApiKey.objects.select_for_update().get(pk=key.pk)
    if not actor.user.has_role_in(locked.municipality_id, Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    Membership.objects.filter(user_id=locked.account_id).update(is_active=False)
    OrganisationMember.objects.filter(user_id=locked.account_id).delete()
    audit_by(AuditAction.UPDATE, locked, actor, reason="revoked")
    return locked


def api_key_find(raw: str) -> ApiKey | None:
    """The usable key ``raw`` is, or None (malformed, unknown, wrong secret, revoked, expired)."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    key = ApiKey.objects.select_related("account", "municipality").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.secret_hash, secret_hash(parts[2])):
        return None
    return key if key.is_usable else None


def api_key_used(*, key: ApiKey, request, status: int) -> None:
    """Every call with a key in the audit trail: which key, which address, what answer."""
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > datetime.timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    audit_log(
        action=AuditAction.VIEW if request.method in ("GET", "HEAD") else AuditAction.UPDATE,
        actor=key.account,
        obj=key,
        request=request,
        reason=f"API {request.method} {request.path}"[:255],
        extra={"api_key": key.prefix, "status": status},
    )
