"""Demo programme: Heerde's execution programme "Benut de kracht van de samenleving" 2023–2024
(seed 001), as written: the themes, ambitions and actions of loneliness and volunteering, with
the measures that the platform computes linked to the registered indicators:

* "Eind 2024 zijn er 50 matches tot stand gekomen, 100 profielen aangemaakt en 40
  organisaties, verenigingen of stichtingen aangemeld" → ``volunteering.matches`` (added up
  since the start), ``volunteering.profiles``, ``volunteering.organisations``;
* "jaarlijks 10 personen aan elkaar gekoppeld" → ``buddies.pairs_confirmed`` per year.

The seed gives no baselines or budgets for these, so none are invented. Loaded through the
services, and the quarters since the start snapshotted through the registry.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common import indicators
from omzien.common.services import Actor
from omzien.demo.registry import register_loader
from omzien.monitor.constants import ActionStatus, Direction, Frequency
from omzien.monitor.models import Programme
from omzien.monitor.services import programmes as services
from omzien.monitor.services.snapshots import snapshot_period
from omzien.privacy.statistics import QUARTER, Period
from omzien.tenants.models import Municipality

NAME = "Benut de kracht van de samenleving 2023-2024"
ADVISOR = "beleid.heerde@omzien.test"
START, END = date(2023, 1, 1), date(2024, 12, 31)
DESCRIPTION = (
    "Het uitvoeringsprogramma “Benut de kracht van de samenleving” is één van de thema’s uit "
    "het Kaderdocument Sociaal Domein 2022-2027 van de gemeente Heerde. Het beschrijft een plan "
    "van aanpak per opgave en laat zien welke resultaten de gemeente Heerde in 2023 en 2024 "
    "wil bereiken."
)

# (theme, [(ambition, [(action, carried out by, status, [measures])], [measures])])
# A measure: (description, indicator code, target, direction, frequency, cumulative)
PLATFORM = (
    "In 2023 bestaat een werkend digitaal platform voor vrijwilligers waarop vraag en aanbod "
    "digitaal aan elkaar gekoppeld worden. Eind 2024 zijn er 50 matches tot stand gekomen, 100 "
    "profielen aangemaakt en 40 organisaties, verenigingen of stichtingen aangemeld."
)
PROGRAMME = [
    (
        "3.1 Verminderen van eenzaamheid bij ouderen",
        [
            (
                "3. We bieden voldoende activiteiten aan om eenzaamheid vroegtijdig te voorkomen "
                "en te verminderen.",
                [
                    (
                        "3.2 Koppeling van eenzame inwoners aan vrijwilligers.",
                        "Stip",
                        ActionStatus.UNDERWAY,
                        [
                            (
                                "In het vrijwilligers project tegen eenzaamheid zijn jaarlijks 10 "
                                "personen aan elkaar gekoppeld.",
                                "buddies.pairs_confirmed",
                                10,
                                Direction.AT_LEAST,
                                Frequency.YEAR,
                                False,
                            )
                        ],
                    ),
                    (
                        "3.1 Ontmoetingsproject ondersteunen in samenwerking met ketenpartners.",
                        "Stip",
                        ActionStatus.UNDERWAY,
                        [],
                    ),
                ],
            )
        ],
    ),
    (
        "3.3 Vrijwilligers ondersteunen, waarderen en stimuleren",
        [
            (
                "4. Vrijwilligerswerk en samenwerking met organisaties te verbreden op "
                "verschillende domeinen zoals jeugd, onderwijs, participatie, veiligheid, groen, "
                "armoede en schulden, zorg, cultuur, sport etc.",
                [
                    (
                        "2.1 Digitaal Platform: we hebben een werkend digitaal platform voor "
                        "vrijwilligers waarop vraag en aanbod digitaal aan elkaar gekoppeld "
                        "worden.",
                        "Gemeente Heerde",
                        ActionStatus.UNDERWAY,
                        [
                            (
                                PLATFORM,
                                "volunteering.matches",
                                50,
                                Direction.AT_LEAST,
                                Frequency.QUARTER,
                                True,
                            ),
                            (
                                PLATFORM,
                                "volunteering.profiles",
                                100,
                                Direction.AT_LEAST,
                                Frequency.QUARTER,
                                False,
                            ),
                            (
                                PLATFORM,
                                "volunteering.organisations",
                                40,
                                Direction.AT_LEAST,
                                Frequency.QUARTER,
                                False,
                            ),
                        ],
                    )
                ],
            )
        ],
    ),
]


def quarters_since(start: date, today: date) -> list[Period]:
    """Every quarter from ``start`` that is over on ``today``."""
    last = Period.last_complete(today, QUARTER)
    found, year, number = [], start.year, (start.month - 1) // 3 + 1
    while (year, number) <= (last.year, last.number):
        found.append(Period(year, QUARTER, number))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return found


def load() -> dict[str, int]:
    heerde = Municipality.objects.filter(slug="heerde").first()
    if heerde is None or Programme.objects.filter(municipality=heerde, name=NAME).exists():
        return {"programmes": 0}
    actor = Actor(user=get_user_model().objects.get(email=ADVISOR))
    known = {ind.code for ind in indicators.indicators()}
    programme = services.programme_create(
        municipality=heerde,
        data={"name": NAME, "description": DESCRIPTION, "period_start": START, "period_end": END},
        actor=actor,
    )
    measures = 0
    for order, (theme_name, ambitions) in enumerate(PROGRAMME):
        theme = services.theme_create(
            programme=programme, data={"name": theme_name, "order": order}, actor=actor
        )
        for a_order, (title, actions) in enumerate(ambitions):
            ambition = services.ambition_create(
                theme=theme, data={"title": title, "order": a_order}, actor=actor
            )
            for c_order, (what, by, status, action_measures) in enumerate(actions):
                action = services.action_create(
                    ambition=ambition,
                    data={
                        "what": what,
                        "carried_out_by": by,
                        "period_start": START,
                        "period_end": END,
                        "order": c_order,
                    },
                    actor=actor,
                )
                if status != ActionStatus.PLANNED:
                    services.action_transition(action=action, target=status, actor=actor)
                for m_order, (text, code, target, direction, frequency, cumulative) in enumerate(
                    action_measures
                ):
                    if code not in known:
                        continue
                    services.measure_create(
                        action=action,
                        data={
                            "description": text,
                            "indicator_code": code,
                            "target_value": Decimal(target),
                            "direction": direction,
                            "deadline": END,
                            "frequency": frequency,
                            "cumulative": cumulative,
                            "public": True,
                            "order": m_order,
                        },
                        actor=actor,
                    )
                    measures += 1
    snapshots = 0
    for period in quarters_since(START, timezone.localdate()):
        snapshots += len(snapshot_period(municipality=heerde, period=period))
    return {"programmes": 1, "measures": measures, "snapshots": snapshots}


register_loader("monitor", load, after=["accounts", "volunteering", "buddies"])
