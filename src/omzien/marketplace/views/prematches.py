"""Pre-matching: the suggestions per request and confirming one onto the event's list."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omzien.common.services import Actor
from omzien.marketplace.permissions import broker_required
from omzien.marketplace.selectors import events as event_selectors
from omzien.marketplace.selectors import prematches as selectors
from omzien.marketplace.services import prematches as services
from omzien.ui.actions import perform
from omzien.ui.pagination import query_without_page

PAGE_SIZE = 10


@broker_required
def suggestions(request, pk):
    event = event_selectors.event_get(user=request.user, pk=pk)
    page = selectors.suggestions_page(
        event=event, page_number=request.GET.get("page"), per_page=PAGE_SIZE
    )
    return render(
        request,
        "marketplace/prematches.html",
        {"event": event, "page": page, "query": query_without_page(request)},
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@broker_required
def confirm(request, pk):
    event = event_selectors.event_get(user=request.user, pk=pk)
    if request.method == "POST":
        perform(
            request,
            lambda: services.prematch_confirm(
                event=event,
                offer_id=_int(request.POST.get("offer")),
                request_id=_int(request.POST.get("request")),
                actor=Actor.from_request(request),
            ),
            success=_("The pre-match is on the list of the beursvloer."),
        )
    target = request.POST.get("page")
    url = redirect("marketplace:prematches", pk=event.pk)
    if target and str(target).isdigit():
        url["Location"] += f"?page={target}"
    return url
