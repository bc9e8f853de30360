"""Organisations: the writes (services) and reads (selectors) in one module.

A resident registers an organisation; a volunteer broker of its municipality approves or
rejects it before its vacancies are published. Members (administrators or members) invite
others by e-mail. Every write locks what it changes, validates, writes the audit event and
leaves mail to ``transaction.on_commit``. The organisation's review statuses, their allowed
steps and who takes them are the workflow ``workflows.ORGANISATION``; every change of status
goes through it (:func:`_review_step`), which appends an :class:`OrganisationTransition` and
writes the audit event with the from and to status.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.phrases import choice_label
from omzien.common.services import Actor, EditConflict, check_version  # noqa: F401 - re-exported
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.tenants.models import Locality
from omzien.tenants.reference import reference
from omzien.tenants.validators import normalise_postcode
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    Organisation,
    OrganisationInvitation,
    OrganisationMember,
)
from omzien.volunteering.services import notifications
from omzien.volunteering.workflows import BROKER, ORGANISATION

# What the registering resident (and later the organisation's administrators) fill in.
ORGANISATION_FIELDS = (
    "name",
    "kind",
    "domains",
    "locality",
    "address",
    "postcode",
    "description",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_public",
    "website",
    "kvk_number",
    "free_vog",
)
INVITATION_VALID_DAYS = 14
NOTE_MAX = 255


# --- Helpers ---------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _duplicate_name_error() -> ValidationError:
    return ValidationError(
        {
            "name": [
                ValidationError(
                    _(
                        "An organisation with this name is already registered in this "
                        "municipality. Ask that organisation to invite you, or choose another name."
                    ),
                    code="duplicate_name",
                )
            ]
        }
    )


def _clean_location(organisation: Organisation, chosen: Locality | None) -> dict:
    """Normalise the postcode; the locality follows from it, or else from the choice."""
    errors: dict[str, list[ValidationError]] = {}
    organisation.address = (organisation.address or "").strip()
    organisation.postcode = (organisation.postcode or "").strip()
    derived = None
    if organisation.postcode:
        try:
            organisation.postcode = normalise_postcode(organisation.postcode)
        except ValidationError as error:
            errors["postcode"] = error.error_list
        else:
            derived = reference().locality_id_for_postcode(
                organisation.municipality_id, organisation.postcode
            )
    if chosen is not None and chosen.municipality_id != organisation.municipality_id:
        errors["locality"] = [
            ValidationError(
                _("Choose a locality in the municipality of the organisation."),
                code="locality_other_municipality",
            )
        ]
    elif organisation.address and not organisation.postcode:
        errors["postcode"] = [
            ValidationError(
                _("Fill in the postcode that goes with the address."), code="postcode_required"
            )
        ]
    elif not (chosen or organisation.postcode or errors):
        errors["locality"] = [
            ValidationError(
                _("Choose a locality, or fill in the address and postcode."),
                code="locality_required",
            )
        ]
    if derived is not None:
        organisation.locality_id = derived
    else:
        organisation.locality = chosen
    return errors


def _validate(organisation: Organisation, chosen_locality: Locality | None) -> None:
    organisation.name = " ".join((organisation.name or "").split())
    organisation.contact_email = (organisation.contact_email or "").strip().lower()
    organisation.kvk_number = (organisation.kvk_number or "").replace(" ", "")
    errors: dict[str, list[ValidationError]] = {}
    try:
        # The unique name is checked by _check_name with a clearer message.
        organisation.full_clean(
            exclude=["version", "created_by", "reviewed_by", "municipality", "locality"],
            validate_constraints=False,
        )
    except ValidationError as error:
        errors = {field: list(field_errors) for field, field_errors in error.error_dict.items()}
    if not organisation.domains:
        errors["domains"] = [
            ValidationError(_("Choose at least one domain."), code="domains_required")
        ]
    else:
        unknown = sorted(set(organisation.domains) - set(volunteering_constants.Domain.values))
        if unknown:
            errors["domains"] = [
                ValidationError(_("Unknown choice: %s") % ", ".join(unknown), code="invalid_choice")
            ]
    for field, field_errors in _clean_location(organisation, chosen_locality).items():
        errors.setdefault(field, []).extend(field_errors)
    if errors:
        raise ValidationError(errors)


def _check_name(organisation: Organisation) -> None:
    others = Organisation.objects.filter(
        municipality_id=organisation.municipality_id, name__iexact=organisation.name
    )
    if organisation.pk:
        others = others.exclude(pk=organisation.pk)
    if others.exists():
        raise _duplicate_name_error()


def _save_checked(organisation: Organisation, **kwargs) -> None:
    """Save; a name taken by a simultaneous registration becomes the same clear error."""
    try:
        with transaction.atomic():
            organisation.save(**kwargs)
    except IntegrityError as error:
        raise _duplicate_name_error() from error


def _grant_member_role(user, municipality) -> None:
    """The account role that opens the organisation pages in the navigation."""
    Membership.objects.get_or_create(
        user=user, municipality=municipality, role=Role.ORGANISATION_MEMBER
    )


def _withdraw_member_role(user, municipality) -> None:
    """Remove the account role once the user is in no organisation of that municipality."""
    still_member = OrganisationMember.objects.filter(
        user=user, organisation__municipality=municipality
    ).exists()
    if not still_member:
        Membership.objects.filter(
            user=user, municipality=municipality, role=Role.ORGANISATION_MEMBER
        ).delete()


def _review_step(
    organisation: Organisation, to: str, actor: Actor, *, expected: str = "", note: str = ""
) -> None:
    """Take the step to ``to`` through ``ORGANISATION`` on the locked row. A broker's step is
    the review: who, when and the reason are kept on the organisation too."""
    step, note = ORGANISATION.check(
        organisation, target=to, actor=actor, expected=expected, note=note
    )
    fields = ["updated_at"]
    if step.by == BROKER:
        organisation.reviewed_by = actor.user
        organisation.reviewed_at = timezone.now()
        organisation.review_note = note
        fields += ["reviewed_by", "reviewed_at", "review_note"]
    ORGANISATION.record(organisation, step=step, actor=actor, note=note, fields=fields)


def _check_reviewer(organisation: Organisation, actor: Actor) -> None:
    if actor.user is None or not actor.user.has_role_in(organisation.municipality, Role.BROKER):
        raise ValidationError(
            _("Only a volunteer broker of this municipality can review it."), code="not_broker"
        )


def _admin_emails(organisation: Organisation) -> list[str]:
    emails = (
        OrganisationMember.objects.filter(
            organisation=organisation,
            role=volunteering_constants.MemberRole.ADMIN,
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(emails)


def _mail_admins_approved(organisation: Organisation, request) -> None:
    """Approval is news the administrators read (not approving is work for them: a
    notification, ``notifications.organisation_rejected``)."""
    recipients = _admin_emails(organisation)
    context = {
        "name": organisation.name,
        "municipality": organisation.municipality.name,
        "reason": organisation.review_note,
        "link": absolute_url(request, reverse("volunteering:organisation_mine")),
        "public_link": absolute_url(
            request, reverse("volunteering:organisation_public", args=[organisation.pk])
        ),
    }

    def send() -> None:
        for email in recipients:
            send_templated_mail(
                template="volunteering/email/organisation_approved", context=context, to=[email]
            )

    transaction.on_commit(send)


def _lock(organisation: Organisation) -> Organisation:
    return (
        Organisation.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=organisation.pk)
    )


# --- Registration, details and review ---------------------------------------------------------


@transaction.atomic
def organisation_register(*, municipality, data: dict, actor: Actor) -> Organisation:
    """Register an organisation awaiting review; the registering user is its administrator."""
    organisation = Organisation(
        municipality=municipality,
        status=volunteering_constants.OrganisationStatus.PENDING,
        created_by=actor.user,
    )
    for field in ORGANISATION_FIELDS:
        if field in data and field != "locality":
            setattr(organisation, field, data[field])
    _validate(organisation, data.get("locality"))
    _check_name(organisation)
    _save_checked(organisation)
    ORGANISATION.log_step(organisation, source="", target=organisation.status, actor=actor)
    OrganisationMember.objects.create(
        organisation=organisation, user=actor.user, role=volunteering_constants.MemberRole.ADMIN
    )
    _grant_member_role(actor.user, municipality)
    audit_by(AuditAction.CREATE, organisation, actor)
    notifications.organisation_submitted(organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, version: int, data: dict, actor: Actor
) -> Organisation:
    """Change the details, refusing if someone else saved them since ``version``.

    A rejected organisation that changes its details is reviewed again.
    """
    current = _lock(organisation)
    check_version(current, version)
    changed = [f for f in ORGANISATION_FIELDS if f in data and getattr(current, f) != data[f]]
    for field in ORGANISATION_FIELDS:
        if field in data and field != "locality":
            setattr(current, field, data[field])
    _validate(current, data.get("locality", current.locality))
    _check_name(current)
    current.version = F("version") + 1
    _save_checked(current)
    current.refresh_from_db()
    audit_by(AuditAction.UPDATE, current, actor, reason=",".join(changed))
    if current.status == volunteering_constants.OrganisationStatus.REJECTED:
        notifications.organisation_resubmitted(current)
        _review_step(current, volunteering_constants.OrganisationStatus.PENDING, actor)
        notifications.organisation_submitted(current)
    return current


@transaction.atomic
def organisation_approve(*, organisation: Organisation, actor: Actor) -> Organisation:
    """A broker of the organisation's municipality approves it: it may publish vacancies.

    The broker reviews an organisation awaiting review; one that another broker reviewed
    first is refused as stale.
    """
    locked = _lock(organisation)
    _check_reviewer(locked, actor)
    _review_step(
        locked,
        volunteering_constants.OrganisationStatus.APPROVED,
        actor,
        expected=volunteering_constants.OrganisationStatus.PENDING,
    )
    notifications.organisation_reviewed(locked)
    _mail_admins_approved(locked, actor.request)
    return locked


@transaction.atomic
def organisation_reject(*, organisation: Organisation, reason: str, actor: Actor) -> Organisation:
    """A broker rejects the registration, with a reason the organisation will read."""
    # Checked here too, so the refusal belongs to the form's field "reason" (the workflow
    # names it "note").
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            {
                "reason": [
                    ValidationError(
                        _("Give the reason, so the organisation knows why."),
                        code="note_required",
                    )
                ]
            }
        )
    if len(reason) > NOTE_MAX:
        raise ValidationError(
            {
                "reason": [
                    ValidationError(
                        _("The reason may be at most 255 characters long."),
                        code="note_too_long",
                    )
                ]
            }
        )
    locked = _lock(organisation)
    _check_reviewer(locked, actor)
    _review_step(
        locked,
        volunteering_constants.OrganisationStatus.REJECTED,
        actor,
        expected=volunteering_constants.OrganisationStatus.PENDING,
        note=reason,
    )
    notifications.organisation_reviewed(locked)
    notifications.organisation_rejected(locked)
    return locked


# --- Members and invitations ------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, actor: Actor
) -> tuple[OrganisationInvitation, str]:
    """Invite someone by e-mail; returns the invitation and the token in its link.

    A new invitation to the same address replaces the earlier one, whose link stops working.
    """
    locked = _lock(organisation)
    email = (email or "").strip().lower()
    if role not in volunteering_constants.MemberRole.values:
        raise ValidationError({"role": [ValidationError(_("Choose a role."), code="invalid_role")]})
    if OrganisationMember.objects.filter(organisation=locked, user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": [
                    ValidationError(
                        _("Someone with this e-mail address is already a member."),
                        code="member",
                    )
                ]
            }
        )
    token = secrets.token_urlsafe(32)
    invitation = OrganisationInvitation(
        organisation=locked,
        email=email,
        role=role,
        token_hash=_token_hash(token),
        invited_by=actor.user,
        expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean(exclude=["organisation", "invited_by"])
    OrganisationInvitation.objects.filter(
        organisation=locked, email__iexact=email, accepted_at__isnull=True
    ).delete()
    invitation.save()
    audit_by(
        AuditAction.CREATE,
        invitation,
        actor,
        municipality=locked.municipality,
        reason=f"invited as {role}",
    )
    context = {
        "name": locked.name,
        "inviter": getattr(actor.user, "full_name", "") or "",
        "role": choice_label(invitation, "role"),
        "link": absolute_url(
            actor.request, reverse("volunteering:organisation_invitation", args=[token])
        ),
        "expires_at": invitation.expires_at,
    }
    transaction.on_commit(
        lambda: send_templated_mail(
            template="volunteering/email/organisation_invitation",
            context=context,
            to=[email],
            language="nl",
        )
    )
    return invitation, token


def invitation_get(*, token: str) -> OrganisationInvitation:
    """The invitation of a link, or a ValidationError saying why the link does not work."""
    invitation = (
        OrganisationInvitation.objects.select_related("organisation__municipality")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise ValidationError(
            _("This link is not valid. Ask the organisation to send a new invitation."),
            code="unknown",
        )
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("This invitation has been used already. Each invitation link works once."),
            code="used",
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation has expired. Ask the organisation to send a new invitation."),
            code="expired",
        )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user, actor: Actor) -> OrganisationMember:
    """The invited person, logged in with the invited address, joins the organisation."""
    found = invitation_get(token=token)
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=found.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("This invitation has been used already. Each invitation link works once."),
            code="used",
        )
    if (user.email or "").strip().lower() != invitation.email.strip().lower():
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Log in with the address "
                "the invitation was sent to."
            ),
            code="wrong_email",
        )
    organisation = _lock(found.organisation)
    if OrganisationMember.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("You are already a member of this organisation."), code="member")
    member = OrganisationMember.objects.create(
        organisation=organisation, user=user, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _grant_member_role(user, organisation.municipality)
    audit_by(
        AuditAction.CREATE,
        member,
        actor,
        municipality=organisation.municipality,
        reason="invitation accepted",
    )
    return member


@transaction.atomic
def invitation_cancel(*, invitation: OrganisationInvitation, actor: Actor) -> None:
    organisation = _lock(invitation.organisation)
    deleted, _rows = OrganisationInvitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True
    ).delete()
    if not deleted:
        raise ValidationError(_("This invitation has been used already."), code="used")
    audit_by(
        AuditAction.DELETE,
        invitation,
        actor,
        municipality=organisation.municipality,
        reason="invitation cancelled",
    )


def _admin_count(organisation: Organisation) -> int:
    return OrganisationMember.objects.filter(
        organisation=organisation, role=volunteering_constants.MemberRole.ADMIN
    ).count()


def _last_admin_error() -> ValidationError:
    return ValidationError(
        _(
            "An organisation needs at least one administrator. Make someone else "
            "administrator first."
        ),
        code="last_admin",
    )


@transaction.atomic
def member_set_role(*, member: OrganisationMember, role: str, actor: Actor) -> OrganisationMember:
    if role not in volunteering_constants.MemberRole.values:
        raise ValidationError({"role": [ValidationError(_("Choose a role."), code="invalid_role")]})
    # The organisation's row serialises every change to its members.
    organisation = _lock(member.organisation)
    locked = OrganisationMember.objects.get(pk=member.pk, organisation=organisation)
    if locked.role == role:
        return locked
    if locked.role == volunteering_constants.MemberRole.ADMIN and _admin_count(organisation) <= 1:
        raise _last_admin_error()
    before = locked.role
    locked.role = role
    locked.save(update_fields=["role"])
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        municipality=organisation.municipality,
        reason=f"role {before} -> {role}",
    )
    return locked


@transaction.atomic
def member_remove(*, member: OrganisationMember, actor: Actor) -> None:
    """Remove a member (an administrator removes someone, or a member leaves)."""
    organisation = _lock(member.organisation)
    locked = OrganisationMember.objects.filter(pk=member.pk, organisation=organisation).first()
    if locked is None:
        return
    if locked.role == volunteering_constants.MemberRole.ADMIN and _admin_count(organisation) <= 1:
        raise _last_admin_error()
    user, member_pk = locked.user, locked.pk
    locked.delete()
    _withdraw_member_role(user, organisation.municipality)
    leaving = getattr(actor.user, "pk", None) == user.pk
    audit_by(
        AuditAction.DELETE,
        organisation,
        actor,
        reason="member left" if leaving else "member removed",
        extra={"member_id": member_pk, "user_id": user.pk},
    )
