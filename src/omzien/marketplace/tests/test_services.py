"""The beursvloer's services: setting up an event, registering (once per form), pre-matching,
recording deals, the reminder that goes once, and retention."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from omzien.common.services import Actor, EditConflict
from omzien.marketplace import constants
from omzien.marketplace.models import Deal, Entry, Participant, PreMatch
from omzien.marketplace.selectors.prematches import suggestions_page
from omzien.marketplace.services import deals, entries, events, prematches, retention
from omzien.marketplace.tests.conftest import BUSINESS
from omzien.marketplace.tests.factories import (
    DealFactory,
    EntryFactory,
    EventFactory,
    ParticipantFactory,
)
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    return {e.code for errors in error.error_dict.values() for e in errors}


def test_a_broker_sets_up_one_beursvloer_a_year(heerde, actor):
    data = {
        "year": 2027,
        "held_on": datetime.date(2027, 10, 7),
        "place": "Kulturhus Nieuwleusen",
        "registration_opens": datetime.date(2027, 6, 1),
        "registration_closes": datetime.date(2027, 9, 30),
    }
    event = events.event_create(municipality=heerde, data=data, actor=actor)
    assert event.contact_retention_months == 12
    with pytest.raises(ValidationError) as error:
        events.event_create(municipality=heerde, data=data, actor=actor)
    assert codes(error.value) == {"year_taken"}
    late = {**data, "year": 2028, "held_on": datetime.date(2028, 10, 7)}
    late["registration_closes"] = datetime.date(2028, 11, 1)
    with pytest.raises(ValidationError) as error:
        events.event_create(municipality=heerde, data=late, actor=actor)
    assert codes(error.value) == {"closes_after_event"}


def test_only_a_broker_of_the_municipality_sets_one_up(heerde, dalfsen, make_member):
    from omzien.accounts.constants import Role

    other = make_member(Role.BROKER, dalfsen)
    with pytest.raises(PermissionDenied):
        events.event_create(municipality=heerde, data={}, actor=Actor(user=other))


def test_a_business_registers_once_per_form_and_gets_its_link(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = entries.business_register(
            event=event, data=dict(BUSINESS), actor=Actor(), submission_key="k1"
        )
    with django_capture_on_commit_callbacks(execute=True):
        again = entries.business_register(
            event=event, data=dict(BUSINESS), actor=Actor(), submission_key="k1"
        )
    assert again == first
    assert Participant.objects.count() == 1
    assert Entry.objects.filter(participant=first).count() == 1
    assert len(mail.outbox) == 1
    [message] = mail.outbox
    assert message.to == [BUSINESS["contact_email"]]
    link = next(line for line in message.body.splitlines() if "/beursvloer/wijzigen/" in line)
    token = link.rsplit("/wijzigen/", 1)[1].strip("/")
    assert entries.participant_by_token(token) == first
    assert first.edit_token_hash != token  # only the hash is stored


def test_registration_outside_the_window_is_refused(heerde):
    today = timezone.localdate()
    closed = EventFactory(
        municipality=heerde,
        registration_opens=today - datetime.timedelta(days=30),
        registration_closes=today - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        entries.business_register(event=closed, data=dict(BUSINESS), actor=Actor())
    assert error.value.code == "registration_closed"


def test_a_registration_without_the_essentials_says_what_is_missing(event):
    with pytest.raises(ValidationError) as error:
        entries.business_register(
            event=event, data={**BUSINESS, "name": " ", "title": "", "hours": 0}, actor=Actor()
        )
    assert codes(error.value) >= {"required"}
    assert Participant.objects.count() == 0


def test_an_organisation_member_registers_through_the_account(event, organisation, member):
    actor = Actor(user=member)
    participant = entries.organisation_join(event=event, organisation=organisation, actor=actor)
    assert participant.contact_email == organisation.contact_email
    assert entries.organisation_join(event=event, organisation=organisation, actor=actor) == (
        participant
    )
    entry = entries.entry_add(
        participant=participant,
        data={
            "direction": "request",
            "kind": "time",
            "title": "Hulp bij het schilderen",
            "description": "Het clubhuis moet geschilderd.",
            "hours": 16,
        },
        actor=actor,
    )
    with pytest.raises(ValidationError) as error:
        entries.entry_delete(entry=entry, actor=actor)
    assert error.value.code == "last_entry"


def test_a_stranger_cannot_register_an_organisation(event, organisation, make_member, heerde):
    from omzien.accounts.constants import Role

    stranger = make_member(Role.ORGANISATION_MEMBER, heerde)
    with pytest.raises(PermissionDenied):
        entries.organisation_join(
            event=event, organisation=organisation, actor=Actor(user=stranger)
        )


def test_entries_are_frozen_from_the_day_of_the_event(heerde):
    today = timezone.localdate()
    held = EventFactory(
        municipality=heerde,
        held_on=today,
        year=today.year,
        registration_opens=today - datetime.timedelta(days=40),
        registration_closes=today - datetime.timedelta(days=5),
    )
    entry = EntryFactory(participant__event=held)
    with pytest.raises(ValidationError) as error:
        entries.entry_update(entry=entry, data={"title": "Anders"}, actor=Actor(), version=1)
    assert error.value.code == "event_held"


def test_suggestions_rank_kind_and_words_and_skip_the_same_party(event):
    asks = EntryFactory(
        participant__event=event,
        direction=constants.Direction.REQUEST,
        kind=constants.EntryKind.TIME,
        title="Vrijwilligers om het clubhuis te schilderen",
        description="Wie helpt een zaterdag met schilderen van het clubhuis?",
    )
    painters = EntryFactory(
        participant__event=event,
        kind=constants.EntryKind.TIME,
        title="Schilders voor een dag",
        description="Twee schilders helpen een dag met het schilderen van een gebouw.",
    )
    laptops = EntryFactory(
        participant__event=event,
        kind=constants.EntryKind.MATERIALS,
        title="Afgeschreven laptops",
        description="Tien laptops voor een vereniging.",
    )
    EntryFactory(participant=asks.participant, title="Schilderen", description="schilderen")
    page = suggestions_page(event=event, page_number=1, per_page=10)
    [row] = page.object_list
    assert [s.offer for s in row.suggestions] == [painters]
    assert laptops not in [s.offer for s in row.suggestions]
    assert any("schilder" in str(reason) for reason in row.suggestions[0].reasons)


def test_confirming_a_prematch_twice_keeps_one(event, actor):
    offer = EntryFactory(participant__event=event)
    asks = EntryFactory(participant__event=event, direction=constants.Direction.REQUEST)
    first = prematches.prematch_confirm(
        event=event, offer_id=offer.pk, request_id=asks.pk, actor=actor
    )
    assert (
        prematches.prematch_confirm(event=event, offer_id=offer.pk, request_id=asks.pk, actor=actor)
        == first
    )
    with pytest.raises(ValidationError) as error:
        prematches.prematch_confirm(event=event, offer_id=asks.pk, request_id=offer.pk, actor=actor)
    assert error.value.code == "not_a_pair"
    assert PreMatch.objects.count() == 1


def test_a_deal_is_recorded_between_two_parties_after_the_event(event, actor):
    giver = ParticipantFactory(event=event)
    receiver = ParticipantFactory(event=event)
    with pytest.raises(ValidationError) as error:
        deals.deal_record(
            event=event,
            giver_id=giver.pk,
            receiver_id=giver.pk,
            what="Schilderen",
            due_on=event.held_on - datetime.timedelta(days=1),
            hours=0,
            actor=actor,
        )
    assert codes(error.value) == {"same_party", "before_event", "bad_hours"}
    deal = deals.deal_record(
        event=event,
        giver_id=giver.pk,
        receiver_id=receiver.pk,
        what="Schilderen",
        due_on=event.held_on + datetime.timedelta(days=30),
        hours=12,
        actor=actor,
    )
    assert deal.status == constants.DealStatus.AGREED
    assert deal.transitions.count() == 1
    assert AuditEvent.objects.filter(
        object_type="marketplace.deal", object_id=str(deal.pk)
    ).exists()


def test_the_reminder_goes_once_to_both_parties(heerde, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    held = EventFactory(
        municipality=heerde,
        held_on=today - datetime.timedelta(days=3),
        year=(today - datetime.timedelta(days=3)).year,
        registration_opens=today - datetime.timedelta(days=60),
        registration_closes=today - datetime.timedelta(days=10),
    )
    soon = DealFactory(event=held, due_on=today + datetime.timedelta(days=5))
    DealFactory(event=held, due_on=today + datetime.timedelta(days=30))  # too early yet
    done = DealFactory(event=held, due_on=today + datetime.timedelta(days=2))
    Deal.objects.filter(pk=done.pk).update(status=constants.DealStatus.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert deals.deals_remind(today=today) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert deals.deals_remind(today=today) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [soon.giver.contact_email, soon.receiver.contact_email]
    )


def test_contact_details_go_after_the_retention_period(heerde):
    today = timezone.localdate()
    old = EventFactory(
        municipality=heerde,
        held_on=today - datetime.timedelta(days=400),
        year=(today - datetime.timedelta(days=400)).year,
        registration_opens=today - datetime.timedelta(days=500),
        registration_closes=today - datetime.timedelta(days=410),
    )
    recent = EventFactory(
        municipality=heerde,
        held_on=today - datetime.timedelta(days=30),
        year=(today - datetime.timedelta(days=30)).year,  # 370 days apart: another year
        registration_opens=today - datetime.timedelta(days=90),
        registration_closes=today - datetime.timedelta(days=40),
    )
    gone = ParticipantFactory(event=old, edit_token_hash="x" * 64)
    kept = ParticipantFactory(event=recent)
    assert retention.marketplace_apply_retention(today) == 1
    assert retention.marketplace_apply_retention(today) == 0
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.contact_name, gone.contact_email, gone.edit_token_hash) == ("", "", "")
    assert gone.name  # the business's name stays for the figures
    assert kept.contact_email


def test_a_stale_edit_of_a_beursvloer_saves_nothing(event, actor):
    events.event_update(event=event, data={"place": "Kulturhus"}, actor=actor, version=1)
    with pytest.raises(EditConflict):
        events.event_update(event=event, data={"place": "Raadhuis"}, actor=actor, version=1)
    event.refresh_from_db()
    assert (event.place, event.version) == ("Kulturhus", 2)


def test_a_stale_edit_of_an_entry_saves_nothing(event):
    entry = EntryFactory(participant__event=event, title="Eerste")
    entries.entry_update(entry=entry, data={"title": "Tweede"}, actor=Actor(), version=1)
    with pytest.raises(EditConflict):
        entries.entry_update(entry=entry, data={"title": "Derde"}, actor=Actor(), version=1)
    entry.refresh_from_db()
    assert (entry.title, entry.version) == ("Tweede", 2)
