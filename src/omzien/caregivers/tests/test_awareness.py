"""The outcomes of the "Ben ik mantelzorger?" checks, for every path through them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omzien.caregivers import constants
from omzien.caregivers.selectors import awareness


def adult(**answers):
    base = {
        "who": constants.CheckWho.PARENT,
        "tasks": [constants.CheckTask.HOUSEHOLD, constants.CheckTask.PAPERWORK],
        "frequency": constants.CheckFrequency.WEEKLY,
        "duration": constants.CheckDuration.YEARS,
        "wellbeing": constants.CheckWellbeing.FINE,
    }
    return awareness.adult_outcome(**{**base, **answers})


def young(**answers):
    base = {
        "who": constants.YoungWho.PARENT,
        "reason": constants.YoungReason.ILL,
        "tasks": [constants.YoungTask.HOUSEHOLD],
        "frequency": constants.YoungFrequency.DAILY,
        "wellbeing": constants.YoungWellbeing.FINE,
    }
    return awareness.young_outcome(**{**base, **answers})


# --- Adults ------------------------------------------------------------------------------------


def test_shopping_for_mother_every_week_for_years_is_a_carer_who_hears_of_registration_first():
    outcome = adult()
    assert outcome.verdict == awareness.CARER
    assert not outcome.heavy
    assert outcome.suggestions[:2] == (awareness.REGISTER, awareness.APPRECIATION)
    assert {awareness.PEER_SUPPORT, awareness.MEETINGS, awareness.RESPITE, awareness.TALK} <= set(
        outcome.suggestions
    )


def test_a_neighbours_paperwork_now_and_then_for_years_counts_too():
    outcome = adult(
        who=constants.CheckWho.NEIGHBOUR,
        tasks=[constants.CheckTask.PAPERWORK],
        frequency=constants.CheckFrequency.SOMETIMES,
        duration=constants.CheckDuration.YEARS,
    )
    assert outcome.verdict == awareness.CARER


def test_sometimes_heavy_puts_respite_and_peer_support_first():
    outcome = adult(wellbeing=constants.CheckWellbeing.SOMETIMES_HEAVY)
    assert outcome.verdict == awareness.CARER
    assert outcome.suggestions[:2] == (awareness.RESPITE, awareness.PEER_SUPPORT)


def test_too_heavy_puts_talking_to_someone_first_then_respite():
    outcome = adult(wellbeing=constants.CheckWellbeing.TOO_HEAVY)
    assert outcome.verdict == awareness.CARER
    assert outcome.heavy
    assert outcome.suggestions[:2] == (awareness.TALK, awareness.RESPITE)
    assert outcome.suggestions.count(awareness.TALK) == 1


@pytest.mark.parametrize("who", [constants.CheckWho.PARTNER, constants.CheckWho.CHILD])
def test_only_housework_for_partner_or_child_is_perhaps_usual_care(who):
    outcome = adult(who=who, tasks=[constants.CheckTask.HOUSEHOLD])
    assert outcome.verdict == awareness.MAYBE
    assert outcome.usual_care
    assert awareness.TALK in outcome.suggestions


def test_personal_care_for_a_partner_is_more_than_usual_care():
    outcome = adult(who=constants.CheckWho.PARTNER, tasks=[constants.CheckTask.PERSONAL_CARE])
    assert outcome.verdict == awareness.CARER
    assert not outcome.usual_care


def test_short_and_now_and_then_is_perhaps_not_yet():
    outcome = adult(
        frequency=constants.CheckFrequency.SOMETIMES, duration=constants.CheckDuration.SHORT
    )
    assert outcome.verdict == awareness.MAYBE
    assert not outcome.usual_care
    assert outcome.suggestions[0] == awareness.CARER_SUPPORT


def test_helping_nobody_is_probably_not_a_carer_with_what_else_might_help():
    outcome = adult(
        who=constants.CheckWho.NOBODY, tasks=[], frequency="", duration="", wellbeing=""
    )
    assert outcome.verdict == awareness.NOT_A_CARER
    assert outcome.suggestions == (awareness.SHARE, awareness.OTHER_HELP, awareness.TALK)


def test_nothing_done_now_and_then_is_not_a_carer():
    outcome = adult(tasks=[], frequency=constants.CheckFrequency.SOMETIMES)
    assert outcome.verdict == awareness.NOT_A_CARER


def test_not_a_carer_but_too_heavy_still_puts_talking_first():
    outcome = adult(
        who=constants.CheckWho.NOBODY, tasks=[], wellbeing=constants.CheckWellbeing.TOO_HEAVY
    )
    assert outcome.verdict == awareness.NOT_A_CARER
    assert outcome.suggestions[0] == awareness.TALK
    assert outcome.heavy


# --- Young carers -----------------------------------------------------------------------------


def test_a_child_with_an_ill_parent_is_a_young_carer_and_hears_of_activities_first():
    outcome = young()
    assert outcome.verdict == awareness.CARER
    assert outcome.suggestions[0] == awareness.YOUNG_MEETINGS
    assert {
        awareness.YOUNG_SUPPORT,
        awareness.REGISTER,
        awareness.APPRECIATION,
        awareness.TRUSTED_ADULT,
    } <= set(outcome.suggestions)
    assert awareness.HELPLINE not in outcome.suggestions


def test_a_parent_who_drinks_makes_a_young_carer_even_without_tasks():
    outcome = young(
        reason=constants.YoungReason.ADDICTION,
        tasks=[],
        frequency=constants.YoungFrequency.SOMETIMES,
    )
    assert outcome.verdict == awareness.CARER


def test_often_hard_puts_the_consultant_a_trusted_adult_and_the_helpline_first():
    outcome = young(wellbeing=constants.YoungWellbeing.OFTEN_HARD)
    assert outcome.heavy
    assert outcome.suggestions[:3] == (awareness.TALK, awareness.TRUSTED_ADULT, awareness.HELPLINE)


def test_sometimes_hard_suggests_activities_and_a_trusted_adult():
    outcome = young(wellbeing=constants.YoungWellbeing.SOMETIMES_HARD)
    assert outcome.suggestions[:2] == (awareness.YOUNG_MEETINGS, awareness.TRUSTED_ADULT)


def test_just_helping_at_home_is_perhaps_and_says_whom_to_tell():
    outcome = young(reason=constants.YoungReason.NO_REASON)
    assert outcome.verdict == awareness.MAYBE
    assert outcome.suggestions == (awareness.TRUSTED_ADULT, awareness.TALK)


def test_helping_nobody_is_not_a_young_carer():
    outcome = young(who=constants.YoungWho.NOBODY, reason="", frequency="", wellbeing="")
    assert outcome.verdict == awareness.NOT_A_CARER
    assert outcome.suggestions == (awareness.SHARE, awareness.TRUSTED_ADULT)


# --- Every combination of answers ends somewhere kind ------------------------------------------

EMPTY = st.just("")


@given(
    who=st.sampled_from(constants.CheckWho.values),
    tasks=st.lists(st.sampled_from(constants.CheckTask.values), unique=True),
    frequency=st.sampled_from(constants.CheckFrequency.values),
    duration=st.sampled_from(constants.CheckDuration.values),
    wellbeing=st.sampled_from(constants.CheckWellbeing.values),
)
def test_every_adult_outcome_names_someone_to_talk_to_and_suggests_nothing_twice(**answers):
    outcome = awareness.adult_outcome(**answers)
    assert outcome.verdict in (awareness.CARER, awareness.MAYBE, awareness.NOT_A_CARER)
    assert awareness.TALK in outcome.suggestions
    assert len(set(outcome.suggestions)) == len(outcome.suggestions)
    if outcome.heavy:
        assert outcome.suggestions[0] == awareness.TALK
    if outcome.verdict == awareness.CARER:
        assert (
            awareness.REGISTER in outcome.suggestions and awareness.RESPITE in outcome.suggestions
        )


@given(
    who=st.sampled_from(constants.YoungWho.values),
    reason=st.sampled_from(constants.YoungReason.values) | EMPTY,
    tasks=st.lists(st.sampled_from(constants.YoungTask.values), unique=True),
    frequency=st.sampled_from(constants.YoungFrequency.values) | EMPTY,
    wellbeing=st.sampled_from(constants.YoungWellbeing.values),
)
def test_every_young_outcome_names_an_adult_to_tell_and_the_helpline_when_hard(**answers):
    outcome = awareness.young_outcome(**answers)
    assert awareness.TRUSTED_ADULT in outcome.suggestions
    assert len(set(outcome.suggestions)) == len(outcome.suggestions)
    assert (awareness.HELPLINE in outcome.suggestions) == (
        answers["wellbeing"] == constants.YoungWellbeing.OFTEN_HARD
    )
