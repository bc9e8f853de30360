"""The writes of the social map: creating, the review of new entries and of changes of published
ones, optimistic locking, confirmation and dropping out of the public search as time moves."""

import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.dates import add_months
from omzien.common.services import Actor, EditConflict
from omzien.common.tests.workflows import workflow_field_writes
from omzien.directory import constants
from omzien.directory.constants import ChangeStatus, EntryStatus
from omzien.directory.models import Entry
from omzien.directory.selectors.entries import entry_search, freshness_of, public_entries
from omzien.directory.services import entries as services
from omzien.directory.tests.factories import EntryFactory
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db

DATA = {
    "title": "Alzheimer Café Heerde",
    "description": "Elke maand een avond voor mensen met dementie en hun naasten.",
    "helps_with": "Lotgenoten ontmoeten en uitleg krijgen.",
    "categories": [constants.Category.DEMENTIA_SUPPORT, constants.Category.PEER_SUPPORT],
    "target_groups": [constants.TargetGroup.DEMENTIA, constants.TargetGroup.CARERS],
    "access": constants.Access.SELF,
    "cost": constants.Cost.FREE,
    "address": "Dorpsstraat 1",
    "phone": "0578 123 456",
    "opening_hours": "Elke eerste dinsdag van de maand, 19:30-21:30",
}


@pytest.fixture
def organisation(heerde):
    return OrganisationFactory(municipality=heerde, name="Alzheimer Nederland Veluwe")


@pytest.fixture
def member(organisation, make_member, heerde):
    user = make_member(Role.ORGANISATION_MEMBER, heerde, email="lid@example.org")
    OrganisationMemberFactory(organisation=organisation, user=user)
    return user


@pytest.fixture
def broker(make_member, heerde):
    return make_member(Role.BROKER, heerde, email="makelaar@heerde.test")


def _create(organisation, member, **extra):
    return services.entry_create(
        municipality=organisation.municipality,
        organisation=organisation,
        data={**DATA, **extra},
        actor=Actor(user=member),
    )


def _publish(entry, broker):
    entry = services.entry_transition(
        entry=entry, target=EntryStatus.AWAITING_REVIEW, actor=Actor(user=_owner(entry))
    )
    return services.entry_transition(
        entry=entry, target=EntryStatus.PUBLISHED, actor=Actor(user=broker)
    )


def _owner(entry):
    return entry.organisation.members.first().user


def test_member_writes_a_draft_the_broker_publishes_it(
    organisation, member, broker, django_capture_on_commit_callbacks
):
    entry = _create(organisation, member)
    assert entry.status == EntryStatus.DRAFT
    assert not public_entries().filter(pk=entry.pk).exists()
    entry = services.entry_transition(
        entry=entry, target=EntryStatus.AWAITING_REVIEW, actor=Actor(user=member)
    )
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.entry_transition(
            entry=entry, target=EntryStatus.PUBLISHED, actor=Actor(user=broker)
        )
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.last_confirmed_on == timezone.localdate()
    assert entry.confirm_due_on == add_months(timezone.localdate(), 6)
    # A month's grace after the day it was due (31 Dec: due 30 Jun, drops out 30 Jul).
    assert entry.drops_out_on == add_months(entry.confirm_due_on, 1)
    assert public_entries().filter(pk=entry.pk).exists()
    assert [t.to_status for t in entry.transitions.order_by("pk")] == [
        EntryStatus.DRAFT,
        EntryStatus.AWAITING_REVIEW,
        EntryStatus.PUBLISHED,
    ]
    assert mail.outbox and mail.outbox[-1].to == ["lid@example.org"]
    assert "Alzheimer Café Heerde" in mail.outbox[-1].subject


def test_a_member_cannot_publish_and_a_rejection_needs_a_reason(organisation, member, broker):
    entry = _create(organisation, member)
    with pytest.raises(PermissionDenied):
        services.entry_transition(
            entry=entry, target=EntryStatus.PUBLISHED, actor=Actor(user=member)
        )
    entry = services.entry_transition(
        entry=entry, target=EntryStatus.AWAITING_REVIEW, actor=Actor(user=member)
    )
    with pytest.raises(ValidationError) as refused:
        services.entry_transition(
            entry=entry, target=EntryStatus.REJECTED, actor=Actor(user=broker)
        )
    assert refused.value.error_dict["note"][0].code == "note_required"
    entry = services.entry_transition(
        entry=entry, target=EntryStatus.REJECTED, actor=Actor(user=broker), note="Geen adres"
    )
    assert entry.review_note == "Geen adres"


def test_a_broker_of_another_municipality_may_not_review(
    organisation, member, make_member, dalfsen
):
    entry = _create(organisation, member)
    entry = services.entry_transition(
        entry=entry, target=EntryStatus.AWAITING_REVIEW, actor=Actor(user=member)
    )
    other = make_member(Role.BROKER, dalfsen)
    with pytest.raises(PermissionDenied):
        services.entry_transition(
            entry=entry, target=EntryStatus.PUBLISHED, actor=Actor(user=other)
        )


