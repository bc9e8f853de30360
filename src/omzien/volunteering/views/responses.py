from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, role_required
from omzien.ui.actions import perform
from omzien.ui.pagination import paginate
from omzien.ui.picker import render_matches
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.forms.responses import (
    CheckInForm,
    EndForm,
    OverrideForm,
    ProposeForm,
    ResponseForm,
    ResponseTransitionForm,
    StartDateForm,
)
from omzien.volunteering.models import CheckIn
from omzien.volunteering.permissions import broker_required, member_required, resident_required
from omzien.volunteering.selectors import responses as selectors
from omzien.volunteering.selectors.campaigns import signups_for_task
from omzien.volunteering.selectors.vacancies import (
    vacancy_for_broker,
    vacancy_for_member,
    vacancy_public_get,
)
from omzien.volunteering.selectors.vog import with_vog_status
from omzien.volunteering.services import responses as services
from omzien.volunteering.services import suggestions
from omzien.volunteering.services.responses import Actor
from omzien.volunteering.workflows import MEMBER, RESPONSE, VOLUNTEER

# --- Volunteers ------------------------------------------------------------------------------


@role_required(Role.RESIDENT, rule=ObjectRule.PUBLISHED)
def response_create(request, pk):
    vacancy = vacancy_public_get(pk=pk, user=request.user)
    existing = selectors.existing_response(user=request.user, vacancy=vacancy)
    if existing is not None:
        # Responded before (or proposed by the broker): the existing response, never a second.
        if request.method == "POST":
            messages.info(request, _("You have already responded to this vacancy."))
            return redirect("volunteering:response_create", pk=pk)
        return render(
            request,
            "volunteering/responses/already.html",
            {"vacancy": vacancy, "response": existing},
        )
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.response_create(
                vacancy=vacancy,
                user=request.user,
                message=form.cleaned_data["message"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("Your response has been sent. The organisation will contact you."),
        )
        if result:
            return redirect("volunteering:response_mine")
    return render(request, "volunteering/responses/form.html", {"form": form, "vacancy": vacancy})


@resident_required
def response_mine(request):
    page, query = paginate(request, selectors.responses_of_volunteer(user=request.user))
    page.object_list = selectors.with_volunteer_steps(page.object_list)
    return render(
        request,
        "volunteering/responses/mine.html",
        {"responses": page.object_list, "page": page, "query": query},
    )


@resident_required
@require_POST
def response_volunteer_status(request, pk):
    response = selectors.response_for_volunteer(user=request.user, pk=pk)
    form = ResponseTransitionForm(request.POST)
    if form.is_valid():
        step = RESPONSE.step(response.status, form.cleaned_data["to_status"])
        if step is None or step.by != VOLUNTEER:
            messages.error(request, _("This change is not possible."))
            return redirect("volunteering:response_mine")
        result = perform(
            request,
            lambda: services.response_transition(
                response=response,
                to_status=form.cleaned_data["to_status"],
                expected=form.cleaned_data["expected"],
                note=form.cleaned_data["note"],
                actor=Actor.from_request(request),
            ),
        )
        if result:
            status = result.value.get_status_display().lower()
            messages.success(request, _("Your response is now: %s.") % status)
    else:
        messages.error(request, _("This change is not possible."))
    return redirect("volunteering:response_mine")


@resident_required
@require_POST
def placement_volunteer_answer(request, pk):
    placement = selectors.placement_for_volunteer(user=request.user, pk=pk)
    confirm = request.POST.get("answer") == "confirm"
    perform(
        request,
        lambda: services.placement_volunteer_answer(
            placement=placement, confirm=confirm, actor=Actor.from_request(request)
        ),
        success=_("Thank you for confirming the start.")
        if confirm
        else _("We have noted that the start did not happen. The volunteer broker can help."),
    )
    return redirect("volunteering:response_mine")


# --- Organisation members --------------------------------------------------------------------


@member_required
def response_waiting(request):
    """Every response waiting for an answer, across the organisation's vacancies."""
    page, query = paginate(request, selectors.responses_waiting_for_member(user=request.user))
    return render(
        request,
        "volunteering/responses/waiting.html",
        {"responses": page.object_list, "page": page, "query": query},
    )


@member_required
def vacancy_responses(request, pk):
    vacancy = vacancy_for_member(user=request.user, pk=pk)
    responses = selectors.responses_for_vacancy(vacancy=vacancy)
    with_vog_status(vacancy=vacancy, responses=responses)
    context = {
        "vacancy": vacancy,
        "responses": responses,
        "placements": selectors.placements_for_vacancy(vacancy=vacancy),
        "end_reasons": volunteering_constants.PlacementEndReason.choices,
        "categories": volunteering_constants.VolunteerCategory.choices,
        "signups": signups_for_task(vacancy=vacancy, actor=Actor.from_request(request)),
    }
    return render(request, "volunteering/responses/vacancy.html", context)


@member_required
@require_POST
def response_status(request, pk):
    response = selectors.response_for_member(user=request.user, pk=pk)
    form = ResponseTransitionForm(request.POST)
    back = redirect("volunteering:vacancy_responses", pk=response.vacancy_id)
    if not form.is_valid():
        messages.error(request, _("This change is not possible."))
        return back
    step = RESPONSE.step(form.cleaned_data["expected"], form.cleaned_data["to_status"])
    if step is None or step.by != MEMBER:
        messages.error(request, _("This change is not possible."))
        return back
    result = perform(
        request,
        lambda: services.response_transition(
            response=response,
            to_status=form.cleaned_data["to_status"],
            expected=form.cleaned_data["expected"],
            note=form.cleaned_data["note"],
            actor=Actor.from_request(request),
        ),
    )
    if not result:
        return back
    response = result.value
    messages.success(request, _("The response is now: %s.") % response.get_status_display().lower())
    # Accepting created the placement (loaded with the response).
    placement = (
        response.placement
        if response.status == volunteering_constants.ResponseStatus.ACCEPTED
        else None
    )
    if (
        placement is not None
        and placement.status == volunteering_constants.PlacementStatus.WAITING_LIST
    ):
        messages.info(request, _("All places are taken: the volunteer is on the waiting list."))
    elif (
        placement is not None
        and response.vacancy.kind == volunteering_constants.VacancyKind.ONE_OFF
    ):
        if placement.status == volunteering_constants.PlacementStatus.RUNNING:
            messages.info(request, _("The participation on the task's date has been recorded."))
        else:
            messages.warning(
                request,
                _(
                    "The volunteer does not meet a requirement of the task (minimum age or "
                    "VOG). Only the volunteer broker can allow an exception."
                ),
            )
    return back


def _placement_post(request, pk, action, form=None):
    """Run ``action`` on the member's placement; a bound ``form`` must be valid first."""
    placement = selectors.placement_for_member(user=request.user, pk=pk)
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("volunteering:vacancy_responses", pk=placement.vacancy_id)
    perform(
        request,
        partial(action, placement, Actor.from_request(request)),
        success=_("The placement has been updated."),
    )
    return redirect("volunteering:vacancy_responses", pk=placement.vacancy_id)


@member_required
@require_POST
def placement_start_date(request, pk):
    form = StartDateForm(request.POST)
    return _placement_post(
        request,
        pk,
        lambda placement, actor: services.placement_set_start(
            placement=placement,
            start_date=form.cleaned_data["start_date"],
            category=form.cleaned_data["category"],
            version=form.cleaned_data["version"],
            actor=actor,
        ),
        form=form,
    )


@member_required
@require_POST
def placement_start(request, pk):
    return _placement_post(
        request,
        pk,
        lambda placement, actor: services.placement_confirm_start(placement=placement, actor=actor),
    )


@member_required
@require_POST
def placement_end(request, pk):
    form = EndForm(request.POST)
    return _placement_post(
        request,
        pk,
        lambda placement, actor: services.placement_end(
            placement=placement,
            end_reason=form.cleaned_data["end_reason"],
            evaluation=form.cleaned_data["evaluation"],
            ended_on=form.cleaned_data["ended_on"],
            actor=actor,
        ),
        form=form,
    )


@member_required
@require_POST
def placement_move_up(request, pk):
    return _placement_post(
        request,
        pk,
        lambda placement, actor: services.placement_move_up(placement=placement, actor=actor),
    )


@member_required
@require_POST
def check_in_done(request, pk):
    check_in = get_object_or_404(CheckIn.objects.select_related("placement__vacancy"), pk=pk)
    placement = selectors.placement_for_member(user=request.user, pk=check_in.placement_id)
    form = CheckInForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.placement_check_in_done(
                check_in=check_in,
                notes=form.cleaned_data["notes"],
                actor=Actor.from_request(request),
            ),
            success=_("The check-in has been recorded."),
        )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("volunteering:vacancy_responses", pk=placement.vacancy_id)


