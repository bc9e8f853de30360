"""Deals: recorded at the event on a phone, listed, followed up after the event."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.common.services import Actor
from omzien.marketplace.forms import DealFilterForm, DealForm, FollowUpForm
from omzien.marketplace.permissions import broker_required
from omzien.marketplace.selectors import deals as selectors
from omzien.marketplace.selectors import events as event_selectors
from omzien.marketplace.services import deals as services
from omzien.marketplace.workflows import DEAL
from omzien.ui.actions import form_page
from omzien.ui.pagination import query_without_page

PAGE_SIZE = 25


@broker_required
def deal_list(request, pk):
    event = event_selectors.event_get(user=request.user, pk=pk)
    form = DealFilterForm(request.GET or None)
    show = form.show_value()
    page = selectors.deal_page(
        user=request.user,
        event=event,
        show=show,
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "marketplace/deals.html",
        {
            "event": event,
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "today": timezone.localdate(),
        },
    )


@broker_required
def deal_new(request, pk):
    event = event_selectors.event_get(user=request.user, pk=pk)
    prematch = selectors.prematch_for_deal(
        event=event, pk=request.GET.get("prematch") or request.POST.get("prematch_id")
    )
    initial = {"due_on": None}
    if prematch is not None:
        initial = {
            "giver_id": prematch.offer.participant_id,
            "receiver_id": prematch.request.participant_id,
            "what": prematch.offer.title,
            "hours": prematch.offer.hours,
            "prematch_id": prematch.pk,
        }
    form = DealForm(
        request.POST or None, initial=initial, parties=selectors.deal_parties(event=event)
    )
    return form_page(
        request,
        form,
        lambda data: services.deal_record(event=event, actor=Actor.from_request(request), **data),
        success=_("The deal has been recorded."),
        done=reverse("marketplace:deal_new", args=[event.pk]),
        template="marketplace/deal_form.html",
        context={"event": event, "prematch": prematch},
    )


@broker_required
def deal_detail(request, pk):
    deal = selectors.deal_get(user=request.user, pk=pk)
    targets = {step.target for step in DEAL.allowed(deal, request.user)}
    form = FollowUpForm(request.POST or None, targets=targets) if targets else None
    if form is None:
        return render(
            request,
            "marketplace/deal.html",
            {"deal": deal, "history": selectors.deal_history(deal=deal), "form": None},
        )
    return form_page(
        request,
        form,
        lambda data: services.deal_follow_up(
            deal=deal,
            target=data["target"],
            note=data.get("note") or "",
            actor=Actor.from_request(request),
            seen=request.POST.get("seen", ""),
        ),
        success=_("The follow-up has been recorded."),
        done=reverse("marketplace:deal", args=[deal.pk]),
        template="marketplace/deal.html",
        context={"deal": deal, "history": selectors.deal_history(deal=deal)},
    )
