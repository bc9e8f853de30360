"""Signing up for a date, cancelling, the waiting list and attendance.

Every change locks the occurrence row first (``select_for_update``), then the sign-ups: two
people taking the last place at once are served one after the other, so exactly one gets it
and the other goes on the waiting list; a cancellation and the move-up of the first on the
waiting list happen in the same transaction. A retried POST finds the active sign-up of the
same account or e-mail address and returns it (the database's unique constraints hold the
same rule should anything bypass the lock).
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.activities import constants
from omzien.activities.constants import SignUpStatus
from omzien.activities.models import Occurrence, SignUp
from omzien.activities.services import notices
from omzien.activities.workflows import SIGNUP
from omzien.common.phone import normalise_phone
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SignUpResult:
    signup: SignUp
    created: bool


def _lock_occurrence(pk: int) -> Occurrence:
    return Occurrence.objects.select_for_update().select_related("activity").get(pk=pk)


def places_taken(occurrence: Occurrence) -> int:
    return SignUp.objects.filter(occurrence=occurrence, status__in=constants.HOLDS_PLACE).count()


def signup_create(
    *,
    occurrence_id: int,
    name: str,
    email: str = "",
    phone: str = "",
    user=None,
    actor: Actor,
    request=None,
) -> SignUpResult:
    """Sign one person up: confirmed while places are left, else on the waiting list. The
    confirmation mail (with the .ics and the cancel link) goes out after the commit."""
    email = (email or "").strip()
    phone = normalise_phone(phone) if phone else ""
    if user is None and not (email or phone):
        raise ValidationError(_("Give an e-mail address or a phone number."))
    with transaction.atomic():
        occurrence = _lock_occurrence(occurrence_id)
        activity = occurrence.activity
        if not activity.signup_required:
            raise ValidationError(_("This activity needs no sign-up: you are welcome."))
        if occurrence.is_cancelled:
            raise ValidationError(_("This date has been cancelled."))
        if occurrence.starts_at <= timezone.now():
            raise ValidationError(_("This date has already started: signing up is closed."))
        same = Q(user=user) if user is not None else Q(pk__in=[])
        if email:
            same |= Q(email__iexact=email)
        existing = (
            SignUp.objects.filter(occurrence=occurrence)
            .exclude(status=SignUpStatus.CANCELLED)
            .filter(same)
            .first()
        )
        if existing is not None:
            return SignUpResult(signup=existing, created=False)
        capacity = activity.capacity
        full = capacity is not None and places_taken(occurrence) >= capacity
        token = secrets.token_urlsafe(32)
        signup = SignUp(
            occurrence=occurrence,
            user=user,
            name=" ".join(name.split()),
            email=email,
            phone=phone,
            status=SignUpStatus.WAITING if full else SignUpStatus.CONFIRMED,
            cancel_token_hash=hash_token(token),
        )
        signup.full_clean()
        try:
            with transaction.atomic():
                signup.save()
        except IntegrityError:
            # Only reachable if the lock was bypassed: the constraint kept the one sign-up.
            return SignUpResult(
                signup=SignUp.objects.filter(occurrence=occurrence)
                .exclude(status=SignUpStatus.CANCELLED)
                .filter(same)
                .get(),
                created=False,
            )
        SIGNUP.log_step(signup, source="", target=signup.status, actor=actor)
        audit_by(
            AuditAction.CREATE,
            signup,
            actor,
            municipality=activity.municipality,
            extra={"occurrence": occurrence.pk, "status": signup.status},
        )
        transaction.on_commit(
            lambda: notices.mail_confirmation(signup_id=signup.pk, token=token, request=request)
        )
    return SignUpResult(signup=signup, created=True)


def _move_up(occurrence: Occurrence, actor: Actor) -> SignUp | None:
    """The first on the waiting list gets a place that came free (inside the lock)."""
    capacity = occurrence.activity.capacity
    if occurrence.is_cancelled or occurrence.starts_at <= timezone.now():
        return None
    if capacity is not None and places_taken(occurrence) >= capacity:
        return None
    first = (
        SignUp.objects.select_for_update()
        .filter(occurrence=occurrence, status=SignUpStatus.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    step, _note = SIGNUP.check(
        first, target=SignUpStatus.CONFIRMED, actor=Actor(request=actor.request)
    )
    SIGNUP.record(first, step=step, actor=Actor(request=actor.request), note="waiting list")
    transaction.on_commit(lambda: notices.mail_moved_up(signup_id=first.pk))
    return first


def _cancel(signup_lookup: dict, *, actor: Actor, expected: str = "") -> SignUp:
    with transaction.atomic():
        found = SignUp.objects.filter(**signup_lookup).values("pk", "occurrence_id").first()
        if found is None:
            raise SignUp.DoesNotExist
        occurrence = _lock_occurrence(found["occurrence_id"])
        signup = SignUp.objects.select_for_update().get(pk=found["pk"])
        signup.occurrence = occurrence
        if signup.status == SignUpStatus.CANCELLED:
            return signup
        if occurrence.starts_at <= timezone.now():
            raise ValidationError(_("This date has already started: cancelling is closed."))
        step, _note = SIGNUP.check(
            signup, target=SignUpStatus.CANCELLED, actor=actor, expected=expected
        )
        SIGNUP.record(signup, step=step, actor=actor)
        _move_up(occurrence, actor)
    return signup


def signup_cancel_by_token(*, token: str, actor: Actor) -> SignUp:
    """Cancel with the link from the confirmation mail, without logging in. The link is the
    authority: the step is taken as the system, whoever is logged in."""
    return _cancel(
        {"cancel_token_hash": hash_token(token), "anonymised_at__isnull": True},
        actor=Actor(request=actor.request),
    )


def signup_cancel(*, signup_id: int, actor: Actor) -> SignUp:
    """Cancel as the participant (their account) or the organiser."""
    return _cancel({"pk": signup_id}, actor=actor)


def signup_get_by_token(token: str) -> SignUp | None:
    return (
        SignUp.objects.filter(cancel_token_hash=hash_token(token), anonymised_at__isnull=True)
        .select_related("occurrence__activity__locality")
        .first()
    )


def signup_mark(*, signup_id: int, status: str, actor: Actor) -> SignUp:
    """The organiser marks attendance (attended or absent) once the date has begun."""
    if status not in (SignUpStatus.ATTENDED, SignUpStatus.ABSENT):
        raise ValidationError(_("Choose attended or absent."))
    with transaction.atomic():
        signup = (
            SignUp.objects.select_for_update(of=("self",))
            .select_related("occurrence__activity")
            .get(pk=signup_id)
        )
        if signup.status == status:
            return signup
        if signup.occurrence.starts_at > timezone.now():
            raise ValidationError(_("Attendance can be marked once the date has begun."))
        step, _note = SIGNUP.check(signup, target=status, actor=actor)
        SIGNUP.record(signup, step=step, actor=actor)
    return signup
