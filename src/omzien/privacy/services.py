"""Writes of the privacy officer: the requests of the people in the registry (AVG art. 15, 16,
17) and the erasure across every capability (``privacy.rights``)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.dates import add_months
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import (
    REQUEST_DEADLINE_MONTHS,
    REQUEST_RETENTION_DAYS,
    AuditAction,
    RequestKind,
)
from omzien.privacy.models import SubjectRequest
from omzien.privacy.rights import providers

PERSON_FIELDS = ("name", "date_of_birth", "email", "phone", "postcode", "house_number")


def _check_received(received_on: datetime.date) -> None:
    today = timezone.localdate()
    if received_on > today:
        raise ValidationError(
            {
                "received_on": ValidationError(
                    _("The date of receipt cannot lie in the future."), code="received_in_future"
                )
            }
        )
    if received_on < today - datetime.timedelta(days=366):
        raise ValidationError(
            {
                "received_on": ValidationError(
                    _("The date of receipt lies more than a year ago."), code="received_too_old"
                )
            }
        )


def _check_findable(data: dict) -> None:
    """The person can be found: name with date of birth, e-mail, phone or postcode with house
    number."""
    if (
        (data.get("name") and data.get("date_of_birth"))
        or data.get("email")
        or data.get("phone")
        or (data.get("postcode") and data.get("house_number"))
    ):
        return
    raise ValidationError(
        _(
            "Give the date of birth with the name, or an e-mail address, a phone number, or a "
            "postcode with house number: otherwise the person cannot be found."
        ),
        code="not_findable",
    )


@transaction.atomic
def subject_request_create(*, municipality, data: dict, actor: Actor) -> SubjectRequest:
    """Record a request as it came in; the deadline is a month after receipt (AVG art. 12(3))."""
    _check_received(data["received_on"])
    _check_findable(data)
    request_obj = SubjectRequest(
        municipality=municipality,
        kind=data["kind"],
        received_on=data["received_on"],
        deadline_on=add_months(data["received_on"], REQUEST_DEADLINE_MONTHS),
        created_by=actor.authenticated_user,
        **{
            field: data.get(field) or ("" if field != "date_of_birth" else None)
            for field in PERSON_FIELDS
        },
    )
    request_obj.full_clean()
    request_obj.save()
    audit_by(AuditAction.CREATE, request_obj, actor, reason="privacy request")
    return request_obj


def _lock_open(subject_request: SubjectRequest) -> SubjectRequest:
    locked = SubjectRequest.objects.select_for_update().get(pk=subject_request.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("This request has been closed."), code="closed")
    return locked


@transaction.atomic
def subject_request_set_matches(
    *, subject_request: SubjectRequest, keys: list[str], actor: Actor
) -> SubjectRequest:
    """Record which of the records found are the person's (``provider:key`` each)."""
    locked = _lock_open(subject_request)
    if locked.erased_at is not None:
        raise ValidationError(_("The erasure has been carried out already."), code="erased")
    registered = providers()
    chosen = []
    for full_key in dict.fromkeys(keys):
        name, _sep, key = full_key.partition("|")
        provider = registered.get(name)
        match = provider.get(locked.municipality, key) if provider else None
        if match is None:
            raise ValidationError(_("A chosen record no longer exists."), code="unknown_match")
        chosen.append({"provider": name, "key": key, "kind": match.kind, "name": match.name})
    locked.matches = chosen
    locked.save(update_fields=["matches"])
    audit_by(AuditAction.UPDATE, locked, actor, reason="records of the person chosen")
    return locked


@transaction.atomic
def subject_request_erase(*, subject_request: SubjectRequest, actor: Actor) -> SubjectRequest:
    """Carry out an erasure request on every chosen record: each capability erases what it
    holds and says what the law makes the municipality keep, and why."""
    locked = _lock_open(subject_request)
    if locked.kind != RequestKind.ERASURE:
        raise ValidationError(_("Only an erasure request erases records."), code="not_erasure")
    if locked.erased_at is not None:
        raise ValidationError(_("The erasure has been carried out already."), code="erased")
    if not locked.matches:
        raise ValidationError(
            _("Choose the records of the person first (Find the person)."), code="no_matches"
        )
    registered = providers()
    erased, holds, gone = [], [], []
    for chosen in locked.matches:
        provider = registered.get(chosen["provider"])
        match = provider.get(locked.municipality, chosen["key"]) if provider else None
        if match is None:
            gone.append(f"{chosen['kind']}")
            continue
        match.municipality = locked.municipality
        result = provider.erase(match, actor)
        erased += result.erased
        holds += [{"record": hold.record, "reason": hold.reason} for hold in result.holds]
    locked.erasure = {"erased": erased, "holds": holds, "already_gone": gone}
    locked.erased_at = timezone.now()
    locked.save(update_fields=["erasure", "erased_at"])
    audit_by(
        AuditAction.DELETE,
        locked,
        actor,
        reason="erasure request carried out",
        extra={"erased": len(erased), "held": len(holds)},
    )
    return locked


@transaction.atomic
def subject_request_close(
    *, subject_request: SubjectRequest, outcome: str, correction: str = "", actor: Actor
) -> SubjectRequest:
    """Record the outcome and close the request (and, for rectification, what was corrected)."""
    locked = _lock_open(subject_request)
    outcome = (outcome or "").strip()
    correction = (correction or "").strip()
    if not outcome:
        raise ValidationError(
            {"outcome": ValidationError(_("Describe the outcome."), code="outcome_required")}
        )
    if locked.kind == RequestKind.RECTIFICATION and not correction:
        raise ValidationError(
            {
                "correction": ValidationError(
                    _("Describe what was corrected."), code="correction_required"
                )
            }
        )
    if locked.kind == RequestKind.ERASURE and locked.erased_at is None:
        raise ValidationError(
            _("Carry out the erasure before you close the request."), code="not_erased"
        )
    locked.outcome = outcome
    locked.correction = correction
    locked.closed_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["outcome", "correction", "closed_at"])
    audit_by(AuditAction.UPDATE, locked, actor, reason="privacy request closed")
    return locked


def subject_requests_apply_retention(*, now: datetime.datetime | None = None) -> int:
    """Delete requests closed more than two years ago (docs/privacy.md): the audit trail keeps
    that they were handled, by number."""
    now = now or timezone.now()
    due = SubjectRequest.objects.filter(
        closed_at__lt=now - datetime.timedelta(days=REQUEST_RETENTION_DAYS)
    )
    deleted, _rows = due.delete()
    return deleted
