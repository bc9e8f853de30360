"""The volunteer platform's choices and the matching engine's vocabulary are one list."""

import pytest

from omzien.matching import scoring, synthetic, vocabulary
from omzien.volunteering import constants


def test_kinds_of_commitment_are_the_engines():
    assert tuple(constants.VacancyKind.values) == vocabulary.KINDS


def test_day_parts_are_the_engines_in_the_same_order():
    assert tuple(code for code, _label in constants.DAY_PARTS) == vocabulary.DAY_PARTS
    assert frozenset(vocabulary.DAY_PARTS) == constants.DAY_PART_CODES


def test_work_without_travel_is_the_engines():
    assert frozenset(constants.REMOTE_LOCATIONS) == vocabulary.REMOTE
    assert set(constants.LocationKind.values) > vocabulary.REMOTE


def test_synthetic_domains_are_real_domains():
    assert set(synthetic.DOMAINS) <= set(constants.Domain.values)


def test_an_unknown_day_part_is_refused_not_dropped():
    assert scoring.day_mask(["mon_morning"]) == 1
    with pytest.raises(ValueError, match="unknown day-part codes: \\['mon_night'\\]"):
        scoring.day_mask(["mon_morning", "mon_night"])
