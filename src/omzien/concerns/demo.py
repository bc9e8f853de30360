"""Demo concerns: a handful per demo municipality in every status, reported through the public
form, by a referrer and by the team, and handled through the services, so the queue, the
start page, the figures and the audit trail are what the application itself writes."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common.dates import add_working_days
from omzien.common.services import Actor
from omzien.concerns import services
from omzien.concerns.constants import Kind, Outcome, Source, Status
from omzien.concerns.models import Concern, ConcernSettings, ConcernTransition
from omzien.demo.moments import date_notifications, office_hours
from omzien.demo.registry import register_loader
from omzien.tenants.models import Municipality

DOMAIN = "omzien.test"

# (resident, kind, life event, urgency, source, what was seen, days ago, what happened)
CONCERNS = [
    (
        "Gerrit Hoekstra",
        Kind.LIFE_EVENT,
        "loss",
        "soon",
        Source.PUBLIC,
        "Sinds zijn vrouw in het voorjaar overleed, zie ik hem bijna niet meer buiten. "
        "De krant blijft in de bus zitten.",
        1,
        "new",
    ),
    (
        "Aaltje Bosman",
        Kind.LONELINESS,
        "",
        "normal",
        Source.PUBLIC,
        "Komt niet meer naar de koffieochtend in de kerk. Zegt dat ze niemand meer heeft.",
        8,
        "new",
    ),
    (
        "Henk Mulder",
        Kind.CARER_OVERLOAD,
        "",
        "urgent",
        Source.PROFESSIONAL,
        "Zorgt dag en nacht voor zijn vrouw met dementie, slaapt slecht en was op het spreekuur "
        "in tranen.",
        4,
        "assigned",
    ),
    (
        "Riek van Dijk",
        Kind.DEMENTIA,
        "",
        "normal",
        Source.PROFESSIONAL,
        "Vergeet afspraken en raakte de weg kwijt in het dorp. Dochter woont ver weg.",
        6,
        "in_contact",
    ),
    (
        "Jan Smit",
        Kind.LIFE_EVENT,
        "debts",
        "soon",
        Source.STAFF,
        "Bij het huisbezoek bleek dat er al maanden post ongeopend ligt, met aanmaningen.",
        12,
        "in_contact",
    ),
    (
        "Marijke de Boer",
        Kind.LIFE_EVENT,
        "retirement",
        "normal",
        Source.PUBLIC,
        "Sinds haar pensioen zit ze veel alleen thuis en mist ze haar collega's.",
        40,
        Outcome.SUPPORT_STARTED,
    ),
    (
        "Willem Visser",
        Kind.LONELINESS,
        "",
        "normal",
        Source.PROFESSIONAL,
        "Woont alleen sinds de scheiding, geen contact met zijn kinderen.",
        35,
        Outcome.DECLINED,
    ),
    (
        "Dinie Kok",
        Kind.OTHER,
        "",
        "normal",
        Source.PUBLIC,
        "Heeft een valpartij gehad en durft niet meer naar buiten.",
        30,
        Outcome.REFERRED,
    ),
]


def _backdate(concern: Concern, days_ago: int, first_contact_days: int) -> None:
    created = timezone.now() - timedelta(days=days_ago)
    Concern.objects.filter(pk=concern.pk).update(
        created_at=created,
        first_contact_due=add_working_days(timezone.localdate(created), first_contact_days),
    )
    concern.refresh_from_db()


def _load_municipality(municipality) -> int:
    users = get_user_model().objects
    worker = users.filter(email=f"welzijn.{municipality.slug}@{DOMAIN}").first()
    referrer = users.filter(email=f"verwijzer.{municipality.slug}@{DOMAIN}").first()
    if worker is None or referrer is None:
        return 0
    days = ConcernSettings.for_municipality(municipality).first_contact_days
    team = Actor(user=worker)
    made = 0
    for n, (name, kind, event, urgency, source, seen, ago, then) in enumerate(CONCERNS):
        data = {
            "resident_name": name,
            "resident_address": f"Dorpsstraat {n * 3 + 2}",
            "resident_postcode": "8181 AB" if municipality.slug == "heerde" else "7721 AB",
            "resident_birth_year": 1938 + n * 3,
            "kind": kind,
            "life_event": event,
            "urgency": urgency,
            "observation": seen,
            "consent": "knows" if n % 2 else "not_yet",
        }
        if source == Source.PROFESSIONAL:
            data |= {
                "profession": ["gp", "poh", "home_care"][n % 3],
                "organisation": "Huisartsenpraktijk Het Dorp",
            }
            actor = Actor(user=referrer)
        elif source == Source.PUBLIC:
            data |= {"reporter_name": "Een buurvrouw", "reporter_email": f"buur{n}@example.test"}
            actor = Actor()
        else:
            actor = team
        concern = services.concern_report(
            municipality=municipality, data=data, source=source, actor=actor
        )
        _backdate(concern, ago, days)
        made += 1
        _work_on(concern, then, worker=worker, team=team, ago=ago)
        _date_history(concern)
    return made


def _work_on(concern: Concern, then: str, *, worker, team: Actor, ago: int) -> None:
    """Take the concern as far as ``then``: assigned, in contact, or closed with that
    outcome (a new one is left alone)."""
    if then == "new":
        return
    services.concern_assign(concern=concern, assignee=worker, actor=team)
    if then == "assigned":
        return
    contact_on = timezone.localdate(concern.created_at) + timedelta(days=min(2, ago))
    services.concern_contact(
        concern=concern,
        done_on=contact_on,
        kind="phone",
        note="Gebeld en een afspraak voor een huisbezoek gemaakt.",
        actor=team,
    )
    if then == "in_contact":
        return
    services.concern_action_add(
        concern=concern,
        done_on=contact_on + timedelta(days=3),
        kind="visit",
        note="Op bezoek geweest; samen gekeken wat zou helpen.",
        actor=team,
    )
    services.concern_close(concern=concern, outcome=then, actor=team)


def _date_history(concern: Concern) -> None:
    """The status log on the days the concern went through it (the services stamp today):
    reported and assigned on the day it came in, in contact on the first contact, closed
    after the visit three days later; the notifications with it."""
    concern.refresh_from_db()
    came = concern.created_at
    hours = timedelta(hours=1)
    moments = {Status.NEW: came, Status.ASSIGNED: came + hours}
    if concern.first_contact_on:
        moments[Status.IN_CONTACT] = max(office_hours(concern.first_contact_on), came + 2 * hours)
        closed = concern.first_contact_on + timedelta(days=3)
        moments[Status.CLOSED] = max(office_hours(closed), came + 3 * hours)
    for status, moment in moments.items():
        ConcernTransition.objects.filter(concern=concern, to_status=status).update(
            created_at=moment
        )
    if Status.CLOSED in moments:
        Concern.objects.filter(pk=concern.pk, closed_on__isnull=False).update(
            closed_on=timezone.localdate(moments[Status.CLOSED])
        )
    date_notifications(f"concern_new:{concern.pk}", came, read=came + hours)
    date_notifications(f"concern_assigned:{concern.pk}", came + hours)


def load() -> dict[str, int]:
    """Idempotent: a municipality that has concerns already gets none."""
    made = 0
    for municipality in Municipality.objects.filter(slug__in=["heerde", "dalfsen"]).order_by("pk"):
        if Concern.objects.filter(municipality=municipality).exists():
            continue
        made += _load_municipality(municipality)
    return {"concerns": made}


register_loader("concerns", load, after=["accounts"])
