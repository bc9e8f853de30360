"""The start page tells a jury member what is left to score and a broker what is left to
check (recognition.selectors.rounds.todos)."""

import pytest
from django.urls import reverse

from omzien.recognition import constants
from omzien.recognition.selectors.rounds import todos
from omzien.recognition.tests.factories import NominationFactory, ReviewFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _counts(user) -> dict[str, int | None]:
    return {str(todo.label): todo.count for section in todos(user) for todo in section.todos}


def test_a_jury_member_sees_what_is_left_to_score_until_they_submit(juror, chair):
    scored, left = NominationFactory.create_batch(2, round=juror.round)
    NominationFactory(round=juror.round, status=constants.NominationStatus.REJECTED)
    ReviewFactory(juror=juror, nomination=scored)
    assert _counts(juror.user) == {"Voordrachten om te beoordelen": 1}
    assert _counts(chair.user) == {"Voordrachten om te beoordelen": 2}

    ReviewFactory(juror=juror, nomination=left)
    assert _counts(juror.user) == {}
    chair.submitted_at = chair.round.created_at
    chair.save()
    assert _counts(chair.user) == {}


def test_a_broker_sees_the_nominations_to_check_of_their_own_municipality(broker, round_, dalfsen):
    NominationFactory.create_batch(2, round=round_, status=constants.NominationStatus.SUBMITTED)
    NominationFactory(round=round_)
    NominationFactory(round=RoundFactory(municipality=dalfsen), status="submitted")
    [section] = todos(broker)
    [todo] = section.todos
    assert (str(todo.label), todo.count, todo.url) == (
        "Voordrachten om te controleren",
        2,
        reverse("recognition:rounds"),
    )


def test_no_section_for_a_resident_or_a_member_of_no_jury_in_one_query(
    make_member, heerde, juror, django_assert_num_queries
):
    from omzien.accounts.constants import Role
    from omzien.accounts.tests.factories import UserFactory

    NominationFactory(round=juror.round)
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    with django_assert_num_queries(1):
        assert todos(consultant) == []
    assert todos(UserFactory()) == []
