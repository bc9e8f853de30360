"""How the authorization walk (ui/tests/test_authorization.py) requests the social map URLs."""

from omzien.directory import constants
from omzien.directory.tests.factories import EntryFactory
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    # The side's organisation (built by volunteering's access.build) keeps a published entry
    # with a change waiting for review, and a draft.
    side.directory_entry = EntryFactory(
        municipality=side.municipality,
        organisation=side.organisation,
        provider_name="",
        change_status=constants.ChangeStatus.AWAITING_REVIEW,
        pending={"title": "Nieuwe titel"},
    )
    side.directory_draft = EntryFactory(
        municipality=side.municipality,
        organisation=side.organisation,
        provider_name="",
        status=constants.EntryStatus.DRAFT,
    )


def _entry(side) -> dict:
    return {"pk": side.directory_entry.pk}


def _slug(side) -> dict:
    return {"municipality": side.municipality.slug}


PAGES = {
    # Public: the search, an entry, the respite-care overview, the open data.
    "directory_public:search": Page(),
    "directory_public:detail": Page(_entry),
    "directory_public:respite": Page(_slug),
    # Without the PDF libraries the page says so and goes back to the overview.
    "directory_public:respite_pdf": Page(_slug),
    "directory_public:hsds_json": Page(_slug),
    "directory_public:hsds_zip": Page(_slug),
    # Staff (brokers and consultants) of the municipality.
    "directory:entry_list": Page(),
    "directory:entry_create": Page(),
    "directory:entry_detail": Page(_entry),
    "directory:entry_edit": Page(_entry),
    "directory:entry_step": action(
        lambda s: {"pk": s.directory_draft.pk},
        data=lambda s: {"target": constants.EntryStatus.PUBLISHED, "expected": "draft"},
    ),
    "directory:entry_change": action(
        _entry,
        data=lambda s: {"decision": "reject", "version": 1, "note": "Klopt niet"},
    ),
    "directory:entry_confirm": action(_entry),
    "directory:review_list": Page(),
    "directory:figures": Page(),
    "directory:settings": Page(),
    "directory:import": Page(),
    "directory:import_job": Page(lambda s: {"pk": 999999}, success=404),
    # Organisation members: their organisation's entries.
    "directory:mine": Page(),
    "directory:mine_create": Page(lambda s: {"organisation": s.organisation.pk}),
    "directory:mine_detail": Page(_entry),
    "directory:mine_edit": Page(_entry),
    "directory:mine_step": action(
        lambda s: {"pk": s.directory_draft.pk},
        data=lambda s: {"target": constants.EntryStatus.AWAITING_REVIEW, "expected": "draft"},
    ),
    "directory:mine_confirm": action(_entry),
    "directory:mine_change_withdraw": action(_entry, data=lambda s: {"version": 1}),
}
