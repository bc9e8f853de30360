"""Burden screening: scoring of both instruments, the early-warning rules, alerts, invitations."""

import hashlib
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers import instruments
from omzien.caregivers.models import (
    BurdenWarning,
    CaregiverEvent,
    CaregiverSettings,
    Screening,
    ScreeningInvitation,
)
from omzien.caregivers.services import screening
from omzien.caregivers.services.caregivers import Actor
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.services import EditConflict
from omzien.notifications.models import Notification
from omzien.privacy.models import AuditEvent
from omzien.testing.errors import error_codes

EDIZ_ANSWERS = ["Nee!", "Nee", "Min of meer", "Ja", "Ja!"]
GGD_ANSWERS = [
    "niet of nauwelijks belast",
    "enigszins belast",
    "tamelijk zwaar belast",
    "zeer zwaar belast",
    "overbelast",
]


def ediz(scoring: int) -> list[int]:
    """EDIZ answers with ``scoring`` items answered "Ja" and the rest "Nee"."""
    return [3] * scoring + [1] * (9 - scoring)


def years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


# --- The instruments ------------------------------------------------------------------------


def test_instruments_have_their_published_wording():
    assert instruments.GGD.items == ("Hoe zwaar belast voelt u zich door de zorg die u geeft?",)
    assert list(instruments.GGD.answers) == GGD_ANSWERS
    assert list(instruments.EDIZ.answers) == EDIZ_ANSWERS
    assert len(instruments.EDIZ.items) == 9
    assert instruments.EDIZ.items[0] == (
        "Door de situatie van mijn naaste kom ik te weinig aan mijn leven toe"
    )
    assert instruments.EDIZ.items[8].startswith("Ik voel me over het geheel genomen erg onder druk")
    assert instruments.EDIZ.instruction.startswith("Geef aan of de afgelopen paar weken")


@pytest.mark.parametrize(
    ("answer", "heavy"), [(0, False), (1, False), (2, True), (3, True), (4, True)]
)
def test_ggd_scores_the_answer_step_and_the_top_three_are_heavy(answer, heavy):
    result = instruments.score(caregivers_constants.Instrument.GGD, [answer])
    assert result == instruments.Result(score=answer, heavily_burdened=heavy)


@pytest.mark.parametrize(
    ("answers", "score", "heavy"),
    [
        ([0] * 9, 0, False),
        ([1] * 9, 0, False),
        ([2] * 9, 9, True),
        ([4] * 9, 9, True),
        (ediz(5), 5, False),
        (ediz(6), 6, True),
        ([4, 3, 2, 1, 0, 0, 1, 2, 3], 5, False),
    ],
)
def test_ediz_counts_min_of_meer_ja_and_ja_with_threshold_six(answers, score, heavy):
    assert instruments.score(caregivers_constants.Instrument.EDIZ, answers) == instruments.Result(
        score, heavy
    )


def test_ediz_threshold_is_a_setting():
    assert instruments.score(
        caregivers_constants.Instrument.EDIZ, ediz(4), ediz_heavy_threshold=4
    ).heavily_burdened
    assert not instruments.score(caregivers_constants.Instrument.EDIZ, ediz(4)).heavily_burdened


@given(
    answers=st.lists(st.integers(min_value=0, max_value=4), min_size=9, max_size=9),
    threshold=st.integers(min_value=1, max_value=9),
)
def test_ediz_score_is_the_number_of_min_of_meer_ja_and_ja_answers(answers, threshold):
    result = instruments.score(
        caregivers_constants.Instrument.EDIZ, answers, ediz_heavy_threshold=threshold
    )
    scoring = {"Min of meer", "Ja", "Ja!"}
    assert result.score == sum(1 for a in answers if EDIZ_ANSWERS[a] in scoring)
    assert 0 <= result.score <= 9
    assert result.heavily_burdened == (result.score >= threshold)


