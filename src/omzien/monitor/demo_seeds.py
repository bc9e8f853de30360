"""The five seeds' programmes as they are written, for the monitor's demo (``demo.py`` loads them).

Each programme names its seed file (``/work/shared/seeds/``); ``tests/test_demo_seeds.py``
reads the seed and checks that every quote is in it and that every baseline, target, external
value and budget amount is a number of its quote. So a measure's ``quote`` is the seed's own
sentence (whitespace joined), and an action's ``budget_quote`` the seed's budget line.

Conventions, where a seed leaves something open:

* "groei van …" / "stabilisatie of groei van …" with only a baseline: direction *growth* (or
  *at least*) with the baseline as the target — not below the baseline; "daling van …": direction
  *decline* with the baseline as the target. No other number is made up.
* A baseline or value known only by its year ("GGD monitor 2016") is dated 31 December of that
  year; an external value is the baseline as the seed gives it.
* A budget "per jaar" / "structureel" is planned for every year of the action in the programme;
  "incidenteel" for the year the seed names (Raalte: 2017). Spent amounts are not in any seed
  and stay 0.
* Status on 1 December 2026: what ended before is *done*; what runs on ("2022 e.v.") *underway*.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from omzien.monitor.constants import ActionStatus, Direction, Frequency

DONE, UNDERWAY = ActionStatus.DONE, ActionStatus.UNDERWAY
AT_LEAST, AT_MOST = Direction.AT_LEAST, Direction.AT_MOST
GROWTH, DECLINE = Direction.GROWTH, Direction.DECLINE
YEAR, QUARTER = Frequency.YEAR, Frequency.QUARTER


def end_of(year: int) -> date:
    return date(year, 12, 31)


@dataclass(frozen=True)
class External:
    """An indicator the platform does not compute, with the values the seed gives."""

    name: str
    source: str
    unit: str = ""  # appended to the figure: "%" or nothing
    definition: str = ""
    values: tuple[tuple[date, Decimal, str], ...] = ()


@dataclass(frozen=True)
class Baseline:
    value: Decimal
    on: date
    source: str


@dataclass(frozen=True)
class MeasureSeed:
    quote: str  # the seed's sentence; holds the target and baseline numbers
    target: Decimal
    direction: str
    deadline: date
    code: str = ""  # a registered indicator, or
    external: External | None = None
    baseline: Baseline | None = None
    frequency: str = YEAR
    cumulative: bool = False
    description: str = ""  # shown; the quote when empty


@dataclass(frozen=True)
class ActionSeed:
    what: str
    by: str
    start: date | None
    end: date | None
    status: str
    budget: dict[int, Decimal] = field(default_factory=dict)
    budget_quote: str = ""
    measures: tuple[MeasureSeed, ...] = ()


@dataclass(frozen=True)
class AmbitionSeed:
    title: str
    actions: tuple[ActionSeed, ...] = ()
    measures: tuple[MeasureSeed, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class ThemeSeed:
    name: str
    ambitions: tuple[AmbitionSeed, ...]


@dataclass(frozen=True)
class ProgrammeSeed:
    seed: str  # file name in the seeds folder
    municipality: str  # slug
    advisor: str  # the policy advisor who enters it
    name: str
    description: str
    start: date
    end: date
    themes: tuple[ThemeSeed, ...]


def yearly(amount: int, first: int, last: int) -> dict[int, Decimal]:
    return {year: Decimal(amount) for year in range(first, last + 1)}


def per_year(*amounts: int, first: int) -> dict[int, Decimal]:
    return {first + i: Decimal(amount) for i, amount in enumerate(amounts)}


def span(first: int, last: int) -> dict:
    return {"start": date(first, 1, 1), "end": end_of(last)}


# --- Seed 000: Heerde, Uitvoeringsprogramma Maatschappelijke bijdrage 2021 ----------------------

HEERDE_2021 = ProgrammeSeed(
    seed="000_9b362213dc2e8e2f.txt",
    municipality="heerde",
    advisor="beleid.heerde@omzien.test",
    name="Uitvoeringsprogramma Maatschappelijke bijdrage 2021",
    description=(
        "Beleidsterrein Wmo. Onderdelen: 1. Vrijwillige inzet, 2. Mantelzorg. Planning "
        "1-1-2021 t/m 31-12-2021. Vrijwilligers voelen zich gewaardeerd en ondersteund; "
        "mantelzorgers voelen zich gewaardeerd en gesteund."
    ),
    start=date(2021, 1, 1),
    end=end_of(2021),
    themes=(
        ThemeSeed(
            "1. Vrijwillige inzet",
            (
                AmbitionSeed(
                    "1. We waarderen vrijwilligerswerk",
                    (
                        ActionSeed(
                            "1.1. De procedure van de Vrijwilligersprijs en Pluim sluit aan bij "
                            "de behoeften van inwoners.",
                            "Vrijwilligerscoördinator",
                            status=DONE,
                            **span(2021, 2021),
                        ),
                        ActionSeed(
                            "1.2. Deelname aan landelijke campagnes om bekendheid van "
                            "vrijwilligerswerk te vergroten: Mensen maken Nederland, NL doet, "
                            "Dag van de vrijwilliger.",
                            "Vrijwilligerscoördinator",
                            status=DONE,
                            **span(2021, 2021),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "2. Wij faciliteren vrijwilligerswerk",
                    (
                        ActionSeed(
                            "2.1. De inwoners zijn geïnformeerd over wat vrijwilligers werk is "
                            "en wat ze hierbij kunnen verwachten.",
                            "Vrijwilligerscoördinator",
                            status=DONE,
                            **span(2021, 2021),
                        ),
                        ActionSeed(
                            "2.4. Vraag en aanbod van vrijwilligerswerk komen samen op een "
                            "actief online platform.",
                            "Vrijwilligerscoördinator",
                            status=DONE,
                            **span(2021, 2021),
                            measures=(
                                MeasureSeed(
                                    "Er is samenwerking met minstens 4 bedrijven/organisaties, "
                                    "gevestigd in Heerde, wat bijdraagt aan de facilitering van "
                                    "vrijwilligerswerk.",
                                    Decimal(4),
                                    AT_LEAST,
                                    end_of(2021),
                                    code="volunteering.organisations",
                                    frequency=QUARTER,
                                ),
                                MeasureSeed(
                                    "De vrijwilligersacademie organiseert 10 informatieve "
                                    "bijeenkomsten waarbij verbinding en kennis vergroten van "
                                    "vrijwilligers centraal staat.",
                                    Decimal(10),
                                    AT_LEAST,
                                    end_of(2021),
                                    external=External(
                                        "Informatieve bijeenkomsten vrijwilligersacademie",
                                        "Jaarwerkplan vrijwilligerscoördinator",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "3. Wij vergroten de samenredzaamheid door vrijwilligerswerk te stimuleren",
                    (
                        ActionSeed(
                            "3.3. Vrijwilligers(-organisaties) weten te signalen te herkennen "
                            "bij inwoners en deze te melden.",
                            "Sociaal werker maatschappelijke activatie",
                            status=DONE,
                            **span(2021, 2021),
                            measures=(
                                MeasureSeed(
                                    "20 vrijwilligers werken met systeem OZO verbindzorg en "
                                    "registreren signalen.",
                                    Decimal(20),
                                    AT_LEAST,
                                    end_of(2021),
                                    external=External(
                                        "Vrijwilligers die signalen registreren in OZO verbindzorg",
                                        "Jaarwerkplan sociaal werker maatschappelijke activatie",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        ThemeSeed(
            "2. Mantelzorg",
            (
                AmbitionSeed(
                    "1. We waarderen mantelzorgers",
                    (
                        ActionSeed(
                            "1.1. Mantelzorgers ontvangen waardering: mantelzorgcompliment voor "
                            "volwassen mantelzorgers, mantelzorgwaardering voor jonge "
                            "mantelzorgers.",
                            "Mantelzorgcoördinator",
                            status=DONE,
                            **span(2021, 2021),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "2. Mantelzorgers zijn in beeld en weten zich gesteund door hun netwerk en "
                    "professionals",
                    (
                        ActionSeed(
                            "2.6. Jonge mantelzorgers zijn in beeld en zijn bekend met de "
                            "ondersteuningsmogelijkheden.",
                            "Mantelzorgcoördinator",
                            status=DONE,
                            **span(2021, 2021),
                            measures=(
                                MeasureSeed(
                                    "Er staan 308 volwassen mantelzorgers en 86 jonge "
                                    "mantelzorgers geregistreerd bij de gemeente Heerde.",
                                    Decimal(86),
                                    GROWTH,
                                    end_of(2021),
                                    code="caregivers.registered_young",
                                    baseline=Baseline(
                                        Decimal(86), date(2021, 1, 1), "Registratie gemeente Heerde"
                                    ),
                                    frequency=QUARTER,
                                ),
                            ),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "3. Mantelzorgers kennen het ondersteuningsaanbod",
                    (
                        ActionSeed(
                            "3.3. Mantelzorgers informeren over mantelzorg en de mogelijkheden "
                            "in ondersteuning.",
                            "Mantelzorgcoördinator",
                            status=DONE,
                            **span(2021, 2021),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Seed 001: Heerde, Benut de kracht van de samenleving 2023-2024 ------------------------------

PLATFORM = (
    "In 2023 bestaat een werkend digitaal platform voor vrijwilligers waarop vraag en aanbod "
    "digitaal aan elkaar gekoppeld worden. Eind 2024 zijn er 50 matches tot stand gekomen, 100 "
    "profielen aangemaakt en 40 organisaties, verenigingen of stichtingen aangemeld."
)

HEERDE_2023 = ProgrammeSeed(
    seed="001_cec28765c991516c.txt",
    municipality="heerde",
    advisor="beleid.heerde@omzien.test",
    name="Benut de kracht van de samenleving 2023-2024",
    description=(
        "Het uitvoeringsprogramma “Benut de kracht van de samenleving” is één van de thema’s uit "
        "het Kaderdocument Sociaal Domein 2022-2027 van de gemeente Heerde. Het beschrijft een "
        "plan van aanpak per opgave en laat zien welke resultaten de gemeente Heerde in 2023 en "
        "2024 wil bereiken."
    ),
    start=date(2023, 1, 1),
    end=end_of(2024),
    themes=(
        ThemeSeed(
            "3.1 Verminderen van eenzaamheid bij ouderen",
            (
                AmbitionSeed(
                    "2. We herkennen tijdig eenzaamheidssignalen door alert zijn bij specifieke "
                    "levensgebeurtenissen van inwoners zoals een dierbaar verlies, scheiding of "
                    "schulden.",
                    (
                        ActionSeed(
                            "2.1 Voorlichting geven binnen (kerk-)gemeenschappen, "
                            "zorginstellingen en buurthuizen.",
                            "Stip",
                            status=DONE,
                            **span(2023, 2024),
                            measures=(
                                MeasureSeed(
                                    "2.1 Er zijn drie voorlichtingsbijeenkomsten gegeven die "
                                    "raken aan eenzaamheidssignalen tijdig herkennen.",
                                    Decimal(3),
                                    AT_LEAST,
                                    end_of(2024),
                                    external=External(
                                        "Voorlichtingsbijeenkomsten eenzaamheidssignalen",
                                        "Jaarverslag Stip",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "3. We bieden voldoende activiteiten aan om eenzaamheid vroegtijdig te "
                    "voorkomen en te verminderen.",
                    (
                        ActionSeed(
                            "3.1 Ontmoetingsproject ondersteunen in samenwerking met "
                            "ketenpartners.",
                            "Stip",
                            status=DONE,
                            **span(2023, 2024),
                        ),
                        ActionSeed(
                            "3.2 Koppeling van eenzame inwoners aan vrijwilligers.",
                            "Stip",
                            status=DONE,
                            **span(2023, 2024),
                            measures=(
                                MeasureSeed(
                                    "In het vrijwilligers project tegen eenzaamheid zijn "
                                    "jaarlijks 10 personen aan elkaar gekoppeld.",
                                    Decimal(10),
                                    AT_LEAST,
                                    end_of(2024),
                                    code="buddies.pairs_confirmed",
                                ),
                            ),
                        ),
                        ActionSeed(
                            "3.4 Welzijnsmedewerker Stip organiseert verbinding in de buurten "
                            "om omzien naar elkaar te versterken.",
                            "Stip",
                            status=DONE,
                            **span(2023, 2024),
                            measures=(
                                MeasureSeed(
                                    "3.4 De welzijnsmedewerker spreekt circa 100 personen per "
                                    "jaar die vragen hebben op het gebied van eenzaamheid en "
                                    "dementie",
                                    Decimal(100),
                                    AT_LEAST,
                                    end_of(2024),
                                    external=External(
                                        "Gesprekken welzijnsmedewerker over eenzaamheid en "
                                        "dementie",
                                        "Registratie Stip (Welzijn op recept)",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        ThemeSeed(
            "3.3 Vrijwilligers ondersteunen, waarderen en stimuleren",
            (
                AmbitionSeed(
                    "4. Vrijwilligerswerk en samenwerking met organisaties te verbreden op "
                    "verschillende domeinen zoals jeugd, onderwijs, participatie, veiligheid, "
                    "groen, armoede en schulden, zorg, cultuur, sport etc.",
                    (
                        ActionSeed(
                            "2.1 Digitaal Platform: we hebben een werkend digitaal platform voor "
                            "vrijwilligers waarop vraag en aanbod digitaal aan elkaar gekoppeld "
                            "worden.",
                            "Gemeente Heerde",
                            status=DONE,
                            **span(2023, 2024),
                            measures=(
                                MeasureSeed(
                                    PLATFORM,
                                    Decimal(50),
                                    AT_LEAST,
                                    end_of(2024),
                                    code="volunteering.matches",
                                    frequency=QUARTER,
                                    cumulative=True,
                                ),
                                MeasureSeed(
                                    PLATFORM,
                                    Decimal(100),
                                    AT_LEAST,
                                    end_of(2024),
                                    code="volunteering.profiles",
                                    frequency=QUARTER,
                                ),
                                MeasureSeed(
                                    PLATFORM,
                                    Decimal(40),
                                    AT_LEAST,
                                    end_of(2024),
                                    code="volunteering.organisations",
                                    frequency=QUARTER,
                                ),
                            ),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "5. Vrijwilligers(-organisaties) te ondersteunen om, in samenhang en met "
                    "afstemming, samen te werken aan maatschappelijke doelen die gericht zijn op "
                    "de toekomst.",
                    (
                        ActionSeed(
                            "3.1 Vrijwilligers versterken netwerk: een pilot netwerkcoaches, "
                            "5-7 vrijwillige coaches volgen een training gericht op "
                            "netwerkversterking.",
                            "Stip",
                            status=DONE,
                            **span(2023, 2024),
                            measures=(
                                MeasureSeed(
                                    "3.1 Een pilot netwerkcoaches sluit aan bij de "
                                    "behoeftevraag van minimaal 10 kwetsbare inwoners.",
                                    Decimal(10),
                                    AT_LEAST,
                                    end_of(2024),
                                    external=External(
                                        "Kwetsbare inwoners in de pilot netwerkcoaches",
                                        "Evaluatie pilot netwerkcoaches",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Seed 002: Dalfsen, vrijwilligers- en mantelzorgbeleid 2016-2020 -----------------------------

DALFSEN = ProgrammeSeed(
    seed="002_2e6e87dfd92545a4.txt",
    municipality="dalfsen",
    advisor="beleid.dalfsen@omzien.test",
    name="Vrijwilligers- en mantelzorgbeleid 2016-2020",
    description=(
        "Het vrijwilligersbeleid van de gemeente Dalfsen richt zich op de groei van het aantal "
        "vrijwilligers; het mantelzorgbeleid op het op maat ondersteunen van mantelzorgers. Het "
        "jaar 2016 is een overgangsjaar; vanaf 2017 nieuwe prestatieovereenkomsten."
    ),
    start=date(2016, 1, 1),
    end=end_of(2020),
    themes=(
        ThemeSeed(
            "Vrijwilligers",
            (
                AmbitionSeed(
                    "5.1 Behouden en uitbouwen van het aantal vrijwilligers in de gemeente "
                    "Dalfsen.",
                    (
                        ActionSeed(
                            "5.1.1 Inzet vrijwilligersmakelaar",
                            "Vrijwilligersmakelaar",
                            status=DONE,
                            **span(2016, 2020),
                            budget=yearly(40000, 2016, 2020),
                            budget_quote=(
                                "Behouden en uitbouwen van het aantal vrijwilligers in de "
                                "gemeente Dalfsen Inzet € 40.000"
                            ),
                        ),
                        ActionSeed(
                            "5.1.2 PR campagne", "Gemeente Dalfsen", status=DONE, **span(2016, 2020)
                        ),
                        ActionSeed(
                            "5.1.3 Jaarlijkse deelname NL Doet",
                            "Vrijwilligersmakelaar",
                            status=DONE,
                            **span(2016, 2020),
                        ),
                    ),
                    measures=(
                        MeasureSeed(
                            "In de gemeente Dalfsen is ongeveer 45% van de inwoners actief als "
                            "vrijwilliger (zie onderzoek). Dit betekent dat 55% zich (nog) niet "
                            "vrijwillig inzet en daar ligt een mogelijkheid tot groei. In 2020 is "
                            "minimaal 50% van de inwoners actief als vrijwilliger.",
                            Decimal(50),
                            AT_LEAST,
                            end_of(2020),
                            external=External(
                                "Inwoners actief als vrijwilliger",
                                "Klanttevredenheidsonderzoek Wmo, benchmark, GGD "
                                "gezondheidsmonitor",
                                unit="%",
                                values=((end_of(2015), Decimal(45), "Beleidsnotitie 2015"),),
                            ),
                            baseline=Baseline(Decimal(45), end_of(2015), "Beleidsnotitie 2015"),
                            description=(
                                "In de gemeente Dalfsen is in 2020 minimaal 50% van de inwoners "
                                "actief als vrijwilliger (nu ongeveer 45%)."
                            ),
                        ),
                        MeasureSeed(
                            "80% van de inwoners is in 2020 op de hoogte van de mogelijkheden wat "
                            "betreft vrijwilligerswerk in de gemeente Dalfsen.",
                            Decimal(80),
                            AT_LEAST,
                            end_of(2020),
                            external=External(
                                "Inwoners op de hoogte van de mogelijkheden voor vrijwilligerswerk",
                                "Burgerpanel Dalfsen",
                                unit="%",
                            ),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "5.2 Speciale aandacht voor jongeren en vrijwillige inzet.",
                    (
                        ActionSeed(
                            "5.2.1 Jongeren en vrijwillige inzet: afspraken met jongeren, het "
                            "Agnieten College, SMON en de aanbieders van vrijwilligerswerk.",
                            "Vrijwilligersmakelaar",
                            status=DONE,
                            **span(2016, 2020),
                            budget=yearly(15000, 2016, 2020),
                            budget_quote=(
                                "Speciale aandacht voor jongeren en vrijwillige inzet. "
                                "Inzet € 15.000"
                            ),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "5.3 Ondersteuning voor organisaties die werken met vrijwilligers",
                    (
                        ActionSeed(
                            "5.3.1 Scholingsbudget",
                            "Vrijwilligersmakelaar",
                            status=DONE,
                            **span(2016, 2020),
                            budget=yearly(15000, 2016, 2020),
                            budget_quote=(
                                "Jaarlijks is er een scholingsbudget beschikbaar van € 15.000."
                            ),
                        ),
                        ActionSeed(
                            "5.3.2 Beursvloer: in 2017 wordt de eerste beursvloer georganiseerd.",
                            "Vrijwilligersmakelaar",
                            status=DONE,
                            **span(2017, 2020),
                        ),
                        ActionSeed(
                            "5.3.3 Collectieve vrijwilligersverzekering",
                            "Gemeente Dalfsen",
                            status=DONE,
                            **span(2016, 2020),
                        ),
                    ),
                ),
            ),
        ),
        ThemeSeed(
            "Mantelzorg",
            (
                AmbitionSeed(
                    "Bereiken van mantelzorgers",
                    (
                        ActionSeed(
                            "8.1.1 PR strategie", "Mantelzorgcoach", status=DONE, **span(2016, 2020)
                        ),
                        ActionSeed(
                            "8.1.2 Keukentafelgesprek",
                            "Wmo-consulenten",
                            status=DONE,
                            **span(2016, 2020),
                        ),
                    ),
                    measures=(
                        MeasureSeed(
                            "In 2020 hebben we als gemeente meer dan 800 mantelzorgers in beeld. "
                            "(in 2014 waren er bij de SVB 666 mensen die een "
                            "mantelzorgcompliment hebben aangevraagd uit de gemeente Dalfsen.)",
                            Decimal(800),
                            AT_LEAST,
                            end_of(2020),
                            code="caregivers.registered",
                            baseline=Baseline(
                                Decimal(666),
                                end_of(2014),
                                "SVB 2014: aanvragen mantelzorgcompliment",
                            ),
                            frequency=QUARTER,
                        ),
                    ),
                ),
                AmbitionSeed(
                    "Andere doelgroepen",
                    (
                        ActionSeed(
                            "8.2.1 Werkende mantelzorgers: keurmerk ‘mantelzorgvriendelijke "
                            "werkgever’",
                            "Mantelzorgcoach",
                            status=DONE,
                            **span(2016, 2020),
                        ),
                        ActionSeed(
                            "8.2.2 Jonge mantelzorgers",
                            "Mantelzorgcoach",
                            status=DONE,
                            **span(2016, 2020),
                        ),
                    ),
                    measures=(
                        MeasureSeed(
                            "In 2020 heeft 5% van de bedrijven in de gemeente Dalfsen het keurmerk "
                            "‘mantelzorgvriendelijke werkgever’",
                            Decimal(5),
                            AT_LEAST,
                            end_of(2020),
                            external=External(
                                "Bedrijven met het keurmerk mantelzorgvriendelijke werkgever",
                                "Gemeente Dalfsen",
                                unit="%",
                            ),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "Ondersteunen en belemmeringen wegnemen",
                    (
                        ActionSeed(
                            "8.3.2 Mantelzorgcoach: ondersteuning op maat, inkopen waar nodig",
                            "Mantelzorgcoach",
                            status=DONE,
                            **span(2017, 2020),
                            budget=yearly(140000, 2017, 2020),
                            budget_quote=(
                                "De mantelzorgcoach speelt in op vragen uit het veld, "
                                "ondersteuning en zorg inkopen waar nodig. Inzet € 140.000"
                            ),
                        ),
                    ),
                    measures=(
                        MeasureSeed(
                            "In de gemeente Dalfsen wordt 60% van de inwoners die zich inzet als "
                            "mantelzorger ondersteund waar nodig.",
                            Decimal(60),
                            AT_LEAST,
                            end_of(2020),
                            external=External(
                                "Mantelzorgers ondersteund waar nodig",
                                "Klanttevredenheidsonderzoek en benchmark",
                                unit="%",
                            ),
                        ),
                        MeasureSeed(
                            "In de gemeente Dalfsen is er bij 10% van de mantelzorgers sprake van "
                            "een vermindering van belemmeringen in hun zorgtaak.",
                            Decimal(10),
                            AT_LEAST,
                            end_of(2020),
                            external=External(
                                "Mantelzorgers met minder belemmeringen in hun zorgtaak",
                                "Klanttevredenheidsonderzoek en benchmark",
                                unit="%",
                            ),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "Waardering",
                    (
                        ActionSeed(
                            "8.6 Waardering: een waarderingspakket met een bon te besteden bij "
                            "de Dalfser ondernemers",
                            "Mantelzorgcoach",
                            status=DONE,
                            **span(2016, 2020),
                            budget=yearly(61000, 2016, 2020),
                            budget_quote=(
                                "De organisatie van het compliment wordt (deels) gefinancierd "
                                "vanuit dit budget. Inzet € 61.000"
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Seed 003: Harderwijk zijn wij samen; ‘op volle kracht’ 2021-2023 ----------------------------

WAARDERING_VRIJWILLIGERS = External(
    "Waardering door vrijwilligers van hun ondersteuning (rapportcijfer)",
    "Vrijwilligerspeiling",
    values=((end_of(2017), Decimal(8), "Vrijwilligerspeiling 2017: rapportcijfer 8-"),),
)


def harderwijk_growth(quote, value, year, source, *, name, unit="", decline=False, code=""):
    """One of Harderwijk's indicators: growth (or decline) from the baseline it names."""
    value = Decimal(value)
    return MeasureSeed(
        quote,
        value,
        DECLINE if decline else GROWTH,
        end_of(2023),
        code=code,
        external=None
        if code
        else External(
            name, source.split(" 20")[0], unit=unit, values=((end_of(year), value, source),)
        ),
        baseline=Baseline(value, end_of(year), source),
    )


