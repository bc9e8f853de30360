"""Suggestions from the matching engine: "not for me" for volunteers, suitable volunteers for
an organisation's vacancy (with an invitation to respond)."""

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.common.services import Actor
from omzien.ui.actions import perform
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.permissions import broker_required, member_required, resident_required
from omzien.volunteering.selectors.profiles import profile_get
from omzien.volunteering.selectors.vacancies import vacancy_for_member
from omzien.volunteering.services import suggestions


def _own_profile(request, pk) -> VolunteerProfile:
    profile = VolunteerProfile.objects.filter(pk=pk, user=request.user).first()
    if profile is None:
        raise Http404
    return profile


def _posted_id(request, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise Http404 from None


@resident_required
@require_POST
def suggestion_hide(request, pk):
    perform(
        request,
        partial(
            suggestions.hide,
            profile=_own_profile(request, pk),
            vacancy_id=_posted_id(request, "vacancy"),
            actor=Actor.from_request(request),
        ),
        success=_("We will not suggest this vacancy to you again."),
    )
    return redirect("volunteering:profile_mine")


@resident_required
@require_POST
def suggestion_show_hidden(request, pk):
    profile = _own_profile(request, pk)
    suggestions.show_hidden_again(profile=profile, actor=Actor.from_request(request))
    messages.success(request, _("The vacancies you hid can be suggested to you again."))
    return redirect("volunteering:profile_mine")


@member_required
def vacancy_volunteers(request, pk):
    vacancy = vacancy_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        perform(
            request,
            partial(
                suggestions.invite,
                vacancy=vacancy,
                profile_id=_posted_id(request, "profile"),
                actor=Actor.from_request(request),
            ),
            success=_("The volunteer has been invited by e-mail to respond to the vacancy."),
        )
        return redirect("volunteering:vacancy_volunteers", pk=pk)
    found = suggestions.for_organisation(vacancy=vacancy, actor=Actor.from_request(request))
    return render(
        request,
        "volunteering/suggestions/vacancy_volunteers.html",
        {
            "vacancy": vacancy,
            "suggestions": found,
            "may_find": suggestions.organisation_may_find(vacancy),
        },
    )


@broker_required
@require_POST
def volunteer_propose(request, pk):
    """From a volunteer's page: the broker proposes one of the suitable vacancies."""
    perform(
        request,
        partial(
            suggestions.propose,
            profile=profile_get(user=request.user, pk=pk, request=request),
            vacancy_id=_posted_id(request, "vacancy"),
            actor=Actor.from_request(request),
        ),
        success=_(
            "The vacancy has been proposed. The organisation sees it once the volunteer agrees."
        ),
    )
    return redirect("volunteering:volunteer_detail", pk=pk)
