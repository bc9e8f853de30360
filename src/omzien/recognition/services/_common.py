"""What the volunteer prize's services share: the error shape and the broker check."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError

from omzien.accounts.constants import Role
from omzien.common.services import Actor


def error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def require_broker(municipality, actor: Actor) -> None:
    user = actor.authenticated_user
    if user is None or not user.has_role_in(municipality, Role.BROKER):
        raise PermissionDenied


def token_hash(token: str) -> str:
    """Only the SHA-256 of a one-time link's token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
