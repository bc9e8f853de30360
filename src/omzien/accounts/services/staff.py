"""Staff and their roles, managed by a municipality's functional administrator.

The administrator invites people by e-mail into a staff role (:class:`StaffInvitation`, whose
link works once and of which only the SHA-256 hash of the token is stored), gives and takes
roles, switches off a person's memberships of the municipality and resets a lost second
factor. Every write locks what it changes, validates (``ValidationError`` with a ``code``),
writes an audit event and leaves mail to ``transaction.on_commit``. docs/administration.md.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import STAFF_ROLES, Role
from omzien.accounts.models import Membership, StaffInvitation
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.phrases import choice_label
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by, audit_log
from omzien.privacy.constants import AuditAction

User = get_user_model()

INVITATION_VALID_DAYS = 7
# An invitation is deleted this many days after it expired (docs/privacy.md).
INVITATION_RETENTION_DAYS = 90


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _error(message: str, code: str, field: str | None = None) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: [error]}) if field else error


def _require_admin(actor: Actor, municipality) -> None:
    user = actor.user
    if user is None or not user.has_role_in(municipality, Role.MUNICIPALITY_ADMIN):
        raise _error(_("You are not an administrator of this municipality."), "not_admin")


def _check_staff_role(role: str) -> None:
    if role not in STAFF_ROLES:
        raise _error(_("Choose a staff role."), "invalid_role", "role")


def _mail_invitation(invitation: StaffInvitation, token: str, actor: Actor) -> None:
    context = {
        "municipality": invitation.municipality.name,
        "inviter": getattr(actor.user, "full_name", "") or "",
        "role": choice_label(invitation, "role"),
        "link": absolute_url(actor.request, reverse("accounts:staff_invitation", args=[token])),
        "expires_at": invitation.expires_at,
    }
    email = invitation.email
    transaction.on_commit(
        lambda: send_templated_mail(
            template="accounts/email/staff_invitation",
            context=context,
            to=[email],
            language="nl",
        )
    )


# --- Invitations ------------------------------------------------------------------------------


@transaction.atomic
def staff_invite(
    *, municipality, email: str, role: str, actor: Actor
) -> tuple[StaffInvitation, str | None]:
    """Invite ``email`` into a staff ``role`` of ``municipality``; mails a one-time link.

    Returns the invitation and the token of its link. Inviting the same address into the same
    role again while an invitation is pending changes nothing and mails nothing (token None);
    an expired one of that address and role is sent again (:func:`staff_invitation_resend`),
    so one address has one open invitation per role.
    """
    _require_admin(actor, municipality)
    _check_staff_role(role)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise _error(_("Enter a valid e-mail address."), "invalid_email", "email") from None
    if Membership.objects.filter(
        municipality=municipality, user__email__iexact=email, role=role, is_active=True
    ).exists():
        raise _error(
            _("This person already has this role in the municipality."), "has_role", "email"
        )
    # Serialise invitations of one address: lock its open ones (if any).
    found = (
        StaffInvitation.objects.select_for_update()
        .filter(
            municipality=municipality,
            email__iexact=email,
            role=role,
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
        )
        .order_by("-expires_at", "-pk")
        .first()
    )
    if found is not None:
        if found.is_pending:
            return found, None
        return found, _renew(found, actor)
    token = secrets.token_urlsafe(32)
    invitation = StaffInvitation.objects.create(
        municipality=municipality,
        email=email,
        role=role,
        token_hash=_token_hash(token),
        invited_by=actor.authenticated_user,
        expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
    )
    audit_by(AuditAction.CREATE, invitation, actor, reason=f"staff invitation as {role}")
    _mail_invitation(invitation, token, actor)
    return invitation, token


def _lock_open(invitation: StaffInvitation) -> StaffInvitation:
    locked = StaffInvitation.objects.select_for_update().select_related("municipality")
    locked = locked.get(pk=invitation.pk)
    if not locked.is_open:
        raise _error(
            _("This invitation is no longer open: it was used or cancelled."), "not_pending"
        )
    return locked


@transaction.atomic
def staff_invitation_resend(*, invitation: StaffInvitation, actor: Actor) -> str:
    """Mail an open invitation (expired or not) again with a new link (the old link stops
    working) and a new expiry date. Returns the new token."""
    _require_admin(actor, invitation.municipality_id)
    return _renew(_lock_open(invitation), actor)


def _renew(locked: StaffInvitation, actor: Actor) -> str:
    token = secrets.token_urlsafe(32)
    locked.token_hash = _token_hash(token)
    locked.expires_at = timezone.now() + timedelta(days=INVITATION_VALID_DAYS)
    locked.save(update_fields=["token_hash", "expires_at"])
    audit_by(AuditAction.UPDATE, locked, actor, reason="staff invitation sent again")
    _mail_invitation(locked, token, actor)
    return token


@transaction.atomic
def staff_invitation_cancel(*, invitation: StaffInvitation, actor: Actor) -> None:
    _require_admin(actor, invitation.municipality_id)
    locked = _lock_open(invitation)
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["cancelled_at"])
    audit_by(AuditAction.UPDATE, locked, actor, reason="staff invitation cancelled")


def staff_invitation_get(*, token: str) -> StaffInvitation:
    """The invitation of a link, or a ValidationError saying (in Dutch) why it does not work:
    code ``unknown``, ``used``, ``cancelled`` or ``expired``."""
    invitation = (
        StaffInvitation.objects.select_related("municipality")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise _error(
            _(
                "This link is not valid. It may have been replaced by a newer invitation: use "
                "the link in the latest e-mail, or ask the administrator for a new invitation."
            ),
            "unknown",
        )
    if invitation.accepted_at is not None:
        raise _error(
            _("This invitation has been used already. Each invitation link works once."), "used"
        )
    if invitation.cancelled_at is not None:
        raise _error(_("This invitation has been withdrawn by the administrator."), "cancelled")
    if invitation.expires_at <= timezone.now():
        raise _error(
            _("This invitation has expired. Ask the administrator for a new invitation."),
            "expired",
        )
    return invitation


def _grant(*, user, municipality, role: str) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, municipality=municipality, role=role, defaults={"is_active": True}
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    return membership


@transaction.atomic
def staff_invitation_accept(*, token: str, user, actor: Actor) -> Membership:
    """The invited person, logged in with the invited address, takes the role."""
    found = staff_invitation_get(token=token)
    invitation = StaffInvitation.objects.select_for_update().get(pk=found.pk)
    if not invitation.is_pending:
        raise _error(
            _("This invitation has been used already. Each invitation link works once."), "used"
        )
    if (user.email or "").strip().lower() != invitation.email.strip().lower():
        raise _error(
            _(
                "This invitation was sent to another e-mail address. Log in with the address "
                "the invitation was sent to."
            ),
            "wrong_email",
        )
    membership = _grant(user=user, municipality=found.municipality, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_by(
        AuditAction.CREATE,
        user,
        actor,
        municipality=found.municipality,
        reason=f"staff invitation accepted as {invitation.role}",
        extra={"membership": membership.pk, "invitation": invitation.pk},
    )
    if hasattr(user, "_membership_cache"):
        del user._membership_cache
    return membership


@transaction.atomic
def staff_invitation_sign_up(*, token: str, full_name: str, password: str, request=None):
    """Create the account of an invited person without one (the invitation proves the e-mail
    address, so it is confirmed) and accept the invitation. Returns the new user."""
    invitation = staff_invitation_get(token=token)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise _error(
            _("An account with this e-mail address exists already: log in to accept."),
            "account_exists",
        )
    full_name = (full_name or "").strip()
    if not full_name:
        raise _error(_("Enter your name."), "name_required", "full_name")
    user = User(email=invitation.email, full_name=full_name, is_active=True)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.error_list}) from None
    user.set_password(password)
    user.email_verified_at = timezone.now()
    user.full_clean()
    user.save()
    audit_log(
        action=AuditAction.SIGNED_UP,
        actor=None,
        actor_label=user.email,
        obj=user,
        municipality=invitation.municipality,
        request=request,
        reason="staff invitation",
    )
    staff_invitation_accept(token=token, user=user, actor=Actor(user=user, request=request))
    return user


# --- Roles, accounts and second factors --------------------------------------------------------


def _check_known(user, municipality) -> None:
    if not Membership.objects.filter(user=user, municipality=municipality).exists():
        raise _error(_("This person has no account in this municipality."), "unknown_person")


@transaction.atomic
def membership_grant(*, municipality, user, role: str, actor: Actor) -> Membership:
    """Give a person of the municipality a staff role (or switch a former one on again)."""
    _require_admin(actor, municipality)
    _check_staff_role(role)
    _check_known(user, municipality)
    if Membership.objects.filter(
        user=user, municipality=municipality, role=role, is_active=True
    ).exists():
        raise _error(_("This person already has this role."), "has_role", "role")
    membership = _grant(user=user, municipality=municipality, role=role)
    audit_by(
        AuditAction.UPDATE,
        user,
        actor,
        municipality=municipality,
        reason=f"role {role} given",
        extra={"membership": membership.pk},
    )
    return membership


def _own_last_admin(actor: Actor, memberships) -> bool:
    """Whether switching off ``memberships`` takes the acting user's last administrator role."""
    user = actor.user
    ending = {m.pk for m in memberships if m.user_id == user.pk}
    if not ending or user.is_superuser:
        return False
    remaining = Membership.objects.filter(
        user=user, role=Role.MUNICIPALITY_ADMIN, is_active=True, municipality__is_active=True
    ).exclude(pk__in=ending)
    ends_admin = any(m.role == Role.MUNICIPALITY_ADMIN for m in memberships if m.pk in ending)
    return ends_admin and not remaining.exists()


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: Actor) -> Membership:
    """Take a staff role: the membership is switched off (kept for the audit trail)."""
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    _require_admin(actor, locked.municipality_id)
    if locked.role not in STAFF_ROLES:
        raise _error(_("Only staff roles are managed here."), "not_staff_role")
    if not locked.is_active:
        raise _error(_("This role has been taken already."), "inactive")
    if _own_last_admin(actor, [locked]):
        raise _error(
            _("You cannot take your own last administrator role. Ask another administrator."),
            "own_last_admin",
        )
    locked.is_active = False
    locked.save(update_fields=["is_active"])
    audit_by(
        AuditAction.UPDATE,
        locked.user,
        actor,
        municipality=locked.municipality,
        reason=f"role {locked.role} taken",
        extra={"membership": locked.pk},
    )
    return locked


