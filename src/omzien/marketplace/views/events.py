"""The broker's pages of an event: the list, setting one up, its page."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.marketplace.forms import EventForm
from omzien.marketplace.permissions import broker_required
from omzien.marketplace.selectors import entries as entry_selectors
from omzien.marketplace.selectors import events as selectors
from omzien.marketplace.services import events as services
from omzien.marketplace.services.entries import registration_open
from omzien.ui.actions import form_page, posted_version
from omzien.ui.municipality import working_municipality
from omzien.ui.pagination import query_without_page

PAGE_SIZE = 25


def _done(event):
    return reverse("marketplace:event", args=[event.pk])


@broker_required
def event_list(request):
    events = list(selectors.event_list(user=request.user)[:50])
    return render(request, "marketplace/events.html", {"events": events})


@broker_required
def event_new(request):
    municipalities = request.user.municipalities((Role.BROKER,))
    municipality = working_municipality(request, municipalities)
    return form_page(
        request,
        EventForm(request.POST or None),
        lambda data: services.event_create(
            municipality=municipality, data=data, actor=Actor.from_request(request)
        ),
        success=_("The beursvloer has been set up."),
        done=_done,
        template="marketplace/event_form.html",
        context={
            "heading": _("Set up a beursvloer"),
            "municipality": municipality,
            "municipality_choice": municipalities,
        },
    )


@broker_required
def event_edit(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    return form_page(
        request,
        EventForm(request.POST or None, instance=event),
        lambda data: services.event_update(
            event=event,
            data=data,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The changes have been saved."),
        done=_done,
        template="marketplace/event_form.html",
        context={"heading": _("Change the beursvloer"), "event": event},
        conflict_to=request.get_full_path(),
    )


@broker_required
def event_detail(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    return render(
        request,
        "marketplace/event.html",
        {
            "event": event,
            "open": registration_open(event),
            **selectors.event_summary(event=event),
        },
    )


@broker_required
def participants(request, pk):
    event = selectors.event_get(user=request.user, pk=pk)
    page = entry_selectors.participant_page(
        actor=Actor.from_request(request),
        event=event,
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "marketplace/participants.html",
        {"event": event, "page": page, "query": query_without_page(request)},
    )
