"""Reads of responses: the selectors (moved from omzien.volunteering.services.responses)."""

from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from omzien.accounts.constants import Role
from omzien.common.workflow import Step
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    CheckIn,
    Placement,
    Vacancy,
    VacancyResponse,
    VolunteerProfile,
)
from omzien.volunteering.workflows import MEMBER, RESPONSE, VOLUNTEER


def allowed_transitions(*, response: VacancyResponse, user, by: str) -> list[tuple[str, Step]]:
    """The steps ``user`` may take from the response's status, as ``by``."""
    return [(step.target, step) for step in RESPONSE.allowed(response, user, by=by)]


def steps_for(status: str, by: str) -> list[tuple[str, Step]]:
    """The steps of ``by`` from ``status`` (no query: for list pages)."""
    return [(step.target, step) for step in RESPONSE.steps_from(status, by=by)]


def _placement_qs():
    return Placement.objects.prefetch_related(
        Prefetch("check_ins", queryset=CheckIn.objects.order_by("due_on", "pk"))
    )


def responses_of_volunteer(*, user):
    """The user's responses with their placements, newest first (one query a page)."""
    return (
        VacancyResponse.objects.filter(profile__user=user)
        .select_related("vacancy__organisation", "profile", "placement")
        .order_by("-created_at", "-pk")
    )


def existing_response(*, user, vacancy: Vacancy) -> VacancyResponse | None:
    """The user's response (or the broker's proposal of them) to the vacancy, if any."""
    if not user.is_authenticated:
        return None
    return (
        VacancyResponse.objects.filter(vacancy=vacancy, profile__user=user)
        .order_by("created_at", "pk")
        .first()
    )


def with_volunteer_steps(responses) -> list[VacancyResponse]:
    """The responses (a page's) as a list, each with the volunteer's ``steps`` (no query)."""
    responses = list(responses)
    for response in responses:
        response.steps = steps_for(response.status, VOLUNTEER)
    return responses


def responses_for_vacancy(*, vacancy: Vacancy) -> list[VacancyResponse]:
    """What the organisation sees: only the responses the volunteer agreed to send (never a
    proposal they have not agreed to or said no to)."""
    responses = list(
        VacancyResponse.objects.sent()
        .filter(vacancy=vacancy)
        .select_related("profile")
        .order_by("-created_at", "-pk")
    )
    for response in responses:
        response.steps = steps_for(response.status, MEMBER)
    return responses


def responses_of_member(*, user):
    """Every sent response to the user's organisations' vacancies (any status), newest first:
    the API's list of an organisation's system."""
    return (
        VacancyResponse.objects.for_organisation_member(user)
        .select_related("vacancy", "profile")
        .order_by("-created_at", "-pk")
    )


def responses_waiting_for_member(*, user):
    """The open responses to all of the user's organisations' vacancies, the longest waiting
    first: the organisation's inbox (the start page's "responses waiting" leads here)."""
    return (
        VacancyResponse.objects.for_organisation_member(user)
        .filter(status=volunteering_constants.ResponseStatus.OPEN)
        .select_related("vacancy__organisation", "profile")
        .order_by("created_at", "pk")
    )


def placements_for_vacancy(*, vacancy: Vacancy) -> list[Placement]:
    placements = list(
        _placement_qs()
        .filter(vacancy=vacancy)
        .select_related("profile")
        .order_by(F("status").desc(), "created_at", "pk")
    )
    first_waiting = min(
        (p for p in placements if p.status == volunteering_constants.PlacementStatus.WAITING_LIST),
        key=lambda p: (p.created_at, p.pk),
        default=None,
    )
    for placement in placements:
        placement.is_first_waiting = placement is first_waiting
    return placements


def response_for_member(*, user, pk: int) -> VacancyResponse:
    """The response ``pk`` if it belongs to one of the user's organisations (else 404)."""
    return get_object_or_404(
        VacancyResponse.objects.for_organisation_member(user).select_related(
            "vacancy__organisation", "profile__user", "municipality"
        ),
        pk=pk,
    )


def response_for_volunteer(*, user, pk: int) -> VacancyResponse:
    return get_object_or_404(
        VacancyResponse.objects.select_related(
            "vacancy__organisation", "profile__user", "municipality"
        ),
        pk=pk,
        profile__user=user,
    )


def response_for_broker(*, user, pk: int) -> VacancyResponse:
    response = get_object_or_404(
        VacancyResponse.objects.select_related(
            "vacancy__organisation", "profile__user", "municipality"
        ),
        pk=pk,
    )
    if not user.has_role_in(response.municipality, Role.BROKER):
        raise Http404
    return response


def placement_for_member(*, user, pk: int) -> Placement:
    """The placement ``pk`` if it belongs to one of the user's organisations (else 404)."""
    return get_object_or_404(
        Placement.objects.select_related("vacancy__organisation", "profile", "municipality"),
        pk=pk,
        vacancy__organisation__members__user=user,
    )


def placement_for_volunteer(*, user, pk: int) -> Placement:
    return get_object_or_404(
        Placement.objects.select_related("vacancy", "profile", "municipality"),
        pk=pk,
        profile__user=user,
    )


def placement_for_broker(*, user, pk: int) -> Placement:
    placement = get_object_or_404(
        Placement.objects.select_related("vacancy__organisation", "profile", "municipality"),
        pk=pk,
    )
    if not user.has_role_in(placement.municipality, Role.BROKER):
        raise Http404
    return placement


def responses_for_broker(*, vacancy: Vacancy):
    """Everything on the vacancy for its broker, proposals included, newest first (the view
    pages it: one query a page)."""
    return (
        VacancyResponse.objects.filter(vacancy=vacancy)
        .select_related("profile__locality", "placement")
        .order_by("-created_at", "-pk")
    )


def proposable_profiles(*, user, vacancy: Vacancy):
    """Profiles a broker may propose: visible, not paused, in the vacancy's region."""
    return (
        VolunteerProfile.objects.visible_to(user)
        .filter(paused=False, municipality_id__in=vacancy.municipality.region_municipality_ids())
        .exclude(responses__vacancy=vacancy)
        .select_related("locality")
        .order_by("full_name", "pk")
    )
