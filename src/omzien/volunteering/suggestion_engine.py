"""The one place where the matching engine meets the database.

It turns volunteer profiles and vacancies into the engine's records, keeps one engine per process
current (on each call it re-reads only what changed since the last call, by ``updated_at``;
it rebuilds once a day, when "today" moves the start dates and waiting days), and turns the
engine's score parts into reasons a person can read.
"""

import datetime
import threading
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from omzien.matching import geo, scoring, text
from omzien.matching.engine import Engine
from omzien.matching.engine import build as build_engine
from omzien.matching.vocabulary import schedule_day_parts
from omzien.tenants.models import Locality, Municipality
from omzien.volunteering import constants
from omzien.volunteering.models import (
    CampaignSignup,
    HiddenSuggestion,
    Organisation,
    Placement,
    Vacancy,
    VacancyResponse,
    VolunteerProfile,
)
from omzien.volunteering.selectors.vacancies import public_vacancies
from omzien.volunteering.selectors.vog import vog_max_age_years
from omzien.volunteering.services.responses import ACTIVE_PLACEMENT

SYNC_MARGIN = datetime.timedelta(seconds=2)  # re-read a little more than needed, never less
SHOWN_REASONS = 6
BOOSTS = ("waiting", "small_organisation")  # shown after what the person asked for


@dataclass
class _State:
    engine: Engine
    today: datetime.date
    synced_at: datetime.datetime
    locality_index: dict[int, int]
    region_of: dict[int, int]


_state: _State | None = None
_lock = threading.RLock()


def reset() -> None:
    """Forget the engine: the next call builds it anew (tests, after a database restore)."""
    global _state
    with _lock:
        _state = None


def metrics():
    """For ``/metrics`` (common.metrics.register): how long ago this process's engine last
    read the changes from the database; nothing when it has not been built here yet."""
    state = _state
    if state is not None:
        yield (
            "omzien_matching_engine_sync_age_seconds",
            "Seconds since this process's matching engine last read changes",
            (timezone.now() - state.synced_at).total_seconds(),
        )


# --- From rows to engine records -----------------------------------------------------------


def _region_of() -> dict[int, int]:
    """Municipality → the key volunteers and vacancies must share: its region, or itself."""
    return {
        pk: region_id if region_id is not None else -pk
        for pk, region_id in Municipality.objects.values_list("pk", "region_id")
    }


def _localities() -> tuple[scoring.Tables, dict[int, int]]:
    rows = list(Locality.objects.order_by("pk").values_list("pk", "latitude", "longitude"))
    points = [(lat, lon) if lat is not None and lon is not None else None for _, lat, lon in rows]
    index = {pk: i for i, (pk, _lat, _lon) in enumerate(rows)}
    return scoring.Tables(geo.distance_table(points)), index


PROFILE_FIELDS = (
    "pk",
    "municipality_id",
    "interests",
    "tasks_liked",
    "motivation",
    "availability",
    "commitments",
    "locality_id",
    "travel_km",
    "date_of_birth",
    "vog__issued_on",
    "vog__aspects",
    "vog_willing",
    "driving_licence",
    "findable_by",
    "paused",
)


def _volunteer(row: dict, state_maps: tuple[dict, dict]) -> scoring.Volunteer:
    locality_index, region_of = state_maps
    return scoring.Volunteer(
        id=row["pk"],
        region=region_of[row["municipality_id"]],
        municipality=row["municipality_id"],
        interests=frozenset(row["interests"] or ()),
        tasks_liked=row["tasks_liked"],
        motivation=row["motivation"],
        day_parts=frozenset(row["availability"] or ()),
        commitments=frozenset(row["commitments"] or ()),
        locality=locality_index.get(row["locality_id"], -1),
        travel_km=float(row["travel_km"]),
        birth_date=row["date_of_birth"],
        vog_issued_on=row["vog__issued_on"],
        vog_aspects=frozenset(row["vog__aspects"] or ()),
        vog_willing=row["vog_willing"],
        driving_licence=row["driving_licence"],
        findable_by_organisations=row["findable_by"] == constants.Findable.ORGANISATIONS,
        active=not row["paused"],
    )