# --- Brokers ---------------------------------------------------------------------------------


@broker_required
def broker_vacancy_responses(request, pk):
    vacancy = vacancy_for_broker(user=request.user, pk=pk)
    profiles = selectors.proposable_profiles(user=request.user, vacancy=vacancy)
    form = ProposeForm(
        request.POST or None,
        profiles=profiles,
        search_url=reverse("volunteering:broker_propose_picker", args=[vacancy.pk]),
    )
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.response_propose(
                vacancy=vacancy,
                profile=form.cleaned_data["profile"],
                message=form.cleaned_data["message"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The volunteer has been proposed. The organisation sees it once they agree."),
        )
        if result:
            return redirect("volunteering:broker_vacancy_responses", pk=pk)
    page, query = paginate(request, selectors.responses_for_broker(vacancy=vacancy))
    context = {
        "vacancy": vacancy,
        "form": form,
        "responses": page.object_list,
        "page": page,
        "query": query,
        "suggestions": suggestions.for_broker(vacancy=vacancy, actor=Actor.from_request(request)),
    }
    return render(request, "volunteering/responses/broker.html", context)


@broker_required
def broker_propose_picker(request, pk):
    """The volunteers the propose form's search finds, as it is typed (htmx)."""
    vacancy = vacancy_for_broker(user=request.user, pk=pk)
    profiles = selectors.proposable_profiles(user=request.user, vacancy=vacancy)
    return render_matches(request, ProposeForm(profiles=profiles)["profile"])


@broker_required
@require_POST
def broker_record_agreement(request, pk):
    response = selectors.response_for_broker(user=request.user, pk=pk)
    answer = request.POST.get("answer")
    to_status = (
        volunteering_constants.ResponseStatus.OPEN
        if answer == "agree"
        else volunteering_constants.ResponseStatus.WITHDRAWN
    )
    try:
        perform(
            request,
            lambda: services.response_transition(
                response=response,
                to_status=to_status,
                expected=volunteering_constants.ResponseStatus.PROPOSED,
                actor=Actor.from_request(request),
            ),
            success=_("The volunteer's answer has been recorded."),
        )
    except PermissionDenied:
        messages.error(
            request, _("The volunteer has an account: they answer the proposal themselves.")
        )
    return redirect("volunteering:broker_vacancy_responses", pk=response.vacancy_id)


@broker_required
@require_POST
def placement_override(request, pk):
    placement = selectors.placement_for_broker(user=request.user, pk=pk)
    form = OverrideForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.placement_override(
                placement=placement,
                reason=form.cleaned_data["reason"],
                actor=Actor.from_request(request),
            ),
            success=_("The exception has been recorded."),
        )
    else:
        messages.error(request, _("Give the reason for the exception."))
    return redirect("volunteering:broker_vacancy_responses", pk=placement.vacancy_id)
