"""The engine's two queries as compiled loops (Numba, ADR 0013).

NumPy did a query in some fifty passes, each reading whole columns and writing a temporary one.
Here one pass goes through a store's slots 64 at a time:

1. without a branch, so that the compiler uses vector instructions: whether each slot is
   current and of the region, free on one of the vacancy's day-parts where it has fixed times
   (the requirement that fails most often), and whether it could still be among the best ``k``
   found so far, judged by an upper bound of its total (every part that needs a division or a
   table at its most); the answers are the 64 bits of one number. Its indexes are unsigned:
   with a signed index Numba checks each for a negative value, and that check alone kept the
   loop from vector instructions (seven times slower);
2. then only the slots whose bit is set, one by one: the other hard requirements, the exact
   total, and the best ``k`` so far (ties by the lower id).

The exact total is that of ``scoring.score_pair``, operation for operation and in the same
order (no ``fastmath``, so no reordering or fused multiply-add), so it is identical to the
reference; ``test_engine`` checks that with Hypothesis. Rounding is monotonic, so a total is
never above its bound. What the loops need of ``scoring`` (the weights, the interests part)
comes in as arguments (``engine.SCORE``), not as globals: Numba's cache on disk
(``cache=True``: beside this file, or in ``NUMBA_CACHE_DIR``) is only renewed when this file
changes.
"""

import numba
import numpy as np
from numba.cpython.unsafe.numbers import trailing_zeros


