"""The demo social map: loaded through the services, with something in each state staff see."""

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from omzien.directory import constants
from omzien.directory.constants import ChangeStatus, EntryStatus, Freshness
from omzien.directory.models import Entry
from omzien.directory.selectors.entries import entry_search, freshness_of, respite_overview
from omzien.tenants.models import Municipality
from omzien.testing.demo import demo_loaded_for_class

pytestmark = pytest.mark.django_db


loaded_demo = demo_loaded_for_class("directory")


@pytest.mark.usefixtures("loaded_demo")
class TestDemoSocialMap:
    def test_every_state_is_there_for_both_municipalities(self):
        for slug in ("heerde", "dalfsen"):
            entries = list(Entry.objects.filter(municipality__slug=slug))
            assert len(entries) >= 4
            assert any(e.status == EntryStatus.AWAITING_REVIEW for e in entries)
            assert any(freshness_of(e) == Freshness.OVERDUE for e in entries)
        heerde = list(Entry.objects.filter(municipality__slug="heerde"))
        assert any(e.change_status == ChangeStatus.AWAITING_REVIEW for e in heerde)
        assert any(freshness_of(e) == Freshness.DROPPED for e in heerde)
        # Spread over the villages.
        assert len({e.locality_id for e in heerde if e.locality_id}) >= 3

    def test_a_resident_finds_respite_care(self):
        heerde = Municipality.objects.get(slug="heerde")
        groups = {g["code"]: g["entries"] for g in respite_overview(municipality=heerde)}
        assert groups[constants.Category.RESPITE_STAY]
        assert groups[constants.Category.RESPITE_DAYCARE]
        assert any("Alzheimer" in e.title for e in entry_search(q="alzheimer"))

    def test_loading_again_changes_nothing(self):
        before = Entry.objects.count()
        with override_settings(DEBUG=True):
            call_command("load_demo", "--only", "directory", verbosity=0)
        assert Entry.objects.count() == before
