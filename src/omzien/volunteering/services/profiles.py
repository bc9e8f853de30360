"""Volunteer profiles: the writes (services) and reads (selectors) in one module.

A resident keeps their own profile. A broker may keep one on behalf of a resident without an
account (assisted registration), recording how the resident gave consent, and hand it over
later by an e-mail invitation. Every write locks the row, validates, writes the audit event
and leaves mail to ``transaction.on_commit``.
"""

from datetime import date, timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.common.dates import age_on
from omzien.common.links import absolute_url
from omzien.common.mail import send_templated_mail
from omzien.common.services import Actor, EditConflict, apply_changes, versioned_update  # noqa: F401 - re-exported
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import VolunteerProfile

# What the volunteer (or the broker on their behalf) says about the volunteer work they want.
PROFILE_FIELDS = (
    "interests",
    "tasks_liked",
    "availability",
    "hours_per_week",
    "commitments",
    "locality",
    "travel_km",
    "date_of_birth",
    "vog_willing",
    "languages",
    "driving_licence",
    "wants_guidance",
    "motivation",
    "findable_by",
    "wants_newsletter",
)
# Only on an assisted profile: a self-registered profile takes these from the account.
ASSISTED_FIELDS = ("full_name", "email", "phone", "consent_how", "consent_given_on")
ASSISTED_CONSENT = (
    volunteering_constants.ConsentHow.IN_PERSON,
    volunteering_constants.ConsentHow.PHONE,
    volunteering_constants.ConsentHow.PAPER,
)

MOTIVATION_MAX = 2000

INVITATION_SALT = "omzien.volunteering.profile_invitation"
INVITATION_VALID_DAYS = 14
LANGUAGE_CODES = frozenset(code for code, _label in volunteering_constants.LANGUAGES)


# --- Helpers ---------------------------------------------------------------------------------


def _unknown(values, allowed) -> list[str]:
    return sorted(set(values or []) - set(allowed))