def _vacancy_rows(qs, today: datetime.date):
    """Vacancy rows with what the engine needs: open or not, waiting days, places taken."""
    public = public_vacancies(today=today)
    return qs.annotate(
        is_public=Exists(public.filter(pk=OuterRef("pk"))),
        taken=Count("placements", filter=Q(placements__status__in=ACTIVE_PLACEMENT), distinct=True),
        signed_up=Count("signups", distinct=True),
        any_response=Exists(VacancyResponse.objects.filter(vacancy=OuterRef("pk"))),
    ).values(
        "pk",
        "municipality_id",
        "organisation_id",
        "title",
        "tasks",
        "description",
        "domains",
        "kind",
        "day_parts",
        "starts_at",
        "ends_at",
        "publish_from",
        "location_kind",
        "locality_id",
        "organisation__locality_id",
        "min_age",
        "vog_required",
        "vog_aspects",
        "vog_max_age_years",
        "municipality__volunteering_settings__vog_max_age_years",
        "driving_licence",
        "places",
        "first_published_at",
        "is_public",
        "taken",
        "signed_up",
        "any_response",
    )


def _organisation_volunteers(organisation_ids=None) -> dict[int, int]:
    qs = Placement.objects.filter(status=constants.PlacementStatus.RUNNING)
    if organisation_ids is not None:
        qs = qs.filter(vacancy__organisation_id__in=organisation_ids)
    return dict(
        qs.values_list("vacancy__organisation_id")
        .annotate(n=Count("pk"))
        .values_list("vacancy__organisation_id", "n")
    )


def _vacancy(
    row: dict, today: datetime.date, state_maps: tuple[dict, dict], org_volunteers: dict
) -> scoring.Vacancy:
    locality_index, region_of = state_maps
    if row["kind"] == constants.VacancyKind.ONE_OFF and row["starts_at"]:
        start = timezone.localtime(row["starts_at"]).date()
    else:
        start = max(row["publish_from"], today)
    waiting = 0
    if not row["any_response"] and row["first_published_at"]:
        waiting = max((today - timezone.localtime(row["first_published_at"]).date()).days, 0)
    return scoring.Vacancy(
        id=row["pk"],
        region=region_of[row["municipality_id"]],
        organisation=row["organisation_id"],
        start_date=start,
        domains=frozenset(row["domains"] or ()),
        title=row["title"],
        tasks=row["tasks"],
        description=row["description"],
        kind=row["kind"],
        # A one-off task with a date and time takes place in the day-parts of that time.
        day_parts=schedule_day_parts(
            row["kind"],
            row["day_parts"],
            timezone.localtime(row["starts_at"]) if row["starts_at"] else None,
            timezone.localtime(row["ends_at"]) if row["ends_at"] else None,
        ),
        location_kind=row["location_kind"],
        # Work at an address without a village is placed where the organisation is.
        locality=locality_index.get(row["locality_id"] or row["organisation__locality_id"], -1),
        min_age=row["min_age"] or 0,
        vog_required=row["vog_required"],
        vog_aspects=frozenset(row["vog_aspects"] or ()),
        vog_max_age_years=vog_max_age_years(
            row["vog_max_age_years"],
            row["municipality__volunteering_settings__vog_max_age_years"],
        ),
        driving_licence=row["driving_licence"],
        waiting_days=waiting,
        organisation_volunteers=org_volunteers.get(row["organisation_id"], 0),
        open=row["is_public"] and row["taken"] + row["signed_up"] < row["places"],
    )


# --- Keeping the engine current ------------------------------------------------------------


def _build(now: datetime.datetime, today: datetime.date) -> _State:
    tables, locality_index = _localities()
    region_of = _region_of()
    maps = (locality_index, region_of)
    org_volunteers = _organisation_volunteers()
    volunteers = (
        _volunteer(row, maps)
        for row in VolunteerProfile.objects.filter(paused=False)
        .values(*PROFILE_FIELDS)
        .iterator(chunk_size=5000)
    )
    vacancy_qs = Vacancy.objects.filter(status=constants.VacancyStatus.PUBLISHED)
    vacancies = (
        _vacancy(row, today, maps, org_volunteers)
        for row in _vacancy_rows(vacancy_qs, today).iterator(chunk_size=5000)
    )
    engine = build_engine(tables, volunteers, vacancies)
    return _State(engine, today, now, locality_index, region_of)


def _sync(state: _State, now: datetime.datetime) -> None:
    since = state.synced_at - SYNC_MARGIN
    maps = (state.locality_index, state.region_of)
    for row in VolunteerProfile.objects.filter(updated_at__gte=since).values(*PROFILE_FIELDS):
        state.engine.upsert_volunteer(_volunteer(row, maps))
    changed_orgs = set(
        Placement.objects.filter(updated_at__gte=since).values_list(
            "vacancy__organisation_id", flat=True
        )
    )
    changed_orgs |= set(
        Organisation.objects.filter(updated_at__gte=since).values_list("pk", flat=True)
    )
    changed = (
        Q(updated_at__gte=since)
        | Q(organisation_id__in=changed_orgs)
        | Q(pk__in=VacancyResponse.objects.filter(created_at__gte=since).values("vacancy_id"))
        | Q(pk__in=CampaignSignup.objects.filter(created_at__gte=since).values("vacancy_id"))
    )
    rows = list(_vacancy_rows(Vacancy.objects.filter(changed), state.today))
    if rows:
        org_volunteers = _organisation_volunteers({row["organisation_id"] for row in rows})
        for row in rows:
            state.engine.upsert_vacancy(_vacancy(row, state.today, maps, org_volunteers))
    state.synced_at = now


