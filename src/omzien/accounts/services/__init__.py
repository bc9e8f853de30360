import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.accounts.tokens import email_verification_token
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import ANONYMOUS_NAME, PRIVACY_STATEMENT_VERSION, AuditAction

User = get_user_model()


def _verification_link(*, user, request) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    return absolute_url(request, reverse("accounts:verify_email", args=[uid, token]))


def resident_sign_up(*, email: str, full_name: str, password: str, municipality, request=None):
    """Create an inactive resident account and mail a confirmation link.

    Signing up again with an address that already has an account creates nothing and
    mails that address instead, so the form never reveals who has an account and a
    retried request never registers twice. Every path hashes the password once (the slow
    part of a sign-up) and mails once, so the response time does not tell either.
    """
    email = User.objects.normalize_email(email).strip().lower()
    password_hash = make_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and not existing.is_active and existing.email_verified_at is None:
        # Signed up before but never confirmed (the link may have expired): send a new link.
        link = _verification_link(user=existing, request=request)
        transaction.on_commit(
            lambda: send_templated_mail(
                template="accounts/email/verify_email",
                context={"user": existing, "link": link, "municipality": municipality},
                to=[existing.email],
            )
        )
        return None
    if existing is not None:
        transaction.on_commit(
            lambda: send_templated_mail(
                template="accounts/email/already_registered",
                context={
                    "user": existing,
                    "login_url": absolute_url(request, reverse("two_factor:login")),
                    "reset_url": absolute_url(request, reverse("accounts:password_reset")),
                },
                to=[existing.email],
            )
        )
        return None
    try:
        with transaction.atomic():
            user = User(
                email=email,
                full_name=full_name.strip(),
                is_active=False,
                privacy_accepted_at=timezone.now(),
                privacy_version=PRIVACY_STATEMENT_VERSION,
            )
            user.password = password_hash
            user.full_clean()
            user.save()
            Membership.objects.create(user=user, municipality=municipality, role=Role.RESIDENT)
            audit_log(
                action=AuditAction.SIGNED_UP,
                actor_label=email,
                obj=user,
                municipality=municipality,
                request=request,
            )
    except IntegrityError:
        # A concurrent request with the same address won the race: same outcome as above.
        return None
    link = _verification_link(user=user, request=request)
    transaction.on_commit(
        lambda: send_templated_mail(
            template="accounts/email/verify_email",
            context={"user": user, "link": link, "municipality": municipality},
            to=[user.email],
        )
    )
    return user


@transaction.atomic
def user_verify_email(*, user, token: str, request=None) -> bool:
    """Activate the account when the token is valid. Returns whether it was."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not email_verification_token.check_token(user, token):
        return False
    user.is_active = True
    user.email_verified_at = timezone.now()
    user.save(update_fields=["is_active", "email_verified_at"])
    audit_log(action=AuditAction.EMAIL_VERIFIED, actor=user, obj=user, request=request)
    return True


@transaction.atomic
def user_update_settings(*, user, full_name: str, preferred_language: str, request=None):
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    user.full_clean()
    user.save(update_fields=["full_name", "preferred_language"])
    audit_log(action=AuditAction.ACCOUNT_CHANGED, actor=user, obj=user, request=request)
    return user


def user_set_language(*, user, language: str) -> None:
    """The language the user chose with the switch in the header becomes their account's:
    their notifications and e-mails come in it, and a new device starts in it. A display
    preference, not a change of personal data: no audit event."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose one of the languages offered."), code="bad_language")
    get_user_model().objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language


UNCONFIRMED_SIGNUP_DAYS = 7  # the confirmation link itself is valid for one day


@transaction.atomic
def unconfirmed_signups_apply_retention(*, now=None) -> int:
    """Delete residents' sign-ups never confirmed within a week. Only self sign-ups (privacy
    accepted, never logged in): accounts an administrator created or switched off stay."""
    now = now or timezone.now()
    stale = User.objects.filter(
        is_active=False,
        email_verified_at__isnull=True,
        privacy_accepted_at__isnull=False,
        last_login__isnull=True,
        date_joined__lt=now - datetime.timedelta(days=UNCONFIRMED_SIGNUP_DAYS),
    )
    count = 0
    for user in stale:
        for membership in user.memberships.all():
            audit_log(
                action=AuditAction.DELETE,
                obj=user,
                municipality=membership.municipality,
                reason="retention: unconfirmed sign-up",
            )
        user.delete()
        count += 1
    return count


@transaction.atomic
def user_erase(*, user, actor, municipality) -> None:
    """Erase a resident's or organisation member's account on request (AVG art. 17): the row
    stays (records elsewhere point at it, and deleting it would delete the volunteer profile
    with its counts) but holds no name or address, cannot log in, and has no memberships or
    second-factor devices any more."""
    from django_otp import devices_for_user

    locked = User.objects.select_for_update().get(pk=user.pk)
    for device in devices_for_user(locked, confirmed=None):
        device.delete()
    Membership.objects.filter(user=locked).delete()
    locked.email = f"geanonimiseerd-{locked.pk}@geanonimiseerd.invalid"
    locked.full_name = ANONYMOUS_NAME
    locked.is_active = False
    locked.email_verified_at = None
    locked.privacy_accepted_at = None
    locked.privacy_version = ""
    locked.set_unusable_password()
    locked.save()
    audit_log(
        action=AuditAction.DELETE,
        actor=actor.user,
        obj=locked,
        municipality=municipality,
        request=actor.request,
        reason="removal on request",
    )


@transaction.atomic
def membership_erase(*, user, actor, municipality) -> int:
    """End a person's memberships of one municipality on an erasure request, when the account
    is also used in another municipality (which answers for its own part)."""
    deleted, _rows = Membership.objects.filter(user=user, municipality=municipality).delete()
    audit_log(
        action=AuditAction.DELETE,
        actor=actor.user,
        obj=user,
        municipality=municipality,
        request=actor.request,
        reason="memberships removed on request",
    )
    return deleted
