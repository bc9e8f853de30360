"""What the trajectories' services share: the error shape, the broker check, the locked row."""

from django.core.exceptions import PermissionDenied, ValidationError

from omzien.accounts.constants import Role
from omzien.common.services import Actor


def error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def require_broker(municipality, actor: Actor) -> None:
    user = actor.authenticated_user
    if user is None or not user.has_role_in(municipality, Role.BROKER):
        raise PermissionDenied


def clean_text(text: str) -> str:
    return " ".join((text or "").split())