def hw(what, by, budget_quote, amounts=(), *, first=2021, last=2023, status=DONE, measures=()):
    """A Harderwijk action with its row of the detail budget (2021, 2022, 2023)."""
    return ActionSeed(
        what,
        by,
        start=date(first, 1, 1),
        end=end_of(last) if last else None,
        status=status,
        budget=per_year(*amounts, first=2021) if amounts else {},
        budget_quote=budget_quote,
        measures=measures,
    )


HARDERWIJK = ProgrammeSeed(
    seed="003_04669bad840670db.txt",
    municipality="harderwijk",
    advisor="beleid.harderwijk@omzien.test",
    name="Harderwijk zijn wij samen; ‘op volle kracht’ 2021-2023",
    description=(
        "Overbruggingsprogramma Informele Zorg en Vrijwilligerswerk en Programma Eenzaamheid: "
        "het beleid ‘Harderwijk zijn wij samen 2018-2021’ verlengd tot en met 2023, met nieuwe "
        "accenten."
    ),
    start=date(2021, 1, 1),
    end=end_of(2023),
    themes=(
        ThemeSeed(
            "1. Informele zorg",
            (
                AmbitionSeed(
                    "mantelzorgers voelen zich gezien, gesteund en ontlast",
                    (
                        hw(
                            "Onafhankelijke cliëntondersteuning",
                            "Mee Veluwe en Thuis in clientondersteuning",
                            "onafhankelijke clientenondersteuning 202.000 190.000 190.000",
                            (202000, 190000, 190000),
                            last=None,
                            status=UNDERWAY,
                        ),
                        hw(
                            "Mantelzorgmakelaars",
                            "Mee Veluwe en Thuis in clientondersteuning",
                            "Mantelzorgmakelaars 0 12000 12000",
                            (0, 12000, 12000),
                            first=2022,
                            last=None,
                            status=UNDERWAY,
                        ),
                        hw(
                            "Mantelzorgwaardering en ontspanningsprogramma",
                            "Gemeente Harderwijk",
                            "Mantelzorgwaardering en ontspanningsprogramma Gemeente Interne "
                            "inzet Loopt 120.000",
                            (120000, 120000, 120000),
                        ),
                        hw(
                            "Netwerk- of systeembenadering",
                            "Diverse organisaties, waaronder huisartsen",
                            "Netwerk- of systeembenadering 5.000 5.000 0",
                            (5000, 5000, 0),
                        ),
                        hw(
                            "Training rondom eigen regie en zingeving (bv. ‘Je bordje vol’)",
                            "Servicepunt Mantelzorg en externe trainer(s)",
                            "Training rondom eigen regie en zingeving (bv. ‘Je bordje vol’) "
                            "5.000 0 0",
                            (5000, 0, 0),
                        ),
                        hw(
                            "Overzicht respijtzorg",
                            "Onafhankelijke derde i.s.m. Servicepunt Mantelzorg, "
                            "zorgorganisaties, Wmo-loket",
                            "Overzicht respijtzorg 0 10.000 3.000",
                            (0, 10000, 3000),
                            first=2022,
                        ),
                        hw(
                            "Respijthuis",
                            "Servicepunt Mantelzorg, zorgorganisaties, netwerk informele zorg",
                            "Respijthuis 25.000 25.000 15.000",
                            (25000, 25000, 15000),
                        ),
                        hw(
                            "Herinrichting ‘Route bij crisis’",
                            "Servicepunt Mantelzorg i.s.m. huisartsen, zorgorganisaties",
                            "",
                            last=2022,
                        ),
                        hw(
                            "Dementievriendelijke gemeente en Odensehuis",
                            "Gemeente en maatschappelijke partners",
                            "Dementievriendelijke gemeente en Odensehuis 50.000 25.000 0",
                            (50000, 25000, 0),
                        ),
                    ),
                    measures=(
                        harderwijk_growth(
                            "groei van het aantal preventieve huisbezoeken aan mantelzorgers "
                            "(ZorgDat 2020: 0)",
                            0,
                            2020,
                            "ZorgDat 2020: 0",
                            name="Preventieve huisbezoeken aan mantelzorgers",
                        ),
                        harderwijk_growth(
                            "groei van het aantal soorten contacten met ouderen rondom "
                            "preventieve huisbezoeken stijgt (ZorgDat 2020: 38%)",
                            38,
                            2020,
                            "ZorgDat 2020: 38%",
                            name="Soorten contacten met ouderen rondom preventieve huisbezoeken",
                            unit="%",
                        ),
                        harderwijk_growth(
                            "daling van het aantal inwoners dat zich zwaar tot overbelast voelt "
                            "door mantelzorg (GGD monitor 2016: 12,3%)",
                            "12.3",
                            2016,
                            "GGD monitor 2016: 12,3%",
                            name="Inwoners zwaar tot overbelast door mantelzorg",
                            unit="%",
                            decline=True,
                        ),
                    ),
                ),
                AmbitionSeed(
                    "organisaties zijn zich bewuster van cultuur sensitief werken en handelen "
                    "hiernaar",
                    (
                        hw(
                            "Coördinator Platform Krachtig Kleurrijk Harderwijk",
                            "Circa 25 lokale organisaties in zorg en welzijn + gemeente Harderwijk",
                            "Coördinator Platform Krachtig Kleurrijk Harderwijk 20.000 20.000 "
                            "20.000",
                            (20000, 20000, 20000),
                        ),
                        hw(
                            "Platform KKH (communicatie, training ambassadeurs en organisaties, "
                            "bijeenkomsten en activiteiten faciliteren)",
                            "Circa 25 lokale organisaties in zorg en welzijn + gemeente Harderwijk",
                            "Platform KKH (communicatie, training ambassadeurs en organisaties, "
                            "bijeenkomsten en activiteiten faciliteren) 15.000 15.000 15.000",
                            (15000, 15000, 15000),
                        ),
                        hw(
                            "Festival Kleurrijk Harderwijk",
                            "Partners platform Krachtig Kleurrijk Harderwijk",
                            "Festival Kleurrijk Harderwijk 15.000 15.000 15.000",
                            (15000, 15000, 15000),
                        ),
                        hw(
                            "Ambassadeur Cultuur Sensitief Ondernemen",
                            "SBBH, Stad als podium, Ondernemers, Gemeente, Informele "
                            "zorgnetwerk, platform KKH",
                            "Ambassadeur Cultuur Sensitief Ondernemen 8.000 8.000 8.000",
                            (8000, 8000, 8000),
                        ),
                    ),
                    measures=(
                        harderwijk_growth(
                            "Groei van het aantal organisaties dat lid is van het platform "
                            "Krachtig Kleurrijk Harderwijk (2020:25)",
                            25,
                            2020,
                            "Platform Krachtig Kleurrijk Harderwijk 2020: 25",
                            name="Organisaties lid van het platform Krachtig Kleurrijk Harderwijk",
                        ),
                    ),
                ),
            ),
        ),
        ThemeSeed(
            "2. Vrijwilligerswerk",
            (
                AmbitionSeed(
                    "inwoners voelen zich toegerust voor het vrijwilligerswerk dat zij doen",
                    (
                        hw(
                            "Gezamenlijke aanpak ondersteuning verenigingen",
                            "Servicepunt Vrijwilligerswerk, Cultuurkust en "
                            "Verenigingsondersteuner Sport",
                            "Gezamenlijke aanpak ondersteuning verenigingen 5.000 5.000 0",
                            (5000, 5000, 0),
                        ),
                        hw(
                            "Stimuleringsbudget ‘de club, dat zijn wij’",
                            "Servicepunt Vrijwilligerswerk, Verenigingsondersteuner Sport, "
                            "Cultuurkust",
                            "Stimuleringsbudget ‘de club, dat zijn wij’ 10.000 10.000 0",
                            (10000, 10000, 0),
                            last=2022,
                        ),
                        hw(
                            "Workshops/training expertise begeleiding vrijwilligers in een "
                            "kwetsbare positie",
                            "Servicepunt Vrijwilligerswerk i.s.m. vrijwilligersorganisaties",
                            "Workshops/training expertise begeleiding vrijwilligers in een "
                            "kwetsbare positie 5.000 5.000 0",
                            (5000, 5000, 0),
                            last=2022,
                        ),
                        hw(
                            "Vrijwilligers respijtzorg en palliatieve zorg",
                            "Centrum de Zin, Zorgdat netwerk informele zorg",
                            "Vrijwilligers respijtzorg en palliatieve zorg 0 15.000 15.000",
                            (0, 15000, 15000),
                            first=2022,
                            last=None,
                            status=UNDERWAY,
                        ),
                    ),
                    measures=(
                        MeasureSeed(
                            "stabilisatie of groei van de waardering door vrijwilligers van hun "
                            "ondersteuning (Vrijwilligerspeiling 2017: rapportcijfer 8-)",
                            Decimal(8),
                            AT_LEAST,
                            end_of(2023),
                            external=WAARDERING_VRIJWILLIGERS,
                            baseline=Baseline(
                                Decimal(8),
                                end_of(2017),
                                "Vrijwilligerspeiling 2017: rapportcijfer 8-",
                            ),
                        ),
                        harderwijk_growth(
                            "groei van het percentage vrijwilligers in de gemeente Harderwijk "
                            "(GGD monitor 2016: 34%)",
                            34,
                            2016,
                            "GGD monitor 2016: 34%",
                            name="Vrijwilligers in de gemeente Harderwijk",
                            unit="%",
                        ),
                    ),
                ),
                AmbitionSeed(
                    "Jongeren krijgen de kans om op hun manier impact te hebben met "
                    "vrijwilligerswerk",
                    (
                        hw(
                            "Maatschappelijke Stages",
                            "Servicepunt Vrijwilligerswerk en de scholen",
                            "Maatschappelijke Stages extra coördinatie uren 5.000 5.000 5.000",
                            (5000, 5000, 5000),
                        ),
                    ),
                ),
                AmbitionSeed(
                    "Welzijn wordt ingezet om tot participatie te komen",
                    (
                        hw(
                            "Specifiek vrijwilligerswerk initiatieven: Welzijn op recept",
                            "Zorgdat, Sociaal domein, netwerk informele zorg, GezondVeluwe, "
                            "Medicamus",
                            "Specifiek vrijwilligerswerk initiatieven Welzijn op recept 0 15.000 "
                            "15.000",
                            (0, 15000, 15000),
                            first=2022,
                            last=None,
                            status=UNDERWAY,
                        ),
                        hw(
                            "Participatie op recept",
                            "Zorgdat, sociaal domein",
                            "Participatie op recept 0 15.000 15.000",
                            (0, 15000, 15000),
                            first=2022,
                            last=None,
                            status=UNDERWAY,
                        ),
                        hw(
                            "Project Samenleving en route",
                            "",
                            "Project Samenleving en route 10.000 10.000 10.000",
                            (10000, 10000, 10000),
                            last=None,
                            status=UNDERWAY,
                        ),
                    ),
                    measures=(
                        harderwijk_growth(
                            "groei van het aantal projecten en trajecten waarin welzijn ingezet "
                            "wordt door het sociaal domein (monitor sociaal domein 2020; 2)",
                            2,
                            2020,
                            "Monitor sociaal domein 2020: 2",
                            name="",
                            code="wellbeing.prescription_referrals",
                        ),
                    ),
                ),
                AmbitionSeed(
                    "organisaties, verenigingen en initiatieven benutten elkaars kennis en "
                    "expertise",
                    (
                        hw(
                            "Beursvloer",
                            "Gemeente Harderwijk i.s.m. met ZorgDat en maatschappelijke partners",
                            "",
                        ),
                        hw(
                            "Samenhangende coalitie en campagne ‘Harderwijk zijn we samen’ en "
                            "‘Ik ben een Harderwieker’",
                            "Gemeente Harderwijk, maatschappelijke partners, "
                            "communicatiebureau, lokale media",
                            "Samenhangende coalitie en campagne ‘Harderwijk zijn we samen’ en "
                            "‘Ik ben een Harderwieker’ 15.000 15.000 10.000",
                            (15000, 15000, 10000),
                        ),
                        hw(
                            "Vernieuwende cross-overs",
                            "Maatschappelijke partners en het lokale ondernemersplatform",
                            "Vernieuwende cross-overs 25.000 25.000 25.000",
                            (25000, 25000, 25000),
                        ),
                    ),
                    measures=(
                        harderwijk_growth(
                            "groei van het aantal matches tussen ondernemers en maatschappelijke "
                            "organisaties (waardebepaling van HW-matches 2017: € 68.000,-)",
                            68000,
                            2017,
                            "Waardebepaling van HW-matches 2017: € 68.000",
                            name="Waarde van de matches tussen ondernemers en maatschappelijke "
                            "organisaties (EUR)",
                        ),
                        harderwijk_growth(
                            "groei van het aantal burgerinitiatieven (Zorgdat 2020; 61)",
                            61,
                            2020,
                            "Zorgdat 2020: 61",
                            name="Burgerinitiatieven",
                        ),
                    ),
                ),
            ),
        ),
        ThemeSeed(
            "3. Eenzaamheid",
            (
                AmbitionSeed(
                    "Inwoners ontmoeten elkaar, ook op buurt- en wijkniveau",
                    (
                        hw(
                            "Inspirerende coalitie",
                            "Gezamenlijke partners",
                            "Inspirerende coalitie 8.000 15.000 10.000",
                            (8000, 15000, 10000),
                        ),
                        hw(
                            "Kwartiermaker rondom eenzaamheid",
                            "ZZP",
                            "Kwartiermaker rondom eenzaamheid 5.000 15.000 15.000",
                            (5000, 15000, 15000),
                        ),
                        hw(
                            "Een fysiek overzicht voor senioren met welke "
                            "(ontmoetings)activiteiten er in Harderwijk, Hierden alsook dichtbij "
                            "te doen zijn.",
                            "Gemeente i.s.m. lokale partners",
                            "Een fysiek overzicht voor senioren met welke "
                            "(ontmoetings)activiteiten er in Harderwijk, Hierden alsook "
                            "dichtbij te doen zijn. 10.000 10.000 10.000",
                            (10000, 10000, 10000),
                        ),
                        hw(
                            "Stichting Thuishuis inzet ouderen en ontmoeting",
                            "Stichting thuishuis i.s.m. gemeente en maatschappelijke partners",
                            "Stichting Thuishuis inzet ouderen en ontmoeting 28.000 28.000 28.000",
                            (28000, 28000, 28000),
                        ),
                        hw(
                            "Stichting Present inzet ontmoeting in de wijk en "
                            "jongerenbetrokkenheid",
                            "Stichting present ism gemeente en maatschappelijke partners",
                            "Stichting Present inzet ontmoeting in de wijk en "
                            "jongerenbetrokkenheid 18.000 18.000 18.000",
                            (18000, 18000, 18000),
                        ),
                    ),
                    measures=(
                        harderwijk_growth(
                            "groei van het percentage van ontmoetingen onder de Harderwijkers en "
                            "Hierdenaren die eenzaam zijn en elkaar ontmoet (RIVM 2016; 41%)",
                            41,
                            2016,
                            "RIVM 2016: 41%",
                            name="Ontmoetingen onder Harderwijkers en Hierdenaren die eenzaam zijn",
                            unit="%",
                        ),
                    ),
                ),
                AmbitionSeed(
                    "Inwoners van alle leven hebben toegang tot een dienstverlening waarin "
                    "welbevinden centraal staat",
                    (
                        hw(
                            "Bewustwordingscampagne ‘Eerlijk over eenzaamheid’",
                            "Gemeente i.s.m. ervaringsdeskundige inwoners en maatschappelijke "
                            "partners",
                            "Bewustwordingscampagne ‘Eerlijk over eenzaamheid’ 10.000 20.000 "
                            "10.000",
                            (10000, 20000, 10000),
                        ),
                        hw(
                            "Preventieve huisbezoeken (75+, mantelzorgers, rond pensioen)",
                            "Maatschappelijke partners i.s.m. buurtbewoners en partners in de wijk",
                            "Preventieve huisbezoeken (75+, mantelzorgers, rond pensioen) 10.000 "
                            "25.000 20.000",
                            (10000, 25000, 20000),
                        ),
                        hw(
                            "Training vrijwilligers huisbezoeken senioren gespreksmethodieken "
                            "gericht op welbevinden",
                            "Vrijwilligers netwerk informele zorg",
                            "Training vrijwilligers huisbezoeken senioren gespreksmethodieken "
                            "gericht op welbevinden 0 8.000 8.000",
                            (0, 8000, 8000),
                            first=2022,
                        ),
                        hw(
                            "Sparringmaatje",
                            "Zzp-netwerkcoaches/ coachprofessionals die mensen steunen die zich "
                            "eenzaam voelen",
                            "Sparringmaatje 0 15.000 15.000",
                            (0, 15000, 15000),
                            first=2022,
                        ),
                        hw(
                            "Specifieke activiteiten voor risicogroepen",
                            "Ervaringsdeskundige, maatschappelijke partners, ondernemers",
                            "Specifieke activiteiten voor risicogroepen 25.000 45.000 40.000",
                            (25000, 45000, 40000),
                        ),
                        hw(
                            "Geluksgericht werken en de Geluksroute: mensgerichte benadering",
                            "ZorgDat",
                            "Mensgerichte benadering 15.000 10.000 10.000",
                            (15000, 10000, 10000),
                        ),
                        hw(
                            "Pilot vierde levensfase",
                            "Maatschappelijke partners",
                            "Pilot vierde levensfase 30.000 20.000 0",
                            (30000, 20000, 0),
                            last=2022,
                        ),
                        hw(
                            "Een leven lang leren",
                            "Zorgdat, stichting Jong geleerd Oud gedaan, lokale partners",
                            "Een leven lang leren 0 0 20.000",
                            (0, 0, 20000),
                        ),
                    ),
                    measures=(
                        harderwijk_growth(
                            "daling van het percentage inwoners dat zich matig tot (zeer) "
                            "ernstig eenzaam voelt (GGD monitor 2016: 28% resp. 10%)",
                            28,
                            2016,
                            "GGD monitor 2016: 28%",
                            name="Inwoners matig tot (zeer) ernstig eenzaam",
                            unit="%",
                            decline=True,
                        ),
                        harderwijk_growth(
                            "daling van het percentage inwoners dat zich matig tot (zeer) "
                            "ernstig eenzaam voelt (GGD monitor 2016: 28% resp. 10%)",
                            10,
                            2016,
                            "GGD monitor 2016: 10%",
                            name="Inwoners (zeer) ernstig eenzaam",
                            unit="%",
                            decline=True,
                        ),
                    ),
                ),
            ),
        ),
    ),
)


