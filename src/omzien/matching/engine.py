"""The vectorised engine: the score of ``scoring`` for one volunteer against every vacancy (or one
vacancy against every volunteer) at once, with NumPy.

Profiles and vacancies live in column arrays, one slot per record. ``upsert_*`` and ``remove_*``
change one slot (and the inverted text indexes) in place, so the engine stays current when
records change between calls without rebuilding. Each query first applies the hard requirements
as boolean masks, then computes the parts for the remaining candidates only, with the same
floating-point operations as ``scoring.score_pair``, so the totals are identical.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from omzien.matching import scoring
from omzien.matching.scoring import Tables, Vacancy, Volunteer
from omzien.matching.vocabulary import KINDS, REMOTE

_UNKNOWN_BIRTH = np.iinfo(np.int64).max  # sorts after every latest-birth bound: fails min_age


@dataclass(frozen=True)
class Suggestion:
    id: int  # the vacancy (for a volunteer) or the volunteer (for a vacancy)
    total: float


class _Columns:
    """Growable column arrays with a slot per record id."""

    def __init__(self, columns: dict[str, np.dtype]):
        self.dtypes = columns
        self.capacity = 16
        self.n = 0
        self.slot: dict[int, int] = {}
        self.cols = {name: np.zeros(self.capacity, dtype=dt) for name, dt in columns.items()}

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
        return self.cols[name][: self.n]


class _TermIndex:
    """Inverted index: stem → slots whose text contains it."""

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

    def common_counts(self, terms: Iterable[str], n: int) -> np.ndarray:
        """For every slot, how many of ``terms`` its text has."""
        counts = np.zeros(n, dtype=np.int64)
        for term in terms:
            posting = self._arrays.get(term)
            if posting is None:
                posting = np.fromiter(self.postings.get(term, ()), dtype=np.int64)
                self._arrays[term] = posting
            counts[posting] += 1
        return counts


def _top(totals: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` best totals; equal totals by the lower id."""
    if len(totals) > k:
        kth = np.partition(-totals, k - 1)[k - 1]
        keep = np.flatnonzero(-totals <= kth)
        totals, ids, positions = totals[keep], ids[keep], keep
    else:
        positions = np.arange(len(totals))
    return positions[np.lexsort((ids, -totals))][:k]


def _share(common: np.ndarray, size: np.ndarray, empty: float) -> np.ndarray:
    out = np.full(len(common), empty)
    np.divide(common, size, out=out, where=size > 0)
    return out


def _interest(common: np.ndarray, size: np.ndarray) -> np.ndarray:
    """``scoring.interest_value`` of the share where a domain matches, else 0."""
    return np.where(common > 0, scoring.interest_value(_share(common, size, 0.0)), 0.0)


def _similarity(common: np.ndarray, size_a, size_b: np.ndarray) -> np.ndarray:
    out = np.zeros(len(common))
    np.divide(common, np.sqrt(size_a * size_b), out=out, where=common > 0)
    return out


