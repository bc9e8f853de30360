"""The municipalities of a region side by side on one indicator (issue 16 point 3)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.common import indicators
from omzien.monitor import charts
from omzien.monitor.selectors.compare import compare, region_municipalities
from omzien.monitor.tests.factories import SnapshotFactory
from omzien.privacy.statistics import Period
from omzien.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

CODE = "testapp.matches"
Q3 = Period.parse("2026-Q3")


@pytest.fixture
def matches():
    ind = indicators.Indicator(CODE, "Bevestigde matches")
    indicators.register(ind, source=lambda *, municipality, period: {CODE: indicators.Result(0)})
    yield ind
    indicators.unregister(CODE)


def _this_quarter() -> str:
    today = timezone.localdate()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def _snapshot(municipality, value, period=Q3):
    return SnapshotFactory(
        municipality=municipality,
        indicator_code=CODE,
        period_start=period.start,
        period_end=period.end,
        value=Decimal(value),
    )


def test_only_the_region_side_by_side_with_small_numbers_hidden(
    advisor_client, advisor, heerde, region, dalfsen, matches
):
    epe = MunicipalityFactory(name="Epe", slug="epe", cbs_code="GM0232", region=region)
    MunicipalityFactory(name="Hattem", slug="hattem", cbs_code="GM0244", region=region)
    _snapshot(heerde, 41)
    _snapshot(epe, 3)  # too few people: hidden
    _snapshot(dalfsen, 77)  # another region: never shown
    _snapshot(heerde, 12, Period.parse("2026-Q2"))  # another quarter
    assert [m.name for m in region_municipalities(advisor)] == ["Epe", "Hattem", "Heerde"]

    page = compare(municipalities=region_municipalities(advisor), code=CODE, period=Q3)
    rows = {row.municipality.name: row for row in page["rows"]}
    assert rows["Heerde"].value == 41
    assert rows["Epe"].hidden and rows["Epe"].value is None
    assert rows["Hattem"].missing
    assert [bar.value_label for bar in page["chart"].bars] == ["afgeschermd", "geen cijfer", "41"]
    assert [bar.width > 0 for bar in page["chart"].bars] == [False, False, True]

    answer = advisor_client.get(
        reverse("monitor:region_compare"), {"indicator": CODE, "period": "2026-Q3"}
    )
    assert answer.status_code == 200
    text = answer.content.decode()
    figures = text[text.index("<figure") : text.rindex("</table>")]  # the chart and the table
    assert "Dalfsen" not in figures and "77" not in figures
    assert "Epe" in figures and "afgeschermd" in figures and "41" in figures
    assert "<svg" in text and 'role="img"' in text


def test_a_quarter_that_is_not_over_is_refused(advisor_client, matches):
    answer = advisor_client.get(
        reverse("monitor:region_compare"), {"indicator": CODE, "period": _this_quarter()}
    )
    assert answer.status_code == 200 and "compare-title" not in answer.content.decode()
    assert "Kies een kwartaal dat voorbij is." in answer.content.decode()
    answer = advisor_client.get(
        reverse("monitor:region_compare"), {"indicator": CODE, "period": "2025"}
    )
    assert "Geef een kwartaal zoals 2026-Q3." in answer.content.decode()


def test_the_queries_do_not_grow_with_the_region(advisor_client, heerde, region, matches):
    url = reverse("monitor:region_compare")
    data = {"indicator": CODE, "period": "2026-Q3"}
    _snapshot(heerde, 41)
    with CaptureQueriesContext(connection) as small:
        advisor_client.get(url, data)
    for n in range(6):
        m = MunicipalityFactory(
            name=f"Gemeente {n}", slug=f"gemeente-{n}", cbs_code=f"GM09{n:02d}", region=region
        )
        _snapshot(m, 10 + n)
    with CaptureQueriesContext(connection) as large:
        advisor_client.get(url, data)
    assert len(large) == len(small)


def test_bars_are_as_long_as_their_values():
    chart = charts.bars([("A", Decimal(50), "50"), ("B", Decimal(25), "25"), ("C", None, "–")])
    a, b, c = chart.bars
    assert a.width == 2 * b.width and c.width == 0
    assert a.y < b.y < c.y and chart.height > c.y
