# ruff: noqa: E501 (the demo's texts read best on one line each)
"""Demo beursvloeren of Dalfsen (seed 002 §5.3.2): this year's, held some weeks ago, with the
offers and requests of local businesses and organisations, the broker's pre-matches and the
deals made, some followed up; and next year's, open for registration. Everything goes through
the services (registration, pre-matching, deals, follow-up), so the pages, the start page, the
figures and the audit trail are what the application itself writes; the past event's dates are
set back afterwards, as if it had been set up months ago."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.registry import register_loader
from omzien.marketplace import constants
from omzien.marketplace.constants import EntryKind
from omzien.marketplace.models import Deal, DealTransition, Entry, Event, Participant
from omzien.marketplace.services import deals, entries, events, prematches
from omzien.tenants.models import Municipality
from omzien.volunteering.models import Organisation, OrganisationMember

OFFER, REQUEST = constants.Direction.OFFER, constants.Direction.REQUEST

# Businesses: (name, contact person, e-mail, phone, [(direction, kind, title, text, hours)])
BUSINESSES = [
    (
        "Installatiebedrijf Vechtdal",
        "Jan Koster",
        "jan.koster@installatie-vechtdal.example.nl",
        "0529 431 870",
        [
            (
                OFFER,
                EntryKind.SKILLS,
                "Energiescan van uw clubhuis",
                "Een van onze adviseurs kijkt een middag mee waar uw clubhuis energie kan besparen: isolatie, verlichting, verwarming.",
                4,
            ),
            (
                OFFER,
                EntryKind.TIME,
                "Twee monteurs voor een klusdag",
                "Twee monteurs helpen een dag met kleine klussen aan leidingen, kranen en verlichting.",
                16,
            ),
        ],
    ),
    (
        "Drukkerij Nieuwleusen",
        "Anita Bouwhuis",
        "anita@drukkerij-nieuwleusen.example.nl",
        "0529 482 115",
        [
            (
                OFFER,
                EntryKind.MATERIALS,
                "Drukwerk voor uw jaarprogramma",
                "Wij drukken gratis 500 flyers of posters voor een activiteit of uw jaarprogramma.",
                6,
            ),
            (
                REQUEST,
                EntryKind.TIME,
                "Vrijwilligers voor de open dag",
                "Voor onze open dag zoeken we mensen die rondleidingen geven en koffie schenken.",
                12,
            ),
        ],
    ),
    (
        "Hoveniersbedrijf De Vechtoever",
        "Gerrit Wolters",
        "gerrit@vechtoever.example.nl",
        "0529 433 902",
        [
            (
                OFFER,
                EntryKind.TIME,
                "Een dag tuinonderhoud met ons team",
                "Ons team snoeit, maait en wiedt een dag op uw terrein, inclusief machines.",
                24,
            ),
            (
                OFFER,
                EntryKind.MATERIALS,
                "Plantgoed en snoeimateriaal",
                "Overgebleven vaste planten, heesters en houtsnippers voor een buurttuin of schoolplein.",
                3,
            ),
        ],
    ),
    (
        "Administratiekantoor Lemelerveld",
        "Marieke ten Brinke",
        "marieke@admin-lemelerveld.example.nl",
        "0572 371 640",
        [
            (
                OFFER,
                EntryKind.SKILLS,
                "Hulp bij de jaarrekening",
                "Een ervaren boekhouder helpt de penningmeester met de jaarrekening en de begroting.",
                8,
            ),
        ],
    ),
    (
        "Bakkerij Van der Vecht",
        "Hennie Schuurman",
        "hennie@bakkerijvandervecht.example.nl",
        "0529 431 227",
        [
            (
                OFFER,
                EntryKind.MATERIALS,
                "Krentenbollen en koek voor een activiteit",
                "Voor een buurtactiviteit of ontmoetingsochtend leveren we krentenbollen en koek voor 60 personen.",
                3,
            ),
            (
                REQUEST,
                EntryKind.SPACE,
                "Ruimte voor een bakworkshop",
                "We zoeken een ruimte met keuken om kinderen een middag te leren bakken.",
                4,
            ),
        ],
    ),
]

# Organisations of the volunteer platform: (name, [(direction, kind, title, text, hours)])
ORGANISATIONS = [
    (
        "Stichting Welzijn Dalfsen",
        [
            (
                REQUEST,
                EntryKind.SKILLS,
                "Advies over energiebesparing in het ontmoetingscentrum",
                "Ons ontmoetingscentrum heeft hoge energiekosten; wie kijkt mee hoe we kunnen besparen?",
                4,
            ),
            (
                REQUEST,
                EntryKind.MATERIALS,
                "Drukwerk voor de ouderenbeurs",
                "Voor de ouderenbeurs hebben we posters en flyers nodig.",
                6,
            ),
            (
                OFFER,
                EntryKind.SPACE,
                "Keuken en zaal in het ontmoetingscentrum",
                "Onze zaal met keuken is op woensdagmiddag vrij voor een activiteit.",
                4,
            ),
        ],
    ),
    (
        "Korfbalvereniging Nieuwleusen",
        [
            (
                REQUEST,
                EntryKind.TIME,
                "Hulp bij het onderhoud van het sportpark",
                "Het sportpark moet gesnoeid en opgeknapt worden voor het nieuwe seizoen.",
                24,
            ),
            (
                REQUEST,
                EntryKind.SKILLS,
                "Hulp voor de penningmeester bij de jaarrekening",
                "Onze nieuwe penningmeester zoekt hulp bij de jaarrekening.",
                8,
            ),
            (
                OFFER,
                EntryKind.TIME,
                "Vrijwilligers voor een open dag",
                "Vijf jeugdleden helpen een dag mee op een open dag of evenement.",
                20,
            ),
        ],
    ),
    (
        "Historische Kring Lemelerveld",
        [
            (
                REQUEST,
                EntryKind.TIME,
                "Klussers voor de leestafel en verlichting",
                "In ons archief moeten lampen en kranen vervangen worden.",
                8,
            ),
            (
                OFFER,
                EntryKind.SKILLS,
                "Rondleiding door oud Lemelerveld",
                "Een rondleiding langs het kanaal en de oude fabrieken voor uw personeel.",
                3,
            ),
        ],
    ),
]

# The 2026 deals: (giver, title of the offer, receiver, title of the request or "", what, days
# after the event it is due, hours, follow-up or "" for still agreed)
DEALS = [
    (
        "Installatiebedrijf Vechtdal",
        "Energiescan van uw clubhuis",
        "Stichting Welzijn Dalfsen",
        "Advies over energiebesparing in het ontmoetingscentrum",
        "Energiescan van het ontmoetingscentrum",
        21,
        4,
        constants.DealStatus.DONE,
    ),  # noqa: E501
    (
        "Hoveniersbedrijf De Vechtoever",
        "Een dag tuinonderhoud met ons team",
        "Korfbalvereniging Nieuwleusen",
        "Hulp bij het onderhoud van het sportpark",
        "Een dag snoeien en maaien op het sportpark",
        28,
        24,
        constants.DealStatus.PARTLY,
    ),  # noqa: E501
    (
        "Drukkerij Nieuwleusen",
        "Drukwerk voor uw jaarprogramma",
        "Stichting Welzijn Dalfsen",
        "Drukwerk voor de ouderenbeurs",
        "500 flyers voor de ouderenbeurs",
        14,
        6,
        constants.DealStatus.DONE,
    ),  # noqa: E501
    (
        "Administratiekantoor Lemelerveld",
        "Hulp bij de jaarrekening",
        "Korfbalvereniging Nieuwleusen",
        "Hulp voor de penningmeester bij de jaarrekening",
        "Twee avonden hulp bij de jaarrekening",
        35,
        8,
        constants.DealStatus.NOT_DONE,
    ),  # noqa: E501
    (
        "Installatiebedrijf Vechtdal",
        "Twee monteurs voor een klusdag",
        "Historische Kring Lemelerveld",
        "Klussers voor de leestafel en verlichting",
        "Verlichting en kranen in het archief vervangen",
        40,
        16,
        "",
    ),  # noqa: E501
    (
        "Korfbalvereniging Nieuwleusen",
        "Vrijwilligers voor een open dag",
        "Drukkerij Nieuwleusen",
        "Vrijwilligers voor de open dag",
        "Vijf jeugdleden helpen op de open dag",
        55,
        20,
        "",
    ),  # noqa: E501
    (
        "Stichting Welzijn Dalfsen",
        "Keuken en zaal in het ontmoetingscentrum",
        "Bakkerij Van der Vecht",
        "Ruimte voor een bakworkshop",
        "Bakworkshop voor kinderen in het ontmoetingscentrum",
        100,
        4,
        "",
    ),  # noqa: E501
    (
        "Historische Kring Lemelerveld",
        "Rondleiding door oud Lemelerveld",
        "Hoveniersbedrijf De Vechtoever",
        "",
        "Rondleiding voor het personeel",
        120,
        3,
        "",
    ),  # noqa: E501
]

# Next year's: who registered already.
NEXT_BUSINESSES = ["Drukkerij Nieuwleusen", "Hoveniersbedrijf De Vechtoever"]
NEXT_ORGANISATIONS = ["Stichting Welzijn Dalfsen"]


def _entry(row) -> dict:
    direction, kind, title, text, hours = row
    return {
        "direction": direction,
        "kind": kind,
        "title": title,
        "description": text,
        "hours": hours,
    }  # noqa: E501


def _register(event, broker, business_names, organisation_names) -> None:
    for name, contact, email, phone, rows in BUSINESSES:
        if name not in business_names:
            continue
        participant = entries.business_register(
            event=event,
            data={
                "name": name,
                "contact_name": contact,
                "contact_email": email,
                "contact_phone": phone,
                **_entry(rows[0]),
            },
            actor=Actor(),
            submission_key=f"demo-{event.year}-{name}",
        )
        for row in rows[1:]:
            entries.entry_add(participant=participant, data=_entry(row), actor=Actor())
    for name, rows in ORGANISATIONS:
        if name not in organisation_names:
            continue
        organisation = Organisation.objects.filter(
            municipality=event.municipality, name=name
        ).first()
        member = (
            OrganisationMember.objects.filter(organisation=organisation)
            .select_related("user")
            .first()
        )  # noqa: E501
        if organisation is None or member is None:
            continue
        actor = Actor(user=member.user)
        participant = entries.organisation_join(event=event, organisation=organisation, actor=actor)
        for row in rows:
            entries.entry_add(participant=participant, data=_entry(row), actor=actor)


def _load(municipality, broker, today) -> int:
    team = Actor(user=broker)
    past = today - datetime.timedelta(days=50)
    upcoming = max(today + datetime.timedelta(days=60), datetime.date(past.year + 1, 3, 12))
    # This year's: set up with its registration open, registered, then set back in time (its
    # year too: tomorrow may lie in another year than fifty days ago, on 31 December and in
    # January and February).
    tomorrow = today + datetime.timedelta(days=1)
    held = events.event_create(
        municipality=municipality,
        data={
            "year": tomorrow.year,
            "held_on": tomorrow,
            "place": "Kulturhus Nieuwleusen, Burgemeester Backxlaan 3",
            "registration_opens": today,
            "registration_closes": tomorrow,
            "description": "De jaarlijkse beursvloer: bedrijven en maatschappelijke organisaties "
            "uit Dalfsen, Nieuwleusen en Lemelerveld maken afspraken over wat ze voor elkaar "
            "kunnen doen. Geld doet niet mee.",
        },
        actor=team,
    )
    names = [b[0] for b in BUSINESSES]
    _register(held, broker, names, [o[0] for o in ORGANISATIONS])
    Event.objects.filter(pk=held.pk).update(
        year=past.year,
        held_on=past,
        registration_opens=past - datetime.timedelta(days=90),
        registration_closes=past - datetime.timedelta(days=7),
    )
    held.refresh_from_db()
    parties = {p.name: p for p in Participant.objects.filter(event=held)}
    titles = {
        (e.participant.name, e.title): e
        for e in Entry.objects.filter(participant__event=held).select_related("participant")
    }  # noqa: E501
    made = 0
    for giver, offer, receiver, request, what, days, hours, outcome in DEALS:
        prematch = None
        if request:
            prematch = prematches.prematch_confirm(
                event=held,
                offer_id=titles[(giver, offer)].pk,
                request_id=titles[(receiver, request)].pk,
                actor=team,
            )
        deal = deals.deal_record(
            event=held,
            giver_id=parties[giver].pk,
            receiver_id=parties[receiver].pk,
            what=what,
            due_on=past + datetime.timedelta(days=days),
            hours=hours,
            actor=team,
            prematch_id=prematch.pk if prematch else None,
        )
        made += 1
        if outcome:
            note = (
                "Door ziekte van de boekhouder niet doorgegaan."
                if outcome == constants.DealStatus.NOT_DONE
                else ""
            )  # noqa: E501
            deals.deal_follow_up(deal=deal, target=outcome, note=note, actor=team)
        _date_deal(deal, held.held_on, today)
    # Next year's, open for registration.
    upcoming_event = events.event_create(
        municipality=municipality,
        data={
            "year": upcoming.year,
            "held_on": upcoming,
            "place": "Trefpunt Lemelerveld, Kerkstraat 2",
            "registration_opens": today - datetime.timedelta(days=14),
            "registration_closes": upcoming - datetime.timedelta(days=10),
            "description": "Meld uw aanbod of vraag aan voor de beursvloer: tijd, kennis, "
            "materialen of een ruimte, nooit geld.",
        },
        actor=team,
    )
    _register(upcoming_event, broker, NEXT_BUSINESSES, NEXT_ORGANISATIONS)
    return made


def _date_deal(deal, held_on: datetime.date, today: datetime.date) -> None:
    """The deal was made at the beursvloer and followed up a week after its due date (the
    services stamp both today)."""
    agreed = office_hours(held_on)
    Deal.objects.filter(pk=deal.pk).update(created_at=agreed)
    changes = DealTransition.objects.filter(deal=deal)
    changes.update(created_at=agreed)
    followed = min(today - datetime.timedelta(days=1), deal.due_on + datetime.timedelta(days=7))
    if Deal.objects.filter(pk=deal.pk, followed_up_on__isnull=False).update(
        followed_up_on=followed
    ):
        changes.exclude(to_status=constants.DealStatus.AGREED).update(
            created_at=office_hours(followed)
        )


def load() -> dict[str, int]:
    """Idempotent: a municipality with a beursvloer already gets none."""
    made = 0
    municipality = Municipality.objects.filter(slug="dalfsen").first()
    if municipality is None or Event.objects.filter(municipality=municipality).exists():
        return {"marketplace_deals": 0}
    broker = (
        get_user_model().objects.filter(email=f"makelaar.{municipality.slug}@omzien.test").first()
    )  # noqa: E501
    if broker is None:
        return {"marketplace_deals": 0}
    made += _load(municipality, broker, timezone.localdate())
    return {"marketplace_deals": made}


register_loader("marketplace", load, after=["accounts", "volunteering"])
