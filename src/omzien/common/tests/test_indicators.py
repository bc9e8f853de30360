"""The indicator registry: what the capabilities register, and how it is computed."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from omzien.common import indicators
from omzien.common.indicators import PERCENT, Indicator, Result
from omzien.privacy.statistics import MONTH, QUARTER, YEAR, Period

DOCS = Path(settings.BASE_DIR) / "docs" / "indicators.md"
calls = []


def _test_source(*, municipality, period):
    calls.append((municipality, period))
    base = {"a": 3, "b": 10}[municipality]
    return {
        "testapp.visits": Result(base, parts={"village": {"Veessen": base - 1, "Vorchten": 1}}),
        "testapp.share": Result.share(base - 1, base),
    }


@pytest.fixture
def test_indicators():
    registered = (
        Indicator("testapp.visits", "Visits"),
        Indicator("testapp.share", "Share", unit=PERCENT),
    )
    indicators.register(*registered, source=_test_source)
    calls.clear()
    yield registered
    for indicator in registered:
        indicators.unregister(indicator.code)


def test_a_new_indicator_needs_no_change_outside_its_app(test_indicators):
    period = Period(2026, QUARTER, 1)
    assert {"testapp.visits", "testapp.share"} <= {i.code for i in indicators.indicators()}
    values = indicators.compute(
        municipality="a", period=period, codes=["testapp.visits", "testapp.share"]
    )
    assert values["testapp.visits"].value == 3 and values["testapp.share"].value == 67
    assert calls == [("a", period)]  # one call of the source for both of its indicators
    assert indicators.indicator("testapp.visits").capability == "testapp"


def test_a_region_adds_counts_and_recomputes_shares(test_indicators):
    values = indicators.compute_for_region(
        municipalities=["a", "b"],
        period=Period(2026, YEAR),
        codes=["testapp.visits", "testapp.share"],
    )
    assert values["testapp.visits"].value == 13
    assert values["testapp.visits"].parts == {"village": {"Veessen": 11, "Vorchten": 2}}
    assert (values["testapp.share"].numerator, values["testapp.share"].denominator) == (11, 13)
    assert values["testapp.share"].value == 85  # not the mean of 67% and 90%


def test_shown_values_follow_the_statistics_rule(test_indicators):
    visits, share = test_indicators
    assert indicators.shown(Result(3), visits).suppressed
    assert indicators.shown(Result(0), visits).value == 0
    assert indicators.shown(Result(12), visits).value == 12
    assert indicators.shown(Result.share(9, 10), share).suppressed  # the rest is 1
    assert indicators.shown(Result.share(10, 20), share).value == 50
    organisations = Indicator("testapp.organisations", "Organisations", people=False)
    assert indicators.shown(Result(2), organisations).value == 2


def test_a_code_is_registered_by_one_source(test_indicators):
    with pytest.raises(ValueError):
        indicators.register(Indicator("testapp.visits", "Again"), source=lambda **kw: {})
    with pytest.raises(ValueError):
        indicators.register(Indicator("visits", "No prefix"), source=_test_source)
    with pytest.raises(KeyError):
        indicators.indicator("testapp.unknown")


def test_every_registered_indicator_is_defined_in_the_docs():
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+\.[a-z_]+)`", text))
    missing = [i.code for i in indicators.indicators() if i.code not in documented]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [MONTH, QUARTER, YEAR])
def test_every_registered_indicator_computes_for_an_empty_municipality(heerde, kind):
    period = Period.last_complete(date(2026, 11, 30), kind)
    values = indicators.compute(municipality=heerde, period=period)
    assert set(values) == {i.code for i in indicators.indicators()}
    for code, result in values.items():
        assert result.value in (0, None), code
