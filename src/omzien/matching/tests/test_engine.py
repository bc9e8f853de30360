"""The engine against the reference, and the hard requirements; no database needed."""

import datetime
import math
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omzien.matching import geo, snapshot, synthetic, text
from omzien.matching.engine import build, preload
from omzien.matching.scoring import (
    PARTS,
    WEIGHTS,
    Tables,
    Vacancy,
    Volunteer,
    hard_failures,
    reference_for_vacancy,
    reference_for_volunteer,
    score_pair,
)
from omzien.matching.vocabulary import (
    DAY_PARTS,
    KINDS,
    VOG_ASPECTS,
    day_parts_between,
    schedule_day_parts,
)
from omzien.testing.hypothesis import examples

TODAY = datetime.date(2026, 11, 30)
POINTS = [(52.387, 6.042), (52.432, 6.075), (52.34, 6.065), (52.475, 6.063), (52.30, 5.90)]
TABLES = Tables(geo.distance_table([*POINTS, None]))  # the last locality has no coordinates
DOMAINS = synthetic.DOMAINS[:6]
WORDS = synthetic.WORDS[:12]

words = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)
dates = st.one_of(st.none(), st.dates(datetime.date(1940, 1, 1), datetime.date(2030, 12, 31)))


@st.composite
def volunteers(draw):
    return Volunteer(
        id=draw(st.integers(1, 40)),
        region=draw(st.integers(0, 1)),
        municipality=draw(st.integers(0, 2)),
        interests=draw(st.frozensets(st.sampled_from(DOMAINS))),
        tasks_liked=draw(words),
        motivation=draw(words),
        day_parts=draw(st.frozensets(st.sampled_from(DAY_PARTS[:6]))),
        commitments=draw(st.frozensets(st.sampled_from(KINDS))),
        locality=draw(st.integers(-1, len(POINTS))),
        travel_km=draw(st.sampled_from([0.0, 2.0, 5.0, 10.0, 25.0])),
        birth_date=draw(dates),
        vog_issued_on=draw(dates),
        vog_aspects=draw(st.frozensets(st.sampled_from(VOG_ASPECTS))),
        vog_willing=draw(st.booleans()),
        driving_licence=draw(st.booleans()),
        findable_by_organisations=draw(st.booleans()),
        active=draw(st.booleans()),
    )


@st.composite
def vacancies(draw):
    return Vacancy(
        id=draw(st.integers(1, 40)),
        region=draw(st.integers(0, 1)),
        organisation=draw(st.integers(0, 3)),
        start_date=draw(st.dates(TODAY, datetime.date(2027, 3, 1))),
        domains=draw(st.frozensets(st.sampled_from(DOMAINS))),
        title=draw(words),
        tasks=draw(words),
        description=draw(words),
        kind=draw(st.sampled_from(KINDS)),
        day_parts=draw(st.frozensets(st.sampled_from(DAY_PARTS[:6]))),
        location_kind=draw(st.sampled_from(["address", "address", "at_home", "online"])),
        locality=draw(st.integers(-1, len(POINTS))),
        min_age=draw(st.sampled_from([0, 16, 18])),
        vog_required=draw(st.booleans()),
        vog_aspects=draw(st.frozensets(st.sampled_from(VOG_ASPECTS))),
        vog_max_age_years=draw(st.sampled_from([1, 3, 5])),
        driving_licence=draw(st.booleans()),
        waiting_days=draw(st.integers(0, 60)),
        organisation_volunteers=draw(st.integers(0, 20)),
        open=draw(st.booleans()),
    )


def unique(records):
    return list({r.id: r for r in records}.values())


people = st.lists(volunteers(), max_size=25).map(unique)
work = st.lists(vacancies(), max_size=25).map(unique)


def by_id(records):
    return {r.id: r for r in records}


def as_pairs(suggestions):
    return [(s.id, s.total) for s in suggestions]


def ref_pairs(scores, key="vacancy_id"):
    return [(getattr(s, key), s.total) for s in scores]


