"""The recipients of a newsletter, built from consent, one copy per person.

Segments (``constants.Segment``): carers in the registry whose newsletter channel is e-mail or
post (active, not anonymised), volunteers who want the newsletter, the contact address of
approved organisations, and confirmed public subscribers. E-mail recipients are deduplicated
by normalised address, in that order (a carer who is also a subscriber is reached as a carer).
Addresses that unsubscribed (a ``Suppression`` hash) are left out of the organisations and
subscribers; carers and volunteers carry their own consent, which the unsubscribe turned off.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Value
from django.db.models.functions import Coalesce, NullIf

from omzien.caregivers.constants import CaregiverStatus
from omzien.caregivers.constants import Newsletter as CarerChannel
from omzien.caregivers.models import Caregiver
from omzien.newsletters.addresses import email_hash, normalise_email
from omzien.newsletters.constants import Channel, Segment
from omzien.newsletters.models import Subscriber, Suppression
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation, VolunteerProfile


@dataclass(frozen=True)
class Recipient:
    key: str
    channel: str
    email: str = ""
    name: str = ""
    street_address: str = ""
    postcode: str = ""
    town: str = ""
    # Carers and volunteers: the date of birth when known (surveys invite by age group).
    born: datetime.date | None = None


@dataclass
class Audience:
    recipients: list[Recipient]
    # Consent given but no address to use (an e-mail carer without an e-mail address, a post
    # carer without a postal address): shown to staff, so they can complete the registry.
    unreachable: int = 0
    duplicates: int = 0

    def count(self, channel: str) -> int:
        return sum(1 for r in self.recipients if r.channel == channel)


def _carers(municipality):
    rows = (
        Caregiver.objects.filter(
            municipality=municipality,
            status=CaregiverStatus.ACTIVE,
            anonymised_at__isnull=True,
            newsletter__in=(CarerChannel.EMAIL, CarerChannel.POST),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "first_name",
            "last_name",
            "email",
            "street_address",
            "postcode",
            "town",
            "newsletter",
            "date_of_birth",
        )
    )
    for pk, first, last, email, street, postcode, town, channel, born in rows.iterator(
        chunk_size=2000
    ):
        name = f"{first} {last}".strip()
        if channel == CarerChannel.POST:
            yield Recipient(
                key=f"carer:{pk}",
                channel=Channel.POST,
                name=name,
                street_address=street,
                postcode=postcode,
                town=town,
                born=born,
            )
        else:
            yield Recipient(
                key=f"carer:{pk}", channel=Channel.EMAIL, email=email, name=name, born=born
            )


def _volunteers(municipality):
    rows = (
        VolunteerProfile.objects.filter(municipality=municipality, wants_newsletter=True)
        .annotate(address=Coalesce(NullIf("email", Value("")), "user__email", Value("")))
        .order_by("pk")
        .values_list("pk", "full_name", "address", "date_of_birth")
    )
    for pk, name, email, born in rows.iterator(chunk_size=2000):
        yield Recipient(
            key=f"volunteer:{pk}", channel=Channel.EMAIL, email=email, name=name, born=born
        )


def _organisations(municipality):
    rows = (
        Organisation.objects.filter(municipality=municipality, status=OrganisationStatus.APPROVED)
        .order_by("pk")
        .values_list("pk", "name", "contact_email")
    )
    for pk, name, email in rows.iterator(chunk_size=2000):
        yield Recipient(key=f"organisation:{pk}", channel=Channel.EMAIL, email=email, name=name)


def _subscribers(municipality):
    rows = (
        Subscriber.objects.filter(municipality=municipality, confirmed_at__isnull=False)
        .order_by("pk")
        .values_list("pk", "email")
    )
    for pk, email in rows.iterator(chunk_size=2000):
        yield Recipient(key=f"subscriber:{pk}", channel=Channel.EMAIL, email=email)


SEGMENTS = {
    Segment.CARERS: (_carers, False),
    Segment.VOLUNTEERS: (_volunteers, False),
    Segment.ORGANISATIONS: (_organisations, True),
    Segment.SUBSCRIBERS: (_subscribers, True),
}


def audience_build(*, municipality, segments) -> Audience:
    """Every recipient of the chosen segments, once. Queries: one per segment and one for the
    suppressed hashes, whatever the number of people."""
    suppressed = set(
        Suppression.objects.filter(municipality=municipality).values_list("email_hash", flat=True)
    )
    seen: set[str] = set()
    audience = Audience(recipients=[])
    for segment in Segment.values:  # the fixed order decides who reaches a person
        if segment not in segments:
            continue
        rows, suppressible = SEGMENTS[segment]
        for recipient in rows(municipality):
            if recipient.channel == Channel.POST:
                if not (recipient.street_address and recipient.postcode):
                    audience.unreachable += 1
                    continue
                audience.recipients.append(recipient)
                continue
            email = normalise_email(recipient.email)
            if not email:
                audience.unreachable += 1
                continue
            if email in seen:
                audience.duplicates += 1
                continue
            if suppressible and suppressed and email_hash(email) in suppressed:
                continue
            seen.add(email)
            audience.recipients.append(
                Recipient(
                    key=recipient.key,
                    channel=Channel.EMAIL,
                    email=email,
                    name=recipient.name,
                    born=recipient.born,
                )
            )
    return audience
