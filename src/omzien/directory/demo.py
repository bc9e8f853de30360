"""Demo social map: believable entries for Heerde and Dalfsen, spread over their villages, written
through the services: organisations' entries by their members (some still awaiting review, one
with a change waiting), named providers' entries by the broker. A few entries were confirmed
long ago, so the staff list shows flagged entries and one has dropped out of the search."""

import datetime

from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.common.dates import add_months
from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.registry import register_loader
from omzien.directory import constants
from omzien.directory.constants import Access, Category, Cost, EntryStatus, TargetGroup
from omzien.directory.models import Entry, EntryTransition
from omzien.directory.services import entries as services
from omzien.tenants.models import Municipality
from omzien.volunteering.models import Organisation, OrganisationMember

# state: "published", "review" (awaiting review), "change" (published, a change waiting),
# "overdue" (confirmation overdue), "dropped" (out of the search for want of confirmation).
ENTRIES = {
    "heerde": [
        {
            "organisation": "Stichting Stip Heerde",
            "title": "Mantelzorgondersteuning Stip",
            "description": "De mantelzorgconsulenten van Stip denken met u mee: over de zorg, "
            "over regelingen en over tijd voor uzelf. Een gesprek aan de keukentafel kan ook.",
            "helps_with": "Overzicht krijgen, overbelasting voorkomen, de weg vinden in "
            "regelingen.",
            "categories": [Category.CARER_SUPPORT, Category.CARER_BROKER],
            "target_groups": [TargetGroup.CARERS, TargetGroup.YOUNG_CARERS],
            "region_wide": True,
            "phone": "0578 699 300",
            "email": "mantelzorg@stip-heerde.example",
            "website": "https://stip-heerde.example/mantelzorg",
            "opening_hours": "Maandag tot en met vrijdag, 9:00-17:00",
            "state": "published",
        },
        {
            "organisation": "Stichting Stip Heerde",
            "title": "Lotgenotengroep mantelzorgers",
            "description": "Elke maand komen ongeveer twaalf mantelzorgers samen om ervaringen "
            "te delen, onder leiding van een consulent.",
            "categories": [Category.PEER_SUPPORT],
            "target_groups": [TargetGroup.CARERS],
            "village": "Heerde",
            "address": "Dorpshuis, Markt 3",
            "phone": "0578 699 300",
            "opening_hours": "Elke tweede donderdag van de maand, 14:00-16:00",
            "state": "published",
        },
        {
            "organisation": "Stichting Stip Heerde",
            "title": "Respijt aan huis door vrijwilligers",
            "description": "Een vrijwilliger neemt een dagdeel per week de zorg van u over, "
            "zodat u even iets voor uzelf kunt doen.",
            "categories": [Category.RESPITE_AT_HOME, Category.RESPITE_VOLUNTEER],
            "target_groups": [TargetGroup.CARERS, TargetGroup.DEMENTIA],
            "region_wide": True,
            "phone": "0578 699 300",
            "state": "review",
        },
        {
            "provider_name": "Alzheimer Nederland, afdeling Noord-Veluwe",
            "title": "Alzheimer Café Heerde",
            "description": "Een avond met uitleg van een deskundige en tijd om met elkaar te "
            "praten, voor mensen met dementie, hun naasten en iedereen die wil weten.",
            "categories": [Category.DEMENTIA_SUPPORT, Category.PEER_SUPPORT],
            "target_groups": [TargetGroup.DEMENTIA, TargetGroup.CARERS],
            "village": "Heerde",
            "address": "Zorgcentrum De Bongerd, Bongerd 2",
            "website": "https://www.alzheimer-nederland.nl",
            "opening_hours": "Elke eerste dinsdag van de maand, 19:30-21:30",
            "state": "published",
        },
        {
            "provider_name": "Logeerhuis De Veluwse Hoeve",
            "title": "Logeerhuis De Veluwse Hoeve",
            "description": "Uw naaste logeert een weekend of een week in een huiselijk "
            "logeerhuis op een boerderij, met zorg dag en nacht.",
            "categories": [Category.RESPITE_STAY, Category.RESPITE_HOUSE],
            "target_groups": [
                TargetGroup.DEMENTIA,
                TargetGroup.DISABILITY,
                TargetGroup.OLDER_PEOPLE,
            ],
            "access": Access.WMO,
            "access_text": "Vraag een indicatie aan bij het Wmo-loket van de gemeente.",
            "cost": Cost.PAID,
            "cost_text": "Eigen bijdrage via het CAK",
            "village": "Wapenveld",
            "address": "Hoeveweg 12",
            "phone": "038 447 1200",
            "state": "published",
        },
        {
            "organisation": "Zorgcentrum De Bongerd",
            "title": "Dagbesteding De Bongerd",
            "description": "Een dag in de week (of meer) samen zijn, bewegen en iets doen "
            "onder begeleiding. Voor de mantelzorger een vrije dag.",
            "categories": [Category.RESPITE_DAYCARE],
            "target_groups": [TargetGroup.OLDER_PEOPLE, TargetGroup.DEMENTIA],
            "access": Access.WMO,
            "cost": Cost.PAID,
            "cost_text": "Wmo-maatwerkvoorziening, eigen bijdrage",
            "village": "Heerde",
            "address": "Bongerd 2",
            "phone": "0578 691 000",
            "opening_hours": "Maandag tot en met vrijdag, 9:30-16:00",
            "state": "change",
        },
        {
            "provider_name": "Humanitas Noord-Veluwe",
            "title": "Humanitas Thuisadministratie",
            "description": "Een getrainde vrijwilliger helpt u thuis uw post en geldzaken "
            "op orde te krijgen en te houden.",
            "categories": [Category.DEBT_HELP],
            "target_groups": [TargetGroup.EVERYONE],
            "region_wide": True,
            "phone": "06 12345678",
            "state": "overdue",
        },
        {
            "provider_name": "SchuldHulpMaatje Epe-Heerde",
            "title": "SchuldHulpMaatje",
            "description": "Een maatje helpt u bij schulden: rustig overzicht maken en samen "
            "naar oplossingen kijken.",
            "categories": [Category.DEBT_HELP, Category.BUDDY],
            "target_groups": [TargetGroup.EVERYONE],
            "region_wide": True,
            "email": "info@schuldhulpmaatje-epe-heerde.example",
            "state": "published",
        },
        {
            "organisation": "Repair Café Heerde",
            "title": "Repair Café Heerde",
            "description": "Kapotte spullen samen repareren met vrijwilligers, met koffie en "
            "een praatje.",
            "categories": [Category.LONELINESS, Category.HOME_HELP],
            "target_groups": [TargetGroup.EVERYONE],
            "village": "Veessen",
            "address": "Dorpshuis Veessen",
            "email": "repaircafe@heerde.example",
            "opening_hours": "Elke derde zaterdag, 10:00-13:00",
            "state": "published",
        },
        {
            "organisation": "Voedselbank Epe-Heerde",
            "title": "Voedselbank Epe-Heerde",
            "description": "Wekelijks een voedselpakket voor huishoudens die het tijdelijk "
            "niet redden.",
            "categories": [Category.DEBT_HELP, Category.MEALS],
            "target_groups": [TargetGroup.EVERYONE, TargetGroup.FAMILIES],
            "access": Access.REFERRAL,
            "access_text": "Via een hulpverlener of Stip.",
            "village": "Heerde",
            "phone": "0578 123 999",
            "state": "dropped",
        },
        {
            "provider_name": "Stichting Het Vakantiebureau",
            "title": "Zorgvakantie samen met uw naaste",
            "description": "Samen op vakantie, met zorg en vrijwilligers ter plekke.",
            "categories": [Category.RESPITE_HOLIDAY],
            "target_groups": [TargetGroup.CARERS, TargetGroup.DISABILITY],
            "cost": Cost.PAID,
            "cost_text": "Vanaf EUR 600 per week",
            "online": True,
            "website": "https://www.hetvakantiebureau.nl",
            "state": "published",
        },
    ],
    "dalfsen": [
        {
            "organisation": "Stichting Welzijn Dalfsen",
            "title": "Mantelzorgsteunpunt Dalfsen",
            "description": "Informatie, advies en een luisterend oor voor mantelzorgers en "
            "jonge mantelzorgers.",
            "categories": [Category.CARER_SUPPORT, Category.INFORMATION],
            "target_groups": [TargetGroup.CARERS, TargetGroup.YOUNG_CARERS],
            "region_wide": True,
            "phone": "0529 433 000",
            "state": "published",
        },
        {
            "provider_name": "Zorgboerderij De Leuse Hof",
            "title": "Logeren op de zorgboerderij",
            "description": "Logeeropvang voor een weekend in een rustige omgeving.",
            "categories": [Category.RESPITE_STAY],
            "target_groups": [TargetGroup.DEMENTIA, TargetGroup.DISABILITY],
            "access": Access.WMO,
            "cost": Cost.PAID,
            "cost_text": "Eigen bijdrage via het CAK",
            "village": "Nieuwleusen",
            "phone": "0529 481 111",
            "state": "published",
        },
        {
            "provider_name": "Alzheimer Nederland, afdeling Vechtdal",
            "title": "Alzheimer Café Dalfsen",
            "description": "Maandelijkse avond met uitleg en gesprek over leven met dementie.",
            "categories": [Category.DEMENTIA_SUPPORT, Category.PEER_SUPPORT],
            "target_groups": [TargetGroup.DEMENTIA, TargetGroup.CARERS],
            "village": "Dalfsen",
            "website": "https://www.alzheimer-nederland.nl",
            "state": "published",
        },
        {
            "organisation": "Stichting Welzijn Dalfsen",
            "title": "Maatjesproject Samen op pad",
            "description": "Een vrijwillig maatje komt eens per week langs voor een wandeling, "
            "een kop koffie of een uitje.",
            "categories": [Category.BUDDY, Category.LONELINESS],
            "target_groups": [TargetGroup.LONELINESS, TargetGroup.OLDER_PEOPLE],
            "region_wide": True,
            "phone": "0529 433 000",
            "state": "review",
        },
        {
            "provider_name": "Vrijwillige Thuishulp Lemelerveld",
            "title": "Vrijwillige thuishulp",
            "description": "Vrijwilligers helpen bij kleine klussen, boodschappen en vervoer.",
            "categories": [Category.HOME_HELP, Category.TRANSPORT, Category.RESPITE_VOLUNTEER],
            "target_groups": [TargetGroup.OLDER_PEOPLE, TargetGroup.CARERS],
            "village": "Lemelerveld",
            "phone": "0572 371 000",
            "state": "overdue",
        },
    ],
}


