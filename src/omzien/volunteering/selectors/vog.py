"""Reads of VOGs, VOG requests and qualifications.

Whether a VOG fits a vacancy has one definition, the matching engine's
(``matching.scoring.vog_fits``): the placement's start, the suggestions and the lists all ask
it through :func:`vog_fits`.
"""

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.matching import scoring
from omzien.privacy.audit import audit_read
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    Organisation,
    Placement,
    Qualification,
    Vacancy,
    VacancyResponse,
    Vog,
    VogRequest,
    VolunteeringSettings,
    VolunteerProfile,
)

# A volunteer is selected once the organisation invited them for an introduction or accepted
# them: then it may ask for a VOG.
SELECTED = (
    volunteering_constants.ResponseStatus.INTRODUCTION,
    volunteering_constants.ResponseStatus.ACCEPTED,
)
# Who reads the municipality's lists (volunteering.permissions.BROKER_ROLES; not imported, so
# that capabilities that use this selector do not depend on the permissions module).
BROKERS = (Role.BROKER,)
# Lists of qualifications are paged.
QUALIFICATIONS_PER_PAGE = 50
# The broker's list of open VOG requests shows at most this many.
OPEN_REQUESTS_MAX = 100


def vog_max_age_years(own: int | None, municipality_setting: int | None) -> int:
    """How old a VOG may be for a vacancy: its own choice, else its municipality's setting,
    else the default (3 years)."""
    return own or municipality_setting or volunteering_constants.VOG_MAX_AGE_YEARS


def vacancy_vog_max_age(vacancy: Vacancy) -> int:
    """How old a VOG may be for this vacancy: its own choice, else its municipality's."""
    if vacancy.vog_max_age_years:
        return vacancy.vog_max_age_years
    setting = (
        VolunteeringSettings.objects.filter(municipality_id=vacancy.municipality_id)
        .values_list("vog_max_age_years", flat=True)
        .first()
    )
    return vog_max_age_years(None, setting)


def vog_fits(
    *, vog: Vog | None, vacancy: Vacancy, day: datetime.date, max_age: int | None = None
) -> bool:
    """The VOG is young enough on ``day`` for the vacancy and covers the aspects it asks
    (``max_age``: the vacancy's, when the caller has it already)."""
    if vog is None:
        return False
    return scoring.vog_fits(
        scoring.Volunteer(
            id=0, region=0, vog_issued_on=vog.issued_on, vog_aspects=frozenset(vog.aspects)
        ),
        scoring.Vacancy(
            id=0,
            region=0,
            organisation=0,
            start_date=day,
            vog_required=True,
            vog_aspects=frozenset(vacancy.vog_aspects or ()),
            vog_max_age_years=max_age or vacancy_vog_max_age(vacancy),
        ),
    )


def vog_of(profile: VolunteerProfile) -> Vog | None:
    return Vog.objects.filter(profile_id=profile.pk).first()


def open_vog_request(response: VacancyResponse) -> VogRequest | None:
    return (
        VogRequest.objects.filter(
            response_id=response.pk, status=volunteering_constants.VogRequestStatus.REQUESTED
        )
        .order_by("-pk")
        .first()
    )


def vog_requests_for_responses(response_ids) -> dict[int, VogRequest]:
    """The latest VOG request of each response (one query), for the organisation's page."""
    latest: dict[int, VogRequest] = {}
    for request in VogRequest.objects.filter(response_id__in=list(response_ids)).order_by("pk"):
        latest[request.response_id] = request
    return latest


def with_vog_status(*, vacancy: Vacancy, responses, today=None) -> None:
    """Add to each response of the organisation's page its latest VOG request
    (``vog_request``) and whether the volunteer's VOG fits the vacancy today (``vog_ok``):
    two queries whatever the number of responses."""
    responses = list(responses)
    if not vacancy.vog_required or not responses:
        return
    today = today or timezone.localdate()
    latest = vog_requests_for_responses(r.pk for r in responses)
    vogs = {
        v.profile_id: v
        for v in Vog.objects.filter(profile_id__in=[r.profile_id for r in responses])
    }
    max_age = vacancy_vog_max_age(vacancy)
    for response in responses:
        response.vog_request = latest.get(response.pk)
        response.vog_ok = vog_fits(
            vog=vogs.get(response.profile_id), vacancy=vacancy, day=today, max_age=max_age
        )
        response.may_request_vog = (
            not response.vog_ok
            and response.status in SELECTED
            and not (
                response.vog_request
                and response.vog_request.status == volunteering_constants.VogRequestStatus.REQUESTED
            )
        )


def vog_page(*, profile: VolunteerProfile) -> dict:
    """What the volunteer's VOG page shows: the VOG, the open requests and the
    qualifications (three queries)."""
    requests = list(
        VogRequest.objects.filter(
            profile=profile, status=volunteering_constants.VogRequestStatus.REQUESTED
        )
        .select_related("response__vacancy__organisation")
        .order_by("created_at", "pk")
    )
    return {
        "vog": vog_of(profile),
        "requests": requests,
        "qualifications": list(
            Qualification.objects.filter(profile=profile).select_related("organisation")
        ),
    }