def _rules(
    profile: VolunteerProfile, *, assisted: bool, today: date
) -> dict[str, list[ValidationError]]:
    """The volunteering rules beyond what the model's fields check themselves."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    dob = profile.date_of_birth
    if dob is None:
        add("date_of_birth", _("Fill in the date of birth."), "date_of_birth_required")
    elif dob > today:
        add("date_of_birth", _("The date of birth lies in the future."), "future")
    elif age_on(dob, today) < volunteering_constants.MIN_AGE:
        add(
            "date_of_birth",
            _("Volunteers are at least %(age)d years old. Younger children cannot register yet.")
            % {"age": volunteering_constants.MIN_AGE},
            "too_young",
        )
    if not profile.availability:
        add(
            "availability",
            _("Choose at least one day-part when you are available."),
            "availability_required",
        )
    for field, allowed in (
        ("interests", volunteering_constants.Domain.values),
        ("availability", volunteering_constants.DAY_PART_CODES),
        ("commitments", volunteering_constants.VacancyKind.values),
        ("languages", LANGUAGE_CODES),
    ):
        unknown = _unknown(getattr(profile, field), allowed)
        if unknown:
            add(field, _("Unknown choice: %s") % ", ".join(unknown), "invalid_choice")
    if profile.locality_id and profile.locality.municipality_id != profile.municipality_id:
        add(
            "locality",
            _("Choose a locality in the municipality of this profile."),
            "locality_other_municipality",
        )
    if len(profile.motivation or "") > MOTIVATION_MAX:
        add(
            "motivation",
            _("The motivation may be at most %(max)d characters long (now %(length)d).")
            % {"max": MOTIVATION_MAX, "length": len(profile.motivation)},
            "motivation_too_long",
        )
    if profile.consent_given_on and profile.consent_given_on > today:
        add("consent_given_on", _("The date of consent lies in the future."), "future")
    if assisted:
        if profile.consent_how not in ASSISTED_CONSENT:
            add(
                "consent_how",
                _("Record how the resident gave consent: in person, by phone or on paper."),
                "consent_how_required",
            )
        if not profile.consent_given_on:
            add(
                "consent_given_on",
                _("Record the date on which the resident gave consent."),
                "consent_date_required",
            )
        if not (profile.email or profile.phone):
            add(
                "email",
                _("Fill in an e-mail address or a phone number of the volunteer."),
                "contact_required",
            )
    return errors


def _validate(profile: VolunteerProfile, *, assisted: bool) -> None:
    profile.full_name = (profile.full_name or "").strip()
    profile.email = (profile.email or "").strip().lower()
    profile.phone = (profile.phone or "").strip()
    profile.motivation = (profile.motivation or "").strip()
    profile.tasks_liked = (profile.tasks_liked or "").strip()
    errors: dict[str, list[ValidationError]] = {}
    try:
        # The one-per-municipality constraint is checked by _save with a clearer message.
        profile.full_clean(
            exclude=["version", "user", "created_by", "municipality"], validate_constraints=False
        )
    except ValidationError as error:
        errors = {field: list(field_errors) for field, field_errors in error.error_dict.items()}
    # Where a rule speaks about a field, its message is the clearer one.
    errors.update(_rules(profile, assisted=assisted, today=timezone.localdate()))
    if errors:
        raise ValidationError(errors)


def _duplicate_message(profile: VolunteerProfile) -> str:
    return _(
        "There is already a volunteer profile for this account in %(municipality)s. "
        "There can be only one per municipality: change that profile instead."
    ) % {"municipality": profile.municipality.name}


def _save(profile: VolunteerProfile) -> None:
    """Save, refusing a second profile of the same account in the same municipality."""
    if (
        profile.user_id
        and VolunteerProfile.objects.filter(
            user_id=profile.user_id, municipality_id=profile.municipality_id
        )
        .exclude(pk=profile.pk)
        .exists()
    ):
        raise ValidationError(_duplicate_message(profile), code="duplicate_profile")
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as error:  # a concurrent request created it first
        raise ValidationError(_duplicate_message(profile), code="duplicate_profile") from error


def _lock(profile: VolunteerProfile) -> VolunteerProfile:
    return (
        VolunteerProfile.objects.select_for_update(of=("self",))
        .select_related("municipality", "locality")
        .get(pk=profile.pk)
    )


def may_manage(profile: VolunteerProfile, user) -> bool:
    """The account holder keeps their own profile; brokers keep the assisted ones."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if profile.user_id is not None:
        return profile.user_id == user.pk
    return user.has_role_in(profile.municipality, Role.BROKER)


def _check_may_manage(profile: VolunteerProfile, actor: Actor) -> None:
    if not may_manage(profile, actor.user):
        raise PermissionDenied


# --- Services --------------------------------------------------------------------------------


@transaction.atomic
def profile_create(
    *, municipality, user, data: dict, consent: bool, actor: Actor
) -> VolunteerProfile:
    """A resident creates their own volunteer profile, giving consent online."""
    if not consent:
        raise ValidationError(
            {
                "consent": [
                    ValidationError(
                        _("Without your consent we cannot store your volunteer profile."),
                        code="consent_required",
                    )
                ]
            }
        )
    if not user.has_role_in(municipality, Role.RESIDENT):
        raise ValidationError(
            _("You can only create a volunteer profile in the municipality where you live."),
            code="not_resident",
        )
    profile = VolunteerProfile(
        municipality=municipality,
        user=user,
        full_name=user.full_name or user.email,
        email=user.email,
        consent_how=volunteering_constants.ConsentHow.ONLINE,
        consent_given_on=timezone.localdate(),
    )
    apply_changes(profile, data, PROFILE_FIELDS)
    _validate(profile, assisted=False)
    _save(profile)
    audit_by(AuditAction.CREATE, profile, actor)
    return profile


