"""Demo newsletters: the sender settings of Heerde and Dalfsen (by their demo administrator),
last month's newsletter sent to the carers who asked for it (so the public archive has one),
and this month's draft, composed through the services by the demo consultant."""

import datetime

from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.common.services import Actor
from omzien.demo.registry import register_loader
from omzien.newsletters import constants
from omzien.newsletters.models import Newsletter, NewsletterSettings
from omzien.newsletters.services.newsletters import newsletter_create, section_add, settings_save
from omzien.newsletters.services.sending import newsletter_send
from omzien.tenants.models import Municipality

MUNICIPALITIES = {"heerde": "Heerde", "dalfsen": "Dalfsen"}
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

SECTIONS = [
    (
        constants.SectionKind.TEXT,
        {
            "heading": "Even op adem komen",
            "body": (
                "Zorgt u voor iemand die u na staat? Dan is het goed om ook aan uzelf te denken. "
                "De mantelzorgconsulent denkt met u mee over respijtzorg: iemand die de zorg "
                "even van u overneemt.\n\nBel of mail ons gerust. Het gesprek is gratis."
            ),
        },
    ),
    (
        constants.SectionKind.NEWS,
        {
            "heading": "Lotgenotenbijeenkomst",
            "body": (
                "Elke eerste dinsdag van de maand praten mantelzorgers met elkaar over wat ze "
                "meemaken. Koffie en thee staan klaar. Aanmelden is niet nodig."
            ),
        },
    ),
]


def _member(municipality, role):
    membership = (
        Membership.objects.filter(municipality=municipality, role=role, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _compose(municipality, consultant, *, title: str, issue_date: datetime.date) -> Newsletter:
    actor = Actor(user=consultant)
    newsletter = newsletter_create(
        municipality=municipality,
        data={
            "title": title,
            "issue_date": issue_date,
            "intro": "Nieuws voor mantelzorgers en vrijwilligers.",
            "segments": [constants.Segment.CARERS, constants.Segment.SUBSCRIBERS],
        },
        actor=actor,
    )
    for kind, data in SECTIONS:
        section_add(newsletter=newsletter, kind=kind, data=data, actor=actor)
    return newsletter


def load() -> dict[str, int]:
    """Idempotent: a newsletter that exists by its title, and existing settings, stay."""
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    counts = {"newsletters": 0}
    for slug, name in MUNICIPALITIES.items():
        municipality = Municipality.objects.filter(slug=slug).first()
        consultant = municipality and _member(municipality, Role.CONSULTANT)
        admin = municipality and _member(municipality, Role.MUNICIPALITY_ADMIN)
        if not (consultant and admin):
            continue
        if not NewsletterSettings.objects.filter(municipality=municipality).exists():
            settings_save(
                municipality=municipality,
                data={
                    "sender_name": f"Gemeente {name}",
                    "sender_email": f"nieuwsbrief@{slug}.example",
                    "per_minute": constants.DEFAULT_PER_MINUTE,
                },
                actor=Actor(user=admin),
            )
        for issue_date, send in ((last_month, True), (today, False)):
            title = f"Nieuwsbrief mantelzorg {MONTHS[issue_date.month - 1]} {issue_date.year}"
            if Newsletter.objects.filter(municipality=municipality, title=title).exists():
                continue
            newsletter = _compose(municipality, consultant, title=title, issue_date=issue_date)
            if send:
                newsletter_send(newsletter=newsletter, actor=Actor(user=consultant))
            counts["newsletters"] += 1
    return counts


register_loader("newsletters", load, after=["accounts", "caregivers"])
