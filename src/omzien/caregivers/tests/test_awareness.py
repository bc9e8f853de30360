"""The outcomes of the "Ben ik mantelzorger?" checks, for every path through them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omzien.caregivers import constants as c
from omzien.caregivers.selectors import awareness as a


def adult(**answers):
    base = {
        "who": c.CheckWho.PARENT,
        "tasks": [c.CheckTask.HOUSEHOLD, c.CheckTask.PAPERWORK],
        "frequency": c.CheckFrequency.WEEKLY,
        "duration": c.CheckDuration.YEARS,
        "wellbeing": c.CheckWellbeing.FINE,
    }
    return a.adult_outcome(**{**base, **answers})


def young(**answers):
    base = {
        "who": c.YoungWho.PARENT,
        "reason": c.YoungReason.ILL,
        "tasks": [c.YoungTask.HOUSEHOLD],
        "frequency": c.YoungFrequency.DAILY,
        "wellbeing": c.YoungWellbeing.FINE,
    }
    return a.young_outcome(**{**base, **answers})


# --- Adults ------------------------------------------------------------------------------------


def test_shopping_for_mother_every_week_for_years_is_a_carer_who_hears_of_registration_first():
    outcome = adult()
    assert outcome.verdict == a.CARER
    assert not outcome.heavy
    assert outcome.suggestions[:2] == (a.REGISTER, a.APPRECIATION)
    assert {a.PEER_SUPPORT, a.MEETINGS, a.RESPITE, a.TALK} <= set(outcome.suggestions)


def test_a_neighbours_paperwork_now_and_then_for_years_counts_too():
    outcome = adult(
        who=c.CheckWho.NEIGHBOUR,
        tasks=[c.CheckTask.PAPERWORK],
        frequency=c.CheckFrequency.SOMETIMES,
        duration=c.CheckDuration.YEARS,
    )
    assert outcome.verdict == a.CARER


def test_sometimes_heavy_puts_respite_and_peer_support_first():
    outcome = adult(wellbeing=c.CheckWellbeing.SOMETIMES_HEAVY)
    assert outcome.verdict == a.CARER
    assert outcome.suggestions[:2] == (a.RESPITE, a.PEER_SUPPORT)


def test_too_heavy_puts_talking_to_someone_first_then_respite():
    outcome = adult(wellbeing=c.CheckWellbeing.TOO_HEAVY)
    assert outcome.verdict == a.CARER
    assert outcome.heavy
    assert outcome.suggestions[:2] == (a.TALK, a.RESPITE)
    assert outcome.suggestions.count(a.TALK) == 1


@pytest.mark.parametrize("who", [c.CheckWho.PARTNER, c.CheckWho.CHILD])
def test_only_housework_for_partner_or_child_is_perhaps_usual_care(who):
    outcome = adult(who=who, tasks=[c.CheckTask.HOUSEHOLD])
    assert outcome.verdict == a.MAYBE
    assert outcome.usual_care
    assert a.TALK in outcome.suggestions


def test_personal_care_for_a_partner_is_more_than_usual_care():
    outcome = adult(who=c.CheckWho.PARTNER, tasks=[c.CheckTask.PERSONAL_CARE])
    assert outcome.verdict == a.CARER
    assert not outcome.usual_care


def test_short_and_now_and_then_is_perhaps_not_yet():
    outcome = adult(frequency=c.CheckFrequency.SOMETIMES, duration=c.CheckDuration.SHORT)
    assert outcome.verdict == a.MAYBE
    assert not outcome.usual_care
    assert outcome.suggestions[0] == a.CARER_SUPPORT


def test_helping_nobody_is_probably_not_a_carer_with_what_else_might_help():
    outcome = adult(who=c.CheckWho.NOBODY, tasks=[], frequency="", duration="", wellbeing="")
    assert outcome.verdict == a.NOT_A_CARER
    assert outcome.suggestions == (a.SHARE, a.OTHER_HELP, a.TALK)


def test_nothing_done_now_and_then_is_not_a_carer():
    outcome = adult(tasks=[], frequency=c.CheckFrequency.SOMETIMES)
    assert outcome.verdict == a.NOT_A_CARER


def test_not_a_carer_but_too_heavy_still_puts_talking_first():
    outcome = adult(who=c.CheckWho.NOBODY, tasks=[], wellbeing=c.CheckWellbeing.TOO_HEAVY)
    assert outcome.verdict == a.NOT_A_CARER
    assert outcome.suggestions[0] == a.TALK
    assert outcome.heavy


# --- Young carers -----------------------------------------------------------------------------


def test_a_child_with_an_ill_parent_is_a_young_carer_and_hears_of_activities_first():
    outcome = young()
    assert outcome.verdict == a.CARER
    assert outcome.suggestions[0] == a.YOUNG_MEETINGS
    assert {a.YOUNG_SUPPORT, a.REGISTER, a.APPRECIATION, a.TRUSTED_ADULT} <= set(
        outcome.suggestions
    )
    assert a.HELPLINE not in outcome.suggestions


def test_a_parent_who_drinks_makes_a_young_carer_even_without_tasks():
    outcome = young(reason=c.YoungReason.ADDICTION, tasks=[], frequency=c.YoungFrequency.SOMETIMES)
    assert outcome.verdict == a.CARER


def test_often_hard_puts_the_consultant_a_trusted_adult_and_the_helpline_first():
    outcome = young(wellbeing=c.YoungWellbeing.OFTEN_HARD)
    assert outcome.heavy
    assert outcome.suggestions[:3] == (a.TALK, a.TRUSTED_ADULT, a.HELPLINE)


def test_sometimes_hard_suggests_activities_and_a_trusted_adult():
    outcome = young(wellbeing=c.YoungWellbeing.SOMETIMES_HARD)
    assert outcome.suggestions[:2] == (a.YOUNG_MEETINGS, a.TRUSTED_ADULT)


def test_just_helping_at_home_is_perhaps_and_says_whom_to_tell():
    outcome = young(reason=c.YoungReason.NO_REASON)
    assert outcome.verdict == a.MAYBE
    assert outcome.suggestions == (a.TRUSTED_ADULT, a.TALK)


def test_helping_nobody_is_not_a_young_carer():
    outcome = young(who=c.YoungWho.NOBODY, reason="", frequency="", wellbeing="")
    assert outcome.verdict == a.NOT_A_CARER
    assert outcome.suggestions == (a.SHARE, a.TRUSTED_ADULT)


# --- Every combination of answers ends somewhere kind ------------------------------------------

EMPTY = st.just("")


@given(
    who=st.sampled_from(c.CheckWho.values),
    tasks=st.lists(st.sampled_from(c.CheckTask.values), unique=True),
    frequency=st.sampled_from(c.CheckFrequency.values),
    duration=st.sampled_from(c.CheckDuration.values),
    wellbeing=st.sampled_from(c.CheckWellbeing.values),
)
def test_every_adult_outcome_names_someone_to_talk_to_and_suggests_nothing_twice(**answers):
    outcome = a.adult_outcome(**answers)
    assert outcome.verdict in (a.CARER, a.MAYBE, a.NOT_A_CARER)
    assert a.TALK in outcome.suggestions
    assert len(set(outcome.suggestions)) == len(outcome.suggestions)
    if outcome.heavy:
        assert outcome.suggestions[0] == a.TALK
    if outcome.verdict == a.CARER:
        assert a.REGISTER in outcome.suggestions and a.RESPITE in outcome.suggestions


@given(
    who=st.sampled_from(c.YoungWho.values),
    reason=st.sampled_from(c.YoungReason.values) | EMPTY,
    tasks=st.lists(st.sampled_from(c.YoungTask.values), unique=True),
    frequency=st.sampled_from(c.YoungFrequency.values) | EMPTY,
    wellbeing=st.sampled_from(c.YoungWellbeing.values),
)
def test_every_young_outcome_names_an_adult_to_tell_and_the_helpline_when_hard(**answers):
    outcome = a.young_outcome(**answers)
    assert a.TRUSTED_ADULT in outcome.suggestions
    assert len(set(outcome.suggestions)) == len(outcome.suggestions)
    assert (a.HELPLINE in outcome.suggestions) == (
        answers["wellbeing"] == c.YoungWellbeing.OFTEN_HARD
    )
