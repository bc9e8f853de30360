"""Referrals: the client manager's form and list (status only), the broker's incoming list,
one referral with the volunteers it may be linked to, taking it on and declining it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.common.services import Actor
from omzien.trajectories import constants
from omzien.trajectories.forms import DeclineForm, ReferralForm, SearchForm, StartForm
from omzien.trajectories.permissions import broker_required, referrer_required
from omzien.trajectories.selectors import referrals as selectors
from omzien.trajectories.selectors import trajectories as trajectory_selectors
from omzien.trajectories.services import referrals as services
from omzien.ui.actions import form_page, perform
from omzien.ui.pagination import paginate, query_without_page

PAGE_SIZE = 25


# --- The client manager ------------------------------------------------------------------------


@referrer_required
def refer(request):
    municipalities = selectors.referrer_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    return form_page(
        request,
        ReferralForm(request.POST or None, municipalities=municipalities),
        lambda data: services.referral_submit(
            municipality=data["municipality"],
            data={k: v for k, v in data.items() if k != "municipality"},
            actor=Actor.from_request(request),
        ),
        success=_(
            "Thank you. A volunteer broker will contact the resident. "
            "Below you can follow the status of your referral."
        ),
        done=reverse("trajectories:my_referrals"),
        template="trajectories/refer.html",
    )


@referrer_required
def my_referrals(request):
    page, query = paginate(request, selectors.referrals_mine(user=request.user), per_page=PAGE_SIZE)
    return render(request, "trajectories/my_referrals.html", {"page": page, "query": query})


# --- The broker --------------------------------------------------------------------------------


@broker_required
def referral_list(request):
    page = selectors.referral_page(
        actor=Actor.from_request(request),
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "trajectories/referrals.html",
        {"page": page, "query": query_without_page(request)},
    )


@broker_required
def referral_detail(request, pk):
    actor = Actor.from_request(request)
    referral = selectors.referral_get(actor=actor, pk=pk)
    search = SearchForm(request.GET or None, initial={"q": referral.full_name})
    q = search.cleaned_data["q"] if search.is_bound and search.is_valid() else referral.full_name
    is_new = referral.status == constants.ReferralStatus.NEW
    profiles = (
        trajectory_selectors.profile_candidates(
            actor=actor, municipality_id=referral.municipality_id, q=q
        )
        if is_new
        else []
    )
    return render(
        request,
        "trajectories/referral.html",
        {
            "referral": referral,
            "is_new": is_new,
            "search": search,
            "accept_form": StartForm(profiles=profiles, with_kind=False) if profiles else None,
        },
    )


@broker_required
@require_POST
def referral_accept(request, pk):
    actor = Actor.from_request(request)
    referral = selectors.referral_get(actor=actor, pk=pk)
    profile = trajectory_selectors.profile_for_trajectory(
        user=request.user, pk=request.POST.get("profile")
    )
    if profile is None:
        messages.error(request, _("Choose the volunteer this referral is about."))
        return redirect("trajectories:referral", pk=pk)
    result = perform(
        request,
        lambda: services.referral_accept(
            referral=referral, profile=profile, actor=actor, seen=request.POST.get("seen", "")
        ),
        success=_("The referral has been taken on: the trajectory has started."),
    )
    if result:
        return redirect("trajectories:detail", pk=result.value.pk)
    return redirect("trajectories:referral", pk=pk)


@broker_required
def referral_decline(request, pk):
    referral = selectors.referral_get(actor=Actor.from_request(request), pk=pk)
    return form_page(
        request,
        DeclineForm(request.POST or None),
        lambda data: services.referral_decline(
            referral=referral,
            reason=data["reason"],
            seen=request.POST.get("seen", ""),
            actor=Actor.from_request(request),
        ),
        success=_("The referral has been declined."),
        done=reverse("trajectories:referrals"),
        template="trajectories/referral_decline.html",
        context={"referral": referral},
    )
