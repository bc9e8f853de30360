"""The services: the idempotent public nomination, the award rules, consent through the
one-time link, scoring with the ranking and the chair's tie-break, and retention."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from omzien.common.services import Actor, EditConflict
from omzien.privacy.models import AuditEvent
from omzien.recognition import constants
from omzien.recognition.models import JuryMember, Nomination, Round
from omzien.recognition.selectors.scoring import RankRow, order, ranking
from omzien.recognition.services import nominations, rounds, scoring
from omzien.recognition.services.retention import recognition_apply_retention
from omzien.recognition.tests.conftest import NOMINATION
from omzien.recognition.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def code_of(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return next(iter(error.error_dict.values()))[0].code
    return error.error_list[0].code


def test_a_double_submit_makes_one_nomination(round_):
    anonymous = Actor()
    first = nominations.nomination_submit(
        round_=round_, data=NOMINATION, actor=anonymous, submission_key="k1"
    )
    again = nominations.nomination_submit(
        round_=round_, data=NOMINATION, actor=anonymous, submission_key="k1"
    )
    assert first.pk == again.pk and Nomination.objects.count() == 1
    assert first.status == constants.NominationStatus.SUBMITTED
    assert first.nominator_phone == "0578 123 456"  # normalised


def test_nominations_are_refused_outside_the_window(round_):
    Round.objects.filter(pk=round_.pk).update(
        nominations_close=timezone.localdate() - datetime.timedelta(days=1)
    )
    round_.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        nominations.nomination_submit(round_=round_, data=NOMINATION, actor=Actor())
    assert code_of(error.value) == "nominations_closed"


def _score(juror, nomination, criteria, values, *, submit=False):
    actor = Actor(user=juror.user)
    scoring.review_save(
        juror=juror,
        nomination=nomination,
        scores={criterion.pk: value for criterion, value in zip(criteria, values, strict=True)},
        motivation="Een voorbeeld voor velen.",
        actor=actor,
    )


def test_weighted_ranking_ties_and_the_chairs_choice(round_, criteria, chair, juror):
    a, b, d = (NominationFactory(round=round_, nominee_name=n) for n in ("Anna", "Bert", "Dirk"))
    # Inzet weighs 2, Betekenis 1: Anna 2*8+6=22 + 2*7+7=21 = 43, Bert 2*6+9=21 + 2*7+8=22 = 43.
    for member, rows in (
        (chair, {a: (8, 6), b: (6, 9), d: (3, 3)}),
        (juror, {a: (7, 7), b: (7, 8), d: (4, 4)}),
    ):
        for nomination, values in rows.items():
            _score(member, nomination, criteria, values)
    # Before anyone submits the ranking shows nothing.
    assert ranking(round_=round_).submitted == 0
    with pytest.raises(ValidationError) as error:
        scoring.tie_resolve(juror=chair, first=a.pk, actor=Actor(user=chair.user))
    assert code_of(error.value) == "jury_not_done"
    scoring.jury_submit(juror=chair, actor=Actor(user=chair.user))
    with pytest.raises(ValidationError) as error:  # submitted: no more changes
        _score(chair, a, criteria, (10, 10))
    assert code_of(error.value) == "submitted"
    scoring.jury_submit(juror=juror, actor=Actor(user=juror.user))

    result = ranking(round_=round_)
    assert result.complete and result.has_ties
    assert [(r.nomination.nominee_name, r.total, r.position, r.tied) for r in result.rows] == [
        ("Anna", 43, 1, True),
        ("Bert", 43, 1, True),
        ("Dirk", 21, 3, False),
    ]
    assert str(result.rows[0].average) == "7.2"  # 43 / (2 members × weight 3)
    # Only the chair resolves the tie, only between tied nominations.
    with pytest.raises(ValidationError) as error:
        scoring.tie_resolve(juror=juror, first=b.pk, actor=Actor(user=juror.user))
    assert code_of(error.value) == "not_chair"
    with pytest.raises(ValidationError) as error:
        scoring.tie_resolve(juror=chair, first=d.pk, actor=Actor(user=chair.user))
    assert code_of(error.value) == "not_tied"
    scoring.tie_resolve(juror=chair, first=b.pk, actor=Actor(user=chair.user))
    result = ranking(round_=round_)
    assert [(r.nomination.nominee_name, r.position, r.tied) for r in result.rows] == [
        ("Bert", 1, False),
        ("Anna", 2, False),
        ("Dirk", 3, False),
    ]


def test_three_way_tie_is_resolved_one_choice_at_a_time():
    def row(pk, total, tie_break=0):
        return RankRow(nomination=Nomination(pk=pk, tie_break=tie_break), total=total, average=0)

    ranked = order([row(1, 10), row(2, 10), row(3, 10), row(4, 12)])
    assert [(r.nomination.pk, r.position, r.tied) for r in ranked] == [
        (4, 1, False),
        (1, 2, True),
        (2, 2, True),
        (3, 2, True),
    ]
    ranked = order([row(1, 10), row(2, 10, 1), row(3, 10)])
    assert [(r.nomination.pk, r.position, r.tied) for r in ranked] == [
        (2, 1, False),
        (1, 2, True),
        (3, 2, True),
    ]


def test_submitting_needs_every_nomination_scored(round_, criteria, juror, actor):
    a, b = NominationFactory(round=round_), NominationFactory(round=round_)
    _score(juror, a, criteria, (5, 5))
    with pytest.raises(ValidationError) as error:
        scoring.jury_submit(juror=juror, actor=Actor(user=juror.user))
    assert code_of(error.value) == "incomplete"
    with pytest.raises(ValidationError) as error:  # a member scores only for themselves
        scoring.review_save(
            juror=juror,
            nomination=b,
            scores={criterion.pk: 5 for criterion in criteria},
            motivation="Namens een ander.",
            actor=actor,
        )
    assert code_of(error.value) == "not_juror"


def test_awards_wait_for_the_jury_and_there_is_one_winner(round_, criteria, juror, actor):
    a, b = NominationFactory(round=round_), NominationFactory(round=round_)
    with pytest.raises(ValidationError) as error:
        nominations.nomination_award(
            nomination=a, target=constants.NominationStatus.WINNER, actor=actor
        )
    assert code_of(error.value) == "jury_not_done"
    for nomination in (a, b):
        _score(juror, nomination, criteria, (6, 6))
    scoring.jury_submit(juror=juror, actor=Actor(user=juror.user))
    nominations.nomination_award(
        nomination=a, target=constants.NominationStatus.WINNER, actor=actor
    )
    with pytest.raises(ValidationError) as error:
        nominations.nomination_award(
            nomination=b, target=constants.NominationStatus.WINNER, actor=actor
        )
    assert code_of(error.value) == "winner_taken"
    nominations.nomination_award(nomination=b, target=constants.NominationStatus.PLUIM, actor=actor)
    # Checking is over once the jury submitted.
    late = NominationFactory(round=round_, status=constants.NominationStatus.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        nominations.nomination_check(
            nomination=late, target=constants.NominationStatus.ACCEPTED, actor=actor
        )
    assert code_of(error.value) == "scoring_started"


def test_consent_by_one_time_link(round_, actor, django_capture_on_commit_callbacks):
    nomination = NominationFactory(round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        nominations.consent_ask(nomination=nomination, email="gerda@example.org", actor=actor)
    [message] = mail.outbox
    assert message.to == ["gerda@example.org"]
    token = message.body.split("/toestemming/")[1].split("/")[0]
    nomination.refresh_from_db()
    assert (
        nomination.consent == constants.Consent.ASKED and token not in nomination.consent_token_hash
    )
    assert nominations.nomination_by_consent_token(token).pk == nomination.pk
    nominations.consent_answer(token=token, agree=True, actor=Actor())
    nomination.refresh_from_db()
    assert nomination.consent == constants.Consent.GIVEN
    # The link works once.
    assert nominations.nomination_by_consent_token(token) is None
    with pytest.raises(ValidationError) as error:
        nominations.consent_answer(token=token, agree=False, actor=Actor())
    assert code_of(error.value) == "link_invalid"
    # A withdrawal later goes through the broker, with how it was asked.
    nominations.consent_withdraw(nomination=nomination, note="Belde de makelaar.", actor=actor)
    nomination.refresh_from_db()
    assert nomination.consent == constants.Consent.DECLINED


def test_consent_is_asked_of_accepted_nominations_only(round_, actor):
    nomination = NominationFactory(round=round_, status=constants.NominationStatus.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        nominations.consent_ask(nomination=nomination, email="gerda@example.org", actor=actor)
    assert code_of(error.value) == "not_accepted"


def test_the_jury_is_staff_of_the_municipality_with_one_chair(
    round_, actor, make_member, heerde, dalfsen
):
    from omzien.accounts.constants import Role

    first = make_member(Role.POLICY_ADVISOR, heerde)
    second = make_member(Role.WELFARE_WORKER, heerde)
    resident = make_member(Role.RESIDENT, heerde)
    elsewhere = make_member(Role.BROKER, dalfsen)
    rounds.juror_add(round_=round_, user_id=first.pk, is_chair=True, actor=actor)
    rounds.juror_add(round_=round_, user_id=second.pk, is_chair=True, actor=actor)
    assert list(JuryMember.objects.filter(is_chair=True).values_list("user", flat=True)) == [
        second.pk
    ]
    for user in (resident, elsewhere, first):
        with pytest.raises(ValidationError):
            rounds.juror_add(round_=round_, user_id=user.pk, is_chair=False, actor=actor)


def test_retention_removes_contacts_and_rejected_nominations_after_the_announcement(heerde, round_):
    kept = NominationFactory(round=round_, consent_email="gerda@example.org")
    rejected = NominationFactory(round=round_, status=constants.NominationStatus.REJECTED)
    assert recognition_apply_retention(today=round_.announce_on) == 0  # not yet closed
    handled = recognition_apply_retention(today=round_.announce_on + datetime.timedelta(days=1))
    assert handled == 2
    kept.refresh_from_db()
    assert (
        kept.nominator_name,
        kept.nominator_email,
        kept.nominator_phone,
        kept.consent_email,
    ) == ("", "", "", "")
    assert kept.nominee_name and kept.motivation
    assert not Nomination.objects.filter(pk=rejected.pk).exists()
    assert AuditEvent.objects.filter(reason="contact removed: retention").count() == 1
    assert recognition_apply_retention(today=round_.announce_on + datetime.timedelta(days=2)) == 0


def test_a_stale_edit_of_a_round_saves_nothing(round_, actor):
    rounds.round_update(
        round_=round_, data={"introduction": "Eerste"}, actor=actor, version=round_.version
    )
    with pytest.raises(EditConflict):
        rounds.round_update(round_=round_, data={"introduction": "Tweede"}, actor=actor, version=1)
    round_.refresh_from_db()
    assert (round_.introduction, round_.version) == ("Eerste", 2)
