"""Demo newsletters: the sender settings of Heerde and Dalfsen (by their demo administrator),
the last issue sent to the carers who asked for it (so the public archive has one), and the
next issue in draft, composed through the services by the demo consultant. A newsletter comes
out on the 10th of the month: the draft is for the next 10th to come, written this week; the
one before went out on its own issue date."""

import datetime

from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.common.dates import add_months
from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.registry import register_loader
from omzien.newsletters import constants
from omzien.newsletters.models import (
    Delivery,
    Newsletter,
    NewsletterSettings,
    NewsletterTransition,
)
from omzien.newsletters.services.newsletters import newsletter_create, section_add, settings_save
from omzien.newsletters.services.sending import deliveries_process, newsletter_send
from omzien.tenants.models import Municipality

MUNICIPALITIES = {"heerde": "Heerde", "dalfsen": "Dalfsen"}
ISSUE_DAY = 10  # of the month
DRAFT_WRITTEN_DAYS_AGO = 2
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


def _issues(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The issue date of the last newsletter sent (before ``today``) and that of the next
    (after it). On an issue day itself neither is today's: its sending time may be to come."""
    this_month = today.replace(day=ISSUE_DAY)
    last_issue = this_month if this_month < today else add_months(this_month, -1)
    next_issue = this_month if this_month > today else add_months(this_month, 1)
    return last_issue, next_issue


def _dated(newsletter: Newsletter, *, written: datetime.datetime, sent: bool) -> None:
    """The newsletter was written at ``written`` and, if ``sent``, sent on its issue date."""
    log = NewsletterTransition.objects.filter(newsletter=newsletter)
    log.update(created_at=written)
    if not sent:
        Newsletter.objects.filter(pk=newsletter.pk).update(created_at=written, updated_at=written)
        return
    out = office_hours(newsletter.issue_date)
    Newsletter.objects.filter(pk=newsletter.pk).update(
        created_at=written, updated_at=out, send_started_at=out, sent_at=out
    )
    Delivery.objects.filter(newsletter=newsletter, claimed_at__isnull=False).update(claimed_at=out)
    Delivery.objects.filter(newsletter=newsletter, sent_at__isnull=False).update(sent_at=out)
    log.exclude(to_status=constants.NewsletterStatus.DRAFT).update(created_at=out)


# Residents who subscribed on the public page, by days before the last issue they confirmed;
# one more asked yesterday and has not confirmed yet.
SUBSCRIBED = (300, 210, 150, 96, 61, 40, 12)


def _subscribers(municipality, last_issue: datetime.date, today: datetime.date) -> int:
    from omzien.newsletters.models import Subscriber
    from omzien.newsletters.services.subscribers import (
        confirm_token,
        subscriber_confirm,
        subscriber_subscribe,
    )

    if Subscriber.objects.filter(municipality=municipality).exists():
        return 0
    visitor = Actor()
    for number, days in enumerate((*SUBSCRIBED, None)):
        email = f"lezer{number + 1}.{municipality.slug}@voorbeeld.test"
        subscriber_subscribe(municipality=municipality, email=email, actor=visitor)
        subscriber = Subscriber.objects.get(municipality=municipality, email=email)
        if days is None:
            # Yesterday afternoon: after the last issue went out, were that yesterday.
            asked = office_hours(today - datetime.timedelta(days=1)) + datetime.timedelta(hours=5)
            Subscriber.objects.filter(pk=subscriber.pk).update(created_at=asked)
            continue
        confirmed = office_hours(last_issue - datetime.timedelta(days=days))
        subscriber_confirm(token=confirm_token(subscriber), actor=visitor)
        Subscriber.objects.filter(pk=subscriber.pk).update(
            created_at=confirmed - datetime.timedelta(minutes=20), confirmed_at=confirmed
        )
    return len(SUBSCRIBED) + 1


def load() -> dict[str, int]:
    """Idempotent: a newsletter that exists by its title, and existing settings, stay."""
    today = timezone.localdate()
    last_issue, next_issue = _issues(today)
    counts = {"newsletters": 0, "subscribers": 0}
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
        counts["subscribers"] += _subscribers(municipality, last_issue, today)
        for issue_date, send in ((last_issue, True), (next_issue, False)):
            title = f"Nieuwsbrief mantelzorg {MONTHS[issue_date.month - 1]} {issue_date.year}"
            if Newsletter.objects.filter(municipality=municipality, title=title).exists():
                continue
            newsletter = _compose(municipality, consultant, title=title, issue_date=issue_date)
            if send:
                newsletter_send(newsletter=newsletter, actor=Actor(user=consultant))
                # Mailed now rather than by the task after the demo commits, so that it can be
                # dated (the task then finds nothing left to send). Mail goes to locmem.
                deliveries_process(newsletter_id=newsletter.pk, sleep=lambda _seconds: None)
                written = office_hours(issue_date - datetime.timedelta(days=7))
            else:
                begun = office_hours(today - datetime.timedelta(days=DRAFT_WRITTEN_DAYS_AGO))
                # Begun after the last one went out: noon of its issue day at the earliest.
                written = max(begun, office_hours(last_issue) + datetime.timedelta(hours=2))
            _dated(newsletter, written=written, sent=send)
            counts["newsletters"] += 1
    return counts


register_loader("newsletters", load, after=["accounts", "caregivers"])