@pytest.mark.parametrize(
    ("instrument", "answers", "message"),
    [
        (
            caregivers_constants.Instrument.EDIZ,
            [1] * 8,
            "Beantwoord alle 9 vragen; er zijn 8 antwoorden gegeven.",
        ),
        (
            caregivers_constants.Instrument.EDIZ,
            [1] * 10,
            "Beantwoord alle 9 vragen; er zijn 10 antwoorden gegeven.",
        ),
        (
            caregivers_constants.Instrument.GGD,
            [],
            "Beantwoord alle 1 vragen; er zijn 0 antwoorden gegeven.",
        ),
        (
            caregivers_constants.Instrument.EDIZ,
            [1] * 8 + [5],
            "Vraag 9 heeft geen geldig antwoord.",
        ),
        (
            caregivers_constants.Instrument.EDIZ,
            [-1] + [1] * 8,
            "Vraag 1 heeft geen geldig antwoord.",
        ),
        (caregivers_constants.Instrument.GGD, ["2"], "Vraag 1 heeft geen geldig antwoord."),
        (caregivers_constants.Instrument.GGD, [True], "Vraag 1 heeft geen geldig antwoord."),
        (caregivers_constants.Instrument.GGD, [None], "Vraag 1 heeft geen geldig antwoord."),
        (caregivers_constants.Instrument.GGD, "2", "De antwoorden konden niet worden gelezen."),
        ("phq9", [1], "Kies een van de vragenlijsten over belasting."),
    ],
)
def test_invalid_answers_are_refused_in_dutch(instrument, answers, message):
    with pytest.raises(ValidationError) as error:
        instruments.score(instrument, answers)
    assert message in error.value.messages


def _reasons(instrument, score, previous=None, young=False):
    spec = instruments.definition(instrument)
    heavy = (
        score >= instruments.GGD_HEAVY_FROM
        if instrument == caregivers_constants.Instrument.GGD
        else score >= 6
    )
    return instruments.alert_reasons(
        instrument=spec.code,
        result=instruments.Result(score, heavy),
        previous_score=previous,
        young=young,
        ediz_rise_alert=2,
        ggd_rise_alert=1,
        young_ediz_threshold=3,
    )


def test_alert_rules_as_pure_functions():
    assert _reasons(caregivers_constants.Instrument.EDIZ, 6) == ["heavy"]
    assert _reasons(caregivers_constants.Instrument.EDIZ, 5) == []
    assert _reasons(caregivers_constants.Instrument.EDIZ, 4, previous=2) == ["rise"]
    assert _reasons(caregivers_constants.Instrument.EDIZ, 3, previous=2) == []
    assert _reasons(caregivers_constants.Instrument.EDIZ, 2, previous=5) == []
    assert _reasons(caregivers_constants.Instrument.GGD, 1, previous=0) == ["rise"]
    assert _reasons(caregivers_constants.Instrument.GGD, 1, previous=1) == []
    assert _reasons(caregivers_constants.Instrument.GGD, 2, young=True) == ["heavy", "young"]
    assert _reasons(caregivers_constants.Instrument.GGD, 1, young=True) == []
    assert _reasons(caregivers_constants.Instrument.EDIZ, 3, young=True) == ["young"]
    assert _reasons(caregivers_constants.Instrument.EDIZ, 2, young=True) == []
    assert _reasons(caregivers_constants.Instrument.EDIZ, 7, previous=3, young=True) == [
        "heavy",
        "rise",
        "young",
    ]


def test_chart_geometry_places_results_in_time_and_height():
    day = date(2025, 1, 1)
    chart = instruments.chart_geometry(
        [
            (day, 0, False),
            (day + timedelta(days=30), 9, True),
            (day + timedelta(days=90), 3, False),
        ],
        max_score=9,
        heavy_from=6,
    )
    xs = [p.x for p in chart.points]
    assert xs[0] == chart.left and xs[-1] == chart.right
    assert xs == sorted(xs) and xs[1] == pytest.approx(
        chart.left + (chart.right - chart.left) / 3, abs=0.1
    )
    assert chart.points[0].y == chart.bottom and chart.points[1].y == chart.top
    assert chart.top < chart.threshold_y < chart.bottom
    assert chart.polyline.count(" ") == 2
    assert [t.label for t in chart.x_ticks] == ["01-01-2025", "01-04-2025"]
    single = instruments.chart_geometry([(day, 2, True)], max_score=4, heavy_from=2)
    assert single.points[0].x == (single.left + single.right) / 2
    assert [t.label for t in single.y_ticks] == ["0", "1", "2", "3", "4"]


