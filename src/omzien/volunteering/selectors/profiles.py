"""Reads of profiles: the selectors (moved from omzien.volunteering.services.profiles)."""

from datetime import date

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Prefetch, Q, TextField
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils import timezone

# What the volunteer (or the broker on their behalf) says about the volunteer work they want.
from omzien.common.dates import age_on, years_before
from omzien.common.services import Actor, EditConflict  # noqa: F401 - re-exported
from omzien.privacy.audit import audit_log, audit_read
from omzien.privacy.constants import AuditAction
from omzien.tenants.models import Locality
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    CheckIn,
    Placement,
    SuggestionInvitation,
    VacancyResponse,
    VolunteerProfile,
)
from omzien.volunteering.permissions import BROKER_ROLES


def _with_code(qs, field: str, code: str):
    """Rows whose JSON list ``field`` holds ``code``."""
    if connection.vendor == "postgresql":
        return qs.filter(**{f"{field}__contains": [code]})
    # SQLite has no JSON containment: match the quoted code in the stored JSON text.
    alias = f"{field}_text"
    return qs.alias(**{alias: Cast(field, output_field=TextField())}).filter(
        **{f"{alias}__contains": f'"{code}"'}
    )


def age_group_q(group: str, *, today: date | None = None) -> Q:
    born_18 = years_before(today or timezone.localdate(), volunteering_constants.ADULT_AGE)
    if group == "young":
        return Q(date_of_birth__gt=born_18)
    if group == "adult":
        return Q(date_of_birth__lte=born_18)
    raise ValueError(group)


def profile_list(
    *,
    user,
    q: str = "",
    interest: str = "",
    day_part: str = "",
    wants_guidance: bool | None = None,
    paused: bool | None = None,
    assisted: bool | None = None,
    age_group: str = "",
):
    """The volunteer profiles the user may see (brokers: their municipality), filtered."""
    qs = VolunteerProfile.objects.visible_to(user).select_related("locality", "municipality")
    if q:
        qs = qs.name_search(q)
    if interest:
        qs = _with_code(qs, "interests", interest)
    if day_part:
        qs = _with_code(qs, "availability", day_part)
    if wants_guidance is not None:
        qs = qs.filter(wants_guidance=wants_guidance)
    if paused is not None:
        qs = qs.filter(paused=paused)
    if assisted is not None:
        qs = qs.filter(user__isnull=assisted)
    if age_group:
        qs = qs.filter(age_group_q(age_group))
    return qs.order_by("full_name", "pk")


def profile_page(*, actor: Actor, page_number, per_page: int, **filters) -> Page:
    """One page of the broker's volunteer list (``profile_list`` with ``filters``), ready to
    show (``for_display``); the read is audited with the profiles it shows."""
    page = Paginator(profile_list(user=actor.user, **filters), per_page).get_page(page_number)
    page.object_list = for_display(page.object_list)
    audit_read(
        actor,
        reason="volunteer list",
        shown=page.object_list,
        municipalities=actor.user.municipalities(BROKER_ROLES),
        extra={"page": page.number},
    )
    return page


def profile_list_matchable(*, user):
    """Profiles a broker may search for matches: paused profiles are left out."""
    return VolunteerProfile.objects.visible_to(user).filter(paused=False)


def profile_get(*, user, pk: int, request=None) -> VolunteerProfile:
    """One profile for a broker, if they may see it, with the read written to the audit trail."""
    profile = get_object_or_404(
        VolunteerProfile.objects.visible_to(user).select_related(
            "municipality", "locality", "user", "created_by", "vog"
        ),
        pk=pk,
    )
    audit_log(
        action=AuditAction.VIEW,
        actor=user,
        obj=profile,
        municipality=profile.municipality,
        request=request,
    )
    return profile


def profile_get_own(*, user, pk: int) -> VolunteerProfile:
    """The user's own profile ``pk`` (404 for anyone else's)."""
    return get_object_or_404(
        VolunteerProfile.objects.select_related("municipality", "locality"), pk=pk, user=user
    )


