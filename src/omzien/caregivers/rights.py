"""The carer registry's provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py).

A person is found as a registered carer (``caregiver:<pk>``) or as an incoming referral that
never became a registration (``incoming:<pk>``). The export holds every row of the carer in
every model of this app; the erasure anonymises as the removal on request does
(``caregiver_anonymise``), so the counts stay and nothing identifies the carer.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.caregivers.models import (
    BurdenWarning,
    Caregiver,
    CaregiverEvent,
    CaregiverTransition,
    CareRelationship,
    ContactMoment,
    IncomingReferral,
    IncomingReferralTransition,
    Referral,
    ReferralTransition,
    Screening,
    ScreeningInvitation,
)
from omzien.caregivers.services.caregivers import caregiver_anonymise
from omzien.caregivers.services.referrals import incoming_erase
from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, records_of

NAME = "caregivers"

# The rows of a carer in the models that point at the carer directly.
CARER_ROWS = (
    CaregiverTransition,
    CareRelationship,
    ContactMoment,
    CaregiverEvent,
    Screening,
    ScreeningInvitation,
    BurdenWarning,
    Referral,
)


def _caregiver_records(match: Match) -> list[Record]:
    caregiver = match.obj
    records = records_of([caregiver])
    for model in CARER_ROWS:
        records += records_of(model.objects.filter(caregiver=caregiver).order_by("pk"))
    records += records_of(
        ReferralTransition.objects.filter(referral__caregiver=caregiver).order_by("pk")
    )
    incoming = IncomingReferral.objects.filter(caregiver=caregiver).order_by("pk")
    return (
        records
        + records_of(incoming)
        + records_of(
            IncomingReferralTransition.objects.filter(incoming__in=incoming).order_by("pk")
        )
    )


def _incoming_records(match: Match) -> list[Record]:
    return records_of([match.obj]) + records_of(
        IncomingReferralTransition.objects.filter(incoming=match.obj)
    )


class CaregiversProvider(KindsProvider):
    name = NAME
    label = _("Informal carers")
    models = (
        Caregiver,
        *CARER_ROWS,
        ReferralTransition,
        IncomingReferral,
        IncomingReferralTransition,
    )
    kinds = (
        RecordKind(
            key="caregiver",
            label=_("Carer registration"),
            rows=lambda municipality: Caregiver.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.filter(
                anonymised_at__isnull=True, merged_into__isnull=True
            ),
            name=lambda caregiver: caregiver.full_name,
            details=lambda caregiver: {
                "name": caregiver.full_name,
                "date_of_birth": caregiver.date_of_birth,
                "email": caregiver.email,
                "phone": caregiver.phone,
                "postcode": caregiver.postcode,
                "street": caregiver.street_address,
            },
            edit_url=lambda caregiver: reverse("caregivers:edit", kwargs={"pk": caregiver.pk}),
            export=_caregiver_records,
            erase=lambda match, actor: caregiver_anonymise(
                caregiver=match.obj, actor=actor, reason="removal on request"
            ),
        ),
        RecordKind(
            key="incoming",
            label=_("Incoming referral"),
            rows=lambda municipality: IncomingReferral.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.filter(caregiver__isnull=True).exclude(
                first_name=ANONYMOUS_NAME
            ),
            name=lambda incoming: f"{incoming.first_name} {incoming.last_name}".strip(),
            details=lambda incoming: {
                "name": f"{incoming.first_name} {incoming.last_name}",
                "date_of_birth": incoming.date_of_birth,
                "email": incoming.email,
                "phone": incoming.phone,
            },
            edit_url=lambda incoming: reverse(
                "caregivers:incoming_detail", kwargs={"pk": incoming.pk}
            ),
            export=_incoming_records,
            erase=lambda match, actor: incoming_erase(incoming=match.obj, actor=actor),
        ),
    )
