"""The one helper that services and selectors call to write the audit trail."""

from django.db import models

from omzien.common.request_id import get_request_id
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_log(
    *,
    action: str,
    actor=None,
    obj: models.Model | None = None,
    municipality=None,
    request=None,
    reason: str = "",
    actor_label: str = "",
    extra: dict | None = None,
) -> AuditEvent:
    """Append one audit event.

    ``municipality`` defaults to the object's own ``municipality`` when it has one.
    ``actor_label`` keeps who it was (e.g. the e-mail tried in a failed login) when there
    is no user.
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if municipality is None and obj is not None:
        municipality = getattr(obj, "municipality", None)
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=(actor.email if actor is not None else actor_label)[:254],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        municipality=municipality,
        request_id=getattr(request, "id", "") or get_request_id(),
        ip_address=_client_ip(request),
        reason=reason[:255],
        extra=extra or {},
    )


def audit_many(
    action: str, objs, actor, *, reason: str = "", extra: dict | None = None
) -> list[AuditEvent]:
    """One event per object, as ``audit_by`` writes them, inserted together: for a service
    that changes many rows in one step (granting every application that passed its checks)."""
    user = actor.user if actor.user is not None and actor.user.is_authenticated else None
    request = actor.request
    request_id = getattr(request, "id", "") or get_request_id()
    ip_address = _client_ip(request)
    events = [
        AuditEvent(
            actor=user,
            actor_label=(user.email if user is not None else "")[:254],
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            municipality_id=getattr(obj, "municipality_id", None),
            request_id=request_id,
            ip_address=ip_address,
            reason=reason[:255],
            extra=extra or {},
        )
        for obj in objs
    ]
    return AuditEvent.objects.bulk_create(events, batch_size=500)


def audit_by(action: str, obj: models.Model, actor, **kwargs) -> AuditEvent:
    """``audit_log`` for a service: who and through which request come from its ``Actor``; the
    municipality is the object's own unless given."""
    return audit_log(action=action, actor=actor.user, obj=obj, request=actor.request, **kwargs)


def audit_read(actor, *, reason: str, shown=(), municipalities=(), extra: dict | None = None):
    """One read of a list or a work queue, written by the selector that read it: which rows
    were shown (``shown``: the rows, recorded as ``app_label.model:pk`` so an access request
    can answer who saw a person in a list) and, when the reader works for one municipality,
    which one.

    ``municipalities``: the reader's municipalities for this list; the event names one only
    when there is exactly one."""
    municipalities = list(municipalities)
    return audit_log(
        action=AuditAction.VIEW,
        actor=actor.user,
        request=actor.request,
        municipality=municipalities[0] if len(municipalities) == 1 else None,
        reason=reason,
        extra={**(extra or {}), "shown": [f"{obj._meta.label_lower}:{obj.pk}" for obj in shown]},
    )
