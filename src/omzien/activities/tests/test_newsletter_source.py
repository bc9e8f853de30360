"""The calendar as a newsletter source: staff pick coming dates; a cancelled or another
municipality's date never reaches a newsletter."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory
from omzien.newsletters.sources import source

pytestmark = pytest.mark.django_db


def test_staff_pick_coming_dates_and_the_newsletter_shows_them(heerde, dalfsen):
    soon = OccurrenceFactory(activity=ActivityFactory(municipality=heerde, title="Alzheimer Café"))
    later = OccurrenceFactory(
        activity=ActivityFactory(municipality=heerde, title="Wandelgroep"),
        starts_at=timezone.now() + datetime.timedelta(days=40),
    )
    cancelled = OccurrenceFactory(
        activity=ActivityFactory(municipality=heerde), cancelled_at=timezone.now()
    )
    past = OccurrenceFactory(
        activity=ActivityFactory(municipality=heerde),
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    elsewhere = OccurrenceFactory(activity=ActivityFactory(municipality=dalfsen))
    calendar = source("activities")
    chosen = [pk for pk, _label in calendar.choices(heerde)]
    assert chosen == [str(soon.pk), str(later.pk)]
    items = calendar.items(
        heerde, [str(later.pk), str(soon.pk), str(cancelled.pk), str(elsewhere.pk), "x"]
    )
    assert [item.title for item in items] == ["Wandelgroep", "Alzheimer Café"]
    assert items[1].url == reverse("activities_public:activity", args=[soon.activity_id])
    assert items[1].where == "Dorpsstraat 1"
    assert str(past.pk) not in chosen
