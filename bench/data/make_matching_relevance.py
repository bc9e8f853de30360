# ruff: noqa: E501 (hand-written records read best one field list per line)
"""Writes ``matching_relevance.json``: the labelled set for ``make bench-matching``'s nDCG@10.

The profiles and vacancies below are written by hand from the kinds of volunteer work in the
seeds (Dalfsen: mantelzorg and respijt, maatjes against loneliness, the buurtbus and volunteer
drivers, the food bank, language buddies for newcomers, home administration, village clubs,
nature work, events). Each record carries, besides what the engine reads, a hand-chosen set of
``activities``: what the work is (vacancy) or what the person said they like doing (profile),
in plain words. The engine never sees ``activities``; it reads only the fields a real profile or
vacancy has (domains/interests, free text, day-parts, kind, village).

Every profile is graded against every vacancy (16 × 28 = 448 pairs) by the rules in
``grade`` (see ``README.md`` next to this file). Run ``python bench/data/make_matching_relevance.py``
to write the JSON again; it is deterministic.
"""

import datetime
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
from omzien.matching import geo  # noqa: E402
from omzien.matching.vocabulary import day_parts_between  # noqa: E402

TODAY = "2026-12-01"
VILLAGES = {  # tenants/data/municipalities.json
    "Dalfsen": [52.508, 6.258],
    "Nieuwleusen": [52.582, 6.282],
    "Lemelerveld": [52.44, 6.34],
    "Hoonhorst": [52.476, 6.295],
    "Oudleusen": [52.525, 6.33],
}


def vac(id, title, domains, activities, kind, village, tasks, description, **extra):
    return {
        "id": id,
        "title": title,
        "domains": domains,
        "activities": activities,
        "kind": kind,
        "village": village,
        "tasks": tasks,
        "description": description,
        "day_parts": extra.pop("day_parts", []),
        "starts_at": extra.pop("starts_at", None),
        "ends_at": extra.pop("ends_at", None),
        "location_kind": extra.pop("location_kind", "address"),
        "vog_required": extra.pop("vog_required", False),
        "driving_licence": extra.pop("driving_licence", False),
        "min_age": extra.pop("min_age", 0),
        "waiting_days": extra.pop("waiting_days", 0),
        "organisation_volunteers": extra.pop("organisation_volunteers", 2),
        **extra,
    }