def vog_request_for_member(*, user, pk: int) -> VogRequest:
    return get_object_or_404(
        VogRequest.objects.filter(
            response__in=VacancyResponse.objects.for_organisation_member(user)
        ).select_related("response__vacancy__organisation", "profile__user", "municipality"),
        pk=pk,
    )


def vog_request_for_broker(*, user, pk: int) -> VogRequest:
    """An open VOG request of an assisted volunteer (no account) of the broker's municipality:
    the broker records its issue date for them."""
    return get_object_or_404(
        VogRequest.objects.visible_to(user)
        .filter(profile__user__isnull=True)
        .select_related("response__vacancy__organisation", "profile", "municipality"),
        pk=pk,
    )


def open_vog_requests_for_broker(*, actor, limit: int = OPEN_REQUESTS_MAX) -> list[VogRequest]:
    """The open VOG requests of the broker's municipalities, the oldest first (capped; one
    query), audited with the volunteers they show."""
    rows = list(
        VogRequest.objects.visible_to(actor.user)
        .filter(status=volunteering_constants.VogRequestStatus.REQUESTED)
        .select_related("response__vacancy__organisation", "profile")
        .order_by("created_at", "pk")[:limit]
    )
    if rows:
        audit_read(
            actor,
            reason="open VOG requests",
            shown=rows,
            municipalities=actor.user.municipalities(BROKERS),
        )
    return rows


def qualification_for_volunteer(*, user, pk: int) -> Qualification:
    return get_object_or_404(Qualification.objects.owned_by(user), pk=pk)


def _with_expiry(qs, *, expired: bool, today: datetime.date):
    if expired:
        qs = qs.filter(expires_on__lt=today)
    return qs.select_related("profile", "organisation").order_by(
        F("expires_on").asc(nulls_last=True), "pk"
    )


def _page(actor, qs, *, page_number, reason: str, municipalities, today) -> Page:
    page = Paginator(qs, QUALIFICATIONS_PER_PAGE).get_page(page_number)
    for qualification in page.object_list:
        qualification.expired = bool(qualification.expires_on and qualification.expires_on < today)
    audit_read(
        actor,
        reason=reason,
        shown=page.object_list,
        municipalities=municipalities,
        extra={"page": page.number},
    )
    return page


def qualification_page_for_broker(
    *, actor, page_number=None, expired: bool = False, today=None
) -> Page:
    """One page of the qualifications of the municipality's volunteers (the broker's list),
    the first to expire first; ``expired`` keeps only those past their date. Audited."""
    today = today or timezone.localdate()
    qs = _with_expiry(Qualification.objects.visible_to(actor.user), expired=expired, today=today)
    return _page(
        actor,
        qs,
        page_number=page_number,
        reason="qualification list",
        municipalities=actor.user.municipalities(BROKERS),
        today=today,
    )


def qualification_page_for_organisation(
    *, actor, organisation: Organisation, page_number=None, expired: bool = False, today=None
) -> Page:
    """One page of the qualifications of the volunteers placed at the organisation (planned or
    running): what it needs to know about the people at work with it. Audited."""
    today = today or timezone.localdate()
    qs = Qualification.objects.filter(
        profile_id__in=placed_profiles(organisation=organisation).values("pk")
    )
    return _page(
        actor,
        _with_expiry(qs, expired=expired, today=today),
        page_number=page_number,
        reason="organisation qualification list",
        municipalities=[organisation.municipality],
        today=today,
    )


def placed_profiles(*, organisation: Organisation):
    """The volunteers placed at the organisation (planned or running): whom it may enter a
    qualification for."""
    return (
        VolunteerProfile.objects.filter(
            pk__in=Placement.objects.filter(
                vacancy__organisation=organisation,
                status__in=(
                    volunteering_constants.PlacementStatus.PLANNED,
                    volunteering_constants.PlacementStatus.RUNNING,
                ),
            ).values("profile_id")
        )
        .select_related("locality")
        .order_by("full_name", "pk")
    )


def vog_ready_profile_ids(*, profile_ids, municipality_id: int, day: datetime.date) -> set[int]:
    """Of these profiles, those with a VOG young enough on ``day`` for the municipality's
    setting (any screening profile) or willing to request one: whom a buddy programme that
    needs a VOG may pair (one query each for the setting and the profiles)."""
    setting = (
        VolunteeringSettings.objects.filter(municipality_id=municipality_id)
        .values_list("vog_max_age_years", flat=True)
        .first()
    )
    earliest = datetime.date.fromordinal(
        scoring.earliest_issue_ordinal(day, vog_max_age_years(None, setting))
    )
    return set(
        VolunteerProfile.objects.filter(pk__in=list(profile_ids))
        .filter(Q(vog_willing=True) | Q(vog__issued_on__gte=earliest))
        .values_list("pk", flat=True)
    )