@settings(max_examples=examples(150), deadline=None)
@given(people, work, st.integers(1, 5), st.data())
def test_engine_equals_reference_and_never_breaks_a_hard_requirement(vols, vacs, k, data):
    engine = build(TABLES, vols, vacs)
    for vol in vols:
        exclude = data.draw(
            st.frozensets(st.sampled_from([v.id for v in vacs]) if vacs else st.nothing())
        )
        found = engine.for_volunteer(vol.id, k=k, exclude=exclude)
        assert as_pairs(found) == ref_pairs(reference_for_volunteer(vol, vacs, TABLES, k, exclude))
        for suggestion in found:
            vac = by_id(vacs)[suggestion.id]
            assert hard_failures(vol, vac, TABLES) == []
            assert suggestion.id not in exclude
    for vac in vacs:
        for findable_only in (True, False):
            municipalities = data.draw(st.one_of(st.none(), st.frozensets(st.integers(0, 2))))
            found = engine.for_vacancy(
                vac.id, k=k, findable_only=findable_only, municipalities=municipalities
            )
            expected = reference_for_vacancy(
                vac, vols, TABLES, k, findable_only, municipalities=municipalities
            )
            assert as_pairs(found) == ref_pairs(expected, "volunteer_id")
            for suggestion in found:
                vol = by_id(vols)[suggestion.id]
                assert hard_failures(vol, vac, TABLES) == []
                assert vol.findable_by_organisations or not findable_only


@settings(max_examples=examples(80), deadline=None)
@given(people, work, people, work, st.booleans(), st.data())
def test_engine_stays_correct_when_records_change_between_calls(
    vols, vacs, new_vols, new_vacs, from_snapshot, data
):
    """Changes on an engine built in the process, or on one mapping a snapshot (where the
    changes go to the overlay and hide the snapshot's version)."""
    with tempfile.TemporaryDirectory() as root:
        engine = build(TABLES, vols, vacs)
        if from_snapshot:
            snapshot.write(engine, root, {})
            engine, _meta = snapshot.load(root)
        check_changes(engine, vols, vacs, new_vols, new_vacs, data)


def check_changes(engine, vols, vacs, new_vols, new_vacs, data):
    current_vols = {v.id: v for v in vols}
    current_vacs = {v.id: v for v in vacs}
    for vol in new_vols:  # new and edited profiles (same ids overwrite)
        engine.upsert_volunteer(vol)
        current_vols[vol.id] = vol
    for vac in new_vacs:
        engine.upsert_vacancy(vac)
        current_vacs[vac.id] = vac
    gone_vols = (
        data.draw(st.frozensets(st.sampled_from(sorted(current_vols)))) if current_vols else ()
    )
    gone_vacs = (
        data.draw(st.frozensets(st.sampled_from(sorted(current_vacs)))) if current_vacs else ()
    )
    for vid in gone_vols:
        engine.remove_volunteer(vid)
        del current_vols[vid]
    for vid in gone_vacs:
        engine.remove_vacancy(vid)
        del current_vacs[vid]
    for vol in current_vols.values():
        expected = reference_for_volunteer(vol, current_vacs.values(), TABLES)
        assert as_pairs(engine.for_volunteer(vol.id)) == ref_pairs(expected)
    for vac in current_vacs.values():
        expected = reference_for_vacancy(vac, current_vols.values(), TABLES, findable_only=False)
        found = engine.for_vacancy(vac.id, findable_only=False)
        assert as_pairs(found) == ref_pairs(expected, "volunteer_id")
    for vid in gone_vols:
        assert engine.for_volunteer(vid) == []
    for vid in gone_vacs:
        assert engine.for_vacancy(vid) == []
    assert engine.volunteer_ids() == set(current_vols)
    assert engine.vacancy_ids() == set(current_vacs)


@settings(max_examples=examples(60), deadline=None)
@given(people, work, st.integers(1, 5))
def test_a_snapshot_answers_as_the_engine_it_was_written_from(vols, vacs, k):
    built = build(TABLES, vols, vacs)
    with tempfile.TemporaryDirectory() as root:
        version = snapshot.write(built, root, {"note": "kept"})
        mapped, meta = snapshot.load(root)
        assert meta["version"] == version == snapshot.current_version(root)
        assert meta["note"] == "kept" and meta["volunteers"] == len(vols)
        assert mapped.has_base and mapped.overlay_size() == 0
        for vol in vols:
            assert mapped.for_volunteer(vol.id, k=k) == built.for_volunteer(vol.id, k=k)
        for vac in vacs:
            assert mapped.for_vacancy(vac.id, k=k, findable_only=False) == built.for_vacancy(
                vac.id, k=k, findable_only=False
            )