@transaction.atomic
def profile_register_assisted(*, municipality, data: dict, actor: Actor) -> VolunteerProfile:
    """A broker registers a resident without an account, with the resident's consent."""
    if not actor.user.has_role_in(municipality, Role.BROKER):
        raise PermissionDenied
    profile = VolunteerProfile(municipality=municipality, user=None, created_by=actor.user)
    profile.consent_how = ""  # not the model's default "online": the broker must record it
    apply_changes(profile, data, (*PROFILE_FIELDS, *ASSISTED_FIELDS))
    _validate(profile, assisted=True)
    _save(profile)
    audit_by(AuditAction.CREATE, profile, actor, reason="assisted registration")
    return profile


@transaction.atomic
def profile_update(
    *, profile: VolunteerProfile, version: int, data: dict, actor: Actor
) -> VolunteerProfile:
    """Change a profile, refusing if someone else saved it since ``version``."""
    current = _lock(profile)
    _check_may_manage(current, actor)
    assisted = current.user_id is None
    changed = versioned_update(
        current,
        version=version,
        data=data,
        fields=(*PROFILE_FIELDS, *ASSISTED_FIELDS) if assisted else PROFILE_FIELDS,
        clean=lambda profile: _validate(profile, assisted=assisted),
        save=_save,
    )
    audit_by(AuditAction.UPDATE, current, actor, reason=",".join(changed))
    return current


@transaction.atomic
def profile_set_paused(
    *, profile: VolunteerProfile, paused: bool, actor: Actor
) -> VolunteerProfile:
    """Pause (hide from brokers' search for matches) or resume a profile."""
    current = _lock(profile)
    _check_may_manage(current, actor)
    if current.paused != paused:
        current.paused = paused
        current.version = F("version") + 1
        current.save(update_fields=["paused", "version", "updated_at"])
        current.refresh_from_db()
        audit_by(AuditAction.UPDATE, current, actor, reason="paused" if paused else "resumed")
    return current


@transaction.atomic
def profile_mark_welcomed(*, profile: VolunteerProfile, actor: Actor) -> VolunteerProfile:
    """A broker of the profile's municipality records that they welcomed the new volunteer:
    the volunteer leaves the work queue's list of newcomers. Once only."""
    current = _lock(profile)
    user = actor.user
    if not (user and user.is_authenticated and user.has_role_in(current.municipality, Role.BROKER)):
        raise PermissionDenied
    if current.welcomed_at is not None:
        raise ValidationError(
            _("This volunteer has already been welcomed."), code="already_welcomed"
        )
    current.welcomed_at = timezone.now()
    current.welcomed_by = user
    current.version = F("version") + 1
    current.save(update_fields=["welcomed_at", "welcomed_by", "version", "updated_at"])
    current.refresh_from_db(fields=["version"])
    audit_by(AuditAction.UPDATE, current, actor, reason="welcomed")
    return current


@transaction.atomic
def profile_delete(*, profile: VolunteerProfile, actor: Actor) -> None:
    """Delete the profile itself (the account, if any, stays)."""
    current = _lock(profile)
    _check_may_manage(current, actor)
    audit_by(
        AuditAction.DELETE,
        current,
        actor,
        reason="deleted by the volunteer" if current.user_id else "assisted profile deleted",
    )
    current.delete()


def _email_binding(email: str) -> str:
    return salted_hmac(INVITATION_SALT, email.strip().lower()).hexdigest()[:32]


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=INVITATION_SALT)


