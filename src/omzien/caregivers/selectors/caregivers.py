"""Reads of carer records. Every read of one carer's record by staff is audited here."""

from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import (
    BurdenWarning,
    Caregiver,
    CaregiverEvent,
    CaregiverSettings,
    CareRelationship,
    ContactMoment,
    Referral,
    Screening,
)
from omzien.caregivers.permissions import consultant_municipalities
from omzien.common.services import Actor
from omzien.privacy.audit import audit_log, audit_read
from omzien.privacy.constants import AuditAction
from omzien.tenants.query import get_visible_or_404


def caregiver_list(
    *,
    user,
    q: str = "",
    age_group: str = "",
    status: str = "",
    locality=None,
    intensive: bool | None = None,
    consultant=None,
    municipality=None,
):
    """The registry as the user may see it, filtered. One query for a page of rows."""
    qs = (
        Caregiver.objects.visible_to(user)
        .registered()
        .select_related("locality", "consultant", "municipality")
        .annotate(
            active_relationships=Count(
                "relationships", filter=Q(relationships__ended_on__isnull=True)
            )
        )
    )
    if q:
        qs = qs.search(q)
    if age_group:
        qs = qs.in_age_group(age_group)
    if status:
        qs = qs.filter(status=status)
    if locality is not None:
        qs = qs.filter(locality=locality)
    if intensive is not None:
        qs = qs.filter(intensive_contact=intensive)
    if consultant is not None:
        qs = qs.filter(consultant=consultant)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.order_by("last_name", "first_name", "pk")


def caregiver_get(*, user, pk: int, request=None, reason: str = "") -> Caregiver:
    """One carer, if the user may see it, with the read written to the audit trail."""
    caregiver = get_visible_or_404(
        Caregiver.objects.registered().select_related(
            "municipality", "locality", "consultant", "user"
        ),
        user,
        pk=pk,
    )
    audit_log(
        action=AuditAction.VIEW,
        actor=user,
        obj=caregiver,
        municipality=caregiver.municipality,
        request=request,
        reason=reason,
    )
    return caregiver


def caregiver_detail(*, caregiver: Caregiver) -> dict:
    """What the carer's page shows, in a fixed number of queries."""
    return {
        "relationships": list(
            CareRelationship.objects.filter(caregiver=caregiver).order_by("ended_on", "pk")
        ),
        "contacts": list(
            ContactMoment.objects.filter(caregiver=caregiver).select_related("consultant")[:10]
        ),
        "screenings": list(
            Screening.objects.filter(caregiver=caregiver)
            .select_related("recorded_by")
            .order_by("taken_on", "pk")
        ),
        "referrals": list(Referral.objects.filter(caregiver=caregiver)[:20]),
        "open_alerts": list(
            BurdenWarning.objects.filter(
                caregiver=caregiver, resolved_at__isnull=True
            ).select_related("screening")
        ),
        "accounts_waiting": accounts_waiting(caregiver=caregiver),
        "duplicates": list(
            Caregiver.objects.registered()
            .same_name(caregiver.first_name, caregiver.last_name)
            .filter(
                municipality_id=caregiver.municipality_id,
                date_of_birth=caregiver.date_of_birth,
            )
            .exclude(pk=caregiver.pk)[:5]
        )
        if caregiver.date_of_birth
        else [],
    }


def accounts_waiting(*, caregiver: Caregiver) -> list[Caregiver]:
    """Registrations merged into ``caregiver`` whose account waits for the consultant to
    confirm with the carer that this record is theirs (``services.caregiver_link_account``).
    None while the record has an account of its own."""
    if caregiver.user_id is not None:
        return []
    return list(
        Caregiver.objects.filter(merged_into=caregiver, user__isnull=False)
        .select_related("user")
        .order_by("pk")[:10]
    )


def account_waiting_get(*, caregiver: Caregiver, pk: int) -> Caregiver:
    """One registration merged into ``caregiver`` with an account waiting, else 404."""
    return get_object_or_404(
        Caregiver.objects.filter(merged_into=caregiver, user__isnull=False).select_related("user"),
        pk=pk,
    )