# Where volunteers live and how far they travel (unknown and unlimited distances included),
# many to a village, so that a village's run spans several blocks of 64.
homes = st.lists(
    st.tuples(
        st.integers(-1, len(POINTS)),
        st.sampled_from([0.0, 2.0, 5.0, 10.0, 25.0, math.inf, math.nan]),
    ),
    max_size=300,
)


@settings(max_examples=examples(100), deadline=None)
@given(homes, st.integers(-1, len(POINTS)), st.booleans())
def test_a_snapshot_query_for_a_vacancy_reads_only_who_travels_that_far(homes, locality, ordered):
    # A snapshot orders volunteers by locality, then travel distance, farthest first; a query
    # for a vacancy then reads, of each locality, only those who travel at least that far.
    from omzien.matching import kernel

    vols = [
        Volunteer(id=i, region=0, locality=home, travel_km=travel)
        for i, (home, travel) in enumerate(homes, start=1)
    ]
    engine = build(TABLES, vols, [])
    store = engine._vol.overlay
    order = snapshot._order(store, ordered)
    localities, travel = store.view("locality")[order], store.view("travel")[order]
    km_row, proximity_row = engine._from(locality)
    starts, ends, nearness = kernel.near_enough(localities, travel, km_row, proximity_row, ordered)
    blocks = list(zip(starts.tolist(), ends.tolist(), nearness.tolist(), strict=True))
    read = [slot for start, end, _near in blocks for slot in range(start, end)]
    assert len(read) == len(set(read)) and all(0 < end - start <= 64 for start, end, _ in blocks)
    # Each block's nearness is that of its slots, the nearest first.
    for start, end, block_near in blocks:
        expected = proximity_row[localities[start:end]] if ordered else [1.0]
        assert set(expected) == {block_near}
    assert [block_near for *_, block_near in blocks] == sorted(nearness, reverse=True)
    near = [slot for slot in range(store.n) if not km_row[localities[slot]] > travel[slot]]
    assert sorted(read) == (near if ordered else list(range(store.n)))


def test_a_new_snapshot_replaces_the_current_one_and_old_ones_are_pruned(tmp_path):
    vol, vac = pair()
    versions = [snapshot.write(build(TABLES, [vol], [vac]), tmp_path, {}) for _ in range(4)]
    assert snapshot.current_version(tmp_path) == versions[-1]
    kept = sorted(p.name for p in tmp_path.iterdir() if p.is_dir() and p.name != "current")
    assert kept == versions[-snapshot.KEEP :]
    engine, _meta = snapshot.load(tmp_path)
    assert [s.id for s in engine.for_volunteer(vol.id)] == [vac.id]
    assert snapshot.load(tmp_path / "nothing-here") is None


def test_each_compiled_loop_serves_every_kind_of_engine_with_one_compilation(tmp_path):
    # Snapshot and overlay, with and without a municipality limit or records left out: one set
    # of types, so a process loads one compiled loop from Numba's cache and never compiles.
    from omzien.matching import kernel

    preload()
    vol, vac = pair()
    built = build(TABLES, [vol], [vac])
    snapshot.write(built, tmp_path, {})
    mapped, _meta = snapshot.load(tmp_path)
    mapped.upsert_vacancy(Vacancy(**{**vac.__dict__, "id": 8}))
    assert [s.id for s in built.for_volunteer(vol.id, exclude=[5])] == [7]
    assert [s.id for s in mapped.for_volunteer(vol.id, exclude=[5])] == [7, 8]
    for each in (built, mapped):
        assert [s.id for s in each.for_vacancy(vac.id, municipalities=[0], exclude=[9])] == [1]
    assert len(kernel.volunteers_for.signatures) == len(kernel.vacancies_for.signatures) == 1


def test_a_snapshot_engine_cannot_be_written_again(tmp_path):
    vol, vac = pair()
    snapshot.write(build(TABLES, [vol], [vac]), tmp_path, {})
    engine, _meta = snapshot.load(tmp_path)
    with pytest.raises(ValueError):
        snapshot.write(engine, tmp_path, {})


