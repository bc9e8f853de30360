"""The demo social map: loaded through the services, with something in each state staff see."""

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone

from omzien.directory import constants
from omzien.directory.constants import ChangeStatus, EntryStatus, Freshness
from omzien.directory.models import Entry
from omzien.directory.selectors.entries import entry_search, freshness_of, respite_overview
from omzien.tenants.models import Municipality
from omzien.testing.demo import demo_loaded_for_class, in_writing_order

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

    def test_the_map_grew_over_months_and_the_fresh_entries_are_not_due(self):
        published = Entry.objects.filter(status=EntryStatus.PUBLISHED)
        days = {e.last_confirmed_on for e in published}
        assert len(days) > 5 and timezone.localdate() not in days
        fresh = [e for e in published if freshness_of(e) == Freshness.CONFIRMED]
        assert len(fresh) > len(published) / 2
        for entry in published:
            history = [t.created_at for t in in_writing_order(entry.transitions.all())]
            assert history == sorted(history) and entry.created_at < history[-1]

    def test_entries_and_changes_awaiting_review_were_sent_in_the_last_days(self):
        waiting = Entry.objects.filter(status=EntryStatus.AWAITING_REVIEW)
        assert waiting.exists()
        for entry in waiting:
            history = [t.created_at for t in in_writing_order(entry.transitions.all())]
            assert entry.created_at == history[0] < history[-1] == entry.updated_at
            assert timezone.localdate(history[-1]) < timezone.localdate()
        proposed = Entry.objects.filter(change_status=ChangeStatus.AWAITING_REVIEW)
        assert proposed.exists()
        assert all(timezone.localdate(e.pending_at) < timezone.localdate() for e in proposed)

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
