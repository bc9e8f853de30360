"""How the authorization walk (ui/tests/access.py) requests the calendar's URLs."""

import datetime
import hashlib

from django.utils import timezone

from omzien.activities.tests.factories import ActivityFactory, OccurrenceFactory, SignUpFactory
from omzien.ui.tests.access import Page


def build(side) -> None:
    # An activity of the side's organisation (built by volunteering's build) and one of the
    # municipality, each with a coming date; the side's resident signed up for both.
    side.org_activity = ActivityFactory(
        municipality=side.municipality, organisation=side.organisation
    )
    side.org_date = OccurrenceFactory(activity=side.org_activity)
    side.town_activity = ActivityFactory(municipality=side.municipality)
    side.town_date = OccurrenceFactory(activity=side.town_activity)
    side.cancel_token = f"walk-cancel-{side.name}"
    SignUpFactory(
        occurrence=side.town_date,
        user=side.resident,
        email=f"walk-{side.name}@example.org",
        cancel_token_hash=hashlib.sha256(side.cancel_token.encode()).hexdigest(),
    )
    side.own_signup = SignUpFactory(
        occurrence=side.org_date, user=side.resident, email=f"walk2-{side.name}@example.org"
    )
    side.past_date = OccurrenceFactory(
        activity=side.town_activity,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2, hours=-2),
    )


def _org(side) -> dict:
    return {"org": side.organisation.pk}


def _org_activity(side) -> dict:
    return {**_org(side), "pk": side.org_activity.pk}


def _org_date(side) -> dict:
    return {**_org_activity(side), "occurrence": side.org_date.pk}


def _town_activity(side) -> dict:
    return {"pk": side.town_activity.pk}


def _town_date(side) -> dict:
    return {**_town_activity(side), "occurrence": side.town_date.pk}


PAGES = {
    # Organisation members: their organisation's activities.
    "activities:org_list": Page(_org),
    "activities:org_create": Page(_org),
    "activities:org_detail": Page(_org_activity),
    "activities:org_edit": Page(_org_activity),
    "activities:org_date": Page(_org_date),
    "activities:org_export": Page(_org_date),
    "activities:org_phones": Page(_org_date),
    "activities:org_cancel": Page(_org_date),
    # Brokers and consultants: every activity of their municipality.
    "activities:staff_list": Page(),
    "activities:staff_create": Page(),
    "activities:staff_detail": Page(_town_activity),
    "activities:staff_edit": Page(_town_activity),
    "activities:staff_date": Page(_town_date),
    "activities:staff_export": Page(_town_date),
    "activities:staff_phones": Page(_town_date),
    "activities:staff_cancel": Page(_town_date),
    "activities:figures": Page(),
    # The public calendar.
    "activities_public:calendar": Page(),
    "activities_public:activity": Page(_town_activity),
    "activities_public:activity_ics": Page(_town_activity),
    "activities_public:occurrence": Page(lambda s: {"pk": s.town_date.pk}),
    # Without a sign-up in this session: back to the calendar.
    "activities_public:signed_up": Page(success=302),
    "activities_public:cancel": Page(lambda s: {"token": s.cancel_token}),
    "activities_public:feed_municipality": Page(lambda s: {"slug": s.municipality.slug}),
    "activities_public:feed_target_group": Page(
        lambda s: {"slug": s.municipality.slug, "group": "carers"}
    ),
    "activities_public:feed_organisation": Page(lambda s: {"pk": s.organisation.pk}),
    # A resident's own sign-ups.
    "activities_public:mine": Page(),
    # GET: back to the list (the cancel is a POST).
    "activities_public:mine_cancel": Page(lambda s: {"pk": s.own_signup.pk}, success=302),
}
