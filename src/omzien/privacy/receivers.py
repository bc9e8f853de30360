"""Authentication events into the audit trail."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import audit_log
from .constants import AuditAction


def _first_municipality(user):
    """The user's first municipality: where its administrators see the event."""
    municipalities = user.municipalities() if user is not None else []
    return municipalities[0] if municipalities else None


def _user_for(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(email__iexact=username).first()


@receiver(user_logged_in)
def on_logged_in(sender, request, user, **kwargs):
    audit_log(
        action=AuditAction.LOGIN,
        actor=user,
        obj=user,
        municipality=_first_municipality(user),
        request=request,
    )


@receiver(user_logged_out)
def on_logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    audit_log(
        action=AuditAction.LOGOUT,
        actor=user,
        obj=user,
        municipality=_first_municipality(user),
        request=request,
    )


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username") or (credentials or {}).get("email") or ""
    user = _user_for(username)
    audit_log(
        action=AuditAction.LOGIN_FAILED,
        obj=user,
        municipality=_first_municipality(user),
        request=request,
        actor_label=username,
    )


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    user = _user_for(username)
    audit_log(
        action=AuditAction.LOCKED_OUT,
        obj=user,
        municipality=_first_municipality(user),
        request=request,
        actor_label=username or "",
    )
