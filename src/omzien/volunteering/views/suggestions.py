"""Suggestions from the matching engine: "not for me" for volunteers, suitable volunteers for
an organisation's vacancy (with an invitation to respond)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.common.services import Actor
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.permissions import broker_required, member_required, resident_required
from omzien.volunteering.selectors.profiles import profile_get
from omzien.volunteering.selectors.vacancies import vacancy_for_member
from omzien.volunteering.services import suggestions as svc


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


def _act(request, service, success: str, **kwargs) -> None:
    """Run a service for the posted record and say how it went."""
    try:
        service(actor=Actor.from_request(request), **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@resident_required
@require_POST
def suggestion_hide(request, pk):
    _act(
        request,
        svc.hide,
        _("We will not suggest this vacancy to you again."),
        profile=_own_profile(request, pk),
        vacancy_id=_posted_id(request, "vacancy"),
    )
    return redirect("volunteering:profile_mine")


@resident_required
@require_POST
def suggestion_show_hidden(request, pk):
    profile = _own_profile(request, pk)
    svc.show_hidden_again(profile=profile, actor=Actor.from_request(request))
    messages.success(request, _("The vacancies you hid can be suggested to you again."))
    return redirect("volunteering:profile_mine")


@member_required
def vacancy_volunteers(request, pk):
    vacancy = vacancy_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        _act(
            request,
            svc.invite,
            _("The volunteer has been invited by e-mail to respond to the vacancy."),
            vacancy=vacancy,
            profile_id=_posted_id(request, "profile"),
        )
        return redirect("volunteering:vacancy_volunteers", pk=pk)
    found = svc.for_organisation(vacancy=vacancy, actor=Actor.from_request(request))
    return render(
        request,
        "volunteering/suggestions/vacancy_volunteers.html",
        {"vacancy": vacancy, "suggestions": found},
    )


@broker_required
@require_POST
def volunteer_propose(request, pk):
    """From a volunteer's page: the broker proposes one of the suitable vacancies."""
    _act(
        request,
        svc.propose,
        _("The vacancy has been proposed. The organisation sees it once the volunteer agrees."),
        profile=profile_get(user=request.user, pk=pk, request=request),
        vacancy_id=_posted_id(request, "vacancy"),
    )
    return redirect("volunteering:volunteer_detail", pk=pk)
