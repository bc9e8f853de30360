"""The social map as a newsletter source: only entries the public sees, of the municipality."""

import pytest
from django.urls import reverse

from omzien.directory import constants
from omzien.directory.tests.factories import EntryFactory
from omzien.newsletters.sources import source

pytestmark = pytest.mark.django_db


def test_staff_pick_published_entries_of_their_municipality(heerde, dalfsen):
    respite = EntryFactory(municipality=heerde, title="Logeerhuis De Linde", opening_hours="ma-vr")
    draft = EntryFactory(municipality=heerde, status=constants.EntryStatus.DRAFT)
    elsewhere = EntryFactory(municipality=dalfsen)
    social_map = source("social_map")
    assert [pk for pk, _label in social_map.choices(heerde)] == [str(respite.pk)]
    items = social_map.items(heerde, [str(respite.pk), str(draft.pk), str(elsewhere.pk)])
    assert [item.title for item in items] == ["Logeerhuis De Linde (Stip Heerde)"]
    assert items[0].when == "ma-vr"
    assert items[0].url == reverse("directory_public:detail", args=[respite.pk])