def test_validation_errors_name_the_fields_in_dutch(organisation, member):
    from django.utils import translation

    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        _create(
            organisation,
            member,
            categories=[],
            address="",
            phone="",
            cost=constants.Cost.PAID,
        )
    errors = refused.value.message_dict
    assert errors["categories"] == ["Kies ten minste één categorie."]
    assert "cost_text" in errors and "locality" in errors and "phone" in errors


def test_a_locality_of_another_municipality_is_refused(organisation, member, dalfsen):
    with pytest.raises(ValidationError) as refused:
        _create(organisation, member, locality=LocalityFactory(municipality=dalfsen))
    assert refused.value.error_dict["locality"][0].code == "locality_other_municipality"


def test_change_of_a_published_entry_waits_for_review(organisation, member, broker):
    entry = _publish(_create(organisation, member), broker)
    changed = services.entry_update(
        entry=entry,
        version=entry.version,
        data={**DATA, "title": "Alzheimer Café Heerde en Epe"},
        actor=Actor(user=member),
    )
    assert changed.change_status == ChangeStatus.AWAITING_REVIEW
    assert changed.pending == {"title": "Alzheimer Café Heerde en Epe"}
    # The public still sees the published title.
    assert Entry.objects.get(pk=entry.pk).title == "Alzheimer Café Heerde"
    assert list(entry_search(q="Epe")) == []
    diff = services.pending_diff(changed)
    assert [(row["field"], row["old"], row["new"]) for row in diff] == [
        ("title", "Alzheimer Café Heerde", "Alzheimer Café Heerde en Epe")
    ]
    approved = services.entry_change_decide(
        entry=changed, approve=True, version=changed.version, actor=Actor(user=broker)
    )
    assert approved.title == "Alzheimer Café Heerde en Epe"
    assert approved.pending == {}
    assert approved.change_status == ChangeStatus.APPROVED
    assert approved.status == EntryStatus.PUBLISHED


def test_rejected_change_keeps_the_published_values(organisation, member, broker):
    entry = _publish(_create(organisation, member), broker)
    locality = LocalityFactory(municipality=organisation.municipality, name="Wapenveld")
    changed = services.entry_update(
        entry=entry,
        version=entry.version,
        data={**DATA, "locality": locality, "cost": constants.Cost.PAID, "cost_text": "EUR 2"},
        actor=Actor(user=member),
    )
    assert changed.pending == {"locality": locality.pk, "cost": "paid", "cost_text": "EUR 2"}
    with pytest.raises(ValidationError):
        services.entry_change_decide(
            entry=changed, approve=False, version=changed.version, actor=Actor(user=broker)
        )
    rejected = services.entry_change_decide(
        entry=changed,
        approve=False,
        version=changed.version,
        note="Niet juist",
        actor=Actor(user=broker),
    )
    assert rejected.change_status == ChangeStatus.REJECTED
    assert rejected.locality_id is None and rejected.cost == constants.Cost.FREE
    assert rejected.pending == {}


def test_approved_change_of_a_locality_applies_it(organisation, member, broker):
    entry = _publish(_create(organisation, member), broker)
    locality = LocalityFactory(municipality=organisation.municipality, name="Wapenveld")
    changed = services.entry_update(
        entry=entry,
        version=entry.version,
        data={**DATA, "locality": locality},
        actor=Actor(user=member),
    )
    approved = services.entry_change_decide(
        entry=changed, approve=True, version=changed.version, actor=Actor(user=broker)
    )
    assert approved.locality_id == locality.pk


def test_staff_edits_of_a_published_entry_apply_at_once(organisation, member, broker):
    entry = _publish(_create(organisation, member), broker)
    changed = services.entry_update(
        entry=entry,
        version=entry.version,
        data={**DATA, "title": "Nieuw"},
        actor=Actor(user=broker),
    )
    assert changed.title == "Nieuw"
    assert changed.change_status == ChangeStatus.NONE
    assert AuditEvent.objects.filter(
        object_type="directory.entry", object_id=str(entry.pk)
    ).exists()


def test_two_editors_never_overwrite_each_other(organisation, member, broker):
    entry = _create(organisation, member)
    seen = entry.version
    services.entry_update(
        entry=entry, version=seen, data={**DATA, "title": "Eerste"}, actor=Actor(user=member)
    )
    with pytest.raises(EditConflict):
        services.entry_update(
            entry=entry, version=seen, data={**DATA, "title": "Tweede"}, actor=Actor(user=broker)
        )
    assert Entry.objects.get(pk=entry.pk).title == "Eerste"