# --- Recording a screening ------------------------------------------------------------------


@pytest.fixture
def actor(consultant):
    return Actor(user=consultant)


@pytest.fixture
def own_carer(carer, consultant):
    carer.consultant = consultant
    carer.save(update_fields=["consultant"])
    return carer


def record(carer, instrument, answers, actor, taken_on=None):
    return screening.screening_record(
        caregiver=carer,
        instrument=instrument,
        answers=answers,
        taken_on=taken_on or timezone.localdate(),
        actor=actor,
    )


def test_record_scores_saves_and_writes_timeline_and_audit(own_carer, actor, consultant):
    result = record(own_carer, caregivers_constants.Instrument.EDIZ, ediz(7), actor)
    assert (result.score, result.heavily_burdened, result.recorded_by) == (7, True, consultant)
    assert result.answers == ediz(7)
    event = CaregiverEvent.objects.get(
        caregiver=own_carer, kind=caregivers_constants.EventKind.SCREENING
    )
    assert event.summary == "EDIZ 7/9"
    assert "Anna" not in event.summary and "Vries" not in event.summary
    assert AuditEvent.objects.filter(
        action="create", object_type="caregivers.screening", object_id=str(result.pk)
    ).exists()


def test_invalid_answers_write_nothing(own_carer, actor):
    with pytest.raises(ValidationError):
        record(own_carer, caregivers_constants.Instrument.EDIZ, [3] * 8, actor)
    with pytest.raises(ValidationError) as error:
        record(
            own_carer,
            caregivers_constants.Instrument.GGD,
            [2],
            actor,
            taken_on=timezone.localdate() + timedelta(1),
        )
    assert error_codes(error.value) == {"taken_on": ["future"]}
    assert not Screening.objects.exists()
    assert not CaregiverEvent.objects.exists()
    assert not AuditEvent.objects.filter(object_type="caregivers.screening").exists()


def test_heavy_result_raises_one_alert_for_the_responsible_consultant(own_carer, actor, consultant):
    result = record(own_carer, caregivers_constants.Instrument.GGD, [3], actor)
    alert = BurdenWarning.objects.get()
    assert alert.screening == result and alert.assigned_to == consultant
    assert alert.reasons == ["heavy"] and alert.resolved_at is None
    assert CaregiverEvent.objects.filter(
        kind=caregivers_constants.EventKind.ALERT, caregiver=own_carer
    ).exists()
    assert AuditEvent.objects.filter(object_type="caregivers.burdenwarning").exists()


def test_light_result_raises_no_alert(own_carer, actor):
    record(own_carer, caregivers_constants.Instrument.EDIZ, ediz(5), actor)
    record(own_carer, caregivers_constants.Instrument.GGD, [0], actor)
    assert not BurdenWarning.objects.exists()


def test_rise_since_previous_screening_of_the_same_instrument(own_carer, actor):
    record(
        own_carer, caregivers_constants.Instrument.EDIZ, ediz(2), actor, taken_on=date(2025, 1, 10)
    )
    record(
        own_carer, caregivers_constants.Instrument.EDIZ, ediz(3), actor, taken_on=date(2025, 2, 10)
    )
    assert not BurdenWarning.objects.exists()
    rise = record(
        own_carer, caregivers_constants.Instrument.EDIZ, ediz(5), actor, taken_on=date(2025, 3, 10)
    )
    assert BurdenWarning.objects.get().screening == rise
    assert BurdenWarning.objects.get().reasons == ["rise"]