class Engine:
    def __init__(self, tables: Tables):
        self.tables = tables
        # One extra column of inf / 0 so that locality -1 (unknown) indexes "infinitely far".
        self._km = np.hstack([tables.km, np.full((len(tables.km), 1), np.inf)])
        self._proximity = np.hstack([tables.proximity, np.zeros((len(tables.km), 1))])
        self._km_unknown = np.full(len(tables.km) + 1, np.inf)
        self.domain_bit: dict[str, int] = {}
        self.volunteers: dict[int, Volunteer] = {}
        self.vacancies: dict[int, Vacancy] = {}
        self._vol = _Columns(
            {
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
        )
        self._vac = _Columns(
            {
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
        )
        self._vol_tasks, self._vol_motivation = _TermIndex(), _TermIndex()
        self._vac_tasks, self._vac_description = _TermIndex(), _TermIndex()

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

    @staticmethod
    def _set(columns: _Columns, slot: int, values: dict) -> None:
        for name, value in values.items():
            columns.cols[name][slot] = value

    def upsert_volunteer(self, vol: Volunteer) -> None:
        slot = self._vol.slot_for(vol.id)
        self.volunteers[vol.id] = vol
        self._set(
            self._vol,
            slot,
            {
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
            },
        )
        self._vol_tasks.set(slot, vol.task_terms)
        self._vol_motivation.set(slot, vol.motivation_terms)

    def upsert_vacancy(self, vac: Vacancy) -> None:
        slot = self._vac.slot_for(vac.id)
        self.vacancies[vac.id] = vac
        self._set(
            self._vac,
            slot,
            {
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
                "vog_earliest": scoring.earliest_issue_ordinal(
                    vac.start_date, vac.vog_max_age_years
                ),
                "vog_aspects": scoring.aspect_mask(vac.vog_aspects),
                "licence": vac.driving_licence,
                "waiting": scoring.waiting_value(vac.waiting_days),
                "small": scoring.small_organisation_value(vac.organisation_volunteers),
                "n_tasks": len(vac.task_terms),
                "n_description": len(vac.description_terms),
            },
        )
        self._vac_tasks.set(slot, vac.task_terms)
        self._vac_description.set(slot, vac.description_terms)

    def remove_volunteer(self, volunteer_id: int) -> None:
        if self.volunteers.pop(volunteer_id, None) is not None:
            self._vol.cols["ok"][self._vol.slot[volunteer_id]] = False

    def remove_vacancy(self, vacancy_id: int) -> None:
        if self.vacancies.pop(vacancy_id, None) is not None:
            self._vac.cols["ok"][self._vac.slot[vacancy_id]] = False

    # --- Queries -----------------------------------------------------------------------------

    def _from(self, locality: int) -> tuple[np.ndarray, np.ndarray]:
        """Kilometres and nearness from one village to every village, indexable by a record's
        locality (-1, unknown, lands on the extra column: infinitely far, nearness 0). The table
        is symmetric, so the row serves both directions."""
        if locality < 0:
            return self._km_unknown, np.zeros(len(self._km_unknown))
        return self._km[locality], self._proximity[locality]

    @staticmethod
    def _leave_out(columns: _Columns, ok: np.ndarray, ids: Iterable[int]) -> None:
        for record_id in ids:
            slot = columns.slot.get(record_id)
            if slot is not None:
                ok[slot] = False

    def for_volunteer(
        self, volunteer_id: int, k: int = 10, exclude: Iterable[int] = ()
    ) -> list[Suggestion]:
        """The ``k`` best open vacancies for a volunteer, never breaking a hard requirement."""
        vol = self.volunteers.get(volunteer_id)
        if vol is None or not vol.active:
            return []
        c = self._vac
        n = c.n
        ok = c.view("ok") & (c.view("region") == vol.region)
        birth = vol.birth_date.toordinal() if vol.birth_date else _UNKNOWN_BIRTH
        ok &= birth <= c.view("latest_birth")
        if not vol.vog_willing:
            vog_aspects = scoring.aspect_mask(vol.vog_aspects)
            ok &= ~c.view("vog") | (
                (scoring.ordinal(vol.vog_issued_on) >= c.view("vog_earliest"))
                & ((c.view("vog_aspects") & ~vog_aspects) == 0)
            )
        if not vol.driving_licence:
            ok &= ~c.view("licence")
        km_row, proximity_row = self._from(vol.locality)
        ok &= c.view("remote") | (km_row[c.view("locality")] <= vol.travel_km)
        vol_days = scoring.day_mask(vol.day_parts)
        ok &= ~(c.view("fixed_times") & (c.view("days") != 0)) | ((c.view("days") & vol_days) != 0)
        self._leave_out(c, ok, exclude)
        cand = np.flatnonzero(ok)
        if not len(cand):
            return []
        interests = np.uint64(self._domains_mask(vol.interests))
        commit = sum(1 << i for i, kind in enumerate(KINDS) if kind in vol.commitments)
        task_common = self._vac_tasks.common_counts(vol.task_terms, n)[cand]
        text_common = self._vac_description.common_counts(vol.motivation_terms, n)[cand]
        interests_value = _interest(
            np.bitwise_count(c.view("domains")[cand] & interests), c.view("n_domains")[cand]
        )
        tasks_value = _similarity(task_common, len(vol.task_terms), c.view("n_tasks")[cand])
        fits = (interests_value > 0) | (tasks_value > 0)
        values = [
            interests_value,
            tasks_value,
            _share(np.bitwise_count(c.view("days")[cand] & vol_days), c.view("n_days")[cand], 1.0),
            np.where(c.view("remote")[cand], 1.0, proximity_row[c.view("locality")[cand]]),
            ((commit >> c.view("kind")[cand]) & 1).astype(np.float64),
            _similarity(text_common, len(vol.motivation_terms), c.view("n_description")[cand]),
            np.where(fits, c.view("waiting")[cand], 0.0),
            np.where(fits, c.view("small")[cand], 0.0),
        ]
        totals = scoring.add_points(values)
        ids = c.view("id")[cand]
        best = _top(totals, ids, k)
        return [Suggestion(int(ids[i]), float(totals[i])) for i in best]

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
        vac = self.vacancies.get(vacancy_id)
        if vac is None or not vac.open:
            return []
        c = self._vol
        n = c.n
        ok = c.view("ok") & (c.view("region") == vac.region)
        if findable_only:
            ok &= c.view("findable")
        if municipalities is not None:
            ok &= np.isin(c.view("municipality"), list(municipalities))
        if vac.min_age > 0:
            ok &= c.view("birth") <= scoring.latest_birth_ordinal(vac.start_date, vac.min_age)
        if vac.vog_required:
            need = scoring.aspect_mask(vac.vog_aspects)
            ok &= c.view("vog_willing") | (
                (
                    c.view("vog")
                    >= scoring.earliest_issue_ordinal(vac.start_date, vac.vog_max_age_years)
                )
                & ((c.view("vog_aspects") & need) == need)
            )
        if vac.driving_licence:
            ok &= c.view("licence")
        remote = vac.location_kind in REMOTE
        km_row, proximity_row = self._from(vac.locality)
        if not remote:
            ok &= km_row[c.view("locality")] <= c.view("travel")
        vac_days = scoring.day_mask(vac.day_parts)
        if vac.kind in scoring.FIXED_TIMES and vac_days:
            ok &= (c.view("days") & vac_days) != 0
        self._leave_out(c, ok, exclude)
        cand = np.flatnonzero(ok)
        if not len(cand):
            return []
        domains = np.uint64(self._domains_mask(vac.domains))
        task_common = self._vol_tasks.common_counts(vac.task_terms, n)[cand]
        text_common = self._vol_motivation.common_counts(vac.description_terms, n)[cand]
        n_domains = np.full(len(cand), len(vac.domains))
        n_days = np.full(len(cand), len(vac.day_parts))
        distance = np.ones(len(cand)) if remote else proximity_row[c.view("locality")[cand]]
        interests_value = _interest(
            np.bitwise_count(c.view("interests")[cand] & domains), n_domains
        )
        tasks_value = _similarity(task_common, c.view("n_tasks")[cand], len(vac.task_terms))
        fits = (interests_value > 0) | (tasks_value > 0)
        values = [
            interests_value,
            tasks_value,
            _share(np.bitwise_count(c.view("days")[cand] & vac_days), n_days, 1.0),
            distance,
            ((c.view("commit")[cand] >> KINDS.index(vac.kind)) & 1).astype(np.float64),
            _similarity(text_common, c.view("n_motivation")[cand], len(vac.description_terms)),
            np.where(fits, scoring.waiting_value(vac.waiting_days), 0.0),
            np.where(fits, scoring.small_organisation_value(vac.organisation_volunteers), 0.0),
        ]
        totals = scoring.add_points(values)
        ids = c.view("id")[cand]
        best = _top(totals, ids, k)
        return [Suggestion(int(ids[i]), float(totals[i])) for i in best]

    def explain(self, volunteer_id: int, vacancy_id: int) -> scoring.Score | None:
        """The parts of one pair's score, from the reference scoring of the stored records."""
        vol, vac = self.volunteers.get(volunteer_id), self.vacancies.get(vacancy_id)
        if vol is None or vac is None:
            return None
        return scoring.score_pair(vol, vac, self.tables)


def build(tables: Tables, volunteers: Iterable[Volunteer], vacancies: Iterable[Vacancy]) -> Engine:
    engine = Engine(tables)
    for vol in volunteers:
        engine.upsert_volunteer(vol)
    for vac in vacancies:
        engine.upsert_vacancy(vac)
    return engine
