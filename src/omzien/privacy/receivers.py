"""Authentication events into the audit trail."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction


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


@receiver(post_save, sender=TOTPDevice)
def on_totp_device_saved(sender, instance, created, raw=False, **kwargs):
    if created and instance.confirmed and not raw:
        user = instance.user
        audit_log(
            action=AuditAction.TWO_FACTOR_ENABLED,
            actor=user,
            obj=user,
            municipality=_first_municipality(user),
        )


@receiver(post_delete, sender=TOTPDevice)
def on_totp_device_deleted(sender, instance, **kwargs):
    user = instance.user
    audit_log(
        action=AuditAction.TWO_FACTOR_DISABLED,
        actor=user,
        obj=user,
        municipality=_first_municipality(user),
    )
