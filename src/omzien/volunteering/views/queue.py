from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.common.services import Actor
from omzien.ui.actions import perform, row_answer
from omzien.volunteering.forms.responses import CheckInForm
from omzien.volunteering.models import CheckIn
from omzien.volunteering.permissions import broker_required
from omzien.volunteering.selectors import profiles as profile_selectors
from omzien.volunteering.selectors.queue import ITEMS_PER_LIST, broker_work_queue
from omzien.volunteering.selectors.responses import placement_for_broker
from omzien.volunteering.services import profiles as profile_services
from omzien.volunteering.services import responses as response_services


@broker_required
def work_queue(request):
    queue = broker_work_queue(actor=Actor.from_request(request))
    return render(request, "volunteering/queue.html", {"queue": queue, "cap": ITEMS_PER_LIST})


def _back(section: str):
    """Back to the same section of the work queue."""
    return redirect(f"{reverse('volunteering:work_queue')}#{section}")


@broker_required
@require_POST
def queue_welcomed(request, pk):
    """The broker welcomed the new volunteer: they leave the list."""
    profile = profile_selectors.profile_get(user=request.user, pk=pk, request=request)
    result = perform(
        request,
        lambda: profile_services.profile_mark_welcomed(
            profile=profile, actor=Actor.from_request(request)
        ),
        success=_("%s has been marked as welcomed.") % profile.full_name,
    )
    return row_answer(request, _back("q-new"), done=bool(result))


@broker_required
@require_POST
def queue_check_in_done(request, pk):
    """The broker records a check-in of a placement in their municipality."""
    check_in = get_object_or_404(CheckIn.objects.only("pk", "placement_id"), pk=pk)
    placement = placement_for_broker(user=request.user, pk=check_in.placement_id)  # 404 else
    form = CheckInForm(request.POST)
    result = None
    if form.is_valid():
        result = perform(
            request,
            lambda: response_services.placement_check_in_done(
                check_in=check_in,
                notes=form.cleaned_data["notes"],
                actor=Actor.from_request(request),
            ),
            success=_("The check-in has been recorded."),
        )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    if request.POST.get("back") == "profile":  # recorded on the broker's volunteer page
        return redirect(
            f"{reverse('volunteering:volunteer_detail', args=[placement.profile_id])}"
            "#placements-heading"
        )
    return row_answer(request, _back("q-checkins"), done=bool(result))