def test_a_stranger_may_not_edit(organisation, member, make_member, heerde):
    entry = _create(organisation, member)
    stranger = make_member(Role.ORGANISATION_MEMBER, heerde)
    with pytest.raises(PermissionDenied):
        services.entry_update(
            entry=entry, version=entry.version, data=DATA, actor=Actor(user=stranger)
        )


def _move_to(monkeypatch, day: datetime.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def test_confirmation_is_asked_once_then_the_entry_drops_out(
    organisation, member, broker, monkeypatch, django_capture_on_commit_callbacks
):
    entry = _publish(_create(organisation, member), broker)
    start = timezone.localdate()
    mail.outbox.clear()
    # Before the period ends nobody is asked.
    assert (
        services.entries_request_confirmation(
            today=add_months(start, 6) - datetime.timedelta(days=1)
        )
        == 0
    )
    due = add_months(start, 6)
    _move_to(monkeypatch, due)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.entries_request_confirmation(today=due) == 1
    assert [m.to for m in mail.outbox] == [["lid@example.org"]]
    # Asked once per period.
    assert services.entries_request_confirmation(today=due + datetime.timedelta(days=3)) == 0
    entry.refresh_from_db()
    assert freshness_of(entry) == constants.Freshness.OVERDUE
    # Still in the search during the grace period.
    assert entry_search().filter(pk=entry.pk).exists()
    _move_to(monkeypatch, add_months(start, 7))
    assert freshness_of(entry) == constants.Freshness.DROPPED
    assert not entry_search().filter(pk=entry.pk).exists()
    # The owner confirms: back in the search, a new period.
    confirmed = services.entry_confirm(entry=entry, actor=Actor(user=member))
    assert confirmed.last_confirmed_on == add_months(start, 7)
    assert entry_search().filter(pk=entry.pk).exists()
    assert freshness_of(confirmed) == constants.Freshness.CONFIRMED


def test_settings_change_the_dates_of_the_entries(
    heerde, make_member, organisation, member, broker
):
    entry = _publish(_create(organisation, member), broker)
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    services.settings_update(
        municipality=heerde,
        data={"confirm_months": 3, "grace_months": 0},
        actor=Actor(user=admin),
        version=None,
    )
    entry.refresh_from_db()
    assert entry.confirm_due_on == add_months(entry.last_confirmed_on, 3)
    assert entry.drops_out_on == entry.confirm_due_on
    with pytest.raises(PermissionDenied):
        services.settings_update(
            municipality=heerde, data={"confirm_months": 2}, actor=Actor(user=broker), version=None
        )
    with pytest.raises(ValidationError):
        services.settings_update(
            municipality=heerde, data={"confirm_months": 99}, actor=Actor(user=admin), version=None
        )


def test_staff_write_entries_of_named_providers(heerde, broker):
    with pytest.raises(ValidationError) as refused:
        services.entry_create(municipality=heerde, data=DATA, actor=Actor(user=broker))
    assert "provider_name" in refused.value.error_dict
    entry = services.entry_create(
        municipality=heerde,
        data={**DATA, "title": "Humanitas Thuisadministratie", "provider_name": "Humanitas"},
        actor=Actor(user=broker),
    )
    entry = services.entry_transition(
        entry=entry, target=EntryStatus.PUBLISHED, actor=Actor(user=broker)
    )
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.organisation_id is None and entry.provider == "Humanitas"


def test_no_code_writes_the_status_but_the_workflow():
    import omzien.directory

    package = Path(omzien.directory.__file__).parent
    assert workflow_field_writes(package, {"status", "change_status"}) == []


def test_factory_entry_is_public(heerde):
    assert public_entries().filter(pk=EntryFactory(municipality=heerde).pk).exists()


def test_nightly_command_queues_or_runs_the_request(organisation, member, broker, capsys):
    from django.core.management import call_command

    _publish(_create(organisation, member), broker)
    call_command("confirm_directory_entries", "--now")
    assert "Entries asked to confirm: 0" in capsys.readouterr().out
    call_command("confirm_directory_entries")
    assert "Queued social map confirmation task" in capsys.readouterr().out


def test_entries_removed_from_the_map_are_deleted_after_a_year(heerde):
    from omzien.directory.services.retention import directory_apply_retention
    from omzien.privacy.retention import rules

    assert "directory_apply_retention" in rules()
    old = EntryFactory(municipality=heerde, status=EntryStatus.ARCHIVED, contact_name="Anja")
    recent = EntryFactory(municipality=heerde, status=EntryStatus.ARCHIVED)
    live = EntryFactory(municipality=heerde)
    Entry.objects.filter(pk__in=[old.pk, live.pk]).update(
        updated_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert directory_apply_retention() == 1
    assert set(Entry.objects.values_list("pk", flat=True)) == {recent.pk, live.pk}
    assert AuditEvent.objects.filter(
        object_type="directory.entry", object_id=str(old.pk), action="delete"
    ).exists()
