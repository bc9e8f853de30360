"""One matching engine for every process: the change log the database writes, the snapshot a
host's processes map, and the changes each process applies on top."""

import json

import pytest
from django.utils import timezone

from omzien.matching import snapshot
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering import suggestion_engine as adapter
from omzien.volunteering.models import MatchingChange, Organisation, Vacancy, VolunteerProfile
from omzien.volunteering.services import suggestions
from omzien.volunteering.tests.factories import (
    PlacementFactory,
    ResponseFactory,
    VogFactory,
)
from omzien.volunteering.tests.test_suggestions import make_profile, make_vacancy

pytestmark = pytest.mark.django_db

CLOSED = volunteering_constants.VacancyStatus.CLOSED
PUBLISHED = volunteering_constants.VacancyStatus.PUBLISHED


def logged() -> set[tuple[str, int]]:
    return set(MatchingChange.objects.values_list("kind", "record_id"))


def gaps_after(state, last: int) -> list[list[int]]:
    """The id ranges the process still looks for above ``last`` (on PostgreSQL the test
    database's earlier, rolled-back transactions leave ranges below it too)."""
    return [[first, end] for first, end, _since in state.gaps if first > last]


def suggested(profile) -> list[int]:
    return [s.vacancy.pk for s in suggestions.for_volunteer(profile=profile)]


def test_the_database_logs_every_change_the_engine_reads(heerde, heerde_village, nature_org):
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    assert {("v", vacancy.pk), ("p", profile.pk), ("o", nature_org.pk)} <= logged()
    MatchingChange.objects.all().delete()
    # A bulk update() calls no save() and no signal: the triggers see it all the same.
    VolunteerProfile.objects.filter(pk=profile.pk).update(travel_km=3)
    Organisation.objects.filter(pk=nature_org.pk).update(description="Anders")
    assert logged() == {("p", profile.pk), ("o", nature_org.pk)}
    MatchingChange.objects.all().delete()
    VogFactory(profile=profile)
    ResponseFactory(vacancy=vacancy, profile=profile)
    assert {("p", profile.pk), ("v", vacancy.pk)} <= logged()
    MatchingChange.objects.all().delete()
    PlacementFactory(vacancy=vacancy, profile=profile, municipality=heerde)
    # A placement counts for every vacancy of its organisation (the small-organisation boost).
    assert ("o", nature_org.pk) in logged()
    MatchingChange.objects.all().delete()
    vacancy_pk = vacancy.pk
    vacancy.delete()
    assert ("v", vacancy_pk) in logged()


def test_a_bulk_update_reaches_the_suggestions_at_once(heerde, heerde_village, nature_org):
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    assert suggested(profile) == [vacancy.pk]
    Vacancy.objects.filter(pk=vacancy.pk).update(status=CLOSED)
    assert suggested(profile) == []
    Vacancy.objects.filter(pk=vacancy.pk).update(status=PUBLISHED)
    assert suggested(profile) == [vacancy.pk]
    VolunteerProfile.objects.filter(pk=profile.pk).update(travel_km=0)  # Heerde is 0 km
    assert suggested(profile) == [vacancy.pk]
    VolunteerProfile.objects.filter(pk=profile.pk).update(availability=["sun_evening"])
    assert suggested(profile) == []


def test_a_change_whose_transaction_commits_late_is_still_applied(
    heerde, heerde_village, nature_org
):
    """Ids come in the order transactions start, not the order they commit: an id below the
    newest seen but missing then is looked for again."""
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    assert suggested(profile) == [vacancy.pk]
    state = adapter.current_state()
    last = state.last_change
    # Two transactions take ids last + 1 and last + 2; the second commits first.
    MatchingChange.objects.create(
        pk=last + 2, kind="o", record_id=nature_org.pk, changed_at=timezone.now()
    )
    adapter.sync(state, timezone.now())
    assert state.last_change == last + 2 and gaps_after(state, last) == [[last + 1, last + 1]]
    # The first commits now: it changed the vacancy, its log row has the id it was given.
    Vacancy.objects.filter(pk=vacancy.pk).update(status=CLOSED)
    MatchingChange.objects.filter(pk__gt=last + 2).update(id=last + 1)
    assert suggested(profile) == []
    assert gaps_after(state, last) == []