@numba.njit(inline="always")
def _bits(mask) -> int:
    """The number of bits set in a non-negative mask."""
    bits = np.uint64(mask)
    bits = bits - ((bits >> np.uint64(1)) & np.uint64(0x5555555555555555))
    bits = (bits & np.uint64(0x3333333333333333)) + (
        (bits >> np.uint64(2)) & np.uint64(0x3333333333333333)
    )
    bits = (bits + (bits >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    bits = bits + (bits >> np.uint64(8))
    bits = bits + (bits >> np.uint64(16))
    return (bits + (bits >> np.uint64(32))) & np.uint64(0x7F)


@numba.njit(inline="always")
def _share(common, size, empty: float) -> float:
    return common / size if size > 0 else empty


@numba.njit(inline="always")
def _similarity(common, size_a, size_b) -> float:
    return common / np.sqrt(size_a * size_b) if common > 0 else 0.0


@numba.njit(inline="always")
def _total(weights, interests, tasks, day_parts, distance, commitment, text, fits, waiting, small):
    """``scoring.add_points`` of the eight parts (``weights`` in the order of ``engine.PARTS``):
    the same multiplications and additions in the same order."""
    total = weights[0] * interests
    total = total + weights[1] * tasks
    total = total + weights[2] * day_parts
    total = total + weights[3] * distance
    total = total + weights[4] * commitment
    total = total + weights[5] * text
    total = total + weights[6] * (waiting if fits else 0.0)
    return total + weights[7] * (small if fits else 0.0)


@numba.njit(inline="always")
def _offer(totals, ids, found: int, total: float, record_id: int) -> int:
    """Keep ``totals``/``ids`` the best ``len(totals)`` so far, best first, equal totals by the
    lower id; returns how many are kept."""
    k = len(totals)
    if found == k:
        if total < totals[k - 1] or (total == totals[k - 1] and record_id > ids[k - 1]):
            return found
        j = k - 1
    else:
        j = found
        found += 1
    while j > 0 and (totals[j - 1] < total or (totals[j - 1] == total and ids[j - 1] > record_id)):
        totals[j] = totals[j - 1]
        ids[j] = ids[j - 1]
        j -= 1
    totals[j] = total
    ids[j] = record_id
    return found


@numba.njit(inline="always")
def _counts(postings, n: int):
    """For every slot, how many of the query's stems its text has (``postings``: an array of
    slots, and where each stem's slots start and end in it). In 16 bits, which halves what the
    query reads; ``text.MAX_TERMS`` keeps every count below 65,536."""
    slots, starts, ends = postings
    counts = np.zeros(n, dtype=np.uint16)
    for term in range(len(starts)):
        term_slots = slots[starts[term] : ends[term]]
        for j in range(len(term_slots)):
            # Unsigned: without the check for a negative index the loop takes half the time.
            counts[np.uint32(term_slots[j])] += np.uint16(1)
    return counts


@numba.njit(inline="always")
def _among(values, value) -> bool:
    """Whether the sorted array ``values`` holds ``value``."""
    if not len(values):
        return False
    i = np.searchsorted(values, value)
    return i < len(values) and values[i] == value


@numba.njit(inline="always")
def _run_end(values, lo: int, hi: int, value) -> int:
    """Where the run of ``value`` from ``lo`` ends in ``values`` (sorted), before ``hi``."""
    while lo < hi:
        mid = (lo + hi) >> 1
        if values[mid] == value:
            lo = mid + 1
        else:
            hi = mid
    return lo


@numba.njit(inline="always")
def _far_enough_end(travel, lo: int, hi: int, km: float) -> int:
    """Where, in ``travel[lo:hi]`` (farthest first), the distances of at least ``km`` end."""
    while lo < hi:
        mid = (lo + hi) >> 1
        if not km > travel[mid]:
            lo = mid + 1
        else:
            hi = mid
    return lo


@numba.njit(inline="always", cache=True)  # cached: tests also call it on its own
def near_enough(locality, travel, km_row, proximity_row, by_locality: bool):
    """The blocks of at most 64 slots that may be near enough for a vacancy whose kilometres and
    nearness to every locality are ``km_row`` and ``proximity_row``: ``(starts, ends, near)``,
    ``near`` the distance part of each block's slots.

    Every slot, in one range of nearness 1 (the most: a store in no order, or a vacancy without
    a distance), unless the store is ordered by locality and then by travel distance, farthest
    first (``by_locality``, a snapshot's): then, of each locality's run, only its first slots,
    of those who travel at least that far, the nearest localities first (so the best totals,
    and the bound that skips the rest, come early)."""
    n = len(locality)
    run_starts = np.zeros(1, dtype=np.int64)
    run_ends = np.full(1, n, dtype=np.int64)
    run_near = np.ones(1)
    if by_locality:
        runs = len(km_row)  # at most one per locality (-1, unknown, included)
        run_starts, run_ends, run_near = (
            np.empty(runs, np.int64),
            np.empty(runs, np.int64),
            np.empty(runs),
        )
        count = 0
        i = 0
        while i < n:
            end = _run_end(locality, i + 1, n, locality[i])
            # Locality -1 (unknown) reads the extra column: infinitely far.
            far_enough = _far_enough_end(travel, i, end, km_row[locality[i]])
            if far_enough > i:
                run_starts[count], run_ends[count] = i, far_enough
                run_near[count] = proximity_row[locality[i]]
                count += 1
            i = end
        order = np.argsort(-run_near[:count], kind="mergesort")
        run_starts, run_ends, run_near = run_starts[order], run_ends[order], run_near[order]
    size = n // 64 + len(run_starts)  # a partial block per run at most
    starts, ends, near = np.empty(size, np.int64), np.empty(size, np.int64), np.empty(size)
    count = 0
    for run in range(len(run_starts)):
        for start in range(run_starts[run], run_ends[run], 64):
            starts[count], ends[count] = start, min(start + 64, run_ends[run])
            near[count] = run_near[run]
            count += 1
    return starts[:count], ends[:count], near[:count]


@numba.njit(cache=True, nogil=True, error_model="numpy")
def volunteers_for(
    vac, km_row, proximity_row, cols, task_postings, text_postings, limits, by_locality, score, k
):
    """The ``k`` best volunteers of a store for one vacancy: ``(totals, ids, found)``.

    ``vac``: the vacancy's columns as a tuple, in the order of ``engine.VACANCY_COLUMNS``;
    ``cols``: the store's volunteer columns, in the order of ``engine.VOLUNTEER_COLUMNS``;
    ``limits``: ``(usable, findable_only, municipalities, use_municipalities, excluded)``: the
    base slots still current (empty: all), whether only findable volunteers count, the
    municipalities allowed, and the slots left out (sorted); ``by_locality``: whether the
    store's slots are ordered by locality and travel distance (``near_enough``);
    ``score``: ``engine.SCORE``."""
    (
        _id,
        _ok,
        region,
        domains,
        n_domains,
        days,
        n_days,
        kind,
        fixed_times,
        remote,
        _locality,
        _start,
        latest_birth,
        vog,
        vog_earliest,
        vog_aspects,
        licence,
        waiting,
        small,
        n_tasks,
        n_description,
    ) = vac
    (
        ids,
        ok,
        c_region,
        c_municipality,
        c_interests,
        c_days,
        c_commit,
        c_locality,
        c_travel,
        c_birth,
        c_vog,
        c_vog_aspects,
        c_vog_willing,
        c_licence,
        c_findable,
        c_n_tasks,
        c_n_motivation,
    ) = cols
    usable, findable_only, municipalities, use_municipalities, excluded = limits
    n = len(ids)
    task_counts = _counts(task_postings, n)
    text_counts = _counts(text_postings, n)
    check_days = fixed_times and days != 0
    weights, interest_table = score
    # The parts that depend on a count of bits, for every count: looked up, not divided.
    interest_of = interest_table[:, n_domains]
    day_parts_of = np.empty(65)
    for bits in range(65):
        day_parts_of[bits] = _share(bits, n_days, 1.0)
    totals = np.empty(k, dtype=np.float64)
    top_ids = np.empty(k, dtype=np.int64)
    found = 0
    kth = -np.inf  # the k-th best total so far
    nearness = np.nan  # the distance part of the block's slots (1: unknown, or no distance)
    reachable = np.int64(0xFFFF)  # bit ``has``: a slot with those things can still be among the k
    starts, ends, near = near_enough(
        c_locality, c_travel, km_row, proximity_row, by_locality and not remote
    )
    for block in range(len(starts)):
        start, stop = starts[block], ends[block]
        if near[block] != nearness or (found == k and totals[k - 1] != kth):
            kth = totals[k - 1] if found == k else -np.inf
            nearness = near[block]
            # The most a slot can reach, by which of four things it has: a domain in its
            # interests, a stem in common with the tasks, the kind of commitment, a stem in
            # common with the description (every part that needs a division or a table at its
            # most, 1; the distance part that of the block's locality).
            reachable = np.int64(0)
            for has in range(16):
                best = _total(
                    weights,
                    1.0 if has & 1 else 0.0,
                    1.0 if has & 2 else 0.0,
                    1.0,
                    nearness,
                    1.0 if has & 4 else 0.0,
                    1.0 if has & 8 else 0.0,
                    (has & 3) != 0,
                    waiting,
                    small,
                )
                if best >= kth:
                    reachable |= np.int64(1) << np.int64(has)
            if not reachable:
                continue
        # 64 slots at a time, in integers and without a branch (so with vector instructions):
        # whether the slot is current, of the region, free on a day-part of a vacancy with
        # fixed times and can still be among the k best; a bit of ``passes`` for each that is.
        passes = np.uint64(0)
        first = np.uint64(start)  # unsigned: no check for a negative index, so vectorised
        for j in range(stop - start):
            i = first + np.uint64(j)
            has = (
                np.int64((c_interests[i] & domains) != 0)
                | (np.int64(task_counts[i] > 0) << np.int64(1))
                | (((c_commit[i] >> kind) & np.int64(1)) << np.int64(2))
                | (np.int64(text_counts[i] > 0) << np.int64(3))
            )
            passes |= np.uint64(
                ((reachable >> has) & np.int64(1))
                & (c_region[i] == region)
                & ok[i]
                & (not check_days or (c_days[i] & days) != 0)
            ) << np.uint64(j)
        # Then those slots one by one: the other hard requirements, then the exact total
        # (rounding is monotonic, so it is never above the bound).
        while passes:
            i = first + np.uint64(trailing_zeros(passes))
            passes &= passes - np.uint64(1)
            if (findable_only and not c_findable[i]) or c_birth[i] > latest_birth:
                continue
            if not remote and km_row[c_locality[i]] > c_travel[i]:
                continue
            if (
                vog
                and not c_vog_willing[i]
                and (c_vog[i] < vog_earliest or (c_vog_aspects[i] & vog_aspects) != vog_aspects)
            ):
                continue
            if licence and not c_licence[i]:
                continue
            interests = interest_of[_bits(c_interests[i] & domains)]
            tasks_common, text_common = task_counts[i], text_counts[i]
            distance = 1.0 if remote else proximity_row[c_locality[i]]
            commitment = float((c_commit[i] >> kind) & 1)
            day_parts = day_parts_of[_bits(c_days[i] & days)]
            tasks = _similarity(tasks_common, c_n_tasks[i], n_tasks)
            total = _total(
                weights,
                interests,
                tasks,
                day_parts,
                distance,
                commitment,
                _similarity(text_common, c_n_motivation[i], n_description),
                interests > 0 or tasks > 0,
                waiting,
                small,
            )
            if found == k and total < totals[k - 1]:
                continue
            if len(usable) and not usable[i]:
                continue
            if use_municipalities and not _among(municipalities, c_municipality[i]):
                continue
            if _among(excluded, np.int64(i)):
                continue
            found = _offer(totals, top_ids, found, total, ids[i])
    return totals, top_ids, found


@numba.njit(cache=True, nogil=True, error_model="numpy")
def vacancies_for(vol, km_row, proximity_row, cols, task_postings, text_postings, limits, score, k):
    """The ``k`` best vacancies of a store for one volunteer: ``(totals, ids, found)``.

    ``vol``: the volunteer's columns as a tuple, in the order of ``engine.VOLUNTEER_COLUMNS``;
    ``cols``: the store's vacancy columns, in the order of ``engine.VACANCY_COLUMNS``;
    ``limits``: ``(usable, excluded)``; ``score``: ``engine.SCORE``."""
    (
        _id,
        _ok,
        region,
        _municipality,
        interests,
        days,
        commit,
        locality,
        travel,
        birth,
        vog,
        vog_aspects,
        vog_willing,
        licence,
        _findable,
        n_tasks,
        n_motivation,
    ) = vol
    (
        ids,
        ok,
        c_region,
        c_domains,
        c_n_domains,
        c_days,
        c_n_days,
        c_kind,
        c_fixed_times,
        c_remote,
        c_locality,
        _start,
        c_latest_birth,
        c_vog,
        c_vog_earliest,
        c_vog_aspects,
        c_licence,
        c_waiting,
        c_small,
        c_n_tasks,
        c_n_description,
    ) = cols
    usable, excluded = limits
    weights, interest_table = score
    n = len(ids)
    task_counts = _counts(task_postings, n)
    text_counts = _counts(text_postings, n)
    totals = np.empty(k, dtype=np.float64)
    top_ids = np.empty(k, dtype=np.int64)
    found = 0
    for start in range(0, n, 64):
        # As in ``volunteers_for``: the cheap checks and the bound for 64 slots at a time,
        kth = totals[k - 1] if found == k else -np.inf
        passes = np.uint64(0)
        for j in range(min(64, n - start)):
            i = start + j
            domain_match = (c_domains[i] & interests) != 0
            tasks_match = task_counts[i] > 0
            bound = _total(
                weights,
                1.0 if domain_match else 0.0,
                1.0 if tasks_match else 0.0,
                1.0,
                1.0,
                1.0 if (commit >> c_kind[i]) & 1 else 0.0,
                1.0 if text_counts[i] > 0 else 0.0,
                domain_match | tasks_match,
                c_waiting[i],
                c_small[i],
            )
            passes |= np.uint64((bound >= kth) & (c_region[i] == region) & ok[i]) << np.uint64(j)
        # then the rest one by one.
        while passes:
            i = start + trailing_zeros(passes)
            passes &= passes - np.uint64(1)
            if birth > c_latest_birth[i] or (c_licence[i] and not licence):
                continue
            if (
                not vog_willing
                and c_vog[i]
                and (vog < c_vog_earliest[i] or (c_vog_aspects[i] & ~vog_aspects) != 0)
            ):
                continue
            if not c_remote[i] and km_row[c_locality[i]] > travel:
                continue
            if c_fixed_times[i] and c_days[i] != 0 and (c_days[i] & days) == 0:
                continue
            interest = interest_table[_bits(c_domains[i] & interests), c_n_domains[i]]
            tasks = _similarity(task_counts[i], n_tasks, c_n_tasks[i])
            total = _total(
                weights,
                interest,
                tasks,
                _share(_bits(c_days[i] & days), c_n_days[i], 1.0),
                1.0 if c_remote[i] else proximity_row[c_locality[i]],
                float((commit >> c_kind[i]) & 1),
                _similarity(text_counts[i], n_motivation, c_n_description[i]),
                interest > 0 or tasks > 0,
                c_waiting[i],
                c_small[i],
            )
            if found == k and total < totals[k - 1]:
                continue
            if len(usable) and not usable[i]:
                continue
            if _among(excluded, i):
                continue
            found = _offer(totals, top_ids, found, total, ids[i])
    return totals, top_ids, found
