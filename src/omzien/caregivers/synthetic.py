"""Synthetic carers for benchmarks: bulk rows, deterministic, no services (speed over history)."""

import random
from datetime import timedelta

from django.utils import timezone

from omzien.caregivers import constants
from omzien.caregivers.models import Caregiver, CaregiverEvent, CareRelationship, ContactMoment
from omzien.common.text import fold
from omzien.demo.names import FIRST_NAMES, LAST_NAMES
from omzien.demo.registry import register_generator
from omzien.tenants.models import Municipality

CARERS_PER_SCALE = 40  # per municipality; Heerde's 394 real carers is about scale 10
SYNTHETIC_SOURCE_MARK = "synthetic"


def caregivers(*, rng: random.Random, scale: int) -> dict[str, int]:
    Caregiver.objects.filter(helper_name=SYNTHETIC_SOURCE_MARK).delete()
    today = timezone.localdate()
    rows = []
    for municipality in Municipality.objects.order_by("cbs_code").prefetch_related(
        "localities__postcodes"
    ):
        postcodes = [
            (pc.code, loc) for loc in municipality.localities.all() for pc in loc.postcodes.all()
        ] or [("", None)]
        for _n in range(scale * CARERS_PER_SCALE):
            pc4, locality = rng.choice(postcodes)
            born = today - timedelta(days=rng.randint(9 * 365, 90 * 365))
            last = today - timedelta(days=rng.randint(0, 400))
            rows.append(
                Caregiver(
                    municipality=municipality,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    date_of_birth=born,
                    birth_year=born.year,
                    phone="0578-000000",
                    postcode=f"{pc4} AA" if pc4 else "",
                    locality=locality,
                    reach_by="phone",
                    source=rng.choice(list(constants.Source.values)),
                    filled_in_by=constants.FilledInBy.CONSULTANT,
                    helper_name=SYNTHETIC_SOURCE_MARK,
                    legal_basis=constants.LegalBasis.CONSENT,
                    consent_given_on=last,
                    intensive_contact=rng.random() < 0.1,
                    last_contact_on=last,
                    next_contact_on=last + timedelta(days=rng.randint(7, 90)),
                )
            )
    for row in rows:  # bulk_create skips save(), which keeps the search column
        row.search_name = fold(f"{row.first_name} {row.last_name}")
    Caregiver.objects.bulk_create(rows, batch_size=2000)
    saved = list(Caregiver.objects.filter(helper_name=SYNTHETIC_SOURCE_MARK).only("pk"))
    relationships, contacts, events = [], [], []
    for carer in saved:
        relationships.append(
            CareRelationship(
                caregiver=carer,
                recipient_name="X.",
                relationship=rng.choice(list(constants.Relationship.values)),
                need_kind=rng.choice(list(constants.NeedKind.values)),
                hours_band=rng.choice(list(constants.HoursBand.values)),
            )
        )
        for _n in range(rng.randint(0, 3)):
            contacts.append(
                ContactMoment(
                    caregiver=carer,
                    contact_on=today - timedelta(days=rng.randint(0, 400)),
                    channel="phone",
                    topic="Synthetisch",
                )
            )
        events.append(CaregiverEvent(caregiver=carer, kind=constants.EventKind.REGISTERED))
    CareRelationship.objects.bulk_create(relationships, batch_size=2000)
    ContactMoment.objects.bulk_create(contacts, batch_size=2000)
    CaregiverEvent.objects.bulk_create(events, batch_size=2000)
    return {"caregivers": len(saved), "contact_moments": len(contacts)}


register_generator("caregivers", caregivers)
