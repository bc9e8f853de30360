import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.services.reminders import reminders_send
from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory, SignUpFactory

pytestmark = pytest.mark.django_db


def tomorrow_at(hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def test_the_reminder_goes_once_to_those_confirmed_with_an_address(
    heerde, mailoutbox, django_capture_on_commit_callbacks
):
    occurrence = OccurrenceFactory(
        activity=ActivityFactory(municipality=heerde), starts_at=tomorrow_at(19)
    )
    anna = SignUpFactory(occurrence=occurrence, email="anna@example.org")
    SignUpFactory(occurrence=occurrence, email="", phone="0578-123456")
    SignUpFactory(
        occurrence=occurrence, email="wacht@example.org", status=constants.SignUpStatus.WAITING
    )
    SignUpFactory(
        occurrence=occurrence, email="weg@example.org", status=constants.SignUpStatus.CANCELLED
    )
    later = OccurrenceFactory(
        activity=occurrence.activity, starts_at=tomorrow_at(19) + datetime.timedelta(days=1)
    )
    SignUpFactory(occurrence=later, email="overmorgen@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 1
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    anna.refresh_from_db()
    assert anna.reminded_at is not None
    # A rerun (the task retried, the command run twice) mails nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 0
        call_command("activities_nightly", "--now", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mailoutbox) == 1


def test_no_reminder_for_a_cancelled_date(heerde, mailoutbox, django_capture_on_commit_callbacks):
    occurrence = OccurrenceFactory(
        activity=ActivityFactory(municipality=heerde),
        starts_at=tomorrow_at(10),
        cancelled_at=timezone.now(),
    )
    SignUpFactory(occurrence=occurrence, email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 0
    assert mailoutbox == []