VACANCIES = [
    vac(
        1,
        "Maatje voor een oudere die zich eenzaam voelt",
        ["buddy", "care_welfare"],
        ["visiting", "conversation"],
        "structural",
        "Dalfsen",
        "Elke week op bezoek gaan, een kopje koffie drinken en een praatje maken.",
        "Mevrouw woont alleen sinds haar man is overleden en mist gezelschap.",
        day_parts=["wed_afternoon", "thu_afternoon"],
        organisation_volunteers=12,
    ),
    vac(
        2,
        "Chauffeur voor de buurtbus",
        ["transport"],
        ["driving"],
        "structural",
        "Nieuwleusen",
        "Rijden op de buurtbuslijn, reizigers helpen met in- en uitstappen.",
        "De buurtbus rijdt door de kernen van Dalfsen en zoekt chauffeurs.",
        day_parts=["mon_morning", "tue_morning", "wed_morning"],
        driving_licence=True,
        waiting_days=40,
        organisation_volunteers=1,
    ),
    vac(
        3,
        "Natuurbeheer: knotten en snoeien",
        ["nature"],
        ["outdoor_work", "gardening"],
        "structural",
        "Hoonhorst",
        "Wilgen knotten, snoeien en houtwallen onderhouden.",
        "Met een vaste groep buiten aan het werk in het landschap langs de Vecht.",
        day_parts=["sat_morning"],
        waiting_days=30,
        organisation_volunteers=1,
    ),
    vac(
        4,
        "Respijtvrijwilliger: een mantelzorger een middag vrij",
        ["informal_care", "care_welfare"],
        ["care", "visiting"],
        "structural",
        "Lemelerveld",
        "Een middag gezelschap bieden aan iemand met dementie zodat de mantelzorger even vrij is.",
        "Mantelzorgers ontlasten met respijt: u neemt de zorg een middag over.",
        day_parts=["tue_afternoon", "fri_afternoon"],
        vog_required=True,
        organisation_volunteers=6,
    ),
    vac(
        5,
        "Gastvrouw of gastheer in het inloophuis",
        ["care_welfare", "church_community"],
        ["hosting", "conversation"],
        "structural",
        "Dalfsen",
        "Koffie schenken, bezoekers ontvangen en een gesprek aangaan.",
        "Het inloophuis is een ontmoetingsplek voor iedereen in het dorp.",
        day_parts=["mon_afternoon", "thu_morning"],
        organisation_volunteers=8,
    ),
    vac(
        6,
        "Voorlezen op de basisschool",
        ["youth_education", "language_integration"],
        ["reading", "children"],
        "structural",
        "Nieuwleusen",
        "Voorlezen aan kleine groepjes kinderen uit groep 3 en 4.",
        "Kinderen met een taalachterstand lezen meer als iemand met ze leest.",
        day_parts=["wed_morning"],
        organisation_volunteers=3,
    ),
    vac(
        7,
        "Taalmaatje voor nieuwkomers",
        ["language_integration", "buddy"],
        ["teaching_language", "conversation"],
        "structural",
        "Dalfsen",
        "Samen Nederlands oefenen, helpen met brieven en de weg wijzen in het dorp.",
        "Statushouders in Dalfsen leren sneller de taal met een vast taalmaatje.",
        day_parts=["tue_evening", "thu_evening"],
        organisation_volunteers=4,
    ),
    vac(
        8,
        "Thuisadministratie: hulp bij post en formulieren",
        ["poverty_debt"],
        ["administration", "forms"],
        "structural",
        "Dalfsen",
        "Post ordenen, formulieren invullen en een budget bijhouden bij mensen thuis.",
        "Mensen met geldzorgen helpen overzicht te houden, zodat schulden niet oplopen.",
        day_parts=["mon_evening", "wed_evening"],
        organisation_volunteers=5,
    ),
    vac(
        9,
        "Penningmeester van de dorpsvereniging",
        ["board"],
        ["administration", "finance"],
        "structural",
        "Oudleusen",
        "De boekhouding en de begroting bijhouden, contributie innen.",
        "Het bestuur van de dorpsvereniging zoekt een penningmeester.",
        waiting_days=20,
        organisation_volunteers=0,
    ),
    vac(
        10,
        "Jeugdtrainer voetbal",
        ["sport", "youth_education"],
        ["coaching_sport", "children"],
        "structural",
        "Lemelerveld",
        "Training geven aan de onder-10 en meegaan naar wedstrijden.",
        "De voetbalclub zoekt trainers voor de jongste jeugd.",
        day_parts=["wed_afternoon", "sat_morning"],
        organisation_volunteers=20,
    ),
    vac(
        11,
        "Opbouwen en kassa bij het dorpsfeest",
        ["events"],
        ["events", "setup", "selling"],
        "one_off",
        "Dalfsen",
        "Tenten opbouwen en de kassa bemannen.",
        "Het jaarlijkse dorpsfeest kan niet zonder handen.",
        starts_at="2026-12-12T10:00",
        ends_at="2026-12-12T16:00",
        organisation_volunteers=1,
    ),
    vac(
        12,
        "Kerstmarkt: een kraam bemannen",
        ["events", "church_community"],
        ["events", "selling"],
        "one_off",
        "Hoonhorst",
        "Een kraam bemannen en zelfgemaakte spullen verkopen.",
        "De opbrengst van de kerstmarkt gaat naar de kerk en het buurthuis.",
        starts_at="2026-12-19T14:00",
        ends_at="2026-12-19T17:00",
        organisation_volunteers=2,
    ),
    vac(
        13,
        "Samen boodschappen doen met een oudere",
        ["care_welfare", "buddy"],
        ["shopping", "visiting"],
        "short_term",
        "Nieuwleusen",
        "Een paar maanden elke week samen boodschappen doen en even bijpraten.",
        "Na een heupoperatie kan meneer een tijdje niet zelf naar de winkel.",
        day_parts=["thu_morning"],
        organisation_volunteers=10,
    ),
    vac(
        14,
        "Klussendienst: kleine reparaties bij ouderen thuis",
        ["odd_jobs", "care_welfare"],
        ["repairs"],
        "structural",
        "Dalfsen",
        "Lampen ophangen, kranen repareren en kleine klussen in huis.",
        "Ouderen die het zelf niet meer kunnen, blijven zo langer thuis wonen.",
        day_parts=["fri_morning"],
        organisation_volunteers=3,
    ),
    vac(
        15,
        "Dierenasiel: honden uitlaten",
        ["animals"],
        ["walking_dogs", "outdoor_work"],
        "structural",
        "Lemelerveld",
        "Honden uitlaten en de hokken schoonmaken.",
        "De honden in het asiel hebben elke dag beweging nodig.",
        day_parts=["sat_afternoon", "sun_morning"],
        organisation_volunteers=9,
    ),
    vac(
        16,
        "Wandelmaatje voor iemand met dementie",
        ["buddy", "care_welfare"],
        ["walking", "visiting"],
        "structural",
        "Oudleusen",
        "Samen wandelen en onderweg een praatje maken.",
        "Buiten zijn en bewegen doet mensen met dementie en hun mantelzorger goed.",
        day_parts=["tue_morning", "fri_morning"],
        organisation_volunteers=4,
    ),
    vac(
        17,
        "Vrijwillige chauffeur naar het ziekenhuis",
        ["transport", "care_welfare"],
        ["driving"],
        "structural",
        "Dalfsen",
        "Met uw eigen auto inwoners naar het ziekenhuis of de huisarts rijden.",
        "Ouderen zonder vervoer komen zo toch op hun afspraak.",
        day_parts=["mon_morning", "tue_morning", "thu_morning"],
        driving_licence=True,
        organisation_volunteers=7,
    ),
    vac(
        18,
        "Koken voor de buurtmaaltijd",
        ["care_welfare", "church_community"],
        ["cooking", "hosting"],
        "structural",
        "Nieuwleusen",
        "Een maaltijd koken voor twintig buurtbewoners en de tafel dekken.",
        "Eén keer per week eten buurtbewoners samen in het buurthuis.",
        day_parts=["thu_afternoon"],
        organisation_volunteers=5,
    ),
    vac(
        19,
        "Website en nieuwsbrief van de muziekvereniging",
        ["board", "culture"],
        ["computer", "communication"],
        "short_term",
        "Oudleusen",
        "De website bijwerken en de nieuwsbrief maken.",
        "De muziekvereniging wil beter laten zien wat ze doet.",
        location_kind="online",
        organisation_volunteers=1,
        waiting_days=40,
    ),
    vac(
        20,
        "Kerstpakketten inpakken bij de voedselbank",
        ["poverty_debt"],
        ["packing"],
        "one_off",
        "Dalfsen",
        "Kerstpakketten inpakken en klaarzetten.",
        "De voedselbank deelt in december extra pakketten uit.",
        starts_at="2026-12-16T19:00",
        ends_at="2026-12-16T21:30",
        organisation_volunteers=6,
    ),
    vac(
        21,
        "Rolstoelwandeling met bewoners van het verpleeghuis",
        ["care_welfare", "buddy"],
        ["walking", "visiting"],
        "one_off",
        "Lemelerveld",
        "Een bewoner in de rolstoel meenemen voor een wandeling door het dorp.",
        "Eén ochtend buiten is voor de bewoners een feest.",
        starts_at="2026-12-08T10:00",
        ends_at="2026-12-08T12:00",
        organisation_volunteers=15,
    ),
    vac(
        22,
        "Natuurwerkdag",
        ["nature"],
        ["outdoor_work", "gardening"],
        "one_off",
        "Hoonhorst",
        "Een dag buiten werken: snoeien, maaien en opruimen.",
        "De landelijke natuurwerkdag, dit jaar in de Hoonhorster uiterwaarden.",
        starts_at="2026-12-05T09:00",
        ends_at="2026-12-05T15:00",
        organisation_volunteers=1,
    ),
    # Work that is near many people, small, waiting and flexible in time, but asks for one
    # particular interest: what a suggestion list fills up with when interests count too little.
    vac(
        23,
        "Verkeersregelaar bij de wielerronde",
        ["events", "safety"],
        ["traffic"],
        "one_off",
        "Oudleusen",
        "Verkeer regelen op een kruispunt langs het parcours.",
        "Zonder verkeersregelaars mag de wielerronde niet doorgaan.",
        starts_at="2026-12-13T13:00",
        ends_at="2026-12-13T17:00",
        waiting_days=35,
        organisation_volunteers=0,
    ),
    vac(
        24,
        "Buurtpreventie: avondrondes door de wijk",
        ["safety"],
        ["walking", "patrolling"],
        "structural",
        "Dalfsen",
        "Met z'n tweeën een avondronde lopen en opvallende zaken melden.",
        "Een veilige buurt maken we samen.",
        day_parts=["tue_evening", "thu_evening"],
        waiting_days=28,
        organisation_volunteers=1,
    ),
    vac(
        25,
        "Fotograaf voor het dorpsblad",
        ["culture"],
        ["photography", "communication"],
        "short_term",
        "Hoonhorst",
        "Foto's maken bij activiteiten in het dorp.",
        "Het dorpsblad verschijnt elke maand en wil meer beeld.",
        waiting_days=45,
        organisation_volunteers=0,
    ),
    vac(
        26,
        "Collectant in de eigen straat",
        ["care_welfare"],
        ["collecting"],
        "one_off",
        "Nieuwleusen",
        "Een week lang in de eigen straat langs de deuren gaan met de collectebus.",
        "De opbrengst gaat naar onderzoek naar longziekten.",
        waiting_days=30,
        organisation_volunteers=0,
    ),
    vac(
        27,
        "Bestuurslid van de speeltuinvereniging",
        ["board", "youth_education"],
        ["administration", "meetings"],
        "structural",
        "Lemelerveld",
        "Eens per maand vergaderen en meedenken over de speeltuin.",
        "De speeltuinvereniging zoekt een secretaris.",
        waiting_days=50,
        organisation_volunteers=0,
    ),
    vac(
        28,
        "Hulp bij de uitgifte van de voedselbank",
        ["poverty_debt"],
        ["packing", "hosting"],
        "structural",
        "Nieuwleusen",
        "Pakketten klaarzetten en klanten ontvangen.",
        "Elke vrijdagmiddag halen zestig huishoudens hun pakket.",
        day_parts=["fri_afternoon"],
        waiting_days=21,
        organisation_volunteers=3,
    ),
]


