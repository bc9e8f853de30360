import datetime

import pytest
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.models import SignUp
from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory, SignUpFactory
from omzien.privacy.retention import apply_retention, rules

pytestmark = pytest.mark.django_db


def test_sign_ups_without_an_account_are_anonymised_after_the_period(heerde, make_member, settings):
    from omzien.accounts.constants import Role

    settings.OMZIEN_ACTIVITY_SIGNUP_RETENTION_DAYS = 90
    activity = ActivityFactory(municipality=heerde)
    old = OccurrenceFactory(
        activity=activity, starts_at=timezone.now() - datetime.timedelta(days=91)
    )
    recent = OccurrenceFactory(
        activity=activity, starts_at=timezone.now() - datetime.timedelta(days=89)
    )
    gone = SignUpFactory(
        occurrence=old,
        name="Anna",
        email="anna@example.org",
        phone="0578-123456",
        status=constants.SignUpStatus.ATTENDED,
    )
    kept = SignUpFactory(occurrence=recent, email="bert@example.org")
    resident = make_member(Role.RESIDENT, heerde)
    with_account = SignUpFactory(occurrence=old, user=resident, email=resident.email)

    assert "activities_apply_retention" in rules()
    assert apply_retention()["activities_apply_retention"] == 1
    gone.refresh_from_db()
    assert (gone.name, gone.email, gone.phone) == ("", "", "")
    assert gone.anonymised_at is not None
    assert gone.status == constants.SignUpStatus.ATTENDED  # still counts in the figures
    kept.refresh_from_db()
    with_account.refresh_from_db()
    assert kept.email == "bert@example.org" and with_account.email == resident.email
    assert apply_retention()["activities_apply_retention"] == 0
    assert SignUp.objects.filter(anonymised_at__isnull=False).count() == 1