# --- Seed 004: Raalte, actieplan mantelzorgondersteuning 2017-2020 -------------------------------


def raalte(number, what, by, first, last, budget_quote, amount=None, *, incidental=False):
    """Actiepunt ``number`` with its row of the planning (7.3): the extra investment is
    structural from 2017 (the plan's first budget year) or incidental for 2017."""
    if amount is None:
        budget = {}
    elif incidental:
        budget = {2017: Decimal(amount)}
    else:
        budget = yearly(amount, max(first, 2017), last)
    return ActionSeed(
        f"Actiepunt {number} {what}",
        by,
        start=date(first, 1, 1),
        end=end_of(last),
        status=DONE,
        budget=budget,
        budget_quote=budget_quote,
    )


RAALTE = ProgrammeSeed(
    seed="004_08109a1c557dec3c.txt",
    municipality="raalte",
    advisor="beleid.raalte@omzien.test",
    name="Actieplan mantelzorgondersteuning 2017-2020",
    description=(
        "Met dit actieplan werkt de gemeente Raalte aan een adequaat, samenhangend en "
        "toegankelijk ondersteuningsaanbod, zodat mantelzorgers hun taken kunnen blijven "
        "uitvoeren zonder dat zij overbelast raken of in een sociaal isolement komen. € 128.000 "
        "structureel en € 10.000 incidenteel voor 2017, uit het Wmo-budget."
    ),
    start=date(2017, 1, 1),
    end=end_of(2020),
    themes=(
        ThemeSeed(
            "3 Informatie",
            (
                AmbitionSeed(
                    "Bij inwoners van Raalte de kennis over mantelzorg vergroten.",
                    (
                        raalte(
                            1,
                            "Periodiek publiciteit over mantelzorg",
                            "Gemeente Raalte met Carinova Mantelzorgondersteuning en SVTO",
                            2016,
                            2020,
                            "1 Periodiek publiciteit over mantelzorg. 2016 2020 Wmo budget € 8.000",
                            8000,
                        ),
                        raalte(
                            2,
                            "Samenhang in voorlichting en preventie",
                            "SVTO en Carinova",
                            2017,
                            2018,
                            "",
                        ),
                    ),
                ),
                AmbitionSeed(
                    "Mantelzorger hebben eenvoudig toegang tot informatie die hen kan "
                    "ondersteunen.",
                    (
                        raalte(
                            3,
                            "Digitaal platform met een sociale kaart (Kr8 van Raalte)",
                            "Gemeente Raalte",
                            2016,
                            2017,
                            "3 Digitaal platform met een sociale kaart. Extra publiciteit "
                            "mantelzorgers. 2016 2017 Middelen Sociaal Domein € 2.500",
                            2500,
                            incidental=True,
                        ),
                        raalte(
                            4,
                            "Een herkenbaar punt voor alle vragen over mantelzorg",
                            "Carinova en SVTO",
                            2017,
                            2018,
                            "4 Een herkenbaar punt voor alle vragen over mantelzorg. 2017 2018 "
                            "Subsidie Carinova/SVTO (Wmo-budget) € 2.500",
                            2500,
                            incidental=True,
                        ),
                        raalte(
                            5,
                            "Eenduidige werkwijze voor ondersteuning",
                            "Carinova en SVTO",
                            2017,
                            2018,
                            "",
                        ),
                    ),
                ),
                AmbitionSeed(
                    "Mantelzorgers kunnen zorgen en ervaringen met elkaar delen en voelen zich "
                    "hierdoor ondersteund.",
                    (
                        raalte(
                            6,
                            "Inwoners stimuleren tot initiatief om zelf ervaringen als "
                            "mantelzorgers te delen en om elkaar te helpen",
                            "Carinova en SVTO in samenwerking met mantelzorgers",
                            2018,
                            2019,
                            "",
                        ),
                    ),
                ),
            ),
        ),
        ThemeSeed(
            "4 Oog voor mantelzorg",
            (
                AmbitionSeed(
                    "Mantelzorgers voelen zich erkend en ondersteund in hun zorgtaken en kunnen "
                    "deze taken combineren met werk en school.",
                    (
                        raalte(
                            7,
                            "Mantelzorg(vriendelijk) beleid bij zorgorganisaties",
                            "Gemeente Raalte met Carinova Mantelzorgondersteuning, SVTO en "
                            "zorgorganisaties",
                            2018,
                            2020,
                            "",
                        ),
                        raalte(
                            8,
                            "Het agenderen van ‘werk en mantelzorg’ bij werkgevers",
                            "Bureau Jong en Veer",
                            2017,
                            2020,
                            "8 Het agenderen van “werk en mantelzorg” bij werkgevers. 2017 2020 "
                            "Wmo budget € 5.000",
                            5000,
                        ),
                        raalte(
                            9,
                            "Aandacht voor jonge mantelzorgers op school",
                            "Carinova en SVTO",
                            2017,
                            2020,
                            "9 Aandacht voor jonge mantelzorgers op school. 2017 2020 Wmo budget "
                            "(subsidie Carinova mantelzorgerondersteuni ng/SVTO) €15.000",
                            15000,
                        ),
                    ),
                ),
            ),
        ),
        ThemeSeed(
            "5 Ontlasten en verlichten",
            (
                AmbitionSeed(
                    "We willen bereiken, dat mantelzorgers meer tijd voor zichzelf hebben en "
                    "hierdoor meer energie hebben voor hun mantelzorgtaken.",
                    (
                        raalte(
                            10,
                            "Drempels verlagen voor respijt",
                            "Gemeente Raalte",
                            2017,
                            2020,
                            "10 Drempels verlagen voor respijtzorg (o.a. respijtvrijwilligers, "
                            "niet geïndiceerde dagbesteding, inloopmogelijkheid GGZ) 2017 2020 Wmo "
                            "budget (verhoging) € 63.000",
                            63000,
                        ),
                        raalte(
                            11,
                            "Afstemming binnen de informele ondersteuning",
                            "Landstede Welzijn en gemeente Raalte",
                            2017,
                            2019,
                            "11 Afstemming binnen de informele ondersteuning. 2017 2019 Wmo "
                            "budget €3.000",
                            3000,
                        ),
                        raalte(
                            12,
                            "Voldoende deskundige vrijwilligers",
                            "Landstede Welzijn met Carinova Mantelzorgondersteuning en SVTO",
                            2017,
                            2019,
                            "12 Zorgen voor voldoende deskundige vrijwilligers. 2017 2019 Wmo "
                            "budget €5.000",
                            5000,
                            incidental=True,
                        ),
                        raalte(
                            13,
                            "GGZ maatje",
                            "Vriendendiensten Deventer",
                            2016,
                            2020,
                            "13 Vriendendiensten GGZ maatje. 2016 2020 Wmo budget €17.000",
                            17000,
                        ),
                        raalte(
                            14,
                            "Vrijwilligers doen kleine klusjes",
                            "Algemene Hulpdienst",
                            2017,
                            2020,
                            "14 Vrijwilligers doen kleine klusjes. 2017 2020 Wmo (verhoging "
                            "budget) €5.000",
                            5000,
                        ),
                    ),
                ),
            ),
        ),
        ThemeSeed(
            "6 Waarderen",
            (
                AmbitionSeed(
                    "Mantelzorgers voelen zich erkend en gewaardeerd voor hun inzet.",
                    (
                        raalte(
                            15,
                            "Verschillende mogelijkheden om te ontmoeten en te ontspannen in "
                            "Raalte",
                            "Carinova Mantelzorgondersteuning en SVTO",
                            2017,
                            2020,
                            "15 We zorgen voor ontmoeting en ontspanning voor mantelzorgers uit "
                            "Raalte. 2017 2020 Wmo budget €10.000",
                            10000,
                        ),
                        ActionSeed(
                            "Actiepunt 16 Betrekken bij uitvoering",
                            "Gemeente Raalte met de Wmo-raad en de betrokken organisaties",
                            start=date(2017, 1, 1),
                            end=end_of(2020),
                            status=DONE,
                            budget=yearly(2000, 2017, 2020),
                            budget_quote=(
                                "16 Mantelzorgers betrekken bij het uitvoeringsplan. 2017 2020 "
                                "Wmo budget €2.000"
                            ),
                            measures=(
                                MeasureSeed(
                                    "Dit doen wij door 1x per jaar een bijeenkomst te "
                                    "organiseren met mantelzorgers.",
                                    Decimal(1),
                                    AT_LEAST,
                                    end_of(2020),
                                    external=External(
                                        "Bijeenkomsten met mantelzorgers over de uitvoering",
                                        "Gemeente Raalte",
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

PROGRAMMES = (HEERDE_2021, HEERDE_2023, DALFSEN, HARDERWIJK, RAALTE)
