"""The one place where the matching engine meets the database.

It turns volunteer profiles and vacancies into the engine's records, keeps one engine per process
current, and turns the engine's score parts into reasons a person can read.

Where the engine comes from (docs/operations.md, "One matching engine for every process"):

- with ``MATCHING_SNAPSHOT_DIR`` set (production), ``build_matching_snapshot`` (a timer on each
  web host, every few minutes) writes the engine's arrays to a snapshot that every web process
  of the host maps read-only (``matching.snapshot``): a new process serves its first suggestion
  without reading the profiles, and the operating system keeps one copy for all of them. When a
  process finds no snapshot, or only one of an earlier day, it builds one itself under a file
  lock (the other processes wait for it, or keep the old one), so nothing depends on the timer;
- without it, each process builds its own engine in memory (development, tests) and rebuilds
  it once a day, when "today" moves the start dates and waiting days.

Either way the engine is brought up to date on every call from the change log
(``MatchingChange``, written by database triggers): one indexed query when nothing changed; the
changed profiles and vacancies are re-read and go to the process's overlay.
"""

import contextlib
import datetime
import fcntl
import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from omzien.matching import geo, scoring, snapshot, text
from omzien.matching.engine import Engine
from omzien.matching.engine import build as build_engine
from omzien.matching.vocabulary import schedule_day_parts
from omzien.tenants.models import Locality, Municipality
from omzien.volunteering import constants
from omzien.volunteering.models import (
    HiddenSuggestion,
    MatchingChange,
    Placement,
    Vacancy,
    VacancyResponse,
    VolunteerProfile,
)
from omzien.volunteering.selectors.vacancies import public_vacancies
from omzien.volunteering.selectors.vog import vog_max_age_years
from omzien.volunteering.services.responses import ACTIVE_PLACEMENT

logger = logging.getLogger(__name__)

SHOWN_REASONS = 6
BOOSTS = ("waiting", "small_organisation")  # shown after what the person asked for
# A change-log id below the newest one seen but not seen itself belongs to a transaction that
# had not committed yet: it is looked for again on every call for this long.
GAP_SECONDS = 120
MAX_GAP_RANGES = 50  # the newest kept: a few open transactions at a time, not more
CHANGE_LOG_DAYS = 7  # change-log rows older than this are deleted when an engine is built


@dataclass
class _State:
    engine: Engine
    today: datetime.date
    synced_at: datetime.datetime
    locality_index: dict[int, int]
    region_of: dict[int, int]
    last_change: int  # the newest change-log id applied
    version: str | None = None  # the snapshot mapped, if any
    built_at: datetime.datetime | None = None  # when the engine's data was read
    checked_at: float = 0.0  # monotonic time the snapshot directory was last looked at
    # Ranges of change ids not seen yet: [first, last, since (monotonic)] (``_changes``).
    gaps: list[list] = field(default_factory=list)

    @property
    def maps(self) -> tuple[dict[int, int], dict[int, int]]:
        """Locality pk → distance-table index, municipality → region key: as the engine's."""
        return self.locality_index, self.region_of


_state: _State | None = None
_lock = threading.RLock()


def reset() -> None:
    """Forget the engine: the next call builds or maps it anew (tests, after a restore)."""
    global _state
    with _lock:
        _state = None


