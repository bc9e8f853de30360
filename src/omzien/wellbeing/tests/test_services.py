"""Wellbeing services and selectors: the welzijn op recept flow, measurements, the one-time
link, the effect report from the database, the start page, indicators and retention."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.directory.tests.factories import EntryFactory
from omzien.notifications.models import Notification
from omzien.privacy.statistics import MONTH, YEAR, Period
from omzien.testing.dates import month_end_boundary
from omzien.testing.errors import error_codes
from omzien.wellbeing import constants, selectors, services
from omzien.wellbeing.models import Measurement, MeasurementInvitation, Participant, Trajectory
from omzien.wellbeing.tests.conftest import REFERRAL
from omzien.wellbeing.tests.factories import (
    MeasurementFactory,
    TrajectoryFactory,
    answers_for,
)

pytestmark = pytest.mark.django_db

Status = constants.Status
Moment = constants.Moment


# --- Welzijn op recept -----------------------------------------------------------------------


def test_a_referral_lands_at_intake_and_notifies_the_workers(referrer, worker, heerde):
    trajectory = services.referral_submit(
        municipality=heerde, submitted_by=referrer, data=dict(REFERRAL)
    )
    assert trajectory.status == Status.INTAKE
    assert trajectory.kind == constants.Kind.PRESCRIPTION
    assert trajectory.participant.name == "Gerda Alleman"
    assert trajectory.transitions.get().to_status == Status.INTAKE
    assert Notification.objects.filter(recipient=worker, kind="wellbeing_referral").exists()


def test_a_referral_needs_consent_a_reason_and_a_way_to_reach(referrer, heerde):
    data = {**REFERRAL, "consent_confirmed": False, "referral_reason": "", "phone": "", "email": ""}
    with pytest.raises(ValidationError) as caught:
        services.referral_submit(municipality=heerde, submitted_by=referrer, data=data)
    codes = error_codes(caught.value)
    assert codes["consent_confirmed"] == ["consent_required"]
    assert codes["referral_reason"] == ["required"]
    assert codes["phone"] == ["no_contact"]
    assert not Participant.objects.exists()


def test_only_a_referrer_of_the_municipality_refers(worker, referrer, dalfsen):
    with pytest.raises(PermissionDenied):
        services.referral_submit(municipality=dalfsen, submitted_by=referrer, data=dict(REFERRAL))


def test_the_intake_prescribes_an_offer_from_the_social_map(referrer, actor, heerde, dalfsen):
    """Welzijn op recept picks its offer from the municipality's (or region's) published social
    map; one of another municipality is refused and nothing changes."""
    trajectory = services.referral_submit(
        municipality=heerde, submitted_by=referrer, data=dict(REFERRAL)
    )
    data = {"intake_on": timezone.localdate(), "goals": "Weer onder de mensen"}
    elsewhere = EntryFactory(municipality=dalfsen, title="Koffie in Dalfsen")
    with pytest.raises(ValidationError) as caught:
        services.trajectory_intake(
            trajectory=trajectory, data={**data, "entry_id": elsewhere.pk}, actor=actor
        )
    assert error_codes(caught.value) == {"entry_id": ["invalid_entry"]}
    assert Trajectory.objects.get(pk=trajectory.pk).status == Status.INTAKE

    cafe = EntryFactory(municipality=heerde, title="Alzheimercafé Heerde")
    services.trajectory_intake(
        trajectory=trajectory, data={**data, "entry_id": cafe.pk}, actor=actor
    )
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.entry) == (Status.UNDERWAY, cafe)


def test_the_intake_form_offers_the_social_map(worker_client, referrer, heerde):
    from django.urls import reverse

    trajectory = services.referral_submit(
        municipality=heerde, submitted_by=referrer, data=dict(REFERRAL)
    )
    cafe = EntryFactory(municipality=heerde, title="Alzheimercafé Heerde")
    url = reverse("wellbeing:trajectory_intake", args=[trajectory.pk])
    assert "Alzheimercafé Heerde (Stip Heerde)" in worker_client.get(url).content.decode()
    response = worker_client.post(
        url,
        {
            "seen": Status.INTAKE,
            "intake_on": timezone.localdate().isoformat(),
            "goals": "Weer onder de mensen",
            "entry_id": cafe.pk,
        },
    )
    assert response.status_code == 302
    detail = worker_client.get(response["Location"]).content.decode()
    assert reverse("directory_public:detail", args=[cafe.pk]) in detail


def test_intake_contacts_and_close_send_the_practice_status_and_outcome_only(
    referrer, worker, actor, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    trajectory = services.referral_submit(
        municipality=heerde, submitted_by=referrer, data=dict(REFERRAL)
    )
    with pytest.raises(ValidationError) as caught:
        services.trajectory_intake(trajectory=trajectory, data={}, actor=actor)
    assert error_codes(caught.value) == {"intake_on": ["required"], "goals": ["required"]}

    services.trajectory_intake(
        trajectory=trajectory,
        data={
            "intake_on": timezone.localdate(),
            "goals": "GEHEIM-DOEL: weer naar de koffieochtend",
            "activities": "Koffieochtend dorpshuis",
        },
        actor=actor,
    )
    services.contact_record(
        trajectory=trajectory,
        data={"contact_on": timezone.localdate(), "summary": "Gaat goed"},
        actor=actor,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.trajectory_close(
            trajectory=trajectory,
            outcome=constants.Outcome.GOALS_REACHED,
            note="GEHEIME-NOTITIE",
            actor=actor,
        )
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.outcome) == (Status.CLOSED, "goals_reached")
    (practice,) = [m for m in mailoutbox if m.to == ["praktijk@example.org"]]
    assert "Gesloten" in practice.body and "Doelen bereikt" in practice.body
    for sent in mailoutbox:  # the practice's mail and the referrer's notification
        assert "GEHEIM" not in sent.body and "Gerda" not in sent.body
    notification = Notification.objects.get(recipient=referrer, kind="wellbeing_referral_closed")
    assert "Gerda" not in notification.message
    mine = list(selectors.referral_mine(user=referrer))
    assert [(t.status, t.outcome) for t in mine] == [(Status.CLOSED, "goals_reached")]


def test_a_closed_trajectory_takes_no_contact(actor, heerde):
    trajectory = TrajectoryFactory(participant__municipality=heerde, status=Status.CLOSED)
    with pytest.raises(ValidationError) as caught:
        services.contact_record(
            trajectory=trajectory,
            data={"contact_on": timezone.localdate(), "summary": "x"},
            actor=actor,
        )
    assert caught.value.code == "closed"


# --- Measurements ----------------------------------------------------------------------------


def test_a_measurement_is_scored_when_recorded(actor, heerde):
    trajectory = TrajectoryFactory(participant__municipality=heerde)
    # Emotional 3 ja, 9 min of meer, 10 nee = 2; social 4 ja, 7 nee, 8 min of meer = 2.
    answers = {
        "3": "ja",
        "9": "min of meer",
        "10": "nee",
        "4": "ja",
        "7": "nee",
        "8": "min of meer",
    }
    m = services.measurement_record(
        trajectory=trajectory,
        version=6,
        moment=Moment.INTAKE,
        answers=answers,
        taken_on=timezone.localdate(),
        actor=actor,
    )
    assert (m.total, m.emotional, m.social, m.category) == (4, 2, 2, "moderate")
    assert m.taken_by == actor.user


def test_too_many_open_questions_are_refused(actor, heerde):
    trajectory = TrajectoryFactory(participant__municipality=heerde)
    with pytest.raises(ValidationError) as caught:
        services.measurement_record(
            trajectory=trajectory,
            version=6,
            moment=Moment.INTAKE,
            answers={"3": "ja", "9": "ja", "10": "ja", "4": "nee"},
            taken_on=timezone.localdate(),
            actor=actor,
        )
    assert caught.value.code == "incomplete"
    assert not Measurement.objects.exists()


def test_a_worker_of_another_municipality_records_nothing(make_member, dalfsen, heerde):
    other = Actor(user=make_member(Role.WELFARE_WORKER, dalfsen))
    trajectory = TrajectoryFactory(participant__municipality=heerde)
    with pytest.raises(PermissionDenied):
        services.measurement_record(
            trajectory=trajectory,
            version=6,
            moment=Moment.INTAKE,
            answers=answers_for(6, 2),
            taken_on=timezone.localdate(),
            actor=other,
        )


def test_the_one_time_link_works_once(
    actor, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    trajectory = TrajectoryFactory(participant__municipality=heerde)
    with django_capture_on_commit_callbacks(execute=True):
        invitation, link = services.measurement_invite(
            trajectory=trajectory, version=6, moment=Moment.MONTH_3, actor=actor
        )
    assert link in mailoutbox[0].body
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert MeasurementInvitation.objects.get().token_hash != token  # only the hash is stored
    measurement = services.measurement_fill_by_invitation(token=token, answers=answers_for(6, 1))
    assert (measurement.total, measurement.moment, measurement.taken_by) == (
        1,
        Moment.MONTH_3,
        None,
    )
    with pytest.raises(services.InvitationUsed):
        services.measurement_fill_by_invitation(token=token, answers=answers_for(6, 1))
    assert Measurement.objects.count() == 1
    with pytest.raises(services.InvitationInvalid):
        services.invitation_get(token="nonsense")


def test_an_expired_link_is_refused(actor, heerde):
    trajectory = TrajectoryFactory(participant__municipality=heerde)
    _invitation, link = services.measurement_invite(
        trajectory=trajectory, version=6, moment=Moment.MONTH_3, actor=actor
    )
    MeasurementInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(services.InvitationExpired):
        services.invitation_get(token=link.rstrip("/").rsplit("/", 1)[1])


# --- The effect report from the database -----------------------------------------------------

PERIOD = Period(2025, YEAR)
INTAKE_DAY = datetime.date(2025, 6, 2)
AFTER_DAY = datetime.date(2025, 11, 3)


def _resident(heerde, kind, before, after, *, after_day=AFTER_DAY, version=6):
    trajectory = TrajectoryFactory(participant__municipality=heerde, kind=kind)
    MeasurementFactory(trajectory=trajectory, version=version, score=before, taken_on=INTAKE_DAY)
    if after is not None:
        MeasurementFactory(
            trajectory=trajectory,
            version=version,
            score=after,
            moment=Moment.MONTH_6,
            taken_on=after_day,
        )
    return trajectory


def test_the_effect_report_pairs_intake_with_the_last_later_measurement(heerde):
    # Six welzijn op recept residents: the worked example of test_effect (d = -3, 0, -3, -2,
    # +1, 0), and noise that must not count: no after, an after outside the period, another
    # version, another municipality.
    for before, after in [(5, 2), (4, 4), (6, 3), (3, 1), (4, 5), (2, 2)]:
        _resident(heerde, constants.Kind.PRESCRIPTION, before, after)
    _resident(heerde, constants.Kind.PRESCRIPTION, 5, None)
    _resident(heerde, constants.Kind.PRESCRIPTION, 5, 0, after_day=datetime.date(2026, 1, 5))
    _resident(heerde, constants.Kind.PRESCRIPTION, 9, 2, version=11)
    # One buddy resident: a group of 1 is hidden, and because the total is shown, the one
    # other group that could give it away (welzijn op recept, 6 of 7) is hidden too.
    _resident(heerde, constants.Kind.BUDDY, 6, 1)

    report = selectors.effect_report(municipality=heerde, period=PERIOD, version=6)
    assert report.total.n == 7
    assert report.total.effect.decreased == 4
    groups = {g.key: g for g in report.groups}
    assert groups["buddy"].n is None and groups["buddy"].effect is None
    assert groups["prescription"].n is None and groups["prescription"].effect is None
    assert groups["activity"].n == 0
    assert report.sentence.startswith("Bij 4 van de 7 inwoners")


def test_the_effect_report_of_a_group_matches_the_worked_example(heerde):
    for before, after in [(5, 2), (4, 4), (6, 3), (3, 1), (4, 5), (2, 2)]:
        _resident(heerde, constants.Kind.PRESCRIPTION, before, after)
    report = selectors.effect_report(municipality=heerde, period=PERIOD, version=6)
    group = {g.key: g for g in report.groups}["prescription"]
    assert group.n == 6
    e = group.effect
    assert (e.decreased, e.lower_category, e.wilcoxon_statistic) == (3, 3, 1)
    assert e.p_value == pytest.approx(0.1408, abs=1e-4)
    assert e.rank_biserial == pytest.approx(-0.8)
    assert e.ci_low == pytest.approx(-2.9743, abs=1e-4)
    assert report.total.effect == e


def test_small_totals_are_hidden(heerde):
    for before, after in [(5, 2), (4, 4), (6, 3)]:
        _resident(heerde, constants.Kind.ACTIVITY, before, after)
    report = selectors.effect_report(municipality=heerde, period=PERIOD, version=6)
    assert report.total.n is None and report.total.effect is None
    assert all(g.effect is None for g in report.groups)
    assert "3" not in report.sentence


def test_a_month_and_its_quarter_never_give_a_small_group_away(heerde):
    """Seven residents measured after support in November, three in October: November and
    the fourth quarter both shown would give the three of October away."""
    for _n in range(7):
        _resident(heerde, constants.Kind.ACTIVITY, 5, 2)
    for _n in range(3):
        _resident(heerde, constants.Kind.ACTIVITY, 5, 2, after_day=datetime.date(2025, 10, 6))
    shown = {
        code: selectors.effect_report(
            municipality=heerde, period=Period.parse(code), version=6
        ).total.n
        for code in ("2025-10", "2025-11", "2025-Q4", "2025")
    }
    assert shown["2025-10"] is None
    month, quarter = shown["2025-11"], shown["2025-Q4"]
    assert month is None or quarter is None or not 1 <= quarter - month <= 4
    # The groups by kind of support are for a whole year only.
    quarter_report = selectors.effect_report(
        municipality=heerde, period=Period.parse("2025-Q4"), version=6
    )
    assert quarter_report.groups == []


def test_the_effect_report_reads_in_one_query_whatever_the_number(heerde):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            selectors.effect_report(municipality=heerde, period=PERIOD, version=6)
        return len(captured)

    _resident(heerde, constants.Kind.ACTIVITY, 5, 2)
    few = queries()
    for _ in range(10):
        _resident(heerde, constants.Kind.ACTIVITY, 5, 2)
    assert queries() == few == 1


# --- Start page, indicators, retention, erasure ----------------------------------------------


def test_the_start_page_counts_measurements_due(worker, referrer, heerde):
    today = timezone.localdate()
    due = TrajectoryFactory(
        participant__municipality=heerde,
        status=Status.UNDERWAY,
        intake_on=today - datetime.timedelta(days=100),
    )
    taken = TrajectoryFactory(
        participant__municipality=heerde,
        status=Status.UNDERWAY,
        intake_on=today - datetime.timedelta(days=100),
    )
    MeasurementFactory(trajectory=taken, moment=Moment.MONTH_3)
    TrajectoryFactory(participant__municipality=heerde, status=Status.INTAKE)
    (section,) = selectors.todos(worker)
    counts = [todo.count for todo in section.todos]
    assert counts == [1, 1, 0]
    rows = selectors.trajectory_page(user=worker, request=None, due=Moment.MONTH_3)
    assert [t.pk for t in rows] == [due.pk]
    assert selectors.todos(referrer) == []


def test_indicators(referrer, actor, heerde):
    trajectory = services.referral_submit(
        municipality=heerde, submitted_by=referrer, data=dict(REFERRAL)
    )
    services.trajectory_close(
        trajectory=trajectory, outcome=constants.Outcome.PARTLY_REACHED, actor=actor
    )
    today = timezone.localdate()
    period = Period(today.year, MONTH, today.month)
    for before, after in [(5, 2), (4, 4), (6, 3), (3, 1), (4, 5)]:
        _resident(heerde, constants.Kind.BUDDY, before, after, after_day=today)
    result = selectors.wellbeing_indicators(municipality=heerde, period=period)
    assert result["wellbeing.prescription_referrals"].value == 1
    assert result["wellbeing.prescription_closed"].value == 1
    assert result["wellbeing.prescription_closed_goals_reached"].value == 1
    share = result["wellbeing.loneliness_improved_share"]
    assert (share.numerator, share.denominator) == (3, 5)


def test_retention_deletes_old_closed_trajectories_and_their_residents(heerde):
    today = timezone.localdate()
    old = TrajectoryFactory(
        participant__municipality=heerde,
        status=Status.CLOSED,
        closed_on=today - datetime.timedelta(days=800),
    )
    MeasurementFactory(trajectory=old)
    recent = TrajectoryFactory(
        participant__municipality=heerde,
        status=Status.CLOSED,
        closed_on=today - datetime.timedelta(days=100),
    )
    result = services.wellbeing_apply_retention(today=today)
    assert result == {"trajectories": 1, "participants": 1, "links": 0}
    assert list(Trajectory.objects.all()) == [recent]
    assert not Measurement.objects.exists()


def test_a_closed_trajectory_is_deleted_on_the_day_its_months_have_passed_also_at_a_month_end(
    heerde,
):
    months = constants.RETENTION_MONTHS
    today, due, not_yet = month_end_boundary(months)
    closed = {"participant__municipality": heerde, "status": Status.CLOSED}
    TrajectoryFactory(**closed, closed_on=due)
    young = TrajectoryFactory(**closed, closed_on=not_yet)
    assert services.wellbeing_apply_retention(today=today)["trajectories"] == 1
    assert list(Trajectory.objects.all()) == [young]


def test_the_start_page_counts_in_one_query_whatever_the_number(worker, heerde):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            selectors.todos(worker)
        return len(captured)

    today = timezone.localdate()
    TrajectoryFactory(participant__municipality=heerde, status=Status.UNDERWAY, intake_on=today)
    once = queries()
    for _ in range(5):
        TrajectoryFactory(
            participant__municipality=heerde,
            status=Status.UNDERWAY,
            intake_on=today - datetime.timedelta(days=200),
        )
    assert queries() == once


def test_the_trajectory_page_applies_the_subscale_cutoff_to_11_questions_only(settings, heerde):
    trajectory = TrajectoryFactory(participant__municipality=heerde)
    # 11 questions, items 1-5 lonely: emotional 2, 3, 5 = 3; social 1, 4 = 2.
    MeasurementFactory(trajectory=trajectory, version=11, score=5)
    MeasurementFactory(trajectory=trajectory, version=6, score=6)  # emotional 3, social 3
    long, short = selectors.trajectory_detail(trajectory=trajectory)["measurements"]
    assert (long.emotional, long.social) == (3, 2)
    assert (long.emotionally_lonely, long.socially_lonely) == (True, False)
    assert (short.emotionally_lonely, short.socially_lonely) == (None, None)
    settings.OMZIEN_LONELINESS_SUBSCALE_CUTOFF = 2
    long, _short = selectors.trajectory_detail(trajectory=trajectory)["measurements"]
    assert (long.emotionally_lonely, long.socially_lonely) == (True, True)