def prof(
    id, name, interests, activities, kinds, village, tasks_liked, motivation, day_parts, **extra
):
    return {
        "id": id,
        "name": name,
        "interests": interests,
        "activities": activities,
        "commitments": kinds,
        "village": village,
        "tasks_liked": tasks_liked,
        "motivation": motivation,
        "day_parts": day_parts,
        "travel_km": extra.pop("travel_km", 10),
        "driving_licence": extra.pop("driving_licence", False),
        "vog": extra.pop("vog", False),
        "birth_year": extra.pop("birth_year", 1960),
        **extra,
    }


WEEKDAY_MORNINGS = ["mon_morning", "tue_morning", "wed_morning", "thu_morning", "fri_morning"]
WEEKDAY_AFTERNOONS = [
    "mon_afternoon",
    "tue_afternoon",
    "wed_afternoon",
    "thu_afternoon",
    "fri_afternoon",
]

PROFILES = [
    prof(
        1,
        "Maatje en Zorg (het voorbeeld uit issue 15)",
        ["buddy", "care_welfare"],
        ["visiting", "conversation", "walking"],
        ["structural"],
        "Dalfsen",
        "Op bezoek gaan, een praatje maken, samen wandelen.",
        "Ik heb tijd over en wil iets betekenen voor mensen die alleen zijn.",
        WEEKDAY_MORNINGS + WEEKDAY_AFTERNOONS,
        travel_km=15,
        driving_licence=True,
    ),
    prof(
        2,
        "Chauffeur",
        ["transport", "care_welfare"],
        ["driving"],
        ["structural"],
        "Nieuwleusen",
        "Autorijden, mensen vervoeren.",
        "Ik rijd graag en ben net met pensioen.",
        [*WEEKDAY_MORNINGS, "tue_afternoon", "thu_afternoon"],
        travel_km=25,
        driving_licence=True,
    ),
    prof(
        3,
        "Buitenmens",
        ["nature", "odd_jobs"],
        ["outdoor_work", "gardening", "repairs"],
        ["structural", "one_off"],
        "Hoonhorst",
        "Snoeien, tuinieren, buiten werken.",
        "Ik werk de hele week binnen en wil in het weekend naar buiten.",
        ["fri_morning", "sat_morning", "sat_afternoon", "sun_morning"],
        travel_km=15,
    ),
    prof(
        4,
        "Mantelzorgondersteuner",
        ["informal_care", "care_welfare"],
        ["care", "visiting"],
        ["structural"],
        "Lemelerveld",
        "Mantelzorgers ontlasten, gezelschap bieden.",
        "Ik ben zelf mantelzorger geweest en weet hoe zwaar het is.",
        [*WEEKDAY_AFTERNOONS, "thu_morning"],
        travel_km=15,
        vog=True,
    ),
    prof(
        5,
        "Taal en lezen",
        ["language_integration", "youth_education"],
        ["teaching_language", "reading", "conversation"],
        ["structural"],
        "Dalfsen",
        "Voorlezen, taalles geven, helpen met huiswerk.",
        "Als oud-juf wil ik kinderen en nieuwkomers helpen met de Nederlandse taal.",
        ["mon_morning", "wed_morning", "fri_morning", "tue_evening", "thu_evening"],
        travel_km=15,
        vog=True,
    ),
    prof(
        6,
        "Administratie",
        ["poverty_debt", "board"],
        ["administration", "forms", "finance"],
        ["structural", "short_term"],
        "Dalfsen",
        "Administratie, formulieren invullen, cijfers en budget.",
        "Ik was boekhouder en help graag mensen die het overzicht kwijt zijn.",
        ["mon_evening", "tue_evening", "wed_evening", "thu_evening"],
        travel_km=15,
    ),
    prof(
        7,
        "Sporttrainer",
        ["sport", "youth_education"],
        ["coaching_sport", "children"],
        ["structural"],
        "Lemelerveld",
        "Training geven, voetbal, kinderen begeleiden.",
        "Mijn zoon voetbalt en ik wil de club helpen.",
        ["wed_afternoon", "sat_morning", "tue_evening", "thu_evening"],
        travel_km=15,
        vog=True,
        birth_year=1985,
    ),
    prof(
        8,
        "Evenementen, eenmalig",
        ["events", "culture"],
        ["events", "setup", "selling"],
        ["one_off"],
        "Dalfsen",
        "Opbouwen, kassa, evenementen.",
        "Ik wil me niet vastleggen, maar help graag eens mee bij een feest.",
        ["sat_morning", "sat_afternoon", "sun_afternoon"],
        travel_km=15,
        birth_year=1998,
    ),
    prof(
        9,
        "Dierenvriend",
        ["animals", "nature"],
        ["walking_dogs", "outdoor_work", "walking"],
        ["structural"],
        "Lemelerveld",
        "Honden uitlaten, dieren verzorgen, wandelen.",
        "Ik mag zelf geen hond houden in mijn flat.",
        ["sat_morning", "sat_afternoon", "sun_morning"],
        travel_km=15,
        birth_year=1995,
    ),
    prof(
        10,
        "Kok",
        ["care_welfare", "church_community"],
        ["cooking", "hosting"],
        ["structural"],
        "Nieuwleusen",
        "Koken, maaltijden bereiden, gastvrouw zijn.",
        "Ik kook graag voor een grote groep.",
        [*WEEKDAY_AFTERNOONS, "tue_morning", "thu_morning"],
        travel_km=15,
    ),
    prof(
        11,
        "Klusser",
        ["odd_jobs"],
        ["repairs"],
        ["structural", "short_term"],
        "Dalfsen",
        "Klussen, repareren, techniek.",
        "Ik ben handig en heb gereedschap genoeg.",
        [*WEEKDAY_MORNINGS, "sat_morning"],
        travel_km=15,
        driving_licence=True,
    ),
    prof(
        12,
        "Digitaal",
        ["board", "culture"],
        ["computer", "communication"],
        ["short_term", "structural"],
        "Oudleusen",
        "Website, nieuwsbrief, computer, communicatie.",
        "Ik werk in de ICT en wil een vereniging online helpen.",
        ["mon_evening", "tue_evening", "wed_evening"],
        travel_km=5,
        birth_year=1990,
    ),
    prof(
        13,
        "Student, eenmalig 's avonds",
        ["poverty_debt", "events"],
        ["packing", "events"],
        ["one_off"],
        "Dalfsen",
        "Inpakken, meehelpen bij acties.",
        "Voor mijn maatschappelijke stage wil ik een paar keer meehelpen.",
        ["wed_evening", "sat_morning"],
        travel_km=5,
        birth_year=2008,
    ),
    prof(
        14,
        "Maatje in de ochtend",
        ["buddy", "care_welfare"],
        ["walking", "shopping", "visiting"],
        ["structural", "short_term"],
        "Oudleusen",
        "Wandelen, boodschappen doen, op bezoek gaan.",
        "Ik ben weduwe en weet hoe stil het huis kan zijn.",
        WEEKDAY_MORNINGS,
        travel_km=15,
        birth_year=1952,
    ),
    prof(
        15,
        "Gastvrouw",
        ["church_community", "care_welfare"],
        ["hosting", "conversation"],
        ["structural"],
        "Dalfsen",
        "Gastvrouw zijn, koffie schenken, gesprekken voeren.",
        "In de kerk doe ik dit al; ik wil het ook voor het hele dorp doen.",
        [
            "mon_morning",
            "tue_morning",
            "wed_morning",
            "thu_morning",
            "mon_afternoon",
            "tue_afternoon",
            "wed_afternoon",
            "thu_afternoon",
        ],
        travel_km=10,
    ),
    prof(
        16,
        "Breed geïnteresseerd, geen taken genoemd",
        ["care_welfare", "events", "nature"],
        [],
        ["one_off", "structural"],
        "Hoonhorst",
        "",
        "",
        ["sat_morning", "sat_afternoon", "sun_morning", "sun_afternoon"],
        travel_km=15,
    ),
]