def test_rise_compares_only_the_same_instrument(own_carer, actor):
    record(own_carer, caregivers_constants.Instrument.GGD, [0], actor, taken_on=date(2025, 1, 10))
    record(
        own_carer, caregivers_constants.Instrument.EDIZ, ediz(3), actor, taken_on=date(2025, 2, 10)
    )
    assert not BurdenWarning.objects.exists()
    record(own_carer, caregivers_constants.Instrument.GGD, [1], actor, taken_on=date(2025, 3, 10))
    assert BurdenWarning.objects.get().reasons == ["rise"]


def test_rise_step_is_a_setting(own_carer, actor, heerde):
    CaregiverSettings.objects.create(municipality=heerde, ediz_rise_alert=4)
    record(
        own_carer, caregivers_constants.Instrument.EDIZ, ediz(1), actor, taken_on=date(2025, 1, 10)
    )
    record(
        own_carer, caregivers_constants.Instrument.EDIZ, ediz(4), actor, taken_on=date(2025, 2, 10)
    )
    assert not BurdenWarning.objects.exists()
    record(
        own_carer, caregivers_constants.Instrument.EDIZ, ediz(5), actor, taken_on=date(2025, 3, 10)
    )
    assert not BurdenWarning.objects.exists()  # 4 -> 5: a rise of 1


def test_heavy_threshold_setting_is_used_when_scoring(own_carer, actor, heerde):
    CaregiverSettings.objects.create(municipality=heerde, ediz_heavy_threshold=4)
    assert record(own_carer, caregivers_constants.Instrument.EDIZ, ediz(4), actor).heavily_burdened
    assert BurdenWarning.objects.get().reasons == ["heavy"]


@pytest.mark.parametrize(
    ("instrument", "answers", "alert"),
    [
        (caregivers_constants.Instrument.GGD, [1], False),
        (caregivers_constants.Instrument.GGD, [2], True),
        (caregivers_constants.Instrument.EDIZ, ediz(2), False),
        (caregivers_constants.Instrument.EDIZ, ediz(3), True),
    ],
)
def test_young_carer_warns_above_enigszins_or_at_young_threshold(
    heerde, actor, instrument, answers, alert
):
    young = CaregiverFactory(municipality=heerde, date_of_birth=years_ago(14))
    record(young, instrument, answers, actor)
    alerts = list(BurdenWarning.objects.all())
    assert [a.reasons.count("young") for a in alerts] == ([1] if alert else [])


def test_adult_carer_with_the_young_threshold_score_gets_no_warning(own_carer, actor):
    record(own_carer, caregivers_constants.Instrument.EDIZ, ediz(3), actor)
    assert not BurdenWarning.objects.exists()


def test_a_carer_turning_18_is_no_longer_young(heerde, actor):
    adult = CaregiverFactory(municipality=heerde, date_of_birth=years_ago(18))
    record(adult, caregivers_constants.Instrument.EDIZ, ediz(3), actor)
    assert not BurdenWarning.objects.exists()


def test_young_carer_warning_uses_the_age_on_the_screening_date(heerde, actor):
    """17 on the day of the screening, 18 today: the screening is a young carer's (point 14)."""
    carer = CaregiverFactory(municipality=heerde, date_of_birth=years_ago(18, days=5))
    record(
        carer,
        caregivers_constants.Instrument.EDIZ,
        ediz(3),
        actor,
        taken_on=timezone.localdate() - timedelta(days=10),
    )
    assert BurdenWarning.objects.get().reasons == ["young"]


@pytest.mark.parametrize(
    ("age", "limit", "young"),
    [(21, 24, True), (23, 24, True), (24, 24, False), (21, 18, False), (17, 18, True)],
)
def test_young_carer_age_is_a_municipality_setting(heerde, actor, age, limit, young):
    settings = CaregiverSettings.for_municipality(heerde)
    settings.young_carer_age_limit = limit
    settings.save()
    carer = CaregiverFactory(municipality=heerde, date_of_birth=years_ago(age, days=30))
    record(carer, caregivers_constants.Instrument.EDIZ, ediz(3), actor)
    assert [a.reasons for a in BurdenWarning.objects.all()] == ([["young"]] if young else [])


