"""``make bench-concerns``: the central contact point and the effect report of a region.

In its own database (reference data only: the municipalities, regions and villages), for the
Heerde region:

* 50,000 concerns spread over the region's municipalities and the last two years, written in
  bulk exactly as the services write them (``concern_report`` and the handling after it): the
  first contact due a set number of working days after the report, the status log
  (``ConcernTransition``) of every step, the first-contact action and the outcome of those
  reached and closed. Most are closed; 15% are open (new, assigned, in contact): the queue;
* 20,000 De Jong Gierveld measurements for 8,000 residents in welfare support (participant,
  trajectory, a measurement at intake, after 3 months, and for half of them after 6 months),
  scored with ``wellbeing.scoring.score`` as ``services.measurement_record`` scores them. All
  in Heerde: the effect report is per municipality, so this is its worst case;
* 10,000 preventive home visits in Heerde, in rounds of 500 a month apart, each with its
  status log: the past rounds held, not at home or declined, the current one planned and
  assigned.

The builders are :data:`BUILDERS` (name, rows at full scale, function): a new one is appended
there. Each builds its rows ``start`` to ``end``; the benchmark first builds a tenth of every
builder, measures, then builds the rest and measures again.

Measured with the Django test client, DEBUG off (the cached template loader, as in production),
as a welfare worker of every municipality of the region (with a verified second factor):

* the triage queue (``concerns:queue``, the default "open" view, first page): p50 and p95 ms;
  and its "closed" view (the most rows to order): p95;
* a concern page (``concerns:detail``, a concern in contact, the same one at both scales): p95;
* of the queue and the concern page also the p95 of the CPU time of the process (the database
  is SQLite, in the process): a loaded machine disturbs it less than the wall clock;
* Heerde's effect report (``wellbeing:effect_report``, the 6-question version, the last whole
  year, with the groups by kind of support): the median and the slowest of its runs;
* a home-visit round's page (``homevisits:plan``, the first round, 500 visits, at both scales)
  and the home-visit figures of Heerde for the last whole year: p95;
* the SQL queries of one request of each, at a tenth and at the full data.

Prints one JSON line. Not a test: the tests check behaviour; this prints figures.
"""

import argparse
import datetime
import json
import logging
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

WORKER = "welzijn@bench.test"
BATCH = 2000


# The pages measured, in the order of the JSON line.
PAGES = ("queue", "queue_closed", "detail", "effect", "visit_plan", "visit_figures")


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Context:
    """What the builders share: the region, the workers, today, a seeded random generator."""

    def __init__(self) -> None:
        from django.utils import timezone

        from omzien.accounts.constants import Role
        from omzien.accounts.models import Membership, User
        from omzien.tenants.models import Municipality

        self.today = timezone.localdate()
        self.heerde = Municipality.objects.get(slug="heerde")
        self.region = list(
            Municipality.objects.filter(region=self.heerde.region_id).order_by("pk")
        ) or [self.heerde]
        self.workers = []
        for n, name in enumerate(("Wendy Welzijn", "Wouter de Wit", "Willemijn Wessels")):
            user = User.objects.create_user(
                email=WORKER if n == 0 else f"welzijn{n}@bench.test", full_name=name
            )
            Membership.objects.bulk_create(
                Membership(user=user, municipality=m, role=Role.WELFARE_WORKER) for m in self.region
            )
            self.workers.append(user)
        self.referrer = User.objects.create_user(
            email="huisarts@bench.test", full_name="Hanneke Huisarts"
        )
        Membership.objects.bulk_create(
            Membership(user=self.referrer, municipality=m, role=Role.REFERRER) for m in self.region
        )
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=self.workers[0], name="bench", confirmed=True)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _created_at_as_given(model):
    """``auto_now_add`` off for the building: the rows get the dates of the synthetic years."""
    field = model._meta.get_field("created_at")
    field.auto_now_add = False
    return field


