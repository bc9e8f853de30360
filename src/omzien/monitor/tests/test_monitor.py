"""Programmes, snapshots, the dashboard and the public page."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common import indicators
from omzien.common.services import Actor, EditConflict
from omzien.monitor.forms import MeasureForm
from omzien.monitor.models import Snapshot
from omzien.monitor.selectors.dashboard import programme_dashboard
from omzien.monitor.services import programmes as services
from omzien.monitor.services.snapshots import snapshot_period, snapshot_recompute
from omzien.monitor.tests.conftest import CODE
from omzien.monitor.tests.factories import (
    ActionBudgetFactory,
    ActionFactory,
    AmbitionFactory,
    ExternalValueFactory,
    MeasureFactory,
    ProgrammeFactory,
)
from omzien.privacy.models import AuditEvent
from omzien.privacy.statistics import QUARTER, Period

pytestmark = pytest.mark.django_db

Q1 = Period(2024, QUARTER, 1)


def _computed_measure(heerde, **kw):
    ambition = AmbitionFactory(theme__programme__municipality=heerde)
    return MeasureFactory(ambition=ambition, external=None, indicator_code=CODE, **kw)


def test_programme_update_refuses_a_stale_edit(heerde, actor):
    programme = ProgrammeFactory(municipality=heerde)
    services.programme_update(programme=programme, version=1, data={"name": "Nieuw"}, actor=actor)
    with pytest.raises(EditConflict):
        services.programme_update(programme=programme, version=1, data={"name": "X"}, actor=actor)


def test_only_staff_of_the_municipality_keep_programmes(heerde, dalfsen, make_member):
    other = Actor(user=make_member(Role.POLICY_ADVISOR, dalfsen))
    with pytest.raises(PermissionDenied):
        services.programme_create(
            municipality=heerde,
            data={
                "name": "P",
                "period_start": datetime.date(2023, 1, 1),
                "period_end": datetime.date(2024, 12, 31),
            },
            actor=other,
        )


def test_a_measure_needs_a_registered_indicator(heerde, actor):
    ambition = AmbitionFactory(theme__programme__municipality=heerde)
    with pytest.raises(ValidationError) as caught:
        services.measure_create(
            ambition=ambition,
            data={
                "indicator_code": "nobody.registers_this",
                "target_value": Decimal(1),
                "deadline": datetime.date(2024, 12, 31),
            },
            actor=actor,
        )
    assert caught.value.error_dict["indicator_code"][0].code == "unknown"


def test_a_new_indicator_is_offered_computed_and_snapshotted(heerde, actor, test_indicator):
    """Adding an indicator needs no change in the monitor."""
    form = MeasureForm(municipality_id=heerde.pk)
    assert CODE in dict(form.fields["indicator_code"].choices)
    measure = _computed_measure(heerde)
    ExternalValueFactory.create_batch(
        3, indicator__municipality=heerde, measured_on=datetime.date(2024, 2, 1)
    )
    made = snapshot_period(municipality=heerde, period=Q1)
    assert [(s.indicator_code, s.value) for s in made] == [(CODE, Decimal(3))]
    page = programme_dashboard(
        programme=measure.ambition.theme.programme, today=datetime.date(2024, 5, 1)
    )
    view = page["measures"][0]
    assert view.name == "Testwaarden" and view.value == 3
    assert view.history[0] == (Q1.end, Decimal(3), False)


def test_a_snapshot_keeps_an_amount_breakdown_in_decimals(heerde, actor):
    """Approved hours break down by domain in Decimals, which JSON cannot hold as such."""
    code = "monitortest.hours"

    def source(*, municipality, period):
        parts = {"domain": {"care": Decimal("2.5"), "sport": Decimal("4.00")}}
        return {code: indicators.Result(value=Decimal("6.5"), parts=parts)}

    indicators.register(
        indicators.Indicator(code, "Uren", unit=indicators.AMOUNT, people=False), source=source
    )
    try:
        ambition = AmbitionFactory(theme__programme__municipality=heerde)
        MeasureFactory(ambition=ambition, external=None, indicator_code=code)
        snapshot_period(municipality=heerde, period=Q1)
    finally:
        indicators.unregister(code)
    snapshot = Snapshot.objects.get(indicator_code=code)
    assert snapshot.value == Decimal("6.5")
    assert snapshot.parts == {"domain": {"care": 2.5, "sport": 4}}


def test_a_later_run_keeps_a_snapshot_and_recompute_replaces_it_with_an_audit_event(
    heerde, actor, test_indicator
):
    _computed_measure(heerde)
    ExternalValueFactory(indicator__municipality=heerde, measured_on=datetime.date(2024, 1, 5))
    snapshot_period(municipality=heerde, period=Q1)
    ExternalValueFactory(indicator__municipality=heerde, measured_on=datetime.date(2024, 1, 6))
    assert snapshot_period(municipality=heerde, period=Q1) == []
    assert Snapshot.objects.get(indicator_code=CODE).value == 1
    snapshot_recompute(municipality=heerde, period=Q1, actor=actor)
    assert Snapshot.objects.get(indicator_code=CODE).value == 2
    event = AuditEvent.objects.get(reason="snapshot recomputed")
    assert Decimal(event.extra["old"]) == 1 and Decimal(event.extra["new"]) == 2


def test_todays_values_are_kept_in_the_cache_for_the_set_seconds(heerde, test_indicator, settings):
    """With the cache on, a second dashboard within the seconds shows the same values (and
    when they were computed) without computing them; with 0 every request computes."""
    from django.core.cache import cache

    cache.clear()
    settings.OMZIEN_MONITOR_LIVE_SECONDS = 300
    measure = _computed_measure(heerde)
    programme = measure.ambition.theme.programme
    today = datetime.date(2024, 5, 1)
    ExternalValueFactory(indicator__municipality=heerde, measured_on=datetime.date(2024, 2, 1))
    first = programme_dashboard(programme=programme, today=today)
    ExternalValueFactory(indicator__municipality=heerde, measured_on=datetime.date(2024, 2, 2))
    second = programme_dashboard(programme=programme, today=today)
    assert first["measures"][0].value == second["measures"][0].value == 1
    assert first["computed_at"] == second["computed_at"]
    settings.OMZIEN_MONITOR_LIVE_SECONDS = 0
    assert programme_dashboard(programme=programme, today=today)["measures"][0].value == 2
    cache.clear()


def test_small_counts_of_people_are_hidden(heerde):
    from omzien.common import indicators

    ind = indicators.Indicator("testapp.people", "Mensen")

    def source(*, municipality, period):
        return {"testapp.people": indicators.Result(value=3)}

    indicators.register(ind, source=source)
    try:
        ambition = AmbitionFactory(theme__programme__municipality=heerde)
        MeasureFactory(ambition=ambition, external=None, indicator_code="testapp.people")
        view = programme_dashboard(
            programme=ambition.theme.programme, today=datetime.date(2024, 5, 1)
        )["measures"][0]
        assert view.value is None and view.hidden
    finally:
        indicators.unregister("testapp.people")


def _grow(heerde, n):
    programme = ProgrammeFactory(municipality=heerde)
    for _ in range(n):
        ambition = AmbitionFactory(theme__programme=programme)
        MeasureFactory(ambition=ambition, external=None, indicator_code=CODE)
        measure = MeasureFactory(ambition=ambition)
        ExternalValueFactory.create_batch(n, indicator=measure.external)
    return programme


def test_the_dashboard_query_count_does_not_grow_with_the_data(heerde, test_indicator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = datetime.date(2024, 5, 1)
    counts = []
    for n in (1, 6):
        programme = _grow(heerde, n)
        with CaptureQueriesContext(connection) as ctx:
            programme_dashboard(programme=programme, today=today)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_the_dashboard_page_query_count_does_not_grow_with_the_data(
    advisor_client, heerde, test_indicator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from omzien.monitor.models import Ambition

    counts = []
    for n in (1, 6):
        programme = _grow(heerde, n)
        for ambition in Ambition.objects.filter(theme__programme=programme):
            ActionFactory.create_batch(n, ambition=ambition)
        url = reverse("monitor:programme_detail", args=[programme.pk])
        advisor_client.get(url)  # the session and caches warmed up
        with CaptureQueriesContext(connection) as ctx:
            assert advisor_client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_the_dashboard_page_and_publishing(advisor_client, heerde, test_indicator):
    measure = _computed_measure(heerde, public=True, description="Zichtbaar")
    MeasureFactory(ambition=measure.ambition, description="Intern")
    programme = measure.ambition.theme.programme
    page = advisor_client.get(reverse("monitor:programme_detail", args=[programme.pk]))
    assert page.status_code == 200
    assert b"<svg" in page.content and b"Testwaarden" in page.content
    public_url = reverse("monitor_public:programme", args=[programme.pk])
    from django.test import Client

    assert Client().get(public_url).status_code == 404
    answer = advisor_client.post(
        reverse("monitor:programme_publish", args=[programme.pk]),
        {"published": "on", "version": programme.version},
    )
    assert answer.status_code == 302
    shown = Client().get(public_url)
    assert shown.status_code == 200
    assert b"Zichtbaar" in shown.content and b"Intern" not in shown.content
    header = shown.text.split('omzien-header">', 1)[1].split("</header>", 1)[0]
    assert "Gemeente Heerde" in header  # the programme's municipality, for any visitor


def test_the_chart_caption_names_the_baseline_only_when_there_is_one(
    advisor_client, heerde, test_indicator
):
    measure = _computed_measure(heerde)
    url = reverse("monitor:programme_detail", args=[measure.ambition.theme.programme.pk])
    caption = advisor_client.get(url).text.split("<figcaption", 1)[1].split("</figcaption>")[0]
    assert "het doel" in caption and "nulmeting" not in caption
    measure.baseline_value = 3
    measure.save()
    caption = advisor_client.get(url).text.split("<figcaption", 1)[1].split("</figcaption>")[0]
    assert "de gestippelde lijn de nulmeting" in caption


def test_the_budget_page_names_the_action_and_the_years_it_would_replace(advisor_client, heerde):
    action = ActionFactory(
        ambition__theme__programme__municipality=heerde, what="Respijtzorg aan huis"
    )
    ActionBudgetFactory(action=action, year=2024, planned=Decimal("61000"))
    url = reverse("monitor:budget_set", args=[action.pk])
    page = advisor_client.get(url).text
    assert "Respijtzorg aan huis" in page and "Budgetten die er al staan" in page
    assert "61.000,00" in page
    answer = advisor_client.post(url, {"year": 2024, "planned": "50000", "spent": "100"})
    assert answer.status_code == 302
    assert list(action.budgets.values_list("year", "planned")) == [(2024, Decimal("50000"))]


def test_an_edit_conflict_saves_nothing(advisor_client, heerde):
    programme = ProgrammeFactory(municipality=heerde, version=3)
    answer = advisor_client.post(
        reverse("monitor:programme_edit", args=[programme.pk]),
        {"name": "Anders", "period_start": "01-01-2023", "period_end": "31-12-2024", "version": 2},
    )
    assert answer.status_code == 302
    programme.refresh_from_db()
    assert programme.name != "Anders"


def test_a_yearly_count_is_shown_as_year_to_date_and_small_growth_is_hidden(heerde):
    from omzien.common import indicators
    from omzien.monitor.constants import Frequency
    from omzien.monitor.tests.factories import SnapshotFactory

    code = "testapp.pairs"
    indicators.register(
        indicators.Indicator(code, "Koppels"),
        source=lambda *, municipality, period: {code: indicators.Result(value=0)},
    )
    try:
        ambition = AmbitionFactory(theme__programme__municipality=heerde)
        MeasureFactory(
            ambition=ambition, external=None, indicator_code=code, frequency=Frequency.YEAR
        )
        for quarter, value in ((1, 6), (2, 2), (3, 5), (4, 0)):
            period = Period(2024, QUARTER, quarter)
            SnapshotFactory(
                municipality=heerde,
                indicator_code=code,
                period_start=period.start,
                period_end=period.end,
                value=value,
            )
        period = Period(2025, QUARTER, 1)
        SnapshotFactory(
            municipality=heerde,
            indicator_code=code,
            period_start=period.start,
            period_end=period.end,
            value=3,
        )
        view = programme_dashboard(
            programme=ambition.theme.programme, today=datetime.date(2025, 5, 1)
        )["measures"][0]
        assert [(value, hidden) for _on, value, hidden in view.history[:-1]] == [
            (6, False),  # Q1: 6 this year
            (None, True),  # Q2: 8, only 2 more than shown
            (13, False),  # Q3: 7 more than shown
            (13, False),  # Q4: nothing more
            (None, True),  # 2025 Q1: 3 this year
        ]
    finally:
        indicators.unregister(code)


def test_a_provisional_snapshot_is_brought_up_to_date_until_its_quarter_is_over(
    heerde, test_indicator, monkeypatch
):
    from django.core.management import call_command

    def at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    _computed_measure(heerde)
    ExternalValueFactory(indicator__municipality=heerde, measured_on=datetime.date(2024, 1, 5))
    at(datetime.datetime(2024, 2, 1, 3, tzinfo=datetime.UTC))
    call_command("monitor_snapshot", stdout=io.StringIO())
    assert Snapshot.objects.get(period_start=Q1.start).value == 1
    ExternalValueFactory(indicator__municipality=heerde, measured_on=datetime.date(2024, 3, 5))
    at(datetime.datetime(2024, 4, 1, 3, tzinfo=datetime.UTC))
    call_command("monitor_snapshot", stdout=io.StringIO())  # Q1 final now, Q2 provisional
    assert Snapshot.objects.get(period_start=Q1.start).value == 2
    ExternalValueFactory(indicator__municipality=heerde, measured_on=datetime.date(2024, 3, 6))
    at(datetime.datetime(2024, 4, 2, 3, tzinfo=datetime.UTC))
    call_command("monitor_snapshot", stdout=io.StringIO())
    assert Snapshot.objects.get(period_start=Q1.start).value == 2  # final: kept
    assert Snapshot.objects.get(period_start=datetime.date(2024, 4, 1)).value == 3


def test_removing_a_theme_asks_first_and_removes_what_it_holds(advisor_client, heerde):
    from omzien.monitor.models import Measure, Theme

    measure = MeasureFactory(ambition__theme__programme__municipality=heerde)
    theme = measure.ambition.theme
    url = reverse("monitor:theme_delete", args=[theme.pk])
    assert "Verwijderen" in advisor_client.get(url).content.decode()
    assert Theme.objects.filter(pk=theme.pk).exists()
    answer = advisor_client.post(url)
    assert answer.status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()
    assert not Measure.objects.filter(pk=measure.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(theme.pk)).exists()


def test_an_action_status_change_keeps_its_dated_note(advisor_client, heerde, actor):
    from omzien.monitor.constants import ActionStatus
    from omzien.monitor.models import ActionTransition

    action = services.action_create(
        ambition=AmbitionFactory(theme__programme__municipality=heerde),
        data={"what": "Ontmoetingsproject"},
        actor=actor,
    )
    url = reverse("monitor:action_status", args=[action.pk])
    refused = advisor_client.post(url, {"status": ActionStatus.DELAYED, "seen": "planned"})
    assert refused.status_code == 200  # a delay needs its reason
    advisor_client.post(
        url, {"status": ActionStatus.DELAYED, "seen": "planned", "note": "Subsidie later"}
    )
    row = ActionTransition.objects.filter(action=action).latest("pk")
    assert (row.to_status, row.note, timezone.localdate(row.created_at)) == (
        ActionStatus.DELAYED,
        "Subsidie later",
        timezone.localdate(),
    )


def test_a_breakdown_the_indicator_carries_is_shown_suppressed(heerde):
    from omzien.common import indicators

    code = "testapp.carers"
    indicators.register(
        indicators.Indicator(code, "Mantelzorgers", breakdowns=("age_group",)),
        source=lambda *, municipality, period: {
            code: indicators.Result(value=30, parts={"age_group": {"young": 3, "adult": 27}})
        },
    )
    try:
        ambition = AmbitionFactory(theme__programme__municipality=heerde)
        MeasureFactory(ambition=ambition, external=None, indicator_code=code)
        view = programme_dashboard(
            programme=ambition.theme.programme, today=datetime.date(2024, 5, 1)
        )["measures"][0]
        [(key, table)] = view.breakdowns
        # 3 is small, and 27 would give it away from the total of 30: both hidden.
        assert key == "age_group"
        assert [(label, figure.value) for label, figure in table.rows] == [
            ("young", None),
            ("adult", None),
        ]
    finally:
        indicators.unregister(code)


@pytest.mark.parametrize("kind", ["ambition", "action"])
def test_a_new_measure_is_added_from_its_page(advisor_client, heerde, test_indicator, kind):
    """The form checks the measure with its owner (Measure.clean asks for an ambition or an
    action): it once always failed with a server error."""
    ambition = AmbitionFactory(theme__programme__municipality=heerde)
    owner = ambition if kind == "ambition" else ActionFactory(ambition=ambition)
    url = reverse(f"monitor:{kind}_measure_create", args=[owner.pk])
    assert advisor_client.get(url).status_code == 200
    data = {
        "description": "Aantal testwaarden",
        "indicator_code": CODE,
        "target_value": "10",
        "direction": "at_least",
        "deadline": "31-12-2027",
        "frequency": "year",
        "order": "1",
    }
    refused = advisor_client.post(url, {**data, "deadline": ""})
    assert refused.status_code == 200
    assert "deadline" in refused.context["form"].errors
    no_indicator = advisor_client.post(url, {**data, "indicator_code": ""})
    errors = no_indicator.context["form"].errors.as_data()
    assert [error.code for error in errors["indicator_code"]] == ["indicator"]
    assert "__all__" not in errors  # said once, at the field
    answer = advisor_client.post(url, data)
    assert answer.status_code == 302
    measure = owner.measures.get()
    assert (measure.description, measure.indicator_code) == ("Aantal testwaarden", CODE)