@transaction.atomic
def profile_invite_owner(*, profile: VolunteerProfile, actor: Actor) -> str:
    """Mail the resident a link to take over their assisted profile with an account.

    The link is signed (no model change needed): it binds the profile, its version and the
    e-mail address, works for 14 days, and once (the profile then has an owner).
    Returns the link.
    """
    current = _lock(profile)
    if not actor.user.has_role_in(current.municipality, Role.BROKER):
        raise PermissionDenied
    if current.user_id is not None:
        raise ValidationError(_("This profile already belongs to an account."), code="has_account")
    if not current.email:
        raise ValidationError(
            _("This profile has no e-mail address. Add one first, then send the invitation."),
            code="no_email",
        )
    token = _signer().sign_object(
        {"p": current.pk, "v": current.version, "e": _email_binding(current.email)}
    )
    link = absolute_url(actor.request, reverse("volunteering:profile_claim", args=[token]))
    audit_by(AuditAction.CREATE, current, actor, reason="account invitation sent")
    context = {
        "full_name": current.full_name,
        "municipality": current.municipality.name,
        "broker": getattr(actor.user, "full_name", ""),
        "link": link,
        "expires_on": timezone.localdate() + timedelta(days=INVITATION_VALID_DAYS),
    }
    email = current.email
    transaction.on_commit(
        lambda: send_templated_mail(
            template="volunteering/email/profile_invitation",
            context=context,
            to=[email],
            language="nl",
        )
    )
    return link


def _read_invitation(token: str) -> tuple[VolunteerProfile, str]:
    """The profile an invitation is for and its e-mail binding, or a ValidationError."""
    try:
        data = _signer().unsign_object(token, max_age=timedelta(days=INVITATION_VALID_DAYS))
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This link has expired. Ask your volunteer broker to send a new invitation."),
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid."), code="invalid") from error
    profile = (
        VolunteerProfile.objects.select_related("municipality").filter(pk=data.get("p")).first()
    )
    if profile is None:
        raise ValidationError(_("This link is not valid."), code="invalid")
    if profile.user_id is not None:
        raise ValidationError(
            _("This invitation has been used already: the profile belongs to an account now."),
            code="used",
        )
    if profile.version != data.get("v"):
        raise ValidationError(
            _(
                "The profile was changed after this invitation was sent. "
                "Ask your volunteer broker to send a new invitation."
            ),
            code="changed",
        )
    return profile, str(data.get("e", ""))


def profile_invitation_get(*, token: str) -> VolunteerProfile:
    """The assisted profile an open invitation is for; ValidationError if it is not open."""
    profile, _binding = _read_invitation(token)
    return profile


@transaction.atomic
def profile_claim(*, token: str, user, actor: Actor) -> VolunteerProfile:
    """The resident takes over their assisted profile with the account they are logged in with.

    Refused unless the account's e-mail address is the one invited; the link works once.
    The account gets the resident role in the profile's municipality.
    """
    invited, binding = _read_invitation(token)
    if not constant_time_compare(binding, _email_binding(user.email)):
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Log in with the e-mail "
                "address the invitation was sent to, or create an account with it."
            ),
            code="wrong_email",
        )
    current = _lock(invited)
    if current.user_id is not None or current.version != invited.version:
        raise ValidationError(
            _("This invitation has been used already: the profile belongs to an account now."),
            code="used",
        )
    current.user = user
    current.version = F("version") + 1
    _save(current)
    current.refresh_from_db()
    Membership.objects.get_or_create(
        user=user, municipality=current.municipality, role=Role.RESIDENT
    )
    if hasattr(user, "_membership_cache"):
        del user._membership_cache
    audit_by(AuditAction.UPDATE, current, actor, reason="handed over to the resident's account")
    return current


@transaction.atomic
def profile_stop_newsletter(*, profile: VolunteerProfile, actor: Actor) -> VolunteerProfile:
    """The volunteer unsubscribed through the link in a newsletter (no login: the signed link
    is the proof), so the consent for the newsletter is withdrawn."""
    current = _lock(profile)
    if current.wants_newsletter:
        current.wants_newsletter = False
        current.version = F("version") + 1
        current.save(update_fields=["wants_newsletter", "version", "updated_at"])
        current.refresh_from_db(fields=["version"])
        audit_by(AuditAction.UPDATE, current, actor, reason="newsletter unsubscribed")
    return current
