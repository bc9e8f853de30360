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
from omzien.privacy.rights import (
    Erasure,
    Match,
    PersonQuery,
    Record,
    match_reasons,
    parse_key,
    records_of,
)

NAME = "caregivers"


class CaregiversProvider:
    label = _("Informal carers")
    models = (
        Caregiver,
        CaregiverTransition,
        CareRelationship,
        ContactMoment,
        CaregiverEvent,
        Screening,
        ScreeningInvitation,
        BurdenWarning,
        Referral,
        ReferralTransition,
        IncomingReferral,
        IncomingReferralTransition,
    )

    def _caregiver_match(self, caregiver: Caregiver, reasons: list[str]) -> Match:
        return Match(
            provider=NAME,
            key=f"caregiver:{caregiver.pk}",
            kind=str(_("Carer registration")),
            name=caregiver.full_name,
            matched_on=reasons,
            obj=caregiver,
            edit_url=reverse("caregivers:edit", kwargs={"pk": caregiver.pk}),
        )

    def _incoming_match(self, incoming: IncomingReferral, reasons: list[str]) -> Match:
        return Match(
            provider=NAME,
            key=f"incoming:{incoming.pk}",
            kind=str(_("Incoming referral")),
            name=f"{incoming.first_name} {incoming.last_name}".strip(),
            matched_on=reasons,
            obj=incoming,
            edit_url=reverse("caregivers:incoming_detail", kwargs={"pk": incoming.pk}),
        )

    def find(self, municipality, query: PersonQuery) -> list[Match]:
        found = []
        carers = Caregiver.objects.filter(
            municipality=municipality, anonymised_at__isnull=True, merged_into__isnull=True
        ).order_by("pk")
        for caregiver in carers.iterator():
            reasons = match_reasons(
                query,
                name=caregiver.full_name,
                date_of_birth=caregiver.date_of_birth,
                email=caregiver.email,
                phone=caregiver.phone,
                postcode=caregiver.postcode,
                street=caregiver.street_address,
            )
            if reasons:
                found.append(self._caregiver_match(caregiver, reasons))
        incoming = (
            IncomingReferral.objects.filter(municipality=municipality, caregiver__isnull=True)
            .exclude(first_name=ANONYMOUS_NAME)
            .order_by("pk")
        )
        for referral in incoming.iterator():
            reasons = match_reasons(
                query,
                name=f"{referral.first_name} {referral.last_name}",
                date_of_birth=referral.date_of_birth,
                email=referral.email,
                phone=referral.phone,
            )
            if reasons:
                found.append(self._incoming_match(referral, reasons))
        return found

    def get(self, municipality, key: str) -> Match | None:
        kind, pk = parse_key(key)
        if pk is None:
            return None
        if kind == "caregiver":
            caregiver = Caregiver.objects.filter(municipality=municipality, pk=pk).first()
            return self._caregiver_match(caregiver, []) if caregiver else None
        if kind == "incoming":
            incoming = IncomingReferral.objects.filter(municipality=municipality, pk=pk).first()
            return self._incoming_match(incoming, []) if incoming else None
        return None

    def export(self, match: Match) -> list[Record]:
        if isinstance(match.obj, IncomingReferral):
            incoming = match.obj
            return records_of([incoming]) + records_of(
                IncomingReferralTransition.objects.filter(incoming=incoming)
            )
        caregiver = match.obj
        records = records_of([caregiver])
        for model in (
            CaregiverTransition,
            CareRelationship,
            ContactMoment,
            CaregiverEvent,
            Screening,
            ScreeningInvitation,
            BurdenWarning,
            Referral,
        ):
            records += records_of(model.objects.filter(caregiver=caregiver).order_by("pk"))
        records += records_of(
            ReferralTransition.objects.filter(referral__caregiver=caregiver).order_by("pk")
        )
        incoming = IncomingReferral.objects.filter(caregiver=caregiver).order_by("pk")
        records += records_of(incoming)
        records += records_of(
            IncomingReferralTransition.objects.filter(incoming__in=incoming).order_by("pk")
        )
        return records

    def erase(self, match: Match, actor) -> Erasure:
        if isinstance(match.obj, IncomingReferral):
            incoming_erase(incoming=match.obj, actor=actor)
            return Erasure(erased=[f"{match.kind} #{match.obj.pk}"])
        caregiver_anonymise(caregiver=match.obj, actor=actor, reason="removal on request")
        return Erasure(erased=[f"{match.kind} #{match.obj.pk}"])
