"""Demo home visits in Heerde: a round to residents aged 75 and over and one to carers, the
addresses imported through the same import a welfare worker uses, some visits given to the demo
volunteer (inwoner.heerde) and some held, one with a follow-up still to be made, so the
volunteer's list, the worker's to-dos and the figures show what the application writes."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common.services import Actor
from omzien.demo.moments import date_notifications, office_hours
from omzien.demo.registry import register_loader
from omzien.homevisits import services
from omzien.homevisits.constants import FollowUp, Status, TargetGroup, Topic
from omzien.homevisits.models import Visit, VisitPlan, VisitTransition
from omzien.tenants.models import Municipality

DOMAIN = "omzien.test"

# Heerde 8181, Wapenveld 8191, Vorchten 8193, Veessen 8194 (reference/instruments.md).
OLDER = [
    ("mevrouw A. Hoekstra", "Dorpsstraat", "3", "8181 AA", "Heerde", "12-05-1944", "0578-691234"),
    ("de heer J. Bosman", "Kerkstraat", "11", "8181 AB", "Heerde", "03-11-1947", ""),
    ("mevrouw W. Mulder-Kok", "Stationsstraat", "27", "8181 CD", "Heerde", "", "0578-692345"),
    ("de heer G. van Dijk", "Hoofdweg", "112", "8191 AE", "Wapenveld", "21-01-1941", ""),
    ("mevrouw H. Smit", "Veenweg", "8", "8191 BG", "Wapenveld", "09-09-1949", "038-4471234"),
    ("de heer B. Visser", "Vorchterweg", "2", "8193 KN", "Vorchten", "", ""),
    ("mevrouw D. de Boer", "Veessenerweg", "15", "8194 LA", "Veessen", "30-06-1946", ""),
    ("de heer K. Jansen", "Zwolseweg", "40", "8181 EG", "Heerde", "17-02-1945", "06-12345678"),
]
CARERS = [
    ("mevrouw R. Brink", "Molenweg", "6", "8181 BK", "Heerde", "", "0578-693456"),
    ("de heer T. Post", "Emperweg", "19", "8191 JK", "Wapenveld", "", ""),
    ("mevrouw E. Dijkman", "Bonenburgerweg", "1", "8194 LB", "Veessen", "", "0578-631234"),
]


def _csv(rows) -> bytes:
    lines = ["naam;straat;huisnummer;postcode;woonplaats;geboortedatum;telefoon"]
    lines += [";".join(row) for row in rows]
    return "\r\n".join(lines).encode("utf-8")


def _plan(municipality, actor, *, name, group, rows) -> VisitPlan:
    today = timezone.localdate()
    plan = services.plan_create(
        municipality=municipality,
        data={
            "name": name,
            "target_group": group,
            "starts_on": today - timedelta(days=60),
            "ends_on": today + timedelta(days=90),
        },
        actor=actor,
    )
    services.import_visits(
        plan=plan, file=io.BytesIO(_csv(rows)), filename="adressen.csv", dry_run=False, actor=actor
    )
    # Imported when the round started.
    Visit.objects.filter(plan=plan).update(created_at=timezone.now() - timedelta(days=55))
    return plan


def _load_municipality(municipality) -> int:
    users = get_user_model().objects
    worker = users.filter(email=f"welzijn.{municipality.slug}@{DOMAIN}").first()
    volunteer = users.filter(email=f"inwoner.{municipality.slug}@{DOMAIN}").first()
    if worker is None or volunteer is None:
        return 0
    team = Actor(user=worker)
    older = _plan(
        municipality,
        team,
        name="Preventieve huisbezoeken 75+ voorjaar",
        group=TargetGroup.OLDER,
        rows=OLDER,
    )
    carers = _plan(
        municipality,
        team,
        name="Huisbezoeken aan mantelzorgers",
        group=TargetGroup.CARERS,
        rows=CARERS,
    )
    visits = list(Visit.objects.filter(plan=older).order_by("pk"))
    services.visits_assign(
        plan=older, pks=[v.pk for v in visits[:6]], assignee=volunteer, actor=team
    )
    today = timezone.localdate()
    by_volunteer = Actor(user=volunteer)
    results = [
        (Status.HELD, [Topic.LONELINESS, Topic.ACTIVITIES], FollowUp.CONCERN,
         "Zou graag naar de koffieochtend in het dorpshuis gaan, maar durft niet alleen."),
        (Status.HELD, [Topic.MOBILITY, Topic.HOUSING], "", ""),
        (Status.NOT_HOME, [], "", ""),
    ]  # fmt: skip
    for visit, (result, topics, follow_up, wishes) in zip(visits, results, strict=False):
        services.visit_record(
            visit=visit,
            result=result,
            visited_on=today - timedelta(days=10),
            topics=topics,
            follow_up=follow_up,
            follow_up_wishes=wishes,
            notes="Vriendelijk ontvangen; koffie gedronken." if result == Status.HELD else "",
            actor=by_volunteer,
        )
    carer_visits = list(Visit.objects.filter(plan=carers).order_by("pk"))
    services.visits_assign(plan=carers, pks=[carer_visits[0].pk], assignee=worker, actor=team)
    services.visit_record(
        visit=carer_visits[0],
        result=Status.HELD,
        visited_on=today - timedelta(days=5),
        topics=[Topic.CARER, Topic.CARE],
        follow_up=FollowUp.CARER_REGISTRATION,
        follow_up_wishes="Zorgt voor haar man met Parkinson; wil graag contact met de consulent.",
        actor=team,
    )
    for plan in (older, carers):
        _date_history(plan, today)
    return len(OLDER) + len(CARERS)


def _date_history(plan: VisitPlan, today) -> None:
    """The visits' status logs on the days they happened (the services stamp today):
    imported when the round started, assigned to the visitor a few days later, the result
    on the day of the visit; the notifications with them."""
    imported = today - timedelta(days=55)
    assigned = today - timedelta(days=50)
    date_notifications(f"home_visits:{plan.pk}", office_hours(assigned))
    for visit in Visit.objects.filter(plan=plan):
        changes = VisitTransition.objects.filter(visit=visit)
        changes.filter(to_status=Status.PLANNED).update(created_at=office_hours(imported))
        changes.filter(to_status=Status.ASSIGNED).update(created_at=office_hours(assigned))
        if visit.visited_on:
            changes.exclude(to_status__in=(Status.PLANNED, Status.ASSIGNED)).update(
                created_at=office_hours(visit.visited_on)
            )


def load() -> dict[str, int]:
    """Idempotent: a municipality that has plans already gets none."""
    made = 0
    for municipality in Municipality.objects.filter(slug="heerde"):
        if VisitPlan.objects.filter(municipality=municipality).exists():
            continue
        made += _load_municipality(municipality)
    return {"home visits": made}


register_loader("homevisits", load, after=["accounts", "volunteering"])
