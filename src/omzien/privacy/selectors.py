from omzien.privacy.models import AuditEvent


def audit_event_list(
    *, user, action: str = "", actor: str = "", date_from=None, date_to=None, object_type: str = ""
):
    """Audit events the user may browse, newest first, filtered. Bounded: one query a page."""
    qs = AuditEvent.objects.visible_to(user).select_related("municipality")
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_label__icontains=actor.strip())
    if object_type:
        qs = qs.filter(object_type=object_type)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("-created_at", "-pk")
