"""How the authorization walk (ui/tests/access.py) requests the beursvloer's URLs: each side
has an event of its municipality, a business with its private link, the side's organisation
(volunteering's access module made it) taking part, and a deal."""

from omzien.marketplace import constants
from omzien.marketplace.models import Event
from omzien.marketplace.services.entries import token_hash
from omzien.marketplace.tests.factories import (
    DealFactory,
    EntryFactory,
    EventFactory,
    ParticipantFactory,
    PreMatchFactory,
)
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    # Two sides share Heerde, which has one beursvloer a year.
    side.marketplace_event = Event.objects.filter(
        municipality=side.municipality
    ).first() or EventFactory(municipality=side.municipality)
    side.marketplace_token = f"walk-{side.name}-token"
    business = ParticipantFactory(
        event=side.marketplace_event, edit_token_hash=token_hash(side.marketplace_token)
    )
    side.marketplace_business_entry = EntryFactory(participant=business)
    EntryFactory(participant=business, direction=constants.Direction.REQUEST)
    club = ParticipantFactory(
        event=side.marketplace_event,
        kind=constants.PartyKind.ORGANISATION,
        organisation=side.organisation,
        name=side.organisation.name,
    )
    side.marketplace_club_entry = EntryFactory(
        participant=club, direction=constants.Direction.REQUEST
    )
    EntryFactory(participant=club)
    PreMatchFactory(
        event=side.marketplace_event,
        offer=side.marketplace_business_entry,
        request=side.marketplace_club_entry,
    )
    side.marketplace_deal = DealFactory(event=side.marketplace_event, giver=business, receiver=club)


def _event(side) -> dict:
    return {"pk": side.marketplace_event.pk}


def _token(side) -> dict:
    return {"token": side.marketplace_token}


def _token_entry(side) -> dict:
    return {"token": side.marketplace_token, "entry": side.marketplace_business_entry.pk}


def _organisation(side) -> dict:
    return {"pk": side.organisation.pk}


PAGES = {
    # The public: businesses.
    "marketplace:public_events": Page(),
    "marketplace:register": Page(_event),
    "marketplace:registered": Page(),
    "marketplace:manage": Page(_token),
    "marketplace:manage_add": Page(_token),
    "marketplace:manage_edit": Page(_token_entry),
    "marketplace:manage_delete": action(_token_entry),
    # Organisation members: their organisation's entries.
    "marketplace:organisation_mine": Page(),
    "marketplace:organisation": Page(_organisation),
    "marketplace:organisation_add": Page(
        lambda s: {"pk": s.organisation.pk, "event": s.marketplace_event.pk}
    ),
    "marketplace:organisation_edit": Page(
        lambda s: {"pk": s.organisation.pk, "entry": s.marketplace_club_entry.pk}
    ),
    "marketplace:organisation_delete": action(
        lambda s: {"pk": s.organisation.pk, "entry": s.marketplace_club_entry.pk}
    ),
    # The broker.
    "marketplace:events": Page(),
    "marketplace:event_new": Page(),
    "marketplace:event": Page(_event),
    "marketplace:event_edit": Page(_event),
    "marketplace:participants": Page(_event),
    "marketplace:figures": Page(),
    "marketplace:prematches": Page(_event),
    "marketplace:prematch_confirm": action(_event),
    "marketplace:deals": Page(_event),
    "marketplace:deal_new": Page(_event),
    "marketplace:deal": Page(lambda s: {"pk": s.marketplace_deal.pk}),
}
