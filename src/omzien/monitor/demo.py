"""Demo programmes: the five seeds' programmes as they are written (``demo_seeds.py``) —
Heerde 2021 (seed 000) and 2023–2024 (seed 001), Dalfsen 2016–2020 (seed 002), Harderwijk
2021–2023 (seed 003) and Raalte 2017–2020 (seed 004) — with their themes, ambitions, actions
(who carries them out, period, budget per year, status) and measures with baseline and target,
linked to a registered indicator where the platform computes the figure and to an external
indicator (with the value the seed gives) where it does not.

Loaded through the services by each municipality's policy advisor; a programme that exists
already is left alone. The quarters since 2023 that are over are snapshotted through the
registry for every municipality that got a programme with a computed measure, within the
period of its programmes (a programme that ended before 2023, such as Dalfsen's, has none).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common import indicators
from omzien.common.services import Actor
from omzien.demo.moments import date_notifications, office_hours
from omzien.demo.registry import register_loader
from omzien.monitor.constants import ActionStatus, Frequency, ReportStatus
from omzien.monitor.demo_seeds import PROGRAMMES, MeasureSeed, ProgrammeSeed
from omzien.monitor.models import (
    ActionTransition,
    ExternalIndicator,
    ExternalValue,
    PartnerReport,
    PartnerReportTransition,
    Programme,
)
from omzien.monitor.services import external as external_services
from omzien.monitor.services import partners
from omzien.monitor.services import programmes as services
from omzien.monitor.services.snapshots import snapshot_period
from omzien.privacy.statistics import QUARTER, Period
from omzien.tenants.models import Municipality

# Heerde 2023-2024, the programme the benchmark and the screenshots open.
NAME = "Benut de kracht van de samenleving 2023-2024"
ADVISOR = "beleid.heerde@omzien.test"
# The demo's platform keeps snapshots from this quarter on (the platform of seed 001, 2023).
SNAPSHOTS_FROM = date(2023, 1, 1)
# planned → underway → done: the steps to each status.
STEPS = {
    ActionStatus.PLANNED: (),
    ActionStatus.UNDERWAY: (ActionStatus.UNDERWAY,),
    ActionStatus.DONE: (ActionStatus.UNDERWAY, ActionStatus.DONE),
}


def quarters_since(start: date, today: date) -> list[Period]:
    """Every quarter from ``start`` that is over on ``today``."""
    last = Period.last_complete(today, QUARTER)
    found, year, number = [], start.year, (start.month - 1) // 3 + 1
    while (year, number) <= (last.year, last.number):
        found.append(Period(year, QUARTER, number))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return found


class _Loader:
    def __init__(self, seed: ProgrammeSeed, municipality: Municipality, actor: Actor):
        self.seed, self.municipality, self.actor = seed, municipality, actor
        self.externals: dict[str, ExternalIndicator] = {}
        self.counts = {"actions": 0, "measures": 0, "computed": 0, "external": 0}

    def load(self) -> None:
        seed, actor = self.seed, self.actor
        programme = services.programme_create(
            municipality=self.municipality,
            data={
                "name": seed.name,
                "description": seed.description,
                "period_start": seed.start,
                "period_end": seed.end,
            },
            actor=actor,
        )
        for t_order, theme_seed in enumerate(seed.themes):
            theme = services.theme_create(
                programme=programme, data={"name": theme_seed.name, "order": t_order}, actor=actor
            )
            for a_order, ambition_seed in enumerate(theme_seed.ambitions):
                ambition = services.ambition_create(
                    theme=theme,
                    data={
                        "title": ambition_seed.title,
                        "description": ambition_seed.description,
                        "order": a_order,
                    },
                    actor=actor,
                )
                for m_order, measure in enumerate(ambition_seed.measures):
                    self.measure(measure, m_order, ambition=ambition)
                for c_order, action_seed in enumerate(ambition_seed.actions):
                    self.action(action_seed, c_order, ambition)

    def action(self, seed, order: int, ambition) -> None:
        action = services.action_create(
            ambition=ambition,
            data={
                "what": seed.what,
                "carried_out_by": seed.by,
                "period_start": seed.start,
                "period_end": seed.end,
                "order": order,
            },
            actor=self.actor,
        )
        for step in STEPS[seed.status]:
            action = services.action_transition(action=action, target=step, actor=self.actor)
        programme = ambition.theme.programme
        _date_history(
            action,
            start=seed.start or programme.period_start,
            end=seed.end or programme.period_end,
        )
        for year, planned in sorted(seed.budget.items()):
            services.budget_set(
                action=action, year=year, planned=planned, spent=Decimal(0), actor=self.actor
            )
        for m_order, measure in enumerate(seed.measures):
            self.measure(measure, m_order, action=action)
        self.counts["actions"] += 1

    def external(self, seed) -> ExternalIndicator:
        indicator = (
            self.externals.get(seed.name)
            or ExternalIndicator.objects.filter(
                municipality=self.municipality, name=seed.name
            ).first()
        )
        if indicator is None:
            indicator = external_services.external_create(
                municipality=self.municipality,
                data={
                    "name": seed.name,
                    "unit": seed.unit,
                    "source": seed.source,
                    "definition": seed.definition,
                },
                actor=self.actor,
            )
            for measured_on, value, source in seed.values:
                external_services.external_value_set(
                    indicator=indicator,
                    measured_on=measured_on,
                    value=value,
                    source=source,
                    actor=self.actor,
                )
        self.externals[seed.name] = indicator
        return indicator

    def measure(self, seed: MeasureSeed, order: int, **owner) -> None:
        baseline = seed.baseline
        data = {
            "description": seed.description or seed.quote,
            "indicator_code": seed.code,
            "external": self.external(seed.external) if seed.external else None,
            "cumulative": seed.cumulative,
            "baseline_value": baseline.value if baseline else None,
            "baseline_date": baseline.on if baseline else None,
            "baseline_source": baseline.source if baseline else "",
            "target_value": seed.target,
            "direction": seed.direction,
            "deadline": seed.deadline,
            "frequency": seed.frequency,
            "public": True,
            "order": order,
        }
        services.measure_create(data=data, actor=self.actor, **owner)
        self.counts["measures"] += 1
        self.counts["computed" if seed.code else "external"] += 1


def _date_history(action, *, start: date, end: date) -> None:
    """The action's status log in its own period (the services stamp today): planned and
    underway from its start, done at its end (not after today)."""
    today = timezone.localdate()
    changes = ActionTransition.objects.filter(action=action)
    changes.update(created_at=office_hours(min(start, today)))
    changes.filter(to_status=ActionStatus.DONE).update(created_at=office_hours(min(end, today)))


def load() -> dict[str, int]:
    known = {ind.code for ind in indicators.indicators()}
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    users = get_user_model().objects.in_bulk(
        [seed.advisor for seed in PROGRAMMES], field_name="email"
    )
    totals = {"programmes": 0, "measures": 0, "snapshots": 0}
    measured: dict[int, tuple[date, date]] = {}
    for seed in PROGRAMMES:
        municipality = municipalities.get(seed.municipality)
        if municipality is None or seed.advisor not in users:
            continue
        if Programme.objects.filter(municipality=municipality, name=seed.name).exists():
            continue
        unknown = {m.code for m in _measures(seed) if m.code and m.code not in known}
        if unknown:  # a capability that is not installed: its seeds wait
            continue
        loader = _Loader(seed, municipality, Actor(user=users[seed.advisor]))
        loader.load()
        totals["programmes"] += 1
        totals["measures"] += loader.counts["measures"]
        if loader.counts["computed"]:
            first, last = measured.get(municipality.pk, (seed.start, seed.end))
            measured[municipality.pk] = (min(first, seed.start), max(last, seed.end))
    today = timezone.localdate()
    totals["partner_reports"] = _partner_reports(today)
    for municipality in municipalities.values():
        if municipality.pk not in measured:
            continue
        first, last = measured[municipality.pk]
        for period in quarters_since(max(first, SNAPSHOTS_FROM), today):
            if period.start <= last:
                totals["snapshots"] += len(
                    snapshot_period(municipality=municipality, period=period)
                )
    return totals


# Figures Heerde agreed with Stichting Stip (the demo organisation account's), which Stip
# reports every quarter: the indicator's name, and the figure of the quarter before the last
# one (accepted) and of the last one (submitted, waiting for the policy advisor).
PARTNER = "organisatie.heerde@omzien.test"
PARTNER_FIGURES = {
    "Voorlichtingsbijeenkomsten eenzaamheidssignalen": (Decimal(3), Decimal(4)),
    "Vrijwilligers die signalen registreren in OZO verbindzorg": (Decimal(14), Decimal(17)),
}


def _partner_reports(today: date) -> int:
    """Stip's reports: the quarter before the last one accepted, the last one submitted. The
    organisation is found through its member's account (the monitor imports no other
    capability). Returns the reports made."""
    users = get_user_model().objects.in_bulk([ADVISOR, PARTNER], field_name="email")
    if len(users) < 2:
        return 0
    membership = users[PARTNER].organisation_memberships.select_related("organisation").first()
    if (
        membership is None
        or PartnerReport.objects.filter(organisation=membership.organisation).exists()
    ):
        return 0
    organisation, advisor = membership.organisation, Actor(user=users[ADVISOR])
    member = Actor(user=users[PARTNER])
    found = ExternalIndicator.objects.filter(
        municipality_id=organisation.municipality_id, name__in=PARTNER_FIGURES
    )
    agreed = {
        indicator.name: external_services.external_update(
            indicator=indicator,
            version=indicator.version,
            data={"partner": organisation, "partner_frequency": Frequency.QUARTER},
            actor=advisor,
        )
        for indicator in found
    }
    if not agreed:
        return 0
    last = partners.due_period(Frequency.QUARTER, today)
    before = Period.last_complete(last.start, QUARTER)
    made = 0
    for index, period in enumerate((before, last)):
        # Nine days after the quarter, accepted a week later; in the first days of a quarter
        # the last one is not in yet (the organisation's work to do).
        submitted = office_hours(period.end + timedelta(days=9))
        if submitted.date() >= today:
            break
        report = partners.report_save(
            organisation=organisation,
            period=period,
            values={ind.pk: PARTNER_FIGURES[name][index] for name, ind in agreed.items()},
            version=None,
            submit=True,
            actor=member,
            today=today,
        )
        moments = {ReportStatus.SUBMITTED: submitted}
        if period == before:
            report = partners.report_review(
                report=report,
                target=ReportStatus.ACCEPTED,
                note="",
                expected=ReportStatus.SUBMITTED,
                actor=advisor,
            )
            moments[ReportStatus.ACCEPTED] = submitted + timedelta(days=7)
            ExternalValue.objects.filter(
                indicator__in=agreed.values(), measured_on=period.end
            ).update(entered_at=moments[ReportStatus.ACCEPTED])
        logs = PartnerReportTransition.objects.filter(report=report)
        logs.filter(to_status=ReportStatus.DRAFT).update(created_at=submitted)
        for status, moment in moments.items():
            logs.filter(to_status=status).update(created_at=moment)
            date_notifications(f"monitor_partner_{status}:{report.pk}", moment)
        PartnerReport.objects.filter(pk=report.pk).update(
            submitted_at=submitted, updated_at=max(moments.values())
        )
        made += 1
    return made


def _measures(seed: ProgrammeSeed):
    for theme in seed.themes:
        for ambition in theme.ambitions:
            yield from ambition.measures
            for action in ambition.actions:
                yield from action.measures


register_loader("monitor", load, after=["accounts", "caregivers", "volunteering", "buddies"])
