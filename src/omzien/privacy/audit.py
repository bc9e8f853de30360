"""The one helper that services and selectors call to write the audit trail."""

from django.db import models

from omzien.common.clients import client_ip
from omzien.common.request_id import get_request_id
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return client_ip(request) or None


def _event(
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
    """One audit event, not yet saved (see :func:`audit_log`)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    municipality_id = getattr(municipality, "pk", municipality)
    if municipality_id is None and obj is not None:
        # The object's own (its column, or a property such as a child record's).
        municipality_id = getattr(obj, "municipality_id", None)
        if municipality_id is None:
            municipality_id = getattr(getattr(obj, "municipality", None), "pk", None)
    return AuditEvent(
        actor=actor,
        actor_label=(actor.email if actor is not None else actor_label)[:254],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        municipality_id=municipality_id,
        request_id=getattr(request, "id", "") or get_request_id(),
        ip_address=_client_ip(request),
        reason=reason[:255],
        extra=extra or {},
    )


def audit_log(**kwargs) -> AuditEvent:
    """Append one audit event (the arguments of :func:`_event`: ``action``, ``actor``, ``obj``,
    ``municipality``, ``request``, ``reason``, ``actor_label``, ``extra``).

    ``municipality`` defaults to the object's own ``municipality`` when it has one.
    ``actor_label`` keeps who it was (e.g. the e-mail tried in a failed login) when there
    is no user.
    """
    event = _event(**kwargs)
    event.save(force_insert=True)
    return event


def audit_many(
    action: str, objs, actor, *, reason: str = "", extra: dict | None = None
) -> list[AuditEvent]:
    """One event per object, as ``audit_by`` writes them, inserted together: for a service
    that changes many rows in one step (granting every application that passed its checks)."""
    events = [
        _event(
            action=action,
            actor=actor.user,
            obj=obj,
            request=actor.request,
            reason=reason,
            extra=extra,
        )
        for obj in objs
    ]
    return AuditEvent.objects.bulk_create(events, batch_size=500)


def audit_by(action: str, obj: models.Model, actor, **kwargs) -> AuditEvent:
    """``audit_log`` for a service: who and through which request come from its ``Actor``; the
    municipality is the object's own unless given."""
    return audit_log(action=action, actor=actor.user, obj=obj, request=actor.request, **kwargs)


def _with_municipalities(rows: list) -> list[tuple]:
    """Each row with the id of its municipality: the loaded ``municipality_id`` column, else
    one query per model through its ``tenant_field`` (a child row: ``caregiver__municipality``;
    a deferred column) rather than a query per row."""
    missing: dict[type, set] = {}
    for obj in rows:
        if "municipality_id" not in obj.__dict__ and getattr(obj, "tenant_field", None):
            missing.setdefault(type(obj), set()).add(obj.pk)
    looked_up = {
        (model, pk): municipality_id
        for model, pks in missing.items()
        for pk, municipality_id in model._default_manager.filter(pk__in=pks).values_list(
            "pk", model.tenant_field
        )
    }
    return [
        (obj, obj.__dict__.get("municipality_id") or looked_up.get((type(obj), obj.pk)))
        for obj in rows
    ]


def audit_read(actor, *, reason: str, shown=(), municipalities=(), extra: dict | None = None):
    """One read of a list or a work queue, written by the selector that read it: which rows
    were shown (``shown``: the rows, recorded as ``app_label.model:pk`` so an access request
    can answer who saw a person in a list) and the municipality whose privacy officer sees it.

    ``municipalities``: the reader's municipalities for this list. With one, the event names
    it. A reader of several (a consultant for two municipalities, the platform superuser)
    gets one event per municipality of the rows shown, each with that municipality's rows, so
    that each privacy officer sees who read its residents' rows and nothing of another's. A
    row's municipality is its loaded ``municipality_id``, else its model's ``tenant_field``
    (one query per such model, not per row); an empty list, and rows of a model without a
    municipality, go in one event without one (seen by superusers only)."""
    municipalities = list(municipalities)
    if len(municipalities) == 1:
        groups = {municipalities[0].pk: list(shown)}
    else:
        groups = {}
        for obj, municipality_id in _with_municipalities(list(shown)):
            groups.setdefault(municipality_id, []).append(obj)
    events = [
        _event(
            action=AuditAction.VIEW,
            actor=actor.user,
            request=actor.request,
            municipality=municipality_id,
            reason=reason,
            extra={**(extra or {}), "shown": [f"{obj._meta.label_lower}:{obj.pk}" for obj in rows]},
        )
        for municipality_id, rows in (groups or {None: []}).items()
    ]
    if len(events) == 1:
        events[0].save(force_insert=True)
        return events[0]
    return AuditEvent.objects.bulk_create(events)[0]