def profiles_of(*, user) -> list[VolunteerProfile]:
    return list(
        VolunteerProfile.objects.filter(user=user)
        .select_related("municipality", "locality", "vog")
        .order_by("municipality__name", "pk")
    )


def profile_locality_choices(*, municipalities):
    return Locality.objects.filter(municipality__in=municipalities).order_by("name", "pk")


def _labels(codes, choices) -> list[str]:
    names = dict(choices)
    return [str(names[code]) for code in codes or [] if code in names]


def _availability_by_day(codes) -> list[tuple[str, list[str]]]:
    chosen = set(codes or [])
    rows = []
    for day, day_label in volunteering_constants.DAYS:
        parts = [
            str(label) for part, label in volunteering_constants.PARTS if f"{day}_{part}" in chosen
        ]
        if parts:
            rows.append((str(day_label), parts))
    return rows


def for_display(profiles, *, today: date | None = None) -> list[VolunteerProfile]:
    """Add what the pages show in words: ``age``, ``interest_labels``, ``availability_rows``,
    ``commitment_labels`` and ``language_labels``. Returns the profiles as a list."""
    today = today or timezone.localdate()
    profiles = list(profiles)
    for profile in profiles:
        profile.age = age_on(profile.date_of_birth, today) if profile.date_of_birth else None
        profile.is_minor = (
            profile.age is not None and profile.age < volunteering_constants.ADULT_AGE
        )
        profile.needs_adult_consent = (
            profile.age is not None and profile.age < volunteering_constants.ADULT_CONSENT_AGE
        )
        profile.interest_labels = _labels(profile.interests, volunteering_constants.Domain.choices)
        profile.availability_rows = _availability_by_day(profile.availability)
        profile.commitment_labels = _labels(
            profile.commitments, volunteering_constants.VacancyKind.choices
        )
        profile.language_labels = _labels(profile.languages, volunteering_constants.LANGUAGES)
    return profiles


HISTORY_MAX = 100  # responses, proposals and invitations shown on the broker's volunteer page


def profile_history(*, profile: VolunteerProfile, actor: Actor) -> dict:
    """The volunteer's whole history for their broker: responses and proposals (each with its
    placement and check-ins) and the organisations' invitations to respond. Three queries
    whatever the history's length (each list capped at ``HISTORY_MAX``); the read is audited
    with the records it shows."""
    responses = list(
        VacancyResponse.objects.filter(profile=profile)
        .select_related("vacancy__organisation", "placement", "proposed_by")
        .prefetch_related(
            Prefetch(
                "placement__check_ins",
                queryset=CheckIn.objects.select_related("done_by").order_by("due_on", "pk"),
            )
        )
        .order_by("-created_at", "-pk")[:HISTORY_MAX]
    )
    invitations = list(
        SuggestionInvitation.objects.filter(profile=profile)
        .select_related("vacancy__organisation")
        .order_by("-created_at", "-pk")[:HISTORY_MAX]
    )
    placements: list[Placement] = []
    for response in responses:
        try:
            placement = response.placement
        except Placement.DoesNotExist:
            continue
        placement.vacancy = response.vacancy  # the same vacancy, already read
        placements.append(placement)
    audit_read(
        actor,
        reason="volunteer history",
        shown=[profile, *responses, *placements, *invitations],
        municipalities=[profile.municipality],
    )
    return {
        "responses": responses,
        "placements": placements,
        "invitations": invitations,
        "capped": len(responses) == HISTORY_MAX or len(invitations) == HISTORY_MAX,
    }


def home_municipality_id(*, user) -> int | None:
    """The municipality a logged-in visitor most likely looks for work in: their volunteer
    profile's, else the first municipality they hold a role in (None for anyone else)."""
    if user is None or not user.is_authenticated:
        return None
    own = (
        VolunteerProfile.objects.filter(user=user, municipality__is_active=True)
        .order_by("pk")
        .values_list("municipality_id", flat=True)
        .first()
    )
    if own is not None:
        return own
    municipalities = [m for m in user.municipalities() if m.is_active]
    return municipalities[0].pk if municipalities else None
