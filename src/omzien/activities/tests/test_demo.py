import datetime

import pytest
from django.utils import timezone

from omzien.activities import demo
from omzien.activities.models import Activity, SignUp, SignUpTransition
from omzien.demo import accounts
from omzien.tenants.services import reference_data_load
from omzien.testing.demo import in_writing_order
from omzien.volunteering import demo as volunteering_demo

pytestmark = pytest.mark.django_db


def test_the_calendar_was_filled_weeks_ago_and_people_signed_up_before_each_date():
    reference_data_load()
    accounts.load()
    volunteering_demo.load()
    loaded = demo.load()
    assert loaded["activities"] == 6 and loaded["past_meetings"] == 6
    now = timezone.now()
    activities = Activity.objects.filter(municipality__slug="heerde")
    assert all(activity.created_at < now - datetime.timedelta(weeks=4) for activity in activities)
    signups = SignUp.objects.filter(occurrence__activity__in=activities).select_related(
        "occurrence__activity"
    )
    assert signups.count() >= loaded["signups"]
    for signup in signups:
        assert signup.occurrence.activity.created_at < signup.created_at < now
        assert signup.created_at < signup.occurrence.starts_at
        first = in_writing_order(SignUpTransition.objects.filter(signup=signup))[0]
        assert first.created_at == signup.created_at
    # One after another, not all at once.
    moments = {(signup.occurrence_id, signup.created_at) for signup in signups}
    assert len(moments) == signups.count()
    assert demo.load()["activities"] == 0