def test_young_carer_age_outside_18_to_24_is_refused(heerde, admin_heerde):
    current = CaregiverSettings.for_municipality(heerde)
    assert current.young_carer_age_limit == 18
    for wrong in (17, 25):
        with pytest.raises(ValidationError) as error:
            screening.caregiver_settings_update(
                settings=current,
                data={"young_carer_age_limit": wrong},
                actor=Actor(user=admin_heerde),
            )
        assert "young_carer_age_limit" in error.value.message_dict
    screening.caregiver_settings_update(
        settings=current, data={"young_carer_age_limit": 24}, actor=Actor(user=admin_heerde)
    )
    current.refresh_from_db()
    assert current.young_carer_age_limit == 24


def test_alert_mail_goes_to_the_assigned_consultant_without_name_or_health_data(
    own_carer, actor, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record(own_carer, caregivers_constants.Instrument.EDIZ, ediz(8), actor)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [consultant.email]
    assert message.subject.startswith("Omzien: Een mantelzorger in uw caseload heeft aandacht")
    text = message.subject + message.body
    for secret in ("Anna", "Vries", own_carer.email, "EDIZ", "8/9", "zwaar", "overbelast"):
        assert secret not in text
    assert f"/carers/{own_carer.pk}/" in message.body


def test_no_mail_when_the_transaction_is_rolled_back(own_carer, actor):
    record(
        own_carer, caregivers_constants.Instrument.EDIZ, ediz(8), actor
    )  # on_commit never runs in this test
    assert mail.outbox == []


def test_unassigned_alert_mails_every_consultant_of_the_municipality(
    carer, make_member, heerde, epe, actor, consultant, django_capture_on_commit_callbacks
):
    colleague = make_member(Role.CONSULTANT, heerde)
    make_member(Role.CONSULTANT, epe)
    make_member(Role.BROKER, heerde)
    with django_capture_on_commit_callbacks(execute=True):
        record(carer, caregivers_constants.Instrument.GGD, [4], actor)
    assert BurdenWarning.objects.get().assigned_to is None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([consultant.email, colleague.email])


def test_consultant_who_left_the_municipality_is_not_assigned(carer, make_member, epe, actor):
    gone = make_member(Role.CONSULTANT, epe)
    carer.consultant = gone
    carer.save(update_fields=["consultant"])
    record(carer, caregivers_constants.Instrument.GGD, [4], actor)
    assert BurdenWarning.objects.get().assigned_to is None


# --- Resolving an alert -----------------------------------------------------------------------


def test_alert_stays_open_until_resolved_with_a_description(own_carer, actor, consultant):
    record(own_carer, caregivers_constants.Instrument.GGD, [4], actor)
    alert = BurdenWarning.objects.get()
    for empty in ("", "   "):
        with pytest.raises(ValidationError) as error:
            screening.alert_resolve(alert=alert, resolution=empty, actor=actor)
        assert error_codes(error.value) == {"resolution": ["required"]}
    alert.refresh_from_db()
    assert alert.resolved_at is None
    assert BurdenWarning.objects.filter(resolved_at__isnull=True).count() == 1

    notification = Notification.objects.get(key=f"burden_warning:{alert.pk}")
    assert notification.read_at is None
    screening.alert_resolve(alert=alert, resolution="Gebeld, respijtzorg geregeld", actor=actor)
    alert.refresh_from_db()
    assert alert.resolved_at is not None and alert.resolved_by == consultant
    notification.refresh_from_db()
    assert notification.read_at is not None  # dealt with: nothing left to do
    assert alert.resolution == "Gebeld, respijtzorg geregeld"
    event = CaregiverEvent.objects.get(kind=caregivers_constants.EventKind.ALERT_RESOLVED)
    assert "respijtzorg" not in event.summary
    assert AuditEvent.objects.filter(
        action="update", object_type="caregivers.burdenwarning", object_id=str(alert.pk)
    ).exists()
    with pytest.raises(ValidationError):
        screening.alert_resolve(alert=alert, resolution="Nogmaals", actor=actor)


REPORT = {"observation": "Zij slaapt slecht en redt het niet meer.", "urgency": "soon"}


def test_a_warning_raises_a_concern_for_the_welfare_team_once(own_carer, actor, make_member):
    from omzien.concerns.models import Concern

    worker = make_member(Role.WELFARE_WORKER, own_carer.municipality)
    record(own_carer, caregivers_constants.Instrument.GGD, [4], actor)
    alert = BurdenWarning.objects.get()
    screening.alert_report(alert=alert, data={**REPORT, "consent": "knows"}, actor=actor)
    # A retried request finds the concern and raises nothing more.
    again = screening.alert_report(alert=alert, data={**REPORT, "consent": "knows"}, actor=actor)
    concern = Concern.objects.get()
    assert again.concern == concern
    assert (concern.kind, concern.source, concern.profession) == (
        "carer_overload",
        "professional",
        "carer_consultant",
    )
    assert concern.caregiver == own_carer and concern.submitted_by == actor.user
    assert concern.resident_name == f"{own_carer.first_name} {own_carer.last_name}"
    assert concern.urgency == "soon" and concern.consent == "knows"
    assert Notification.objects.filter(recipient=worker, kind="concern_new").exists()
    # The carer's timeline shows it, once; the warning stays open until it is closed.
    events = CaregiverEvent.objects.filter(kind=caregivers_constants.EventKind.ALERT_REPORTED)
    assert events.count() == 1
    alert.refresh_from_db()
    assert alert.concern == concern and alert.resolved_at is None


def test_only_a_consultant_of_the_municipality_reports_a_warning(own_carer, actor, make_member):
    from omzien.concerns.models import Concern

    record(own_carer, caregivers_constants.Instrument.GGD, [4], actor)
    alert = BurdenWarning.objects.get()
    worker = make_member(Role.WELFARE_WORKER, own_carer.municipality)
    with pytest.raises(PermissionDenied):
        screening.alert_report(
            alert=alert, data={**REPORT, "consent": "knows"}, actor=Actor(user=worker)
        )
    with pytest.raises(ValidationError) as error:
        screening.alert_report(alert=alert, data={**REPORT, "consent": ""}, actor=actor)
    assert error_codes(error.value) == {"consent": ["required"]}
    assert not Concern.objects.exists()
    alert.refresh_from_db()
    assert alert.concern is None


# --- Invitations ------------------------------------------------------------------------------


def _token_from(message) -> str:
    return re.search(r"/mantelzorg/vragenlijst/([\w-]+)/", message.body).group(1)


def invite(carer, actor, captured, instrument=caregivers_constants.Instrument.EDIZ):
    with captured(execute=True):
        invitation = screening.screening_invite(caregiver=carer, instrument=instrument, actor=actor)
    return invitation, _token_from(mail.outbox[-1])


def test_invitation_mails_a_link_and_stores_only_the_hash(
    own_carer, actor, django_capture_on_commit_callbacks
):
    invitation, token = invite(own_carer, actor, django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == [own_carer.email]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash and len(token) >= 40
    lifetime = invitation.expires_at - timezone.now()
    assert timedelta(days=13, hours=23) < lifetime <= timedelta(days=14)
    assert AuditEvent.objects.filter(object_type="caregivers.screeninginvitation").exists()


def test_no_invitation_without_an_e_mail_address(own_carer, actor):
    own_carer.email = ""
    own_carer.save(update_fields=["email"])
    with pytest.raises(ValidationError) as error:
        screening.screening_invite(
            caregiver=own_carer, instrument=caregivers_constants.Instrument.GGD, actor=actor
        )
    assert error_codes(error.value) == {"__all__": ["no_email"]}
    assert not ScreeningInvitation.objects.exists()


def test_filling_in_by_invitation_records_once(
    own_carer, actor, django_capture_on_commit_callbacks
):
    invitation, token = invite(own_carer, actor, django_capture_on_commit_callbacks)
    result = screening.screening_fill_by_invitation(token=token, answers=ediz(2))
    assert result.recorded_by is None and result.caregiver == own_carer and result.score == 2
    invitation.refresh_from_db()
    assert invitation.used_at is not None and invitation.screening == result
    with pytest.raises(screening.InvitationUsed):
        screening.screening_fill_by_invitation(token=token, answers=ediz(9))
    assert Screening.objects.count() == 1


def test_invalid_answers_by_invitation_leave_the_link_usable(
    own_carer, actor, django_capture_on_commit_callbacks
):
    invitation, token = invite(own_carer, actor, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        screening.screening_fill_by_invitation(token=token, answers=[9] * 9)
    invitation.refresh_from_db()
    assert invitation.used_at is None and not Screening.objects.exists()
    screening.screening_fill_by_invitation(token=token, answers=ediz(1))
    assert Screening.objects.count() == 1


def test_expired_and_unknown_invitations_are_refused(
    own_carer, actor, django_capture_on_commit_callbacks
):
    invitation, token = invite(own_carer, actor, django_capture_on_commit_callbacks)
    ScreeningInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(screening.InvitationExpired):
        screening.screening_fill_by_invitation(token=token, answers=ediz(1))
    with pytest.raises(screening.InvitationInvalid) as unknown:
        screening.screening_fill_by_invitation(token="not-a-token", answers=ediz(1))
    assert type(unknown.value) is screening.InvitationInvalid
    assert not Screening.objects.exists()


def test_carer_filling_in_a_heavy_result_raises_an_alert(
    own_carer, actor, consultant, django_capture_on_commit_callbacks
):
    _invitation, token = invite(own_carer, actor, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        screening.screening_fill_by_invitation(token=token, answers=ediz(9))
    alert = BurdenWarning.objects.get()
    assert alert.assigned_to == consultant
    assert mail.outbox[-1].to == [consultant.email]
    event = CaregiverEvent.objects.get(kind=caregivers_constants.EventKind.SCREENING)
    assert event.actor is None


# --- Settings --------------------------------------------------------------------------------


def test_settings_update_is_validated_and_audited(heerde, admin_heerde):
    current = CaregiverSettings.for_municipality(heerde)
    actor = Actor(user=admin_heerde)
    screening.caregiver_settings_update(
        settings=current, data={"ediz_heavy_threshold": 5}, actor=actor
    )
    current.refresh_from_db()
    assert current.ediz_heavy_threshold == 5
    event = AuditEvent.objects.get(object_type="caregivers.caregiversettings")
    assert event.reason == "ediz_heavy_threshold" and event.extra == {
        "ediz_heavy_threshold": [6, 5]
    }
    with pytest.raises(ValidationError):
        screening.caregiver_settings_update(
            settings=current, data={"ediz_heavy_threshold": 12}, actor=actor
        )
    current.refresh_from_db()
    assert current.ediz_heavy_threshold == 5


def test_a_stale_settings_form_overwrites_nothing(heerde, admin_heerde):
    """Two administrators opened the settings at version 1; the second save is refused."""
    current = CaregiverSettings.for_municipality(heerde)
    actor = Actor(user=admin_heerde)
    screening.caregiver_settings_update(
        settings=current, data={"ediz_heavy_threshold": 5}, actor=actor, version=1
    )
    with pytest.raises(EditConflict):
        screening.caregiver_settings_update(
            settings=current,
            data={"ediz_heavy_threshold": 6, "contact_due_days": 30},
            actor=actor,
            version=1,
        )
    current.refresh_from_db()
    assert (current.ediz_heavy_threshold, current.version) == (5, 2)