def test_a_large_gap_is_one_range_to_look_in(heerde, heerde_village, nature_org):
    """A rolled-back bulk update (PostgreSQL does not give its ids back) leaves a long run of
    missing ids: looked for as one range, in one short condition, until it is given up."""
    make_vacancy(nature_org)
    state = adapter.current_state()
    last = state.last_change
    MatchingChange.objects.create(
        pk=last + 100_001, kind="o", record_id=nature_org.pk, changed_at=timezone.now()
    )
    adapter.sync(state, timezone.now())
    assert gaps_after(state, last) == [[last + 1, last + 100_000]]
    MatchingChange.objects.create(
        pk=last + 500, kind="o", record_id=nature_org.pk, changed_at=timezone.now()
    )
    adapter.sync(state, timezone.now())  # a late commit in the middle splits the range
    assert gaps_after(state, last) == [[last + 1, last + 499], [last + 501, last + 100_000]]
    for gap in state.gaps:
        gap[2] -= adapter.GAP_SECONDS  # two minutes later: given up
    adapter.sync(state, timezone.now())
    assert state.gaps == []


def test_the_ranges_of_ids_not_seen():
    assert adapter._unseen(1, 10, [], 0.0) == [[1, 10, 0.0]]
    assert adapter._unseen(1, 10, [1, 5, 10], 0.0) == [[2, 4, 0.0], [6, 9, 0.0]]
    assert adapter._unseen(3, 4, [1, 3, 4, 8], 0.0) == []


def test_the_processes_of_a_host_map_one_snapshot(
    settings, tmp_path, heerde, heerde_village, nature_org
):
    settings.MATCHING_SNAPSHOT_DIR = str(tmp_path)
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    # The first process finds no snapshot: it builds one and maps it.
    assert suggested(profile) == [vacancy.pk]
    version = snapshot.current_version(tmp_path)
    first = adapter.current_state()
    assert version and first.version == version and first.engine.has_base
    # A second process (here: the same one, started again) maps it without building.
    adapter.reset()
    assert suggested(profile) == [vacancy.pk]
    second = adapter.current_state()
    assert second.version == version and second.engine.overlay_size() == 0
    # A change reaches the process's overlay, not the snapshot.
    VolunteerProfile.objects.filter(pk=profile.pk).update(travel_km=5)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=CLOSED)
    assert suggested(profile) == []
    assert adapter.current_state().engine.overlay_size() == 2
    assert snapshot.current_version(tmp_path) == version


def test_a_new_snapshot_is_mapped_at_the_next_look(
    settings, tmp_path, heerde, heerde_village, nature_org
):
    settings.MATCHING_SNAPSHOT_DIR = str(tmp_path)
    settings.MATCHING_SNAPSHOT_CHECK_SECONDS = 0
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    assert suggested(profile) == [vacancy.pk]
    Vacancy.objects.filter(pk=vacancy.pk).update(status=CLOSED)
    assert suggested(profile) == []
    assert adapter.current_state().engine.overlay_size() == 1
    meta = adapter.write_snapshot()  # the timer's build_matching_snapshot
    assert suggested(profile) == []
    state = adapter.current_state()
    assert state.version == meta["version"] and state.engine.overlay_size() == 0


@pytest.mark.parametrize(
    "changed",
    [{"database": "elsewhere"}, {"today": "2020-01-01"}],
    ids=["another database", "an earlier day"],
)
def test_a_snapshot_of_another_database_or_an_earlier_day_is_replaced(
    settings, tmp_path, heerde, heerde_village, nature_org, changed
):
    settings.MATCHING_SNAPSHOT_DIR = str(tmp_path)
    make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    meta = adapter.write_snapshot()
    meta_file = tmp_path / meta["version"] / "meta.json"
    meta_file.write_text(json.dumps({**json.loads(meta_file.read_text()), **changed}))
    suggested(profile)
    state = adapter.current_state()  # built one of its own, for today
    assert state.version != meta["version"] and state.today == timezone.localdate()


def test_an_unusable_snapshot_folder_leaves_the_engine_in_memory(
    settings, tmp_path, heerde, heerde_village, nature_org, caplog
):
    """A read-only container (a worker with no snapshot volume): suggestions still work."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    settings.MATCHING_SNAPSHOT_DIR = str(blocked / "matching")
    settings.MATCHING_SNAPSHOT_CHECK_SECONDS = 0
    vacancy = make_vacancy(nature_org)
    profile = make_profile(heerde, heerde_village)
    assert suggested(profile) == [vacancy.pk]
    state = adapter.current_state()
    assert state.version is None and not state.engine.has_base
    assert suggested(profile) == [vacancy.pk]
    assert adapter.current_state() is state  # not built again on every look
    assert "unusable" in caplog.text


def test_the_management_command_writes_a_snapshot(settings, tmp_path, heerde, nature_org):
    from django.core.management import call_command

    settings.MATCHING_SNAPSHOT_DIR = str(tmp_path / "matching")
    make_vacancy(nature_org)
    call_command("build_matching_snapshot", verbosity=0)
    loaded = snapshot.load(tmp_path / "matching")
    assert loaded is not None and loaded[1]["vacancies"] == 1
