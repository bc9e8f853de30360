"""Reads of burden screenings: the early-warning work queue."""

from django.core.paginator import Page, Paginator

from omzien.caregivers.models import BurdenWarning
from omzien.caregivers.permissions import consultant_municipalities
from omzien.common.services import Actor
from omzien.privacy.audit import audit_read


def warning_page(*, actor: Actor, page_number, per_page: int) -> Page:
    """One page of the open early warnings of the consultant's municipality, oldest first;
    the read is audited with the carers it shows."""
    warnings = (
        BurdenWarning.objects.visible_to(actor.user)
        .filter(resolved_at__isnull=True, caregiver__anonymised_at__isnull=True)
        .select_related("caregiver", "screening", "assigned_to")
        .order_by("created_at", "pk")
    )
    page = Paginator(warnings, per_page).get_page(page_number)
    audit_read(
        actor,
        reason="early warning queue",
        shown=[warning.caregiver for warning in page.object_list],
        municipalities=consultant_municipalities(actor.user),
        extra={"page": page.number},
    )
    return page
