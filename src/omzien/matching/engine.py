"""The engine: the score of ``scoring`` for one volunteer against every vacancy (or one vacancy
against every volunteer) at once.

Profiles and vacancies live in column arrays, one slot per record, in two layers:

- the **base**: a snapshot's arrays (``snapshot.load``), memory-mapped read-only, so every
  process of a host shares one copy through the operating system's page cache; or nothing, for
  an engine built in the process (``build``);
- the **overlay**: the records this process has been told about since (``upsert_*`` and
  ``remove_*``), in small growable arrays. A record in the overlay hides its base slot.

Each query reads the record it is for from whichever layer holds it, hands each layer's columns
and text postings to a compiled loop (``kernel``: the hard requirements, then the exact total of
the slots that can still reach the top ``k``, with the same floating-point operations as
``scoring.score_pair``, so the totals are identical) and merges the two top lists.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from omzien.matching import scoring
from omzien.matching.scoring import Tables, Vacancy, Volunteer
from omzien.matching.vocabulary import KINDS, REMOTE

_NO_SLOTS = np.zeros(0, dtype=np.int32)
_NO_RANGE = np.zeros(1, dtype=np.int64)  # one range from 0 (``TermIndex.postings_of``)
_ALL_USABLE = np.zeros(0, dtype=np.bool_)  # the kernels' "no mask": every slot may be offered
_UNKNOWN_BIRTH = np.iinfo(np.int64).max  # sorts after every latest-birth bound: fails min_age

VOLUNTEER_COLUMNS = {
    "id": np.int64,
    "ok": np.bool_,
    "region": np.int64,
    "municipality": np.int64,
    "interests": np.uint64,
    "days": np.int64,
    "commit": np.int64,
    "locality": np.int64,
    "travel": np.float64,
    "birth": np.int64,
    "vog": np.int64,
    "vog_aspects": np.int64,
    "vog_willing": np.bool_,
    "licence": np.bool_,
    "findable": np.bool_,
    "n_tasks": np.int64,
    "n_motivation": np.int64,
}
VACANCY_COLUMNS = {
    "id": np.int64,
    "ok": np.bool_,
    "region": np.int64,
    "domains": np.uint64,
    "n_domains": np.int64,
    "days": np.int64,
    "n_days": np.int64,
    "kind": np.int64,
    "fixed_times": np.bool_,
    "remote": np.bool_,
    "locality": np.int64,
    "start": np.int64,
    "latest_birth": np.int64,
    "vog": np.bool_,
    "vog_earliest": np.int64,
    "vog_aspects": np.int64,
    "licence": np.bool_,
    "waiting": np.float64,
    "small": np.float64,
    "n_tasks": np.int64,
    "n_description": np.int64,
}
# What the kernels need of ``scoring``, as arguments rather than globals, so a change there
# reaches them without a stale compiled copy (Numba's cache follows only ``kernel.py``): the
# weights in the order the kernels add the parts, and the interests part by (domains in
# common, domains of the vacancy), computed as ``scoring.score_pair`` computes it.
_KERNEL_PARTS = (
    "interests",
    "tasks",
    "day_parts",
    "distance",
    "commitment",
    "text",
    "waiting",
    "small_organisation",
)


def _interest_table() -> np.ndarray:
    common, size = np.meshgrid(np.arange(65), np.arange(65), indexing="ij")
    share = np.divide(common, size, out=np.zeros((65, 65)), where=size > 0)
    return _read_only(np.where(common > 0, scoring.interest_value(share), 0.0))


# The texts whose words are indexed, per kind of record.
VOLUNTEER_TEXTS = ("tasks", "motivation")
VACANCY_TEXTS = ("tasks", "description")


@dataclass(frozen=True)
class Suggestion:
    id: int  # the vacancy (for a volunteer) or the volunteer (for a vacancy)
    total: float


class TermIndex:
    """Inverted index, growable: stem → slots whose text contains it, and slot → stems."""

    def __init__(self):
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.terms_of: dict[int, frozenset[str]] = {}
        self._arrays: dict[str, np.ndarray] = {}

    def set(self, slot: int, terms: frozenset[str]) -> None:
        old = self.terms_of.get(slot, frozenset())
        for term in old - terms:
            self.postings[term].discard(slot)
            self._arrays.pop(term, None)
        for term in terms - old:
            self.postings[term].add(slot)
            self._arrays.pop(term, None)
        self.terms_of[slot] = terms

    def terms_at(self, slot: int) -> frozenset[str]:
        return self.terms_of.get(slot, frozenset())

    def _posting(self, term: str) -> np.ndarray | None:
        posting = self._arrays.get(term)
        if posting is None and self.postings.get(term):
            posting = self._arrays[term] = np.fromiter(self.postings[term], dtype=np.int64)
        return posting

    def postings_of(self, terms: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The slots of each of ``terms`` as the kernels take them: an array of slots and
        where each term's slots start and end in it."""
        found = [posting for term in terms if (posting := self._posting(term)) is not None]
        slots = np.concatenate(found).astype(np.int32) if found else _NO_SLOTS
        return _read_only(slots), _NO_RANGE, np.array([len(slots)], dtype=np.int64)


