"""The De Jong Gierveld loneliness scale: its items, answers and scoring.

Plain Python without database access. Source and every rule:
``shared/reference/instruments.md`` section 1 (GGD/RIVM wording, the VU manual of De Jong
Gierveld & Van Tilburg) and section 8 (missing answers, five-point answers, subscale cut-off).

The instruction, items and answers are kept in their published Dutch wording and deliberately
not passed through gettext: a validated instrument is only valid in the words it was validated
in. Everything around them (labels of our own, errors) is translatable.

Scoring, per item 0 or 1:

* emotional items: *ja* and *min of meer* score 1, *nee* 0;
* social items are worded positively (reverse): *nee* and *min of meer* score 1, *ja* 0;
* "min of meer" always counts towards loneliness; the five-point answers *ja!* and *nee!*
  score as *ja* and *nee*.

Missing answers: the 11-item total only when all 11 items are answered; the 6-item total when
at most one item is missing (the sum of the five answered, as the VU manual's syntax does);
a subscale only when all of its items are answered. Otherwise "niet te berekenen" (None).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

INSTRUCTION = (
    "Wilt u van elk van de volgende uitspraken aangeven in hoeverre die op u, zoals u de "
    "laatste tijd bent, van toepassing is?"
)

EMOTIONAL, SOCIAL = "emotional", "social"


class Answer(models.TextChoices):
    # The three answers the GGD/RIVM version offers, in the order of the questionnaire.
    NO = "nee", "nee"
    MORE_OR_LESS = "min of meer", "min of meer"
    YES = "ja", "ja"


# The original five-point answers ("nee!" and "ja!") are accepted and score as "nee" and "ja".
FIVE_POINT = {"nee!": Answer.NO, "ja!": Answer.YES}
ACCEPTED = frozenset(Answer.values) | frozenset(FIVE_POINT)


class Version(models.IntegerChoices):
    LONG = 11, _("11 questions")
    SHORT = 6, _("6 questions")


class Category(models.TextChoices):
    """The published bands, from least to most lonely (``RANK``)."""

    NOT_LONELY = "not_lonely", _("not lonely")
    MODERATE = "moderate", _("moderately lonely")
    SEVERE = "severe", _("severely lonely")
    VERY_SEVERE = "very_severe", _("very severely lonely")


RANK = {category: rank for rank, category in enumerate(Category.values)}


@dataclass(frozen=True)
class Item:
    number: int  # the number in the 11-item scale
    text: str
    subscale: str  # EMOTIONAL or SOCIAL (social items are reverse-scored)


ITEMS = (
    Item(
        1,
        "Er is altijd wel iemand in mijn omgeving bij wie ik met mijn dagelijkse "
        "probleempjes terecht kan",
        SOCIAL,
    ),
    Item(2, "Ik mis een echt goede vriend of vriendin", EMOTIONAL),
    Item(3, "Ik ervaar een leegte om me heen", EMOTIONAL),
    Item(4, "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen", SOCIAL),
    Item(5, "Ik mis gezelligheid om me heen", EMOTIONAL),
    Item(6, "Ik vind mijn kring van kennissen te beperkt", EMOTIONAL),
    Item(7, "Ik heb veel mensen op wie ik volledig kan vertrouwen", SOCIAL),
    Item(8, "Er zijn voldoende mensen met wie ik me nauw verbonden voel", SOCIAL),
    Item(9, "Ik mis mensen om me heen", EMOTIONAL),
    Item(10, "Vaak voel ik me in de steek gelaten", EMOTIONAL),
    Item(
        11,
        "Wanneer ik daar behoefte aan heb, kan ik altijd bij mijn vrienden terecht",
        SOCIAL,
    ),
)
BY_NUMBER = {item.number: item for item in ITEMS}

# The short version: items 3, 9, 10 (emotional) and 4, 7, 8 (social), asked in the order of
# the long version.
SHORT_ITEMS = (3, 4, 7, 8, 9, 10)
LONG_ITEMS = tuple(item.number for item in ITEMS)


def item_numbers(version: int) -> tuple[int, ...]:
    if version == Version.LONG:
        return LONG_ITEMS
    if version == Version.SHORT:
        return SHORT_ITEMS
    raise ValueError(f"unknown version {version!r}")


def items(version: int) -> tuple[Item, ...]:
    return tuple(BY_NUMBER[number] for number in item_numbers(version))


def max_total(version: int) -> int:
    return len(item_numbers(version))


def item_score(item: Item, answer: str | None) -> int | None:
    """0 or 1 for one answer; None for no answer. ValueError for an unknown answer."""
    if answer is None or answer == "":
        return None
    if answer not in ACCEPTED:
        raise ValueError(f"unknown answer {answer!r}")
    answer = FIVE_POINT.get(answer, answer)
    if answer == Answer.MORE_OR_LESS:
        return 1
    if item.subscale == EMOTIONAL:
        return 1 if answer == Answer.YES else 0
    return 1 if answer == Answer.NO else 0


def category(version: int, total: int | None) -> str | None:
    """The published band of a total: 11 items (GGD/RIVM) 0-2 not lonely, 3-8 moderately,
    9-10 severely, 11 very severely; 6 items (De Jong Gierveld & Van Tilburg 2006) 0-1 not
    lonely, 2-4 moderately, 5-6 severely."""
    if total is None:
        return None
    if not 0 <= total <= max_total(version):
        raise ValueError(f"total {total} out of range for {version} items")
    if version == Version.LONG:
        if total <= 2:
            return Category.NOT_LONELY
        if total <= 8:
            return Category.MODERATE
        if total <= 10:
            return Category.SEVERE
        return Category.VERY_SEVERE
    if total <= 1:
        return Category.NOT_LONELY
    if total <= 4:
        return Category.MODERATE
    return Category.SEVERE


@dataclass(frozen=True)
class Score:
    version: int
    total: int | None  # None: niet te berekenen
    emotional: int | None
    social: int | None
    category: str | None
    answered: int

    @property
    def computable(self) -> bool:
        return self.total is not None


def score(version: int, answers: Mapping) -> Score:
    """Score the answers ({item number: answer}; keys may be strings, as JSON stores them)."""
    numbers = item_numbers(version)
    given = {int(key): value for key, value in answers.items()}
    unknown = set(given) - set(numbers)
    if unknown:
        raise ValueError(f"items {sorted(unknown)} are not in the {version}-item version")
    scores = {number: item_score(BY_NUMBER[number], given.get(number)) for number in numbers}
    answered = [value for value in scores.values() if value is not None]
    missing = len(numbers) - len(answered)
    allowed_missing = 1 if version == Version.SHORT else 0
    total = sum(answered) if missing <= allowed_missing else None

    def subscale(name: str) -> int | None:
        values = [scores[n] for n in numbers if BY_NUMBER[n].subscale == name]
        return None if any(value is None for value in values) else sum(values)

    return Score(
        version=version,
        total=total,
        emotional=subscale(EMOTIONAL),
        social=subscale(SOCIAL),
        category=category(version, total),
        answered=len(answered),
    )


def subscale_lonely(result: Score, cutoff: int) -> tuple[bool | None, bool | None]:
    """Emotionally and socially lonely by the subscale cut-off (a municipality setting, 2 or
    3; the sources differ). It applies to the 11-item subscales only: (None, None) otherwise."""
    if result.version != Version.LONG:
        return None, None
    return (
        None if result.emotional is None else result.emotional >= cutoff,
        None if result.social is None else result.social >= cutoff,
    )