@settings(max_examples=examples(300), deadline=None)
@given(volunteers(), vacancies())
def test_score_is_the_sum_of_its_named_parts(vol, vac):
    score = score_pair(vol, vac, TABLES)
    if hard_failures(vol, vac, TABLES):
        assert score is None
        return
    assert [p.name for p in score.parts] == list(PARTS)
    assert math.isclose(sum(p.points for p in score.parts), score.total)
    for part in score.parts:
        assert 0.0 <= part.value <= 1.0
        assert part.points == WEIGHTS[part.name] * part.value
    assert set(score.part("interests").detail) == vol.interests & vac.domains
    assert set(score.part("day_parts").detail) <= vol.day_parts & vac.day_parts
    assert set(score.part("tasks").detail) == vol.task_terms & vac.task_terms
    assert set(score.part("text").detail) == vol.motivation_terms & vac.description_terms
    assert (score.part("interests").value > 0) == bool(score.part("interests").detail)


def test_weights_add_up_to_one():
    assert math.isclose(sum(WEIGHTS.values()), 1.0)


# --- Each hard requirement, by example -------------------------------------------------------

START = datetime.date(2027, 1, 15)


def pair(**changes):
    vol = {
        "id": 1,
        "region": 0,
        "interests": frozenset({"nature"}),
        "day_parts": frozenset({"tue_morning"}),
        "commitments": frozenset({"structural"}),
        "locality": 0,
        "travel_km": 10.0,
        "birth_date": datetime.date(1990, 5, 1),
        "vog_issued_on": datetime.date(2025, 6, 1),
        "vog_aspects": frozenset({"85"}),
        "findable_by_organisations": True,
    }
    vac = {
        "id": 7,
        "region": 0,
        "organisation": 1,
        "start_date": START,
        "domains": frozenset({"nature"}),
        "kind": "structural",
        "day_parts": frozenset({"tue_morning"}),
        "locality": 1,
    }
    for key, value in changes.items():
        side, field = key.split("__")
        (vol if side == "vol" else vac)[field] = value
    return Volunteer(**vol), Vacancy(**vac)


def failures(**changes):
    vol, vac = pair(**changes)
    engine = build(TABLES, [vol], [vac])
    suggested = [s.id for s in engine.for_volunteer(vol.id)]
    found = [s.id for s in engine.for_vacancy(vac.id, findable_only=False)]
    assert (suggested == [vac.id]) == (found == [vol.id]) == (not hard_failures(vol, vac, TABLES))
    return hard_failures(vol, vac, TABLES)


def test_a_fitting_pair_is_suggested_both_ways():
    assert failures() == []


def test_minimum_age_is_checked_on_the_start_date():
    assert failures(vac__min_age=18, vol__birth_date=datetime.date(2009, 1, 15)) == []
    assert failures(vac__min_age=18, vol__birth_date=datetime.date(2009, 1, 16)) == ["age"]
    assert failures(vac__min_age=18, vol__birth_date=None) == ["age"]
    assert failures(vac__min_age=0, vol__birth_date=None) == []


def test_a_vog_fits_when_young_enough_on_the_start_date_and_covering_the_aspects():
    three_years = START.replace(year=START.year - 3)
    assert failures(vac__vog_required=True, vol__vog_issued_on=three_years) == []
    too_old = three_years - datetime.timedelta(days=1)
    assert failures(vac__vog_required=True, vol__vog_issued_on=too_old) == ["vog"]
    assert (
        failures(vac__vog_required=True, vac__vog_max_age_years=5, vol__vog_issued_on=too_old) == []
    )
    assert failures(vac__vog_required=True, vol__vog_issued_on=None) == ["vog"]
    assert failures(vac__vog_required=True, vac__vog_aspects=frozenset({"85"})) == []
    assert failures(vac__vog_required=True, vac__vog_aspects=frozenset({"84", "85"})) == ["vog"]
    assert failures(vac__vog_required=False, vol__vog_issued_on=None) == []