class MappedTermIndex:
    """The same index in flat arrays (a snapshot's): sorted stems, each stem's slots as one
    slice of ``postings``, and each slot's stems as one slice of ``stems``."""

    def __init__(self, terms, offsets, postings, stem_offsets, stems):
        self.terms, self.offsets, self.postings = terms, offsets, postings
        self.stem_offsets, self.stems = stem_offsets, stems

    def terms_at(self, slot: int) -> frozenset[str]:
        ids = self.stems[self.stem_offsets[slot] : self.stem_offsets[slot + 1]]
        return frozenset(self.terms[ids].tolist())

    def postings_of(self, terms: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        wanted = np.array(list(terms), dtype=str)  # one search for all of them
        at = np.searchsorted(self.terms, wanted)
        inside = at < len(self.terms)
        known = np.zeros(len(wanted), dtype=np.bool_)
        known[inside] = self.terms[at[inside]] == wanted[inside]
        found = at[known]
        return self.postings, self.offsets[found], self.offsets[found + 1]


class Store:
    """Growable column arrays with a slot per record id, and their text indexes."""

    by_locality = False  # slots in the order records came (``MappedStore.by_locality``)

    def __init__(self, columns: dict[str, type], texts: tuple[str, ...]):
        self.capacity = 16
        self.n = 0
        self.slot: dict[int, int] = {}
        self.cols = {name: np.zeros(self.capacity, dtype=dt) for name, dt in columns.items()}
        self.texts = {name: TermIndex() for name in texts}
        self._columns = None

    def slot_of(self, record_id: int) -> int | None:
        return self.slot.get(record_id)

    def slot_for(self, record_id: int) -> int:
        slot = self.slot.get(record_id)
        if slot is None:
            if self.n == self.capacity:
                self.capacity *= 2
                for name, col in self.cols.items():
                    grown = np.zeros(self.capacity, dtype=col.dtype)
                    grown[: self.n] = col[: self.n]
                    self.cols[name] = grown
            slot = self.slot[record_id] = self.n
            self.n += 1
        return slot

    def view(self, name: str) -> np.ndarray:
        return _read_only(self.cols[name][: self.n])

    def columns(self) -> tuple[np.ndarray, ...]:
        """Every column (read-only, in the order they were declared), as the kernels take
        them; kept until the next change."""
        if self._columns is None:
            self._columns = tuple(self.view(name) for name in self.cols)
        return self._columns

    def put(self, record_id: int, values: dict, texts: dict[str, frozenset[str]]) -> None:
        self._columns = None
        slot = self.slot_for(record_id)
        for name, value in values.items():
            self.cols[name][slot] = value
        for name, terms in texts.items():
            self.texts[name].set(slot, terms)


class MappedStore:
    """A snapshot's columns (read-only arrays) and text indexes, with the slots in the order of
    their ids (``sorted_ids``, ``by_id``: the slot of each). ``by_locality``: the slots are
    ordered by locality, then by travel distance, farthest first (``snapshot._order``)."""

    def __init__(
        self,
        cols: dict[str, np.ndarray],
        sorted_ids: np.ndarray,
        by_id: np.ndarray,
        by_locality: bool,
        texts: dict[str, MappedTermIndex],
    ):
        self.cols, self.texts = cols, texts
        self.sorted_ids, self.by_id, self.by_locality = sorted_ids, by_id, by_locality
        self.n = len(cols["id"])
        self._columns = tuple(cols.values())

    def columns(self) -> tuple[np.ndarray, ...]:
        return self._columns

    def slot_of(self, record_id: int) -> int | None:
        i = int(np.searchsorted(self.sorted_ids, record_id))
        return int(self.by_id[i]) if i < self.n and self.sorted_ids[i] == record_id else None

    def view(self, name: str) -> np.ndarray:
        return self.cols[name]


@dataclass
class Base:
    """What a snapshot gives an engine (``snapshot.load``)."""

    volunteers: MappedStore
    vacancies: MappedStore
    domain_bit: dict[str, int]
    km: np.ndarray  # kilometres between localities, with the "unknown" column (``_with_unknown``)
    proximity: np.ndarray


def _read_only(array: np.ndarray) -> np.ndarray:
    """A read-only view, like a snapshot's mapped arrays: the kernels then see one type for
    every store, so Numba compiles (and caches) each of them once, not once per combination."""
    view = array.view()
    view.flags.writeable = False
    return view


SCORE = (tuple(float(scoring.WEIGHTS[part]) for part in _KERNEL_PARTS), _interest_table())


@functools.cache
def _kernel():
    """The compiled loops (``kernel``), imported on the first query: importing Numba takes
    most of a second and some 40 MB, which a process that never suggests should not pay."""
    from omzien.matching import kernel

    return kernel


def _with_unknown(table: np.ndarray, fill: float) -> np.ndarray:
    """One extra column of ``fill`` so that locality -1 (unknown) indexes it."""
    return np.hstack([table, np.full((len(table), 1), fill)])


class _Layer:
    """One kind of record across the base and the overlay of an engine."""

    def __init__(self, base: MappedStore | None, columns: dict, texts: tuple[str, ...]):
        self.base = base
        self.overlay = Store(columns, texts)
        # Base slots still current: False once the overlay holds the record or it was removed
        # (the mask the queries use as it is, no copy per query).
        self.current = np.ones(base.n if base is not None else 0, dtype=np.bool_)
        self.removed: set[int] = set()

    def put(self, record_id: int, values: dict, texts: dict) -> None:
        self._hide(record_id)
        self.removed.discard(record_id)
        self.overlay.put(record_id, values, texts)

    def remove(self, record_id: int) -> None:
        self._hide(record_id)
        slot = self.overlay.slot_of(record_id)
        if slot is not None:
            self.overlay.cols["ok"][slot] = False
            self.removed.add(record_id)

    def _hide(self, record_id: int) -> None:
        if self.base is not None:
            slot = self.base.slot_of(record_id)
            if slot is not None:
                self.current[slot] = False

    def find(self, record_id: int):
        """``(store, slot)`` of the record's current version, or None."""
        slot = self.overlay.slot_of(record_id)
        if slot is not None:
            return self.overlay, slot
        if self.base is not None:
            slot = self.base.slot_of(record_id)
            if slot is not None and self.current[slot]:
                return self.base, slot
        return None

    def stores(self):
        """Each store with the mask of the slots it may offer."""
        if self.base is not None and self.base.n:
            yield self.base, self.current
        if self.overlay.n:
            yield self.overlay, None

    def ids(self) -> set[int]:
        """Every id with a current version (tests and the benchmark)."""
        ids = set(self.overlay.slot) - self.removed
        if self.base is not None:
            ids |= set(self.base.cols["id"][self.current].tolist())
        return ids


def _merge(found: list[tuple[float, int]], k: int) -> list[Suggestion]:
    found.sort(key=lambda item: (-item[0], item[1]))
    return [Suggestion(record_id, total) for total, record_id in found[:k]]


class Engine:
    def __init__(self, tables: Tables, base: Base | None = None):
        self.tables = tables
        if base is not None:
            self._km, self._proximity = base.km, base.proximity
            self.domain_bit = dict(base.domain_bit)
        else:
            self._km = _read_only(_with_unknown(tables.km, np.inf))
            self._proximity = _read_only(_with_unknown(tables.proximity, 0.0))
            self.domain_bit: dict[str, int] = {}
        self._km_unknown = _read_only(np.full(self._km.shape[1], np.inf))
        self._near_unknown = _read_only(np.zeros(self._km.shape[1]))
        self._vol = _Layer(base and base.volunteers, VOLUNTEER_COLUMNS, VOLUNTEER_TEXTS)
        self._vac = _Layer(base and base.vacancies, VACANCY_COLUMNS, VACANCY_TEXTS)

    @property
    def has_base(self) -> bool:
        return self._vol.base is not None

    def volunteer_ids(self) -> set[int]:
        return self._vol.ids()

    def vacancy_ids(self) -> set[int]:
        return self._vac.ids()

    def warm(self) -> None:
        """One query each way, so that the compiled loops (``kernel``) are in Numba's cache
        before a web process needs them (``build_matching_snapshot``)."""
        for layer, query in ((self._vol, self.for_volunteer), (self._vac, self.for_vacancy)):
            for store, _usable in layer.stores():
                active = store.view("id")[store.view("ok")]
                if len(active):
                    query(int(active[0]), k=1)
                    break

    def overlay_size(self) -> int:
        """Records changed in this process since its snapshot."""
        return self._vol.overlay.n + self._vac.overlay.n

    # --- Keeping the data current ------------------------------------------------------------

    def _domains_mask(self, codes: frozenset[str]) -> int:
        mask = 0
        for code in codes:
            if code not in self.domain_bit:
                if len(self.domain_bit) == 64:
                    raise ValueError("The engine supports at most 64 domains.")
                self.domain_bit[code] = len(self.domain_bit)
            mask |= 1 << self.domain_bit[code]
        return mask

    def volunteer_values(self, vol: Volunteer) -> dict:
        """The record's columns (``VOLUNTEER_COLUMNS``)."""
        return {
            "id": vol.id,
            "ok": vol.active,
            "region": vol.region,
            "municipality": vol.municipality,
            "interests": self._domains_mask(vol.interests),
            "days": scoring.day_mask(vol.day_parts),
            "commit": sum(1 << i for i, kind in enumerate(KINDS) if kind in vol.commitments),
            "locality": vol.locality,
            "travel": vol.travel_km,
            "birth": vol.birth_date.toordinal() if vol.birth_date else _UNKNOWN_BIRTH,
            "vog": scoring.ordinal(vol.vog_issued_on),
            "vog_aspects": scoring.aspect_mask(vol.vog_aspects),
            "vog_willing": vol.vog_willing,
            "licence": vol.driving_licence,
            "findable": vol.findable_by_organisations,
            "n_tasks": len(vol.task_terms),
            "n_motivation": len(vol.motivation_terms),
        }

    def vacancy_values(self, vac: Vacancy) -> dict:
        """The record's columns (``VACANCY_COLUMNS``)."""
        return {
            "id": vac.id,
            "ok": vac.open,
            "region": vac.region,
            "domains": self._domains_mask(vac.domains),
            "n_domains": len(vac.domains),
            "days": scoring.day_mask(vac.day_parts),
            "n_days": len(vac.day_parts),
            "kind": KINDS.index(vac.kind),
            "fixed_times": vac.kind in scoring.FIXED_TIMES,
            "remote": vac.location_kind in REMOTE,
            "locality": vac.locality,
            "start": vac.start_date.toordinal(),
            "latest_birth": (
                scoring.latest_birth_ordinal(vac.start_date, vac.min_age)
                if vac.min_age > 0
                else _UNKNOWN_BIRTH
            ),
            "vog": vac.vog_required,
            "vog_earliest": scoring.earliest_issue_ordinal(vac.start_date, vac.vog_max_age_years),
            "vog_aspects": scoring.aspect_mask(vac.vog_aspects),
            "licence": vac.driving_licence,
            "waiting": scoring.waiting_value(vac.waiting_days),
            "small": scoring.small_organisation_value(vac.organisation_volunteers),
            "n_tasks": len(vac.task_terms),
            "n_description": len(vac.description_terms),
        }

    def upsert_volunteer(self, vol: Volunteer) -> None:
        texts = {"tasks": vol.task_terms, "motivation": vol.motivation_terms}
        self._vol.put(vol.id, self.volunteer_values(vol), texts)

    def upsert_vacancy(self, vac: Vacancy) -> None:
        texts = {"tasks": vac.task_terms, "description": vac.description_terms}
        self._vac.put(vac.id, self.vacancy_values(vac), texts)

    def remove_volunteer(self, volunteer_id: int) -> None:
        self._vol.remove(volunteer_id)

    def remove_vacancy(self, vacancy_id: int) -> None:
        self._vac.remove(vacancy_id)

    # --- Queries -----------------------------------------------------------------------------

    def _from(self, locality: int) -> tuple[np.ndarray, np.ndarray]:
        """Kilometres and nearness from one village to every village, indexable by a record's
        locality (-1, unknown, lands on the extra column: infinitely far, nearness 0). The table
        is symmetric, so the row serves both directions."""
        if locality < 0:
            return self._km_unknown, self._near_unknown
        return self._km[locality], self._proximity[locality]

    @staticmethod
    def _subject(layer: _Layer, record_id: int, texts: tuple[str, ...]):
        """The columns and stems of the record a query is for, if it is current and active."""
        found = layer.find(record_id)
        if found is None:
            return None
        store, slot = found
        values = {name: store.view(name)[slot] for name in store.cols}
        if not values["ok"]:
            return None
        return values, {name: store.texts[name].terms_at(slot) for name in texts}

    @staticmethod
    def _limits(store, usable, exclude: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
        """The mask of current slots (or none) and the sorted slots of ``exclude``."""
        slots = (store.slot_of(record_id) for record_id in exclude)
        excluded = np.array(sorted(slot for slot in slots if slot is not None), dtype=np.int64)
        return (_ALL_USABLE if usable is None else usable), excluded

    @staticmethod
    def _found(result) -> list[tuple[float, int]]:
        totals, ids, found = result
        return list(zip(totals[:found].tolist(), ids[:found].tolist(), strict=True))

    def for_volunteer(
        self, volunteer_id: int, k: int = 10, exclude: Iterable[int] = ()
    ) -> list[Suggestion]:
        """The ``k`` best open vacancies for a volunteer, never breaking a hard requirement."""
        subject = self._subject(self._vol, volunteer_id, VOLUNTEER_TEXTS)
        if subject is None:
            return []
        exclude = tuple(exclude)
        found: list[tuple[float, int]] = []
        for store, usable in self._vac.stores():
            found += self._vacancies_for(*subject, store, usable, k, exclude)
        return _merge(found, k)

    def _vacancies_for(self, vol, texts, c, usable, k, exclude) -> list[tuple[float, int]]:
        km_row, proximity_row = self._from(vol["locality"])
        return self._found(
            _kernel().vacancies_for(
                tuple(vol[name] for name in VOLUNTEER_COLUMNS),
                km_row,
                proximity_row,
                c.columns(),
                c.texts["tasks"].postings_of(texts["tasks"]),
                c.texts["description"].postings_of(texts["motivation"]),
                self._limits(c, usable, exclude),
                SCORE,
                k,
            )
        )

    def for_vacancy(
        self,
        vacancy_id: int,
        k: int = 10,
        findable_only: bool = True,
        exclude: Iterable[int] = (),
        municipalities: Iterable[int] | None = None,
    ) -> list[Suggestion]:
        """The ``k`` best volunteers for an open vacancy; for organisations (``findable_only``)
        only volunteers who let organisations find them; ``municipalities`` limits them to the
        profiles of those municipalities (what a broker may see)."""
        subject = self._subject(self._vac, vacancy_id, VACANCY_TEXTS)
        if subject is None:
            return []
        exclude = tuple(exclude)
        municipalities = None if municipalities is None else list(municipalities)
        found: list[tuple[float, int]] = []
        for store, usable in self._vol.stores():
            found += self._volunteers_for(
                *subject, store, usable, k, exclude, findable_only, municipalities
            )
        return _merge(found, k)

    def _volunteers_for(
        self, vac, texts, c, usable, k, exclude, findable_only, municipalities
    ) -> list[tuple[float, int]]:
        km_row, proximity_row = self._from(vac["locality"])
        usable, excluded = self._limits(c, usable, exclude)
        allowed = np.array(sorted(set(municipalities or ())), dtype=np.int64)
        return self._found(
            _kernel().volunteers_for(
                tuple(vac[name] for name in VACANCY_COLUMNS),
                km_row,
                proximity_row,
                c.columns(),
                c.texts["tasks"].postings_of(texts["tasks"]),
                c.texts["motivation"].postings_of(texts["description"]),
                (usable, findable_only, allowed, municipalities is not None, excluded),
                c.by_locality,
                SCORE,
                k,
            )
        )


def build(tables: Tables, volunteers: Iterable[Volunteer], vacancies: Iterable[Vacancy]) -> Engine:
    engine = Engine(tables)
    for vol in volunteers:
        engine.upsert_volunteer(vol)
    for vac in vacancies:
        engine.upsert_vacancy(vac)
    return engine


def preload() -> None:
    """Import Numba and load the compiled loops (``kernel``) now, with a query each way on an
    engine of one record each: a web process calls it when it starts (``omzien.wsgi``), so
    that its first suggestion does not wait for them."""
    start = datetime.date(2000, 1, 1)
    build(
        Tables(np.zeros((1, 1))),
        [Volunteer(id=1, region=0, locality=0)],
        [Vacancy(id=1, region=0, organisation=0, start_date=start, locality=0)],
    ).warm()
