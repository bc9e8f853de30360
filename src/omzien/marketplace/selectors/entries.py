"""The reads of participants and their offers and requests."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from omzien.common.services import Actor
from omzien.marketplace.models import Entry, Event, Participant
from omzien.privacy.audit import audit_read
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation


def participant_page(*, actor: Actor, event: Event, page_number, per_page: int):
    """One page of an event's participants with their entries (three queries: count, page,
    entries); the read of the contact persons is audited with the participants shown."""
    rows = (
        Participant.objects.visible_to(actor.user)
        .filter(event=event)
        .prefetch_related(Prefetch("entries", queryset=Entry.objects.order_by("direction", "pk")))
        .order_by("name", "pk")
    )
    page = Paginator(rows, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    audit_read(
        actor,
        reason="beursvloer participants",
        shown=page.object_list,
        municipalities=[event.municipality],
        extra={"page": page.number, "event": event.pk},
    )
    return page


def member_organisation(*, user, pk: int) -> Organisation:
    """An organisation the user is a member of (404 for any other, as for a missing one)."""
    return get_object_or_404(
        Organisation.objects.select_related("municipality").filter(
            pk__in=Organisation.objects.filter(members__user=user).values("pk")
        ),
        pk=pk,
    )


def member_organisations(*, user) -> list[Organisation]:
    """The approved organisations the user is a member of, by name (one query)."""
    return list(
        Organisation.objects.filter(
            pk__in=Organisation.objects.filter(members__user=user).values("pk"),
            status=OrganisationStatus.APPROVED,
        ).order_by("name", "pk")[:50]
    )


def organisation_participations(*, organisation: Organisation) -> dict:
    """The organisation's participant per event, with its entries (two queries)."""
    found = Participant.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("entries", queryset=Entry.objects.order_by("direction", "pk"))
    )
    return {participant.event_id: participant for participant in found}


def organisation_entry_get(*, organisation: Organisation, pk: int) -> Entry:
    return get_object_or_404(
        Entry.objects.select_related("participant__event"),
        pk=pk,
        participant__organisation=organisation,
    )


def business_entries(*, participant: Participant) -> list[Entry]:
    return list(participant.entries.order_by("direction", "pk"))


def business_entry_get(*, participant: Participant, pk: int) -> Entry:
    return get_object_or_404(
        Entry.objects.select_related("participant__event"), pk=pk, participant=participant
    )