def _staff(municipality: Municipality):
    membership = (
        Membership.objects.filter(municipality=municipality, role=Role.BROKER, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _confirmed_long_ago(entry: Entry, months: int, days: int = 0) -> None:
    """Demo only: the entry was published and last confirmed ``months`` and ``days`` ago,
    written and sent for review a few days before (a time machine for the dates the services
    derive from a confirmation, and for the entry's history; the status is not touched)."""
    day = add_months(timezone.localdate(), -months) - datetime.timedelta(days=days)
    due = add_months(day, constants.CONFIRM_MONTHS_DEFAULT)
    published = office_hours(day)
    Entry.objects.filter(pk=entry.pk).update(
        last_confirmed_on=day,
        confirm_due_on=due,
        drops_out_on=add_months(due, constants.GRACE_MONTHS_DEFAULT),
        first_published_at=published,
        created_at=published - datetime.timedelta(days=3),
    )
    history = EntryTransition.objects.filter(entry=entry)
    history.update(created_at=published - datetime.timedelta(days=2))
    history.filter(to_status=EntryStatus.PUBLISHED).update(created_at=published)


def _sent_for_review(entry: Entry, days_ago: int) -> None:
    """Demo only: the organisation wrote the entry and sent it for review ``days_ago`` days
    ago (an hour apart), not at the minute the demo loaded."""
    written = office_hours(timezone.localdate() - datetime.timedelta(days=days_ago))
    sent = written + datetime.timedelta(hours=1)
    Entry.objects.filter(pk=entry.pk).update(created_at=written, updated_at=sent)
    history = EntryTransition.objects.filter(entry=entry)
    history.update(created_at=written)
    history.filter(to_status=EntryStatus.AWAITING_REVIEW).update(created_at=sent)


def load() -> dict[str, int]:
    """Idempotent: an entry that exists by its title in the municipality is left alone."""
    made = 0
    for slug, entries in ENTRIES.items():
        municipality = Municipality.objects.filter(slug=slug).first()
        broker = _staff(municipality) if municipality else None
        if broker is None:
            continue
        staff = Actor(user=broker)
        villages = {loc.name: loc for loc in municipality.localities.all()}
        for index, spec in enumerate(entries):
            spec = dict(spec)
            if Entry.objects.filter(municipality=municipality, title=spec["title"]).exists():
                continue
            state = spec.pop("state")
            organisation = None
            owner = staff
            if "organisation" in spec:
                organisation = Organisation.objects.filter(
                    municipality=municipality, name=spec.pop("organisation")
                ).first()
                member = (
                    OrganisationMember.objects.filter(organisation=organisation)
                    .select_related("user")
                    .order_by("pk")
                    .first()
                )
                if organisation is None or member is None:
                    continue
                owner = Actor(user=member.user)
            village = spec.pop("village", None)
            spec["locality"] = villages.get(village) if village else None
            entry = services.entry_create(
                municipality=municipality, organisation=organisation, data=spec, actor=owner
            )
            made += 1
            if organisation is not None:
                entry = services.entry_transition(
                    entry=entry, target=EntryStatus.AWAITING_REVIEW, actor=owner
                )
            if state == "review":
                _sent_for_review(entry, days_ago=1 + index % 3)
                continue
            entry = services.entry_transition(
                entry=entry, target=EntryStatus.PUBLISHED, actor=staff
            )
            if state == "overdue":
                _confirmed_long_ago(entry, 6, days=10)
            elif state == "dropped":
                _confirmed_long_ago(entry, 9)
            else:
                # Published some weeks or months ago, and not yet due for confirmation.
                _confirmed_long_ago(entry, index % 4, days=3 + (index * 7) % 25)
                entry.refresh_from_db()
            if state == "change":
                services.entry_update(
                    entry=entry,
                    version=entry.version,
                    data={
                        **spec,
                        "opening_hours": "Maandag tot en met zaterdag, 9:30-16:00",
                        "description": spec["description"] + " Nu ook op zaterdag.",
                    },
                    actor=owner,
                )
                # Proposed yesterday afternoon, waiting for the broker since.
                proposed = office_hours(timezone.localdate() - datetime.timedelta(days=1))
                Entry.objects.filter(pk=entry.pk).update(
                    pending_at=proposed + datetime.timedelta(hours=4)
                )
    return {"directory_entries": made}


register_loader("directory", load, after=["accounts", "volunteering"])
