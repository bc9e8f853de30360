import datetime

import pytest
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.constants import SignUpStatus
from omzien.activities.models import SignUpTransition
from omzien.activities.selectors.figures import calendar_figures
from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory, SignUpFactory
from omzien.privacy.statistics import MONTH, Period

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 19, 30))  # noqa: DTZ001


def test_twelve_at_the_monthly_peer_support_meeting_and_small_numbers_hidden(heerde):
    year = timezone.localdate().year - 1
    meeting = ActivityFactory(municipality=heerde, kind=constants.Kind.PEER_SUPPORT, capacity=12)
    walk = ActivityFactory(municipality=heerde, kind=constants.Kind.WALKING)
    for month in (3, 4):
        date = OccurrenceFactory(activity=meeting, starts_at=at(year, month, 3))
        for n in range(12):
            SignUpFactory(
                occurrence=date, status=SignUpStatus.ATTENDED if n < 11 else SignUpStatus.ABSENT
            )
        signup = SignUpFactory(occurrence=date, status=SignUpStatus.WAITING)
        SignUpTransition.objects.create(
            signup=signup, from_status="", to_status=SignUpStatus.WAITING
        )
    walk_date = OccurrenceFactory(activity=walk, starts_at=at(year, 3, 10))
    SignUpFactory(occurrence=walk_date, status=SignUpStatus.ATTENDED)
    SignUpFactory(occurrence=walk_date, status=SignUpStatus.ATTENDED)
    OccurrenceFactory(activity=walk, starts_at=at(year, 3, 17), cancelled_at=timezone.now())

    march = calendar_figures(municipality_ids=[heerde.pk], period=Period(year, MONTH, 3))
    held = dict(march.held_by_kind)
    assert held[str(constants.Kind.PEER_SUPPORT.label)] == 1
    assert held[str(constants.Kind.WALKING.label)] == 1  # the cancelled walk was not held
    signups = dict(march.by_kind["signups"].rows)
    # The walk's two are a small group: hidden, and the meeting's twelve with them (else the
    # total would give the two away); the total itself is shown.
    assert signups[str(constants.Kind.WALKING.label)].suppressed
    assert signups[str(constants.Kind.PEER_SUPPORT.label)].suppressed
    assert march.by_kind["signups"].total.value == 14

    april = calendar_figures(municipality_ids=[heerde.pk], period=Period(year, MONTH, 4))
    assert dict(april.by_kind["signups"].rows)[str(constants.Kind.PEER_SUPPORT.label)].value == 12
    assert dict(april.by_kind["attended"].rows)[str(constants.Kind.PEER_SUPPORT.label)].value == 11
    months = {m.period.number: m for m in april.months}
    assert months[4].peer_support.value == 11
    assert months[3].held == 2
    # One on the waiting list a month is never shown.
    assert months[4].waiting.suppressed and months[3].waiting.suppressed


def test_the_indicators_count_what_the_figures_count(heerde):
    """One computation (``calendar_counts``) behind both: the indicators of a month are the
    totals the figures page shows for it, before the statistics rule."""
    from omzien.activities.selectors.indicators import activity_indicators

    year = timezone.localdate().year - 1
    meeting = ActivityFactory(municipality=heerde, kind=constants.Kind.PEER_SUPPORT)
    walk = ActivityFactory(municipality=heerde, kind=constants.Kind.WALKING)
    date = OccurrenceFactory(activity=meeting, starts_at=at(year, 5, 3))
    for n in range(7):
        SignUpFactory(
            occurrence=date, status=SignUpStatus.ATTENDED if n < 6 else SignUpStatus.ABSENT
        )
    waiting = SignUpFactory(occurrence=date, status=SignUpStatus.WAITING)
    SignUpTransition.objects.create(signup=waiting, from_status="", to_status=SignUpStatus.WAITING)
    walk_date = OccurrenceFactory(activity=walk, starts_at=at(year, 5, 10))
    for _n in range(5):
        SignUpFactory(occurrence=walk_date, status=SignUpStatus.ATTENDED)
    OccurrenceFactory(activity=walk, starts_at=at(year, 5, 17), cancelled_at=timezone.now())
    OccurrenceFactory(activity=walk, starts_at=at(year, 6, 1))  # another month

    may = Period(year, MONTH, 5)
    figures = calendar_figures(municipality_ids=[heerde.pk], period=may)
    indicators = activity_indicators(municipality=heerde, period=may)
    assert indicators["activities.held"].value == figures.held == 2
    assert indicators["activities.signups"].value == figures.by_kind["signups"].total.value == 12
    assert indicators["activities.attended"].value == figures.by_kind["attended"].total.value
    assert indicators["activities.attended"].value == 11
    assert indicators["activities.waiting_list"].value == 1
    month = next(m for m in figures.months if m.period.number == 5)
    assert indicators["activities.peer_support_attended"].value == month.peer_support.value == 6