def test_a_volunteer_willing_to_request_a_vog_is_offered_work_that_needs_one():
    assert failures(vac__vog_required=True, vol__vog_issued_on=None, vol__vog_willing=True) == []
    assert (
        failures(
            vac__vog_required=True,
            vac__vog_aspects=frozenset({"84"}),
            vol__vog_issued_on=datetime.date(2010, 1, 1),
            vol__vog_willing=True,
        )
        == []
    )


def test_distance_beyond_what_the_volunteer_accepts_unless_at_home_or_online():
    km = TABLES.km[0][3]  # Heerde to Hattem, about 10 km
    assert failures(vac__locality=3, vol__travel_km=float(math.ceil(km))) == []
    assert failures(vac__locality=3, vol__travel_km=float(math.floor(km))) == ["distance"]
    assert failures(vac__locality=3, vol__travel_km=1.0, vac__location_kind="at_home") == []
    assert failures(vac__locality=3, vol__travel_km=1.0, vac__location_kind="online") == []
    assert failures(vac__locality=5) == ["distance"]  # a locality without coordinates


def test_structural_work_needs_a_day_part_in_common():
    assert failures(vol__day_parts=frozenset({"wed_evening"})) == ["day_parts"]
    assert failures(vol__day_parts=frozenset({"wed_evening"}), vac__kind="short_term") == []
    assert failures(vol__day_parts=frozenset({"wed_evening"}), vac__day_parts=frozenset()) == []


def test_a_one_off_task_at_a_time_the_volunteer_is_not_available_is_not_suggested():
    # Tuesday 2026-12-08 from 10:00 to 13:30: Tuesday morning and afternoon.
    when = schedule_day_parts("one_off", [], at(2026, 12, 8, 10), at(2026, 12, 8, 13, 30))
    assert when == {"tue_morning", "tue_afternoon"}
    one_off = {"vac__kind": "one_off", "vac__day_parts": when}
    assert failures(**one_off, vol__day_parts=frozenset({"wed_evening"})) == ["day_parts"]
    assert failures(**one_off, vol__day_parts=frozenset({"tue_afternoon"})) == []
    # Without a date and time the task has no day-parts, and nothing to miss.
    assert failures(vac__kind="one_off", vac__day_parts=frozenset()) == []


def at(*args) -> datetime.datetime:
    """A local date and time (the adapter passes local times; the zone plays no part)."""
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def test_the_day_parts_of_a_date_and_time():
    assert day_parts_between(at(2026, 12, 5, 9)) == {"sat_morning"}
    assert day_parts_between(at(2026, 12, 5, 11, 59), at(2026, 12, 5, 12)) == {"sat_morning"}
    assert day_parts_between(at(2026, 12, 5, 12)) == {"sat_afternoon"}
    assert day_parts_between(at(2026, 12, 5, 17), at(2026, 12, 5, 21)) == {
        "sat_afternoon",
        "sat_evening",
    }
    assert day_parts_between(at(2026, 12, 5, 20), at(2026, 12, 6, 2)) == {"sat_evening"}
    assert schedule_day_parts("structural", ["mon_morning"], at(2026, 12, 5, 20)) == {"mon_morning"}


