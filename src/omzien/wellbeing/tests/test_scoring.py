"""The De Jong Gierveld scoring against hand-computed examples (instruments.md sections 1, 8).

Every item pattern class: emotional items (ja / min of meer score 1), social items reversed
(nee / min of meer score 1), the five-point answers, missing answers, and every boundary of the
published bands. The expected figures are worked out by hand in the comments, not by the
module under test.
"""

import pytest

from omzien.wellbeing import scoring
from omzien.wellbeing.scoring import Category, score

EMOTIONAL_ITEMS = (2, 3, 5, 6, 9, 10)
SOCIAL_ITEMS = (1, 4, 7, 8, 11)


def test_the_items_are_the_published_ones():
    assert len(scoring.ITEMS) == 11
    assert scoring.BY_NUMBER[1].text == (
        "Er is altijd wel iemand in mijn omgeving bij wie ik met mijn dagelijkse "
        "probleempjes terecht kan"
    )
    assert scoring.BY_NUMBER[10].text == "Vaak voel ik me in de steek gelaten"
    assert scoring.BY_NUMBER[11].text == (
        "Wanneer ik daar behoefte aan heb, kan ik altijd bij mijn vrienden terecht"
    )
    assert tuple(i.number for i in scoring.ITEMS if i.subscale == scoring.EMOTIONAL) == (
        EMOTIONAL_ITEMS
    )
    assert tuple(i.number for i in scoring.ITEMS if i.subscale == scoring.SOCIAL) == SOCIAL_ITEMS
    assert scoring.SHORT_ITEMS == (3, 4, 7, 8, 9, 10)
    assert scoring.Answer.values == ["nee", "min of meer", "ja"]
    assert scoring.INSTRUCTION.startswith("Wilt u van elk van de volgende uitspraken")


@pytest.mark.parametrize(
    ("item", "answer", "expected"),
    [
        # Emotional (e.g. item 2, "Ik mis een echt goede vriend"): agreeing is lonely.
        (2, "ja", 1),
        (2, "min of meer", 1),
        (2, "nee", 0),
        (2, "ja!", 1),
        (2, "nee!", 0),
        # Social, reversed (e.g. item 1, "Er is altijd wel iemand"): disagreeing is lonely.
        (1, "ja", 0),
        (1, "min of meer", 1),
        (1, "nee", 1),
        (1, "ja!", 0),
        (1, "nee!", 1),
        (1, None, None),
        (1, "", None),
    ],
)
def test_item_scores(item, answer, expected):
    assert scoring.item_score(scoring.BY_NUMBER[item], answer) == expected


def test_an_unknown_answer_is_refused():
    with pytest.raises(ValueError):
        scoring.item_score(scoring.BY_NUMBER[1], "misschien")


def test_eleven_items_hand_computed():
    # Emotional: 2 ja (1), 3 min of meer (1), 5 nee (0), 6 ja (1), 9 nee (0), 10 nee (0) = 3.
    # Social:    1 ja (0), 4 nee (1), 7 min of meer (1), 8 ja (0), 11 ja (0) = 2.
    # Total 5: 3-8 is "matig eenzaam".
    answers = {
        "1": "ja", "2": "ja", "3": "min of meer", "4": "nee", "5": "nee", "6": "ja",
        "7": "min of meer", "8": "ja", "9": "nee", "10": "nee", "11": "ja",
    }  # fmt: skip
    result = score(11, answers)
    assert (result.emotional, result.social, result.total) == (3, 2, 5)
    assert result.category == Category.MODERATE
    assert scoring.subscale_lonely(result, 3) == (True, False)
    assert scoring.subscale_lonely(result, 2) == (True, True)


def test_least_and_most_lonely_patterns():
    # Nobody lonely: emotional all "nee", social all "ja" -> 0.
    least = {n: ("nee" if n in EMOTIONAL_ITEMS else "ja") for n in range(1, 12)}
    assert score(11, least).total == 0
    assert score(11, least).category == Category.NOT_LONELY
    # Everything "min of meer" counts towards loneliness on both subscales -> 6 + 5 = 11.
    middle = dict.fromkeys(range(1, 12), "min of meer")
    result = score(11, middle)
    assert (result.emotional, result.social, result.total) == (6, 5, 11)
    assert result.category == Category.VERY_SEVERE
    # Saying "ja" to everything: emotional 6, social 0 -> 6 (acquiescence is not loneliness).
    assert score(11, dict.fromkeys(range(1, 12), "ja")).total == 6


def _eleven_with_total(total: int) -> dict:
    """The first ``total`` items answered the lonely way, the rest the not-lonely way."""
    return {
        n: (("ja" if n in EMOTIONAL_ITEMS else "nee") if n <= total else
            ("nee" if n in EMOTIONAL_ITEMS else "ja"))
        for n in range(1, 12)
    }  # fmt: skip


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, Category.NOT_LONELY),
        (2, Category.NOT_LONELY),
        (3, Category.MODERATE),
        (8, Category.MODERATE),
        (9, Category.SEVERE),
        (10, Category.SEVERE),
        (11, Category.VERY_SEVERE),
    ],
)
def test_eleven_item_band_boundaries(total, expected):
    result = score(11, _eleven_with_total(total))
    assert result.total == total
    assert result.category == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, Category.NOT_LONELY),
        (1, Category.NOT_LONELY),
        (2, Category.MODERATE),
        (4, Category.MODERATE),
        (5, Category.SEVERE),
        (6, Category.SEVERE),
    ],
)
def test_six_item_band_boundaries(total, expected):
    assert scoring.category(6, total) == expected


def test_six_items_hand_computed():
    # Emotional 3 ja (1), 9 min of meer (1), 10 nee (0) = 2; social 4 ja (0), 7 nee (1),
    # 8 min of meer (1) = 2. Total 4: 2-4 is "matig eenzaam".
    answers = {3: "ja", 9: "min of meer", 10: "nee", 4: "ja", 7: "nee", 8: "min of meer"}
    result = score(6, answers)
    assert (result.emotional, result.social, result.total) == (2, 2, 4)
    assert result.category == Category.MODERATE
    # The subscale cut-off applies to the 11-item version only.
    assert scoring.subscale_lonely(result, 2) == (None, None)


def test_six_items_one_missing_sums_the_five_answered():
    # Item 9 missing: emotional cannot be computed; the total is 1 (item 3) + 0 + 1 + 1 + 1.
    answers = {3: "ja", 10: "nee", 4: "nee!", 7: "min of meer", 8: "nee"}
    result = score(6, answers)
    assert result.total == 4
    assert result.emotional is None
    assert result.social == 3
    assert result.category == Category.MODERATE
    assert result.answered == 5


def test_six_items_two_missing_cannot_be_computed():
    result = score(6, {3: "ja", 10: "nee", 4: "nee", 7: "ja"})
    assert result.total is None
    assert result.category is None
    assert not result.computable


def test_eleven_items_any_missing_cannot_be_computed():
    answers = _eleven_with_total(5)
    del answers[6]
    result = score(11, answers)
    assert result.total is None
    assert result.emotional is None  # item 6 is emotional
    assert result.social == 2  # items 1 and 4 lonely (1 + 1), 7, 8 and 11 not (0)
    assert result.category is None


def test_an_item_of_the_other_version_is_refused():
    with pytest.raises(ValueError):
        score(6, {1: "ja"})
    with pytest.raises(ValueError):
        scoring.category(6, 7)
