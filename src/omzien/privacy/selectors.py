from django.db.models import F, Q
from django.utils import timezone

from omzien.common.dates import on_days
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent, SubjectRequest
from omzien.privacy.rights import Match, PersonQuery, Record, providers
from omzien.tenants.query import get_visible_or_404


def audit_event_list(
    *,
    user,
    action: str = "",
    actor: str = "",
    date_from=None,
    date_to=None,
    object_type: str = "",
    object_id: str = "",
):
    """Audit events the user may browse, newest first, filtered. Bounded: one query a page."""
    qs = AuditEvent.objects.visible_to(user).select_related("municipality")
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_label__icontains=actor.strip())
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_type and object_id:
        qs = qs.filter(object_id=object_id)
    if date_from or date_to:
        qs = qs.filter(**on_days("created_at", date_from or None, date_to or None))
    return qs.order_by("-created_at", "-pk")


# --- The requests of the people in the registry (AVG art. 15, 16, 17) -------------------------


def subject_request_list(*, user):
    """The requests of the officer's municipalities: open ones first, nearest deadline first.
    Bounded: one query a page."""
    return (
        SubjectRequest.objects.visible_to(user)
        .select_related("municipality")
        .order_by(F("closed_at").desc(nulls_first=True), "deadline_on", "pk")
    )


def subject_request_get(*, user, pk: int, actor: Actor) -> SubjectRequest:
    """One request (404 for another municipality's); the read is audited."""
    found = get_visible_or_404(SubjectRequest.objects.select_related("municipality"), user, pk=pk)
    audit_by(AuditAction.VIEW, found, actor, reason="privacy request")
    return found


def _query(subject_request: SubjectRequest) -> PersonQuery:
    return PersonQuery(
        name=subject_request.name,
        date_of_birth=subject_request.date_of_birth,
        email=subject_request.email,
        phone=subject_request.phone,
        postcode=subject_request.postcode,
        house_number=subject_request.house_number,
    )


def _audit_read(match: Match, subject_request: SubjectRequest, actor: Actor, action, why: str):
    audit_by(
        action,
        match.obj,
        actor,
        municipality=subject_request.municipality,
        reason=f"privacy request #{subject_request.pk}: {why}",
    )


def person_find(*, subject_request: SubjectRequest, actor: Actor) -> list[dict]:
    """Every record of the municipality that matches the person, per capability. Every record
    found is a read of the officer: each is audited."""
    found = []
    for name, provider in providers().items():
        matches = provider.find(subject_request.municipality, _query(subject_request))
        for match in matches:
            match.municipality = subject_request.municipality
            _audit_read(match, subject_request, actor, AuditAction.VIEW, "search")
        found.append({"name": name, "label": str(provider.label), "matches": matches})
    return found


def person_matches(*, subject_request: SubjectRequest) -> list[tuple[dict, Match | None]]:
    """The records chosen as the person's, each with its match now (None: it is gone)."""
    registered = providers()
    result = []
    for chosen in subject_request.matches:
        provider = registered.get(chosen["provider"])
        match = provider.get(subject_request.municipality, chosen["key"]) if provider else None
        if match is not None:
            match.municipality = subject_request.municipality
        result.append((chosen, match))
    return result


def _reads(records: list[Record]) -> list[dict]:
    """Who read or exported these records, from the audit trail: one query."""
    by_model: dict[str, set[str]] = {}
    for record in records:
        by_model.setdefault(record.model, set()).add(str(record.pk))
    if not by_model:
        return []
    condition = Q()
    for model, ids in by_model.items():
        condition |= Q(object_type=model, object_id__in=sorted(ids))
    events = (
        AuditEvent.objects.filter(condition, action__in=[AuditAction.VIEW, AuditAction.EXPORT])
        .only("created_at", "actor_label", "action", "object_type", "object_id", "reason")
        .order_by("created_at", "pk")
    )
    return [
        {
            "time": event.created_at.isoformat(),
            "who": event.actor_label or "–",
            "action": str(event.get_action_display()),
            "record": f"{event.object_type} #{event.object_id}",
            "reason": event.reason,
        }
        for event in events
    ]


def person_export(*, subject_request: SubjectRequest, actor: Actor) -> dict:
    """Everything the municipality holds about the person in the chosen records, per
    capability, and who read it: the answer to an access request (as PDF and as JSON).
    Exporting is audited per record."""
    registered = providers()
    sections: dict[str, dict] = {}
    all_records: list[Record] = []
    for chosen, match in person_matches(subject_request=subject_request):
        if match is None:
            continue
        provider = registered[chosen["provider"]]
        records = provider.export(match)
        _audit_read(match, subject_request, actor, AuditAction.EXPORT, "answer")
        all_records += records
        section = sections.setdefault(
            chosen["provider"], {"capability": str(provider.label), "records": []}
        )
        section["records"] += [{**record.as_dict(), "found_as": match.kind} for record in records]
    return {
        "request": {
            "number": subject_request.pk,
            "kind": str(subject_request.get_kind_display()),
            "municipality": subject_request.municipality.name,
            "received_on": subject_request.received_on.isoformat(),
            "answer_before": subject_request.deadline_on.isoformat(),
            "person": _query(subject_request).as_dict(),
        },
        "produced_at": timezone.now().isoformat(),
        "capabilities": list(sections.values()),
        "reads": _reads(all_records),
    }
