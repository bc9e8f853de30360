import datetime

import factory
from django.utils import timezone

from omzien.marketplace import constants
from omzien.marketplace.models import Deal, DealTransition, Entry, Event, Participant, PreMatch
from omzien.tenants.tests.factories import MunicipalityFactory


def _today() -> datetime.date:
    return timezone.localdate()


class EventFactory(factory.django.DjangoModelFactory):
    """An event open for registration now, held in a month."""

    class Meta:
        model = Event

    municipality = factory.SubFactory(MunicipalityFactory)
    held_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=30))
    year = factory.LazyAttribute(lambda o: o.held_on.year)
    place = "Kulturhus Nieuwleusen"
    registration_opens = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=10))
    registration_closes = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=20))


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A business registered through the public form."""

    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    kind = constants.PartyKind.BUSINESS
    name = factory.Sequence(lambda n: f"Bouwbedrijf Vechtdal {n}")
    contact_name = "Henk Schuurman"
    contact_email = factory.Sequence(lambda n: f"henk{n}@bouwbedrijf.example.org")
    contact_phone = "0529 123 456"


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    participant = factory.SubFactory(ParticipantFactory)
    direction = constants.Direction.OFFER
    kind = constants.EntryKind.TIME
    title = "Vier medewerkers voor een klusdag"
    description = "Een dag met vier man klussen: schilderen, tuinonderhoud of opruimen."
    hours = 32


class PreMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreMatch

    event = factory.SubFactory(EventFactory)
    offer = factory.SubFactory(EntryFactory, participant__event=factory.SelfAttribute("...event"))
    request = factory.SubFactory(
        EntryFactory,
        participant__event=factory.SelfAttribute("...event"),
        direction=constants.Direction.REQUEST,
        title="Hulp bij het schilderen van het clubhuis",
    )


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deal

    event = factory.SubFactory(EventFactory)
    giver = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..event"))
    receiver = factory.SubFactory(
        ParticipantFactory,
        event=factory.SelfAttribute("..event"),
        kind=constants.PartyKind.ORGANISATION,
        name=factory.Sequence(lambda n: f"Korfbalvereniging {n}"),
    )
    what = "Het clubhuis schilderen"
    due_on = factory.LazyAttribute(lambda o: o.event.held_on + datetime.timedelta(days=60))
    hours = 24


class DealTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealTransition

    deal = factory.SubFactory(DealFactory)
    from_status = ""
    to_status = constants.DealStatus.AGREED