# --- Builder 1: concerns ------------------------------------------------------------------------

CONCERNS = 50_000


def _concern_status(i: int) -> str:
    """85% closed, 8% in contact, 4% assigned, 3% new; the open ones are the recent ones."""
    from omzien.concerns.constants import Status

    slot = (i * 7919) % 100
    if slot < 3:
        return Status.NEW
    if slot < 7:
        return Status.ASSIGNED
    if slot < 15:
        return Status.IN_CONTACT
    return Status.CLOSED


def build_concerns(ctx: Context, start: int, end: int) -> None:
    from omzien.common.dates import add_working_days
    from omzien.concerns import constants as c
    from omzien.concerns.models import Concern, ConcernAction, ConcernSettings, ConcernTransition
    from omzien.demo.names import FIRST_NAMES, LAST_NAMES, POSTCODE_LETTER_PAIRS

    _created_at_as_given(Concern)
    _created_at_as_given(ConcernTransition)
    _created_at_as_given(ConcernAction)
    rng = random.Random(start)  # noqa: S311 - synthetic data, not a secret
    days = {m.pk: ConcernSettings.for_municipality(m).first_contact_days for m in ctx.region}
    kinds, events = list(c.Kind), list(c.LifeEvent)
    professions = [p for p in c.Profession if p != c.Profession.CARER_CONSULTANT]
    outcomes = list(c.Outcome)
    S = c.Status
    for first in range(start, end, BATCH):
        concerns, steps = [], []
        for i in range(first, min(first + BATCH, end)):
            municipality = ctx.region[i % len(ctx.region)]
            status = _concern_status(i)
            # Open ones came in during the last month, closed ones over the last two years.
            age = rng.randint(0, 30) if status != S.CLOSED else rng.randint(20, 730)
            reported = ctx.today - datetime.timedelta(days=age)
            source = (c.Source.PUBLIC, c.Source.PROFESSIONAL, c.Source.STAFF)[i % 3]
            kind = kinds[i % len(kinds)]
            worker = ctx.workers[i % len(ctx.workers)]
            due = add_working_days(reported, days[municipality.pk])
            contacted = None
            if status in (S.IN_CONTACT, S.CLOSED) and i % 11:
                contacted = min(reported + datetime.timedelta(days=rng.randint(0, 6)), ctx.today)
            pc4 = "8181" if municipality == ctx.heerde else "8000"
            concern = Concern(
                municipality=municipality,
                resident_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                resident_address=f"Dorpsstraat {i % 300 + 1}",
                resident_postcode=f"{pc4} {rng.choice(POSTCODE_LETTER_PAIRS)}",
                resident_birth_year=rng.randint(1930, 1990),
                kind=kind,
                life_event=events[i % len(events)] if kind == c.Kind.LIFE_EVENT else "",
                urgency=(c.Urgency.NORMAL, c.Urgency.NORMAL, c.Urgency.SOON, c.Urgency.URGENT)[
                    i % 4
                ],
                observation="Sinds het overlijden van haar man komt ze de deur nauwelijks uit.",
                consent=(c.Consent.KNOWS, c.Consent.NOT_YET)[i % 2],
                source=source,
                profession=professions[i % len(professions)]
                if source == c.Source.PROFESSIONAL
                else "",
                organisation="Huisartsenpraktijk Heerde" if source == c.Source.PROFESSIONAL else "",
                reporter_name="Buurvrouw" if source == c.Source.PUBLIC else "",
                reporter_email=ctx.referrer.email if source == c.Source.PROFESSIONAL else "",
                submitted_by=ctx.referrer if source == c.Source.PROFESSIONAL else None,
                status=status,
                assigned_to=None if status == S.NEW else worker,
                first_contact_due=due,
                first_contact_on=contacted,
                outcome=outcomes[i % len(outcomes)] if status == S.CLOSED else "",
                closed_on=min(reported + datetime.timedelta(days=rng.randint(7, 60)), ctx.today)
                if status == S.CLOSED
                else None,
                created_at=_at(reported, 8 + i % 10),
                version=1 + [S.NEW, S.ASSIGNED, S.IN_CONTACT, S.CLOSED].index(status),
            )
            concerns.append(concern)
            steps.append((concern, reported, worker, contacted))
        Concern.objects.bulk_create(concerns, batch_size=500)
        transitions, actions = [], []
        for concern, reported, worker, contacted in steps:
            path = [("", S.NEW, None)]
            if concern.status != S.NEW:
                path.append((S.NEW, S.ASSIGNED, worker))
            if contacted:
                path.append((S.ASSIGNED, S.IN_CONTACT, worker))
                actions.append(
                    ConcernAction(
                        concern=concern,
                        done_on=contacted,
                        kind=c.ActionKind.PHONE,
                        note="Gebeld; afspraak gemaakt voor een huisbezoek.",
                        by=worker,
                        created_at=_at(contacted, 10),
                    )
                )
            if concern.status == S.CLOSED:
                path.append((path[-1][1], S.CLOSED, worker))
            for source, target, actor in path:
                transitions.append(
                    ConcernTransition(
                        concern=concern,
                        from_status=source,
                        to_status=target,
                        actor=actor,
                        created_at=_at(reported, 12),
                    )
                )
        ConcernTransition.objects.bulk_create(transitions, batch_size=500)
        ConcernAction.objects.bulk_create(actions, batch_size=500)


