"""The .ics files and feeds parse back with icalendar, one event per date with a stable UID."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.activities.tests.factories import (
    ActivityFactory,
    OccurrenceFactory,
    TargetGroupFactory,
)
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    return calendar.walk("VEVENT")


def test_an_activity_file_has_its_coming_dates(client, heerde):
    activity = ActivityFactory(municipality=heerde, title="Alzheimer Café")
    first = OccurrenceFactory(activity=activity)
    second = OccurrenceFactory(
        activity=activity, starts_at=first.starts_at + datetime.timedelta(days=28)
    )
    OccurrenceFactory(
        activity=activity,
        starts_at=timezone.now() - datetime.timedelta(days=7),
    )
    found = events(client.get(reverse("activities_public:activity_ics", args=[activity.pk])))
    assert [e.decoded("dtstart") for e in found] == [first.starts_at, second.starts_at]
    assert {str(e["summary"]) for e in found} == {"Alzheimer Café"}
    assert len({str(e["uid"]) for e in found}) == 2
    assert all(str(e["status"]) == "CONFIRMED" for e in found)
    assert str(found[0]["url"]).endswith(reverse("activities_public:occurrence", args=[first.pk]))


def test_the_municipality_feed_keeps_cancelled_dates_as_cancelled(client, heerde, dalfsen):
    here = OccurrenceFactory(activity=ActivityFactory(municipality=heerde))
    cancelled = OccurrenceFactory(
        activity=ActivityFactory(municipality=heerde),
        starts_at=here.starts_at + datetime.timedelta(days=1),
        cancelled_at=timezone.now(),
        cancel_message="Gaat niet door.",
    )
    OccurrenceFactory(activity=ActivityFactory(municipality=dalfsen))
    found = events(client.get(reverse("activities_public:feed_municipality", args=["heerde"])))
    by_uid = {str(e["uid"]): e for e in found}
    assert len(by_uid) == 2
    statuses = {e.decoded("dtstart"): str(e["status"]) for e in found}
    assert statuses[here.starts_at] == "CONFIRMED"
    assert statuses[cancelled.starts_at] == "CANCELLED"


def test_feeds_per_target_group_and_organisation(client, heerde):
    for_carers = ActivityFactory(municipality=heerde, title="Voor mantelzorgers")
    TargetGroupFactory(activity=for_carers, group="carers")
    OccurrenceFactory(activity=for_carers)
    OccurrenceFactory(activity=ActivityFactory(municipality=heerde, title="Voor iedereen"))
    found = events(
        client.get(reverse("activities_public:feed_target_group", args=["heerde", "carers"]))
    )
    assert [str(e["summary"]) for e in found] == ["Voor mantelzorgers"]
    assert (
        client.get(
            reverse("activities_public:feed_target_group", args=["heerde", "nobody"])
        ).status_code
        == 404
    )

    club = OrganisationFactory(municipality=heerde)
    OccurrenceFactory(
        activity=ActivityFactory(municipality=heerde, organisation=club, title="Wandelen")
    )
    found = events(client.get(reverse("activities_public:feed_organisation", args=[club.pk])))
    assert [str(e["summary"]) for e in found] == ["Wandelen"]
    # An organisation that is not approved has no public calendar.
    pending = OrganisationFactory(municipality=heerde, status=OrganisationStatus.PENDING)
    assert (
        client.get(reverse("activities_public:feed_organisation", args=[pending.pk])).status_code
        == 404
    )
