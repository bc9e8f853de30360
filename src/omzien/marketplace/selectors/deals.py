"""The reads of deals: an event's deals (a page, filtered), one deal, and the broker's
start-page to-dos."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.marketplace import constants
from omzien.marketplace.models import Deal, DealTransition, Event, Participant, PreMatch

FILTERS = ("all", "follow_up", "agreed", "completed", "not_done")


def _filtered(rows, show: str, today):
    if show == "follow_up":
        return rows.filter(status=constants.DealStatus.AGREED, due_on__lt=today)
    if show == "agreed":
        return rows.filter(status=constants.DealStatus.AGREED)
    if show == "completed":
        return rows.filter(status__in=constants.COMPLETED)
    if show == "not_done":
        return rows.filter(status=constants.DealStatus.NOT_DONE)
    return rows


def deal_page(*, user, event: Event, show: str, page_number, per_page: int):
    """One page of the event's deals (two queries: count and page)."""
    today = timezone.localdate()
    rows = _filtered(Deal.objects.visible_to(user).filter(event=event), show, today).select_related(
        "giver", "receiver"
    )
    return Paginator(rows.order_by("due_on", "pk"), per_page).get_page(page_number)


def deal_get(*, user, pk: int) -> Deal:
    return get_object_or_404(
        Deal.objects.visible_to(user).select_related(
            "event__municipality", "giver", "receiver", "prematch", "recorded_by"
        ),
        pk=pk,
    )


def deal_history(*, deal: Deal) -> list:
    return list(DealTransition.objects.filter(deal=deal).select_related("actor"))


def deal_parties(*, event: Event) -> list[Participant]:
    """Who may give or receive in a deal of the event (one query)."""
    return list(Participant.objects.filter(event=event).only("pk", "name").order_by("name", "pk"))


def prematch_for_deal(*, event: Event, pk) -> PreMatch | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        PreMatch.objects.filter(event=event, pk=pk)
        .select_related("offer__participant", "request__participant")
        .first()
    )


def follow_up_count(*, user) -> int:
    """The agreed deals whose date has passed: the broker asks both parties how it went."""
    return (
        Deal.objects.visible_to(user)
        .filter(status=constants.DealStatus.AGREED, due_on__lt=timezone.localdate())
        .count()
    )


def todos(user) -> list:
    """The broker's start-page section (ui.startpage): deals to follow up."""
    from omzien.ui.startpage import Section, Todo

    if not user.is_authenticated or not user.municipality_ids_for((Role.BROKER,)):
        return []
    count = follow_up_count(user=user)
    event = (
        Event.objects.visible_to(user)
        .filter(
            Q(deals__status=constants.DealStatus.AGREED, deals__due_on__lt=timezone.localdate())
        )
        .order_by("-held_on")
        .values_list("pk", flat=True)
        .first()
    )
    url = (
        f"{reverse('marketplace:deals', args=[event])}?show=follow_up"
        if event
        else reverse("marketplace:events")
    )
    return [
        Section(
            title=gettext_lazy("Beursvloer"),
            order=45,
            todos=[
                Todo(
                    gettext_lazy("Beursvloer deals to follow up"),
                    url,
                    count,
                    gettext_lazy("Their date has passed: ask both parties how it went."),
                )
            ],
        )
    ]
