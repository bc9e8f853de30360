from decimal import Decimal

import pytest
from django.utils import timezone

from omzien.demo import accounts
from omzien.monitor import demo, demo_seeds
from omzien.monitor.constants import ActionStatus
from omzien.monitor.models import (
    Action,
    ActionBudget,
    ExternalValue,
    Measure,
    Programme,
    Snapshot,
)
from omzien.tenants.services import reference_data_load

pytestmark = pytest.mark.django_db


def test_the_five_seeds_load_once_as_written():
    reference_data_load()
    accounts.load()
    loaded = demo.load()
    assert loaded["programmes"] == 5
    by_place = dict(Programme.objects.values_list("name", "municipality__slug"))
    assert by_place == {seed.name: seed.municipality for seed in demo_seeds.PROGRAMMES}
    for seed in demo_seeds.PROGRAMMES:
        programme = Programme.objects.get(name=seed.name)
        assert (programme.period_start, programme.period_end) == (seed.start, seed.end)
        assert programme.themes.count() == len(seed.themes)
        written = [m for t in seed.themes for a in t.ambitions for m in _measures(a)]
        stored = Measure.objects.filter(Q_programme(programme), municipality=programme.municipality)
        assert stored.count() == len(written)
        assert sorted(stored.values_list("target_value", flat=True)) == sorted(
            m.target for m in written
        )
    heerde = Programme.objects.get(name=demo.NAME)
    codes = set(
        Measure.objects.filter(ambition__theme__programme=heerde).values_list(
            "indicator_code", flat=True
        )
    ) | set(
        Measure.objects.filter(action__ambition__theme__programme=heerde).values_list(
            "indicator_code", flat=True
        )
    )
    assert {
        "volunteering.matches",
        "volunteering.profiles",
        "volunteering.organisations",
        "buddies.pairs_confirmed",
    } <= codes
    # Harderwijk: GGD 2016 12,3% as the baseline of a decline, with the external value.
    burdened = Measure.objects.get(baseline_source="GGD monitor 2016: 12,3%")
    assert (burdened.baseline_value, burdened.target_value) == (Decimal("12.3"), Decimal("12.3"))
    assert burdened.external.values.get().value == Decimal("12.3")
    assert ExternalValue.objects.filter(source="Vrijwilligerspeiling 2017: rapportcijfer 8-")
    # Budget per year as the seed's table has it; Dalfsen's 2016-2020 is done by now.
    respite = Action.objects.get(what="Respijthuis")
    assert dict(respite.budgets.values_list("year", "planned")) == {
        2021: 25000,
        2022: 25000,
        2023: 15000,
    }
    assert set(
        Action.objects.filter(municipality__slug="dalfsen").values_list("status", flat=True)
    ) == {ActionStatus.DONE}
    assert ActionBudget.objects.filter(action__municipality__slug="raalte").count() > 0
    # The status log lies in the action's own period, not on the day the demo loaded.
    for action in Action.objects.filter(status=ActionStatus.DONE).select_related(
        "ambition__theme__programme"
    ):
        end = action.period_end or action.ambition.theme.programme.period_end
        done = action.transitions.get(to_status=ActionStatus.DONE)
        assert timezone.localdate(done.created_at) == min(end, timezone.localdate())
    # A snapshot per measured indicator for every quarter since 2023 that is over.
    assert loaded["snapshots"] == Snapshot.objects.count() >= 4 * 8
    assert demo.load() == {"programmes": 0, "measures": 0, "snapshots": 0, "partner_reports": 0}


def Q_programme(programme):
    from django.db.models import Q

    return Q(ambition__theme__programme=programme) | Q(action__ambition__theme__programme=programme)


def _measures(ambition):
    yield from ambition.measures
    for action in ambition.actions:
        yield from action.measures