# --- Builder 2: loneliness measurements ----------------------------------------------------------

MEASUREMENTS = 20_000


def _answers(version: int, lonely: float, rng: random.Random) -> dict:
    """Answers to the scale's items with about ``lonely`` (0-1) of them in the lonely direction:
    "ja" to a negatively worded item (emotional), "nee" to a positively worded one (social)."""
    from omzien.wellbeing import scoring

    answers = {}
    for number in scoring.item_numbers(version):
        item = scoring.BY_NUMBER[number]
        toward = rng.random() < lonely
        if rng.random() < 0.15:
            answer = scoring.Answer.MORE_OR_LESS
        elif item.subscale == scoring.EMOTIONAL:
            answer = scoring.Answer.YES if toward else scoring.Answer.NO
        else:
            answer = scoring.Answer.NO if toward else scoring.Answer.YES
        answers[str(number)] = answer.value
    return answers


def build_measurements(ctx: Context, start: int, end: int) -> None:
    """Measurements ``start`` to ``end``: in fives, two residents each (intake, 3 months, and
    for the first of the two 6 months), so 20,000 measurements are 8,000 residents."""
    from omzien.demo.names import FIRST_NAMES, LAST_NAMES
    from omzien.wellbeing import constants as c
    from omzien.wellbeing import scoring
    from omzien.wellbeing.models import Measurement, Participant, Trajectory

    _created_at_as_given(Participant)
    _created_at_as_given(Trajectory)
    _created_at_as_given(Measurement)
    rng = random.Random(start)  # noqa: S311 - synthetic data, not a secret
    kinds = list(c.Kind)
    plan = []  # (participant number, moments)
    for five in range(start // 5, end // 5):
        plan.append((2 * five, (c.Moment.INTAKE, c.Moment.MONTH_3, c.Moment.MONTH_6)))
        plan.append((2 * five + 1, (c.Moment.INTAKE, c.Moment.MONTH_3)))
    for first in range(0, len(plan), BATCH // 2):
        chunk = plan[first : first + BATCH // 2]
        participants, trajectories, later = [], [], []
        for number, moments in chunk:
            # Intakes from a year and a half before today's year to its spring: the last whole
            # year has before-and-after pairs in every month.
            intake = datetime.date(ctx.today.year - 2, 7, 1) + datetime.timedelta(
                days=rng.randint(0, 640)
            )
            coach = ctx.workers[number % len(ctx.workers)]
            participant = Participant(
                municipality=ctx.heerde,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                phone=f"06{10000000 + number}",
                birth_year=rng.randint(1930, 1970),
                created_by=coach,
                created_at=_at(intake, 9),
            )
            six = moments[-1] == c.Moment.MONTH_6 and intake <= ctx.today - datetime.timedelta(
                days=200
            )
            trajectory = Trajectory(
                municipality=ctx.heerde,
                participant=participant,
                kind=kinds[number % len(kinds)],
                status=c.Status.CLOSED if six else c.Status.UNDERWAY,
                coach=coach,
                intake_on=intake,
                goals="Twee keer per week onder de mensen komen.",
                outcome=c.Outcome.GOALS_REACHED if six else "",
                closed_on=intake + datetime.timedelta(days=190) if six else None,
                created_at=_at(intake - datetime.timedelta(days=7), 9),
                version=3 if six else 2,
            )
            participants.append(participant)
            trajectories.append(trajectory)
            later.append((participant, trajectory, intake, moments, number))
        Participant.objects.bulk_create(participants, batch_size=500)
        for trajectory in trajectories:
            trajectory.participant_id = trajectory.participant.pk
        Trajectory.objects.bulk_create(trajectories, batch_size=500)
        measurements = []
        for participant, trajectory, intake, moments, number in later:
            version = scoring.Version.SHORT if number % 5 else scoring.Version.LONG
            lonely = rng.uniform(0.4, 0.9)
            for moment in moments:
                months = c.FOLLOW_UP_MONTHS.get(moment, 0)
                taken = min(intake + datetime.timedelta(days=30 * months), ctx.today)
                answers = _answers(version, lonely, rng)
                result = scoring.score(version, answers)
                measurements.append(
                    Measurement(
                        municipality=ctx.heerde,
                        participant=participant,
                        trajectory=trajectory,
                        version=version,
                        moment=moment,
                        answers=answers,
                        total=result.total,
                        emotional=result.emotional,
                        social=result.social,
                        category=result.category or "",
                        taken_on=taken,
                        taken_by=trajectory.coach,
                        created_at=_at(taken, 11),
                    )
                )
                lonely = max(0.0, lonely - rng.uniform(-0.1, 0.3))  # most become less lonely
        Measurement.objects.bulk_create(measurements, batch_size=500)


# --- Builder 3: home visits --------------------------------------------------------------------

VISITS = 10_000
PLAN_SIZE = 500


def _visit_status(i: int) -> str:
    """In past rounds: 60% held, 25% not at home, 15% declined."""
    from omzien.homevisits.constants import Status

    slot = (i * 7919) % 20
    return Status.HELD if slot < 12 else Status.NOT_HOME if slot < 17 else Status.DECLINED


def build_visits(ctx: Context, start: int, end: int) -> None:
    """Visits ``start`` to ``end`` in Heerde, in rounds of 500 (one plan each) a month apart
    back from today: the rounds before the last are done, the last one (the one that reaches
    today) is half planned, half assigned. Each visit has its status log (planned, assigned,
    the result), as ``visit_assign`` and ``visit_record`` write it; a fifth of the held visits
    have a follow-up wish."""
    from omzien.demo.names import FIRST_NAMES, LAST_NAMES
    from omzien.homevisits import constants as c
    from omzien.homevisits.models import Visit, VisitPlan, VisitTransition

    _created_at_as_given(VisitPlan)
    _created_at_as_given(Visit)
    rng = random.Random(start)  # noqa: S311 - synthetic data, not a secret
    groups = list(c.TargetGroup)
    last_round = VISITS // PLAN_SIZE - 1
    for first in range(start - start % PLAN_SIZE, end, PLAN_SIZE):
        number = first // PLAN_SIZE
        starts = ctx.today - datetime.timedelta(days=30 * (last_round - number) + 20)
        plan, _created = VisitPlan.objects.get_or_create(
            municipality=ctx.heerde,
            name=f"Huisbezoeken ronde {number + 1}",
            defaults={
                "target_group": groups[number % len(groups)],
                "starts_on": starts,
                "ends_on": starts + datetime.timedelta(days=60),
                "created_by": ctx.workers[0],
                "created_at": _at(starts, 9),
            },
        )
        current = number == last_round
        visits = []
        for i in range(max(first, start), min(first + PLAN_SIZE, end)):
            if current:
                status = c.Status.ASSIGNED if i % 2 else c.Status.PLANNED
            else:
                status = _visit_status(i)
            held = status == c.Status.HELD
            wish = held and i % 5 == 0
            visits.append(
                Visit(
                    municipality=ctx.heerde,
                    plan=plan,
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    street="Dorpsstraat",
                    house_number=str(1 + i % 400),
                    postcode=f"81{81 + i % 10} {'ABCDEFGH'[i % 8]}{'ABCDEFGH'[i // 8 % 8]}",
                    locality="Heerde",
                    date_of_birth=datetime.date(1935 + i % 15, 1 + i % 12, 1 + i % 28),
                    status=status,
                    assigned_to=None if status == c.Status.PLANNED else ctx.workers[i % 3],
                    visited_on=starts + datetime.timedelta(days=i % 50)
                    if status in c.RESULTS
                    else None,
                    topics=[c.Topic.LONELINESS, c.Topic.CARE][: 1 + i % 2] if held else [],
                    follow_up=c.FollowUp.CONCERN if wish else "",
                    follow_up_wishes="Wil graag iemand spreken over eenzaamheid." if wish else "",
                    notes="Goed gesprek aan de keukentafel." if held else "",
                    created_at=_at(starts, 10),
                    version=3 if status in c.RESULTS else 2 if status == c.Status.ASSIGNED else 1,
                )
            )
        Visit.objects.bulk_create(visits, batch_size=500)
        log = []
        for visit in visits:
            steps = [("", c.Status.PLANNED)]
            if visit.assigned_to_id:
                steps.append((c.Status.PLANNED, c.Status.ASSIGNED))
            if visit.status in c.RESULTS:
                steps.append((c.Status.ASSIGNED, visit.status))
            log.extend(
                VisitTransition(
                    visit=visit,
                    from_status=source,
                    to_status=target,
                    actor=visit.assigned_to if target in c.RESULTS else ctx.workers[0],
                    created_at=_at(visit.visited_on or plan.starts_on, 12 + n),
                )
                for n, (source, target) in enumerate(steps)
            )
        VisitTransition.objects.bulk_create(log, batch_size=1000)


# The builders, in order: (name, rows at full scale, function(ctx, start, end)).
BUILDERS = [
    ("concerns", CONCERNS, build_concerns),
    ("measurements", MEASUREMENTS, build_measurements),
    ("visits", VISITS, build_visits),
]


# --- Measuring ----------------------------------------------------------------------------------


def prepare() -> None:
    """A fresh benchmark database (``DATABASE_URL``, set by the Makefile) with the reference
    data, Django set up for the measuring: DEBUG off, mail in memory, tasks not run."""
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import omzien  # the code measured: the one on PYTHONPATH

    manage = [sys.executable, str(Path(omzien.__file__).resolve().parent.parent / "manage.py")]
    _log("migrating a fresh benchmark database and loading the reference data …")
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True)  # noqa: S603
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from omzien.tenants.services import reference_data_load

    reference_data_load()


def measure(client, url: str, runs: int) -> dict:
    """Milliseconds of ``runs`` GETs (after two warm-ups), sorted: wall clock and CPU time of
    this process (SQLite runs in it; a busy machine disturbs CPU time less), and the SQL
    queries of one GET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return {"times": sorted(times), "cpu": sorted(cpu), "queries": len(captured)}


def p50(times: list[float]) -> float:
    return round(statistics.median(times), 1)


def p95(times: list[float]) -> float:
    return round(times[int(0.95 * (len(times) - 1))], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="a part of the full data")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--report-runs", type=int, default=5)
    args = parser.parse_args()
    prepare()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from omzien.concerns.constants import Status
    from omzien.concerns.models import Concern
    from omzien.homevisits.models import Visit, VisitPlan
    from omzien.privacy.statistics import Period
    from omzien.testing.login import login_verified
    from omzien.wellbeing.selectors import effect_report

    ctx = Context()
    client = login_verified(Client(), get_user_model().objects.get(email=WORKER))
    sizes = {name: int(rows * args.scale) for name, rows, _build in BUILDERS}
    year = Period.parse(str(ctx.today.year - 1))
    pages = {
        "queue": reverse("concerns:queue"),
        "queue_closed": reverse("concerns:queue") + "?show=closed",
        "effect": reverse("wellbeing:effect_report")
        + f"?municipality={ctx.heerde.pk}&kind=year&period={year.code}&version=6",
    }
    figures = {}
    done = dict.fromkeys(sizes, 0)
    for part in (10, 1):
        for name, _rows, build in BUILDERS:
            target = sizes[name] // part
            started = time.perf_counter()
            build(ctx, done[name], target)
            _log(f"{name}: {done[name]} to {target} in {time.perf_counter() - started:.0f} s")
            done[name] = target
        if "detail" not in pages:
            concern = Concern.objects.filter(status=Status.IN_CONTACT).order_by("pk").first()
            pages["detail"] = reverse("concerns:detail", args=[concern.pk])
        if "visit_plan" not in pages:
            plan = VisitPlan.objects.order_by("pk").first()
            pages["visit_plan"] = reverse("homevisits:plan", args=[plan.pk])
            pages["visit_figures"] = (
                reverse("homevisits:figures")
                + f"?municipality={ctx.heerde.pk}&kind=year&period={year.code}"
            )
        figures[part] = {
            "queue": measure(client, pages["queue"], args.runs),
            "queue_closed": measure(client, pages["queue_closed"], args.runs),
            "detail": measure(client, pages["detail"], args.runs),
            "effect": measure(client, pages["effect"], args.report_runs),
            "visit_plan": measure(client, pages["visit_plan"], args.runs),
            "visit_figures": measure(client, pages["visit_figures"], args.runs),
        }
        _log(
            f"1/{part}: "
            + ", ".join(f"{k}: {v['queries']} queries" for k, v in figures[part].items())
        )
    full = figures[1]
    # What the pages showed: the open concerns in the queue, residents in the effect report.
    report = effect_report(municipality=ctx.heerde, period=year, version=6)
    line = {
        "built": done,
        "queue_open": Concern.objects.open().count(),
        "effect_residents": report.total.n,
        "queue_p50_ms": p50(full["queue"]["times"]),
        "queue_p95_ms": p95(full["queue"]["times"]),
        "queue_cpu_p95_ms": p95(full["queue"]["cpu"]),
        "queue_closed_p95_ms": p95(full["queue_closed"]["times"]),
        "detail_p95_ms": p95(full["detail"]["times"]),
        "detail_cpu_p95_ms": p95(full["detail"]["cpu"]),
        "effect_report_ms": p50(full["effect"]["times"]),
        "effect_report_max_ms": round(full["effect"]["times"][-1], 1),
        "visits_open": Visit.objects.open().count(),
        "visit_plan_p95_ms": p95(full["visit_plan"]["times"]),
        "visit_figures_p95_ms": p95(full["visit_figures"]["times"]),
        "queries_1x": {page: figures[10][page]["queries"] for page in PAGES},
        "queries_10x": {page: full[page]["queries"] for page in PAGES},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
