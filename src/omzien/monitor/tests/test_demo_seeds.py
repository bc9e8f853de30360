"""The demo's programmes hold the seeds' own words and figures (issue 16 point 5).

Every measure's quote is a sentence of its seed; its target and baseline (and the external
indicator's values) are numbers written in that quote. Every budget line is in the seed and
ends with the action's amounts (per year in order, or one amount "per jaar" for every year).
Dutch number formats are read as written: "12,3%" is 12.3, "€ 15.000" and "190.000,-" are
15000 and 190000, "rapportcijfer 8-" is 8, "drie" is 3.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from omzien.monitor import demo_seeds

SEEDS = Path("/work/shared/seeds")
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
WORDS = {"één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "tien": 10}
WORD = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)


def flat(text: str) -> str:
    """The seed's words with HTML tags dropped and all whitespace as single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def numbers(text: str) -> list[Decimal]:
    """Every number written in ``text``, in order (figures, then number words)."""
    found = [Decimal(raw.replace(".", "").replace(",", ".")) for raw in NUMBER.findall(text)]
    return found + [Decimal(WORDS[word.lower()]) for word in WORD.findall(text)]


def test_numbers_are_read_the_dutch_way():
    assert numbers("GGD monitor 2016: 12,3%") == [Decimal(2016), Decimal("12.3")]
    assert numbers("€ 15.000 en 190.000,- per jaar; 12000") == [15000, 190000, 12000]
    assert numbers("rapportcijfer 8- (2020:25) 61/84 drie") == [8, 2020, 25, 61, 84, 3]
    assert numbers("1.1 en 2.4.") == [1, 1, 2, 4]


def measures(programme):
    for theme in programme.themes:
        for ambition in theme.ambitions:
            yield from ambition.measures
            for action in ambition.actions:
                yield from action.measures


def actions(programme):
    for theme in programme.themes:
        for ambition in theme.ambitions:
            yield from ambition.actions


def check_programme(programme, seed: str) -> None:
    for measure in measures(programme):
        assert measure.quote in seed, measure.quote
        written = numbers(measure.quote)
        assert measure.target in written, (measure.quote, measure.target)
        assert (measure.code == "") == (measure.external is not None), measure.quote
        if measure.baseline is not None:
            assert measure.baseline.value in written, (measure.quote, measure.baseline)
        for _on, value, _source in measure.external.values if measure.external else ():
            assert value in written, (measure.quote, value)
    for action in actions(programme):
        assert bool(action.budget) == bool(action.budget_quote), action.what
        if not action.budget:
            continue
        assert action.budget_quote in seed, action.budget_quote
        written = numbers(action.budget_quote)
        amounts = [action.budget[year] for year in sorted(action.budget)]
        per_year = set(amounts) == {written[-1]}
        assert written[-len(amounts) :] == amounts or per_year, (action.what, amounts)


@pytest.mark.skipif(not SEEDS.exists(), reason="the seeds are not on this machine")
@pytest.mark.parametrize("programme", demo_seeds.PROGRAMMES, ids=lambda p: p.municipality)
def test_every_figure_of_the_demo_is_written_in_its_seed(programme):
    check_programme(programme, flat((SEEDS / programme.seed).read_text(encoding="utf-8")))


@pytest.mark.skipif(not SEEDS.exists(), reason="the seeds are not on this machine")
def test_a_changed_figure_is_found():
    from dataclasses import replace

    programme = demo_seeds.HARDERWIJK
    seed = flat((SEEDS / programme.seed).read_text(encoding="utf-8"))
    theme = programme.themes[0]
    ambition = theme.ambitions[0]
    burdened = ambition.measures[2]
    assert burdened.target == Decimal("12.3")
    changed = replace(burdened, target=Decimal("12.4"))
    bad = replace(
        programme,
        themes=(
            replace(
                theme,
                ambitions=(
                    replace(ambition, measures=(*ambition.measures[:2], changed)),
                    *theme.ambitions[1:],
                ),
            ),
            *programme.themes[1:],
        ),
    )
    with pytest.raises(AssertionError, match="12.4"):
        check_programme(bad, seed)
    respite = ambition.actions[6]
    assert respite.what == "Respijthuis"
    bad_budget = replace(respite, budget={**respite.budget, 2023: Decimal(25000)})
    bad = replace(
        programme,
        themes=(
            replace(
                theme,
                ambitions=(
                    replace(
                        ambition,
                        actions=(*ambition.actions[:6], bad_budget, *ambition.actions[7:]),
                    ),
                    *theme.ambitions[1:],
                ),
            ),
            *programme.themes[1:],
        ),
    )
    with pytest.raises(AssertionError, match="Respijthuis"):
        check_programme(bad, seed)