@transaction.atomic
def account_deactivate(*, municipality, user, actor: Actor) -> int:
    """Switch off all of a person's memberships of this municipality (their account and their
    roles elsewhere stay). Returns how many were switched off."""
    _require_admin(actor, municipality)
    if user.pk == actor.user.pk:
        raise _error(_("You cannot switch off your own account here."), "self")
    memberships = list(
        Membership.objects.select_for_update().filter(
            user=user, municipality=municipality, is_active=True
        )
    )
    if not memberships:
        raise _error(_("This person has no active roles in this municipality."), "inactive")
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).update(is_active=False)
    audit_by(
        AuditAction.UPDATE,
        user,
        actor,
        municipality=municipality,
        reason="memberships of the municipality switched off",
        extra={"roles": sorted(m.role for m in memberships)},
    )
    return len(memberships)


@transaction.atomic
def two_factor_reset(*, municipality, user, reason: str, actor: Actor) -> int:
    """Delete a staff member's second-factor devices (a lost phone): at the next login they
    set up two-factor authentication again. ``reason`` is required and audited."""
    from django_otp import devices_for_user

    _require_admin(actor, municipality)
    reason = (reason or "").strip()
    if not reason:
        raise _error(_("Give the reason for the reset."), "reason_required", "reason")
    if user.pk == actor.user.pk:
        raise _error(
            _("You cannot reset your own second factor. Ask another administrator."), "self"
        )
    if not Membership.objects.filter(
        user=user, municipality=municipality, role__in=STAFF_ROLES
    ).exists():
        raise _error(_("This person has no staff role in this municipality."), "not_staff")
    locked = User.objects.select_for_update().get(pk=user.pk)
    devices = list(devices_for_user(locked, confirmed=None))
    for device in devices:
        device.delete()
    audit_by(
        AuditAction.TWO_FACTOR_DISABLED,
        locked,
        actor,
        municipality=municipality,
        reason=f"second factor reset: {reason}"[:255],
        extra={"devices": len(devices)},
    )
    return len(devices)


# --- Retention -----------------------------------------------------------------------------------


@transaction.atomic
def staff_invitations_apply_retention(*, now=None) -> int:
    """Delete staff invitations 90 days after they expired (used, cancelled or not)."""
    now = now or timezone.now()
    deleted, _rows = StaffInvitation.objects.filter(
        expires_at__lt=now - timedelta(days=INVITATION_RETENTION_DAYS)
    ).delete()
    return deleted
