"""Reads of burden screenings: the early-warning work queue."""

from django.core.paginator import Page, Paginator
from django.db.models import Q

from omzien.caregivers.models import BurdenWarning
from omzien.caregivers.permissions import consultant_municipalities
from omzien.caregivers.query import age_group_q
from omzien.common.services import Actor
from omzien.common.text import fold
from omzien.privacy.audit import audit_read

# Whose warnings the queue shows, and in what order.
MINE, UNASSIGNED = "mine", "unassigned"
OPEN, RESOLVED = "open", "resolved"
NEWEST, OLDEST = "newest", "oldest"


def warning_list(
    *,
    user,
    assigned: str = "",
    status: str = OPEN,
    age_group: str = "",
    q: str = "",
    order: str = NEWEST,
):
    """The early warnings of the consultant's municipalities, filtered: open ones by default,
    the newest first (the warning just raised is on the first page)."""
    warnings = (
        BurdenWarning.objects.visible_to(user)
        .filter(caregiver__anonymised_at__isnull=True, caregiver__merged_into__isnull=True)
        .select_related(
            "caregiver__consultant",
            "caregiver__municipality",
            "screening",
            "assigned_to",
            "resolved_by",
        )
    )
    warnings = warnings.filter(resolved_at__isnull=status != RESOLVED)
    if assigned == MINE:
        warnings = warnings.filter(
            Q(assigned_to=user) | Q(assigned_to__isnull=True, caregiver__consultant=user)
        )
    elif assigned == UNASSIGNED:
        warnings = warnings.filter(assigned_to__isnull=True, caregiver__consultant__isnull=True)
    if age_group:
        warnings = warnings.filter(age_group_q(age_group, prefix="caregiver__"))
    for word in fold(q).split()[:4]:
        warnings = warnings.filter(caregiver__search_name__contains=word)
    if status == RESOLVED:
        return warnings.order_by("-resolved_at", "-pk")
    if order == OLDEST:
        return warnings.order_by("created_at", "pk")
    return warnings.order_by("-created_at", "-pk")


def warning_page(*, actor: Actor, page_number, per_page: int, **filters) -> Page:
    """One page of the early warnings of the consultant's municipality (``warning_list`` with
    ``filters``); the read is audited with the carers it shows."""
    page = Paginator(warning_list(user=actor.user, **filters), per_page).get_page(page_number)
    audit_read(
        actor,
        reason="early warning queue",
        shown=[warning.caregiver for warning in page.object_list],
        municipalities=consultant_municipalities(actor.user),
        extra={"page": page.number},
    )
    return page