def grade(profile: dict, vacancy: dict, feasible: bool, time_fits: bool) -> int:
    """The rules of README.md, in the order written there."""
    if not feasible or not time_fits:
        return 0
    domain = bool(set(profile["interests"]) & set(vacancy["domains"]))
    activity = bool(set(profile["activities"]) & set(vacancy["activities"]))
    kind_ok = not profile["commitments"] or vacancy["kind"] in profile["commitments"]
    named_activities = bool(profile["activities"])
    if domain and (activity or not named_activities):
        if not named_activities:
            return 2 if kind_ok else 1
        return 3 if kind_ok else 2
    if domain or activity:
        return 1 if kind_ok else 0
    return 0


def _feasible(profile: dict, vacancy: dict) -> bool:
    """What makes the work impossible for this person, whatever they like."""
    if vacancy["location_kind"] == "address":
        names = list(VILLAGES)
        km = geo.distance_table([tuple(VILLAGES[n]) for n in names])
        if (
            km[names.index(profile["village"])][names.index(vacancy["village"])]
            > profile["travel_km"]
        ):
            return False
    if vacancy["driving_licence"] and not profile["driving_licence"]:
        return False
    return not (vacancy["vog_required"] and not profile["vog"])


def _times(vacancy: dict) -> frozenset[str]:
    if vacancy["starts_at"]:
        start = datetime.datetime.fromisoformat(vacancy["starts_at"])
        end = datetime.datetime.fromisoformat(vacancy["ends_at"]) if vacancy["ends_at"] else None
        return day_parts_between(start, end)
    return frozenset(vacancy["day_parts"])


def main() -> None:
    pairs = []
    for p in PROFILES:
        for v in VACANCIES:
            times = _times(v)
            time_fits = not times or bool(times & set(p["day_parts"]))
            pairs.append([p["id"], v["id"], grade(p, v, _feasible(p, v), time_fits)])
    out = {
        "about": "Labelled profile-vacancy pairs for nDCG@10; see README.md in this folder.",
        "today": TODAY,
        "villages": VILLAGES,
        "profiles": PROFILES,
        "vacancies": VACANCIES,
        "pairs": pairs,
    }
    path = Path(__file__).with_name("matching_relevance.json")
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {g: sum(1 for *_, x in pairs if x == g) for g in range(4)}
    print(f"{len(pairs)} pairs, grades {counts}")


if __name__ == "__main__":
    main()