def test_interests_and_tasks_come_before_nearness_and_boosts():
    """Issue 15: a new profile with interests Maatje and Zorg (nothing else yet) was offered the
    buurtbus and nature work first. Work in those interests now comes first, though the other is
    nearer, has waited longer, belongs to a smaller organisation and the matching work lies in a
    second domain too."""
    weekdays = frozenset(c for c in DAY_PARTS if not c.startswith(("sat", "sun")))
    vol = Volunteer(
        id=1,
        region=0,
        interests=frozenset({"buddy", "care_welfare"}),
        day_parts=weekdays | {"sat_morning"},
        commitments=frozenset({"structural"}),
        locality=0,
        travel_km=25.0,
        driving_licence=True,
    )
    common = {"region": 0, "start_date": START, "kind": "structural"}
    other = {"locality": 0, "waiting_days": 60, "organisation_volunteers": 0}
    bus = Vacancy(
        id=1, organisation=1, domains=frozenset({"transport"}), title="Chauffeur voor de buurtbus",
        tasks="Rijden met de buurtbus", day_parts=frozenset({"mon_morning"}),
        driving_licence=True, **common, **other,
    )  # fmt: skip
    nature = Vacancy(
        id=2, organisation=2, domains=frozenset({"nature"}), title="Natuurbeheer",
        tasks="Knotwilgen snoeien", day_parts=frozenset({"sat_morning"}), **common, **other,
    )  # fmt: skip
    far = {"locality": 3, "waiting_days": 0, "organisation_volunteers": 30}
    visit = Vacancy(
        id=3, organisation=3, domains=frozenset({"buddy", "culture"}), title="Maatje",
        tasks="Wekelijks op bezoek gaan", day_parts=frozenset({"wed_afternoon"}), **common, **far,
    )  # fmt: skip
    host = Vacancy(
        id=4, organisation=4, domains=frozenset({"care_welfare", "events"}), title="Gastvrouw",
        tasks="Koffie schenken", day_parts=frozenset({"thu_afternoon"}), **common, **far,
    )  # fmt: skip
    vacs = [bus, nature, visit, host]
    engine = build(TABLES, [vol], vacs)
    order = [s.id for s in engine.for_volunteer(vol.id)]
    assert order[:2] == [visit.id, host.id] and set(order) == {1, 2, 3, 4}
    assert [s.vacancy_id for s in reference_for_volunteer(vol, vacs, TABLES)] == order
    # The boosts only order work that fits: the bus gets none of them.
    assert score_pair(vol, bus, TABLES).part("waiting").points == 0
    assert score_pair(vol, bus, TABLES).part("small_organisation").points == 0
    assert score_pair(vol, visit, TABLES).part("small_organisation").points > 0


def test_closed_vacancy_paused_profile_other_region_and_licence():
    assert failures(vac__open=False) == ["vacancy_closed"]
    assert failures(vol__active=False) == ["profile_inactive"]
    assert failures(vol__region=1) == ["region"]
    assert failures(vac__driving_licence=True) == ["driving_licence"]
    assert failures(vac__driving_licence=True, vol__driving_licence=True) == []


def test_organisations_only_find_findable_volunteers():
    vol, vac = pair(vol__findable_by_organisations=False)
    engine = build(TABLES, [vol], [vac])
    assert engine.for_vacancy(vac.id, findable_only=True) == []
    assert [s.id for s in engine.for_vacancy(vac.id, findable_only=False)] == [vol.id]


def test_ties_are_broken_by_the_lower_id():
    vol, vac = pair()
    twins = [Vacancy(**{**vac.__dict__, "id": i}) for i in (9, 3, 5)]
    engine = build(TABLES, [vol], twins)
    assert [s.id for s in engine.for_volunteer(vol.id)] == [3, 5, 9]


def test_stems_meet_across_word_forms():
    vol, vac = pair(
        vol__motivation="Ik werk graag in de tuin", vac__description="Onderhoud van tuinen"
    )
    assert score_pair(vol, vac, TABLES).part("text").detail == ("tuin",)


def test_a_village_without_coordinates_is_only_near_itself():
    assert TABLES.km[5][5] == 0.0 and TABLES.km[5][0] == math.inf
    assert failures(vol__locality=5, vac__locality=5) == []


def words_for(numbers) -> str:
    """Distinct words that stem to distinct stems: letters only, from numbers."""
    return " ".join("".join("bcdfghjklm"[int(d)] for d in f"{n:05d}") + "aat" for n in numbers)


def test_texts_sharing_hundreds_of_words_score_as_the_reference_both_ways():
    # More shared stems than a byte can count: the engine counts in 16 bits.
    vol, vac = pair(vol__tasks_liked=words_for(range(300)), vac__tasks=words_for(range(300)))
    assert len(vol.task_terms & vac.task_terms) == 300
    engine = build(TABLES, [vol], [vac])
    expected = score_pair(vol, vac, TABLES).total
    assert [(s.id, s.total) for s in engine.for_volunteer(vol.id)] == [(vac.id, expected)]
    found = engine.for_vacancy(vac.id, findable_only=False)
    assert [(s.id, s.total) for s in found] == [(vol.id, expected)]


def test_a_text_keeps_at_most_max_terms_stems():
    assert len(text.terms(words_for(range(text.MAX_TERMS + 10)))) == text.MAX_TERMS