def metrics():
    """For ``/metrics`` (common.metrics.register): the age of the data this process's engine
    was built from (the snapshot's, or its own build's), how long ago it last read the change
    log, and how many changed records it holds on top; nothing before it is built here."""
    state = _state
    if state is not None:
        now = timezone.now()
        yield (
            "omzien_matching_snapshot_age_seconds",
            "Seconds since the data of this process's matching engine (snapshot) was read",
            (now - state.built_at).total_seconds(),
        )
        yield (
            "omzien_matching_engine_sync_age_seconds",
            "Seconds since this process's matching engine last read the change log",
            (now - state.synced_at).total_seconds(),
        )
        yield (
            "omzien_matching_overlay_records",
            "Records changed since the snapshot, held by this process",
            state.engine.overlay_size(),
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


def _database() -> str:
    """Which database a snapshot was built from: a restored or another database's snapshot
    is never mapped."""
    db = connection.settings_dict
    return hashlib.sha256(
        f"{db['ENGINE']}|{db['HOST']}|{db['PORT']}|{db['NAME']}".encode()
    ).hexdigest()[:16]


def _newest_change() -> int:
    return MatchingChange.objects.aggregate(newest=Max("pk"))["newest"] or 0


def _unseen(first: int, last: int, seen: list[int], since: float) -> list[list]:
    """The ranges of ids from ``first`` to ``last`` that are not in ``seen`` (sorted)."""
    ranges, start = [], first
    for pk in seen:
        if first <= pk <= last:
            if pk > start:
                ranges.append([start, pk - 1, since])
            start = pk + 1
    if start <= last:
        ranges.append([start, last, since])
    return ranges


def _missing_below(last_change: int, window: int = 1000) -> list[list[int]]:
    """Ranges of change-log ids up to ``last_change`` that are not there (yet): a transaction
    still open when the engine was read may commit them later, so they are looked for again."""
    present = MatchingChange.objects.filter(pk__gt=last_change - window, pk__lte=last_change)
    seen = sorted(present.values_list("pk", flat=True))
    first = max(last_change - window, 0) + 1
    return [[lo, hi] for lo, hi, _since in _unseen(first, last_change, seen, 0.0)]


def _read(today: datetime.date) -> tuple[Engine, dict, dict, int, list[int]]:
    """An engine built from every profile and published vacancy, with its maps, the newest
    change-log id before it read them (changes after that are applied on top) and the ids
    below it that were missing."""
    MatchingChange.objects.filter(
        changed_at__lt=timezone.now() - datetime.timedelta(days=CHANGE_LOG_DAYS)
    ).delete()
    last_change = _newest_change()
    missing = _missing_below(last_change)
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
    return engine, locality_index, region_of, last_change, missing


def write_snapshot(root: Path | str | None = None) -> dict:
    """Build the engine from the database and write it as the host's current snapshot
    (``build_matching_snapshot``); returns the snapshot's ``meta``."""
    root = Path(root or settings.MATCHING_SNAPSHOT_DIR)
    now, today = timezone.now(), timezone.localdate()
    engine, locality_index, region_of, last_change, missing = _read(today)
    meta = {
        "database": _database(),
        "today": today.isoformat(),
        "built_at": now.isoformat(),
        "last_change": last_change,
        "missing": missing,
        # JSON keys are strings; these go back to ints in _mapped
        "locality_index": {str(pk): i for pk, i in locality_index.items()},
        "region_of": {str(pk): region for pk, region in region_of.items()},
    }
    version = snapshot.write(engine, root, meta)
    engine.warm()  # compiles the query loops into Numba's cache, if they are not there yet
    return {**meta, "version": version}


def _mapped(root: Path, now: datetime.datetime) -> _State | None:
    """The host's current snapshot, if it was built from this database."""
    loaded = snapshot.load(root)
    if loaded is None:
        return None
    engine, meta = loaded
    if meta.get("database") != _database() or meta["last_change"] > _newest_change():
        return None  # another database, or this one restored from before the snapshot
    return _State(
        engine=engine,
        today=datetime.date.fromisoformat(meta["today"]),
        synced_at=now,
        locality_index={int(pk): i for pk, i in meta["locality_index"].items()},
        region_of={int(pk): region for pk, region in meta["region_of"].items()},
        last_change=meta["last_change"],
        version=meta["version"],
        built_at=datetime.datetime.fromisoformat(meta["built_at"]),
        checked_at=time.monotonic(),
        gaps=[[lo, hi, time.monotonic()] for lo, hi in meta["missing"]],
    )


@contextlib.contextmanager
def _host_lock(root: Path, *, wait: bool):
    """The host's lock on building a snapshot: yields whether this process holds it."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _from_snapshot(root: Path, now, today, current: _State | None) -> _State:
    """The engine on the host's snapshot: the current one, or one this process builds when
    there is none (waiting for another process building it) or it is of an earlier day (unless
    another process is building it already: then the old one serves meanwhile). When the folder
    cannot be used (not writable, the disk full), the process builds its engine in memory and
    says so in the log: suggestions never fail for want of a snapshot."""
    try:
        state = _mapped(root, now)
        if state is not None and state.today == today:
            return state
        usable = state or current
        with _host_lock(root, wait=usable is None) as holding:
            if not holding:
                return usable
            state = _mapped(root, now)  # built by another process while this one waited
            if state is None or state.today != today:
                write_snapshot(root)
                state = _mapped(root, now)
    except OSError:
        logger.warning("Matching snapshot folder %s unusable; engine built in memory", root)
        state = None
    if state is None:
        if current is not None and current.version is None and current.today == today:
            return current  # built in memory already (the folder is still unusable)
        return _built(now, today)
    return state


def _built(now: datetime.datetime, today: datetime.date) -> _State:
    engine, locality_index, region_of, last_change, missing = _read(today)
    return _State(
        engine,
        today,
        now,
        locality_index,
        region_of,
        last_change,
        built_at=now,
        gaps=[[lo, hi, time.monotonic()] for lo, hi in missing],
    )


def _changes(state: _State) -> list[tuple[int, str, int]]:
    """The change-log rows this process has not applied: after the newest id it has seen, and
    in the ranges below it that were missing then (their transactions had not committed yet;
    a rolled-back one leaves its range for ``GAP_SECONDS``). Ranges, not single ids, so a
    large open or rolled-back transaction costs one condition, not one per row."""
    wanted = Q(pk__gt=state.last_change)
    for first, last, _since in state.gaps:
        wanted |= Q(pk__range=(first, last))
    rows = list(
        MatchingChange.objects.filter(wanted).order_by("pk").values_list("pk", "kind", "record_id")
    )
    now = time.monotonic()
    seen = [pk for pk, _kind, _record in rows]
    newest = max(seen[-1] if seen else 0, state.last_change)
    kept = [
        piece
        for first, last, since in state.gaps
        if now - since < GAP_SECONDS
        for piece in _unseen(first, last, seen, since)
    ]
    kept += _unseen(state.last_change + 1, newest, seen, now)
    state.gaps = kept[-MAX_GAP_RANGES:]
    state.last_change = newest
    return rows


def sync(state: _State, now: datetime.datetime) -> None:
    """Apply the change log to the process's engine: re-read what changed, remove what is
    gone."""
    rows = _changes(state)
    state.synced_at = now
    if not rows:
        return
    ids = {kind: set() for kind in MatchingChange.Kind.values}
    for _pk, kind, record_id in rows:
        ids[kind].add(record_id)
    profiles = ids[MatchingChange.Kind.PROFILE]
    if profiles:
        found = VolunteerProfile.objects.filter(pk__in=profiles).values(*PROFILE_FIELDS)
        for row in found:
            state.engine.upsert_volunteer(_volunteer(row, state.maps))
            profiles.discard(row["pk"])
        for gone in profiles:
            state.engine.remove_volunteer(gone)
    changed = (
        Q(pk__in=ids[MatchingChange.Kind.VACANCY])
        | Q(organisation_id__in=ids[MatchingChange.Kind.ORGANISATION])
        | Q(municipality_id__in=ids[MatchingChange.Kind.MUNICIPALITY])
    )
    vacancies = list(_vacancy_rows(Vacancy.objects.filter(changed), state.today))
    if vacancies:
        org_volunteers = _organisation_volunteers({row["organisation_id"] for row in vacancies})
        for row in vacancies:
            state.engine.upsert_vacancy(_vacancy(row, state.today, state.maps, org_volunteers))
    for gone in ids[MatchingChange.Kind.VACANCY] - {row["pk"] for row in vacancies}:
        state.engine.remove_vacancy(gone)


def current_state() -> _State:
    global _state
    now = timezone.now()
    today = timezone.localdate()
    root = settings.MATCHING_SNAPSHOT_DIR
    with _lock:
        if root:
            root = Path(root)
            if _state is None or (
                time.monotonic() - _state.checked_at >= settings.MATCHING_SNAPSHOT_CHECK_SECONDS
            ):
                if (
                    _state is None
                    or _state.today != today
                    or snapshot.current_version(root) != _state.version
                ):
                    _state = _from_snapshot(root, now, today, _state)
                _state.checked_at = time.monotonic()
        elif _state is None or _state.today != today:
            _state = _built(now, today)
        sync(_state, now)
        return _state


def current_engine() -> Engine:
    """The process's engine, brought up to date with the database."""
    return current_state().engine


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


def volunteer_records(pks, state_maps: tuple[dict, dict]) -> dict[int, scoring.Volunteer]:
    """The engine's records of these profiles, read now (for the reasons)."""
    rows = VolunteerProfile.objects.filter(pk__in=pks).values(*PROFILE_FIELDS)
    return {row["pk"]: _volunteer(row, state_maps) for row in rows}


def vacancy_records(pks, state_maps: tuple[dict, dict], today) -> dict[int, scoring.Vacancy]:
    """The engine's records of these vacancies, read now (for the reasons)."""
    rows = list(_vacancy_rows(Vacancy.objects.filter(pk__in=pks), today))
    org_volunteers = _organisation_volunteers({row["organisation_id"] for row in rows})
    return {row["pk"]: _vacancy(row, today, state_maps, org_volunteers) for row in rows}


def explain(profile_id: int, vacancy_id: int) -> scoring.Score | None:
    """The parts of one pair's score, from the records as they are now."""
    state = current_state()
    vol = volunteer_records([profile_id], state.maps).get(profile_id)
    vac = vacancy_records([vacancy_id], state.maps, state.today).get(vacancy_id)
    if vol is None or vac is None:
        return None
    return scoring.score_pair(vol, vac, state.engine.tables)


def suggestions_for_profiles(
    profiles: list[VolunteerProfile], k: int = 10, *, for_volunteer: bool = True
) -> dict[int, list[VacancySuggestion]]:
    """ "Voor u": the best open vacancies for each volunteer, with reasons addressed to the
    volunteer (or, for a broker, about the volunteer). A fixed number of queries, however many
    profiles."""
    state = current_state()
    engine = state.engine
    pks = [p.pk for p in profiles]
    exclude: dict[int, set[int]] = {pk: set() for pk in pks}
    for model in (HiddenSuggestion, VacancyResponse):
        for profile_id, vacancy_id in model.objects.filter(profile_id__in=pks).values_list(
            "profile_id", "vacancy_id"
        ):
            exclude[profile_id].add(vacancy_id)
    found = {pk: engine.for_volunteer(pk, k=k, exclude=exclude[pk]) for pk in pks}
    shown = {s.id for suggestions in found.values() for s in suggestions}
    out: dict[int, list[VacancySuggestion]] = {pk: [] for pk in pks}
    if not shown:
        return out
    vacancies = Vacancy.objects.select_related("organisation", "locality").in_bulk(shown)
    volunteers = volunteer_records(pks, state.maps)
    records = vacancy_records(shown, state.maps, state.today)
    for profile in profiles:
        for suggestion in found[profile.pk]:
            vacancy, record = vacancies.get(suggestion.id), records.get(suggestion.id)
            score = record and scoring.score_pair(volunteers[profile.pk], record, engine.tables)
            if score is None:  # deleted or changed since the engine saw it
                continue
            out[profile.pk].append(
                VacancySuggestion(
                    vacancy,
                    suggestion.total,
                    reasons(
                        score,
                        volunteer=volunteers[profile.pk],
                        vacancy=record,
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
    state = current_state()
    engine = state.engine
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
    if not found:
        return []
    visible = profiles.select_related("locality").in_bulk([s.id for s in found])
    volunteers = volunteer_records(list(visible), state.maps)
    record = vacancy_records([vacancy.pk], state.maps, state.today).get(vacancy.pk)
    out = []
    for suggestion in found:
        profile, volunteer = visible.get(suggestion.id), volunteers.get(suggestion.id)
        score = volunteer and record and scoring.score_pair(volunteer, record, engine.tables)
        if score is None:  # not visible to the viewer, or changed since the engine saw it
            continue
        out.append(
            VolunteerSuggestion(
                profile,
                suggestion.total,
                reasons(
                    score,
                    volunteer=volunteer,
                    vacancy=record,
                    vacancy_place=vacancy.locality.name if vacancy.locality_id else "",
                    volunteer_place=profile.locality.name if profile.locality_id else "",
                    for_volunteer=False,
                ),
            )
        )
    distinct_reasons(out)
    return out