def current_engine() -> Engine:
    """The process's engine, brought up to date with the database."""
    global _state
    now = timezone.now()
    today = timezone.localdate()
    with _lock:
        if _state is None or _state.today != today:
            _state = _build(now, today)
        else:
            _sync(_state, now)
        return _state.engine


# --- Suggestions with reasons ---------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    part: str  # the score part this reason comes from
    text: str


def _domain_labels(codes) -> str:
    labels = dict(constants.Domain.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def _day_part_labels(codes) -> str:
    labels = dict(constants.DAY_PARTS)
    return ", ".join(str(labels[code]).lower() for code in codes[:3])


def _km(value: float) -> str:
    return number_format(round(value)) if value >= 1 else number_format(value, 1)


def reasons(
    score: scoring.Score,
    *,
    volunteer: scoring.Volunteer,
    vacancy: scoring.Vacancy,
    vacancy_place: str,
    volunteer_place: str,
    for_volunteer: bool,
) -> list[Reason]:
    """Readable reasons, made only from the parts that added to the score: what fits the
    person first, biggest first, then the boosts."""
    found: list[tuple[float, Reason]] = []
    for part in score.parts:
        if part.points <= 0:
            continue
        sentence = _sentence(
            part, volunteer, vacancy, vacancy_place, volunteer_place, for_volunteer
        )
        if sentence:
            found.append((part.points, Reason(part.name, sentence)))
    found.sort(key=lambda item: (item[1].part in BOOSTS, -item[0]))
    return [reason for _points, reason in found[:SHOWN_REASONS]]


def _sentence(part, volunteer, vacancy, vacancy_place, volunteer_place, for_volunteer) -> str:
    name, detail = part.name, part.detail
    if name == "interests" and detail:
        if for_volunteer:
            return _("Matches your interest in %(domains)s") % {"domains": _domain_labels(detail)}
        return _("Interested in %(domains)s") % {"domains": _domain_labels(detail)}
    if name in ("tasks", "text") and detail:
        source = f"{vacancy.title} {vacancy.tasks}" if name == "tasks" else vacancy.description
        words = ", ".join(text.matched_words(source, frozenset(detail)))
        if name == "tasks":
            if for_volunteer:
                return _("Tasks you like: %(words)s") % {"words": words}
            return _("Likes tasks such as: %(words)s") % {"words": words}
        if for_volunteer:
            return _("Fits your motivation: %(words)s") % {"words": words}
        return _("Their motivation mentions: %(words)s") % {"words": words}
    if name == "day_parts":
        if not vacancy.day_parts:
            return _("The times are arranged together") if for_volunteer else ""
        if not detail:
            return ""
        if for_volunteer:
            return _("On %(day_parts)s, when you are available") % {
                "day_parts": _day_part_labels(detail)
            }
        return _("Available on %(day_parts)s") % {"day_parts": _day_part_labels(detail)}
    if name == "distance":
        if detail[0] == constants.LocationKind.AT_HOME:
            return _("From home")
        if detail[0] == constants.LocationKind.ONLINE:
            return _("Online")
        km = detail[0]
        if for_volunteer:
            if km < 1:
                return _("In %(place)s") % {"place": vacancy_place}
            return _("%(km)s km from %(place)s") % {"km": _km(km), "place": volunteer_place}
        if km < 1:
            return _("Lives in %(place)s") % {"place": volunteer_place}
        return _("Lives %(km)s km away, in %(place)s") % {"km": _km(km), "place": volunteer_place}
    if name == "commitment" and part.value:
        kind = str(constants.VacancyKind(detail[0]).label).lower()
        if for_volunteer:
            return _("%(kind)s, as you are looking for") % {"kind": kind.capitalize()}
        return _("Wants this kind of work: %(kind)s") % {"kind": kind}
    if name == "waiting" and for_volunteer and detail[0] >= 7:
        return _("Has been waiting %(days)s days for someone to respond") % {"days": detail[0]}
    if name == "small_organisation" and for_volunteer and part.value >= 0.5:
        return _("A small organisation that can use an extra pair of hands")
    return ""


def distinct_reasons(cards: list) -> None:
    """Leave out, on every card, a reason that every card of the list carries: it does not say
    why this suggestion rather than another (a list of one card keeps its reasons)."""
    if len(cards) < 2:
        return
    shared = set.intersection(*({r.text for r in card.reasons} for card in cards))
    for card in cards:
        card.reasons = [r for r in card.reasons if r.text not in shared]


@dataclass
class VacancySuggestion:
    vacancy: Vacancy
    total: float
    reasons: list[Reason]


@dataclass
class VolunteerSuggestion:
    profile: VolunteerProfile
    total: float
    reasons: list[Reason]


def suggestions_for_profiles(
    profiles: list[VolunteerProfile], k: int = 10, *, for_volunteer: bool = True
) -> dict[int, list[VacancySuggestion]]:
    """ "Voor u": the best open vacancies for each volunteer, with reasons addressed to the
    volunteer (or, for a broker, about the volunteer). A fixed number of queries, however many
    profiles."""
    engine = current_engine()
    pks = [p.pk for p in profiles]
    exclude: dict[int, set[int]] = {pk: set() for pk in pks}
    for model in (HiddenSuggestion, VacancyResponse):
        for profile_id, vacancy_id in model.objects.filter(profile_id__in=pks).values_list(
            "profile_id", "vacancy_id"
        ):
            exclude[profile_id].add(vacancy_id)
    found = {pk: engine.for_volunteer(pk, k=k, exclude=exclude[pk]) for pk in pks}
    vacancies = Vacancy.objects.select_related("organisation", "locality").in_bulk(
        {s.id for suggestions in found.values() for s in suggestions}
    )
    out: dict[int, list[VacancySuggestion]] = {}
    for profile in profiles:
        out[profile.pk] = []
        for suggestion in found[profile.pk]:
            vacancy = vacancies.get(suggestion.id)
            if vacancy is None:  # deleted since the engine saw it
                engine.remove_vacancy(suggestion.id)
                continue
            out[profile.pk].append(
                VacancySuggestion(
                    vacancy,
                    suggestion.total,
                    reasons(
                        engine.explain(profile.pk, suggestion.id),
                        volunteer=engine.volunteers[profile.pk],
                        vacancy=engine.vacancies[suggestion.id],
                        vacancy_place=vacancy.locality.name if vacancy.locality else "",
                        volunteer_place=profile.locality.name if profile.locality_id else "",
                        for_volunteer=for_volunteer,
                    ),
                )
            )
        distinct_reasons(out[profile.pk])
    return out


def suggestions_for_profile(
    profile: VolunteerProfile, k: int = 10, *, for_volunteer: bool = True
) -> list[VacancySuggestion]:
    return suggestions_for_profiles([profile], k, for_volunteer=for_volunteer)[profile.pk]


def suggestions_for_vacancy(
    vacancy: Vacancy, *, profiles, findable_only: bool, k: int = 10
) -> list[VolunteerSuggestion]:
    """ "Geschikte vrijwilligers": the best volunteers for a vacancy among ``profiles`` (the
    profiles the viewer may see), with reasons."""
    engine = current_engine()
    exclude = set(
        HiddenSuggestion.objects.filter(vacancy=vacancy).values_list("profile_id", flat=True)
    ) | set(VacancyResponse.objects.filter(vacancy=vacancy).values_list("profile_id", flat=True))
    municipalities = set(profiles.values_list("municipality_id", flat=True).distinct())
    found = engine.for_vacancy(
        vacancy.pk,
        k=k,
        findable_only=findable_only,
        exclude=exclude,
        municipalities=municipalities,
    )
    visible = profiles.select_related("locality").in_bulk([s.id for s in found])
    engine_vacancy = engine.vacancies.get(vacancy.pk)
    out = []
    for suggestion in found:
        profile = visible.get(suggestion.id)
        if profile is None:
            if not VolunteerProfile.objects.filter(pk=suggestion.id).exists():
                engine.remove_volunteer(suggestion.id)
            continue
        score = engine.explain(suggestion.id, vacancy.pk)
        out.append(
            VolunteerSuggestion(
                profile,
                suggestion.total,
                reasons(
                    score,
                    volunteer=engine.volunteers[suggestion.id],
                    vacancy=engine_vacancy,
                    vacancy_place=vacancy.locality.name if vacancy.locality_id else "",
                    volunteer_place=profile.locality.name if profile.locality_id else "",
                    for_volunteer=False,
                ),
            )
        )
    distinct_reasons(out)
    return out