def caregiver_timeline(*, caregiver: Caregiver, limit: int = 200) -> list[CaregiverEvent]:
    return list(
        CaregiverEvent.objects.filter(caregiver=caregiver)
        .select_related("actor")
        .order_by("-occurred_at", "-pk")[:limit]
    )


def caregiver_page(*, actor: Actor, page_number, per_page: int, **filters) -> Page:
    """One page of the registry (``caregiver_list`` with ``filters``); the read is audited
    with the carers it shows."""
    page = Paginator(caregiver_list(user=actor.user, **filters), per_page).get_page(page_number)
    audit_read(
        actor,
        reason="carer registry list",
        shown=page.object_list,
        municipalities=consultant_municipalities(actor.user),
        extra={"page": page.number},
    )
    return page


def caseload(*, actor: Actor, municipality, today=None, age_group: str = "") -> dict:
    """The consultant's caseload: due, overdue, long without contact, after-care to contact.

    Lists the consultant's own carers and the intensive carers nobody has taken on yet; the
    read is audited with the carers it shows.
    """
    user = actor.user
    today = today or timezone.localdate()
    settings = CaregiverSettings.for_municipality(municipality)
    base = (
        Caregiver.objects.visible_to(user)
        .registered()
        .filter(municipality=municipality)
        .filter(Q(consultant=user) | Q(consultant__isnull=True, intensive_contact=True))
        .select_related("locality")
        .order_by("next_contact_on", "last_name", "pk")
    )
    if age_group:
        base = base.in_age_group(age_group, today=today)
    long_ago = today - timedelta(days=round(settings.no_contact_months * 30.44))
    active = base.filter(status=caregivers_constants.CaregiverStatus.ACTIVE)
    lists = {
        "overdue": list(active.filter(next_contact_on__lt=today)[:100]),
        "due": list(
            active.filter(
                next_contact_on__gte=today,
                next_contact_on__lte=today + timedelta(days=settings.contact_due_days),
            )[:100]
        ),
        "no_contact": list(
            active.filter(intensive_contact=True)
            .filter(Q(last_contact_on__lt=long_ago) | Q(last_contact_on__isnull=True))
            .filter(Q(next_contact_on__isnull=True))
            .order_by("last_contact_on", "last_name", "pk")[:100]
        ),
        "aftercare": list(
            base.filter(status=caregivers_constants.CaregiverStatus.AFTERCARE)
            .filter(Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=F("care_ended_on")))
            .order_by("care_ended_on", "pk")[:100]
        ),
    }
    audit_read(
        actor,
        reason="caseload",
        shown=dict.fromkeys(carer for carers in lists.values() for carer in carers),
        municipalities=[municipality],
    )
    return {**lists, "settings": settings, "today": today}


def unassigned_list(*, user, q: str = "", source: str = "", age_group: str = ""):
    """Registered carers nobody has taken on yet (self-registered, imported, referred): the
    newest registration first."""
    qs = (
        Caregiver.objects.visible_to(user)
        .registered()
        .filter(consultant__isnull=True)
        .select_related("locality", "municipality")
    )
    if q:
        qs = qs.search(q)
    if source:
        qs = qs.filter(source=source)
    if age_group:
        qs = qs.in_age_group(age_group)
    return qs.order_by("-created_at", "-pk")


def unassigned_count(*, user, municipality) -> int:
    """How many carers of ``municipality`` wait for a consultant to take them on."""
    return (
        Caregiver.objects.visible_to(user)
        .registered()
        .filter(municipality=municipality, consultant__isnull=True)
        .count()
    )


def unassigned_page(*, actor: Actor, page_number, per_page: int, **filters) -> Page:
    """One page of the carers without a consultant; the read is audited with the carers it
    shows."""
    page = Paginator(unassigned_list(user=actor.user, **filters), per_page).get_page(page_number)
    audit_read(
        actor,
        reason="carers without consultant",
        shown=page.object_list,
        municipalities=consultant_municipalities(actor.user),
        extra={"page": page.number},
    )
    return page
