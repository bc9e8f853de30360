"""How the authorization walk (ui/tests/test_authorization.py) requests the carer URLs."""

import datetime
import secrets

from django.utils import timezone

from omzien.accounts.tests.factories import UserFactory
from omzien.caregivers import constants
from omzien.caregivers.models import BurdenWarning, IncomingReferral, ScreeningInvitation
from omzien.caregivers.services.screening import _token_hash
from omzien.caregivers.tests.factories import (
    CampaignPageFactory,
    CaregiverFactory,
    CareRelationshipFactory,
    ReferralFactory,
    ScreeningFactory,
)
from omzien.common.models import ImportJob
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    carer = CaregiverFactory(municipality=side.municipality, user=side.resident)
    side.carer = carer
    side.relationship = CareRelationshipFactory(caregiver=carer)
    # A registration merged into the carer's record whose account waits to be linked.
    side.waiting = CaregiverFactory(
        municipality=side.municipality,
        user=UserFactory(),
        merged_into=carer,
        anonymised_at=timezone.now(),
        status=constants.CaregiverStatus.ANONYMISED,
    )
    side.referral = ReferralFactory(caregiver=carer)
    screening = ScreeningFactory(caregiver=carer, heavily_burdened=True)
    side.alert = BurdenWarning.objects.create(
        caregiver=carer, screening=screening, reasons=[constants.AlertReason.HEAVY]
    )
    side.incoming = IncomingReferral.objects.create(
        municipality=side.municipality,
        submitted_by=side.referrer,
        referrer_kind=constants.Source.GP,
        first_name="Ina",
        last_name="Verwezen",
        reason="Zorgt alleen voor haar man.",
        consent_confirmed=True,
    )
    side.import_job = ImportJob.objects.create(
        kind="caregivers",
        municipality=side.municipality,
        created_by=side.consultant,
        status=ImportJob.Status.DONE,
        summary={"created": 1, "duplicates": 0, "invalid": 0},
    )
    # A campaign page running today; its address is unique per municipality only.
    side.campaign_page = CampaignPageFactory(
        municipality=side.municipality, slug=f"walk-{side.name}"
    )
    side.screening_token = secrets.token_urlsafe(32)
    ScreeningInvitation.objects.create(
        caregiver=carer,
        instrument=constants.Instrument.EDIZ,
        token_hash=_token_hash(side.screening_token),
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )


def _carer(side) -> dict:
    return {"pk": side.carer.pk}


def _incoming(side) -> dict:
    return {"pk": side.incoming.pk}


PAGES = {
    # Consultants.
    "caregivers:registry": Page(),
    "caregivers:register": Page(),
    "caregivers:caseload": Page(),
    "caregivers:unassigned": Page(),
    "caregivers:take_on": action(_carer),
    "caregivers:detail": Page(_carer),
    "caregivers:edit": Page(_carer),
    "caregivers:timeline": Page(_carer),
    "caregivers:relationship_new": Page(_carer),
    "caregivers:relationship_edit": Page(lambda s: {"pk": s.carer.pk, "rel": s.relationship.pk}),
    "caregivers:relationship_end": Page(lambda s: {"pk": s.carer.pk, "rel": s.relationship.pk}),
    "caregivers:contact_new": Page(_carer),
    "caregivers:intensive": action(_carer),
    "caregivers:end_care": Page(_carer),
    "caregivers:reactivate": action(_carer),
    "caregivers:merge": Page(_carer),
    "caregivers:link_account": Page(lambda s: {"pk": s.carer.pk, "registration": s.waiting.pk}),
    "caregivers:remove": Page(_carer),
    "caregivers:screening_new": Page(_carer),
    "caregivers:screening_invite": Page(_carer),
    "caregivers:alerts": Page(),
    "caregivers:alert_resolve": action(
        lambda s: {"alert_pk": s.alert.pk},
        data=lambda s: {f"a{s.alert.pk}-resolution": "Gebeld en respijtzorg geregeld."},
    ),
    "caregivers:alert_report": Page(lambda s: {"alert_pk": s.alert.pk}),
    "caregivers:import": Page(),
    # An import's report: the consultant who started it (not the platform superuser).
    "caregivers:import_job": Page(lambda side: {"pk": side.import_job.pk}, superuser=404),
    "caregivers:import_template": Page(),  # a download
    # A download; for someone of several municipalities (the superuser) without a municipality
    # in the filters: back to the registry, which asks for one.
    "caregivers:export": Page(superuser=302),
    "caregivers:referral_new": Page(_carer),
    "caregivers:referral_outcome": Page(lambda s: {"pk": s.carer.pk, "ref": s.referral.pk}),
    "caregivers:incoming_list": Page(),
    "caregivers:incoming_detail": Page(_incoming),
    "caregivers:incoming_link": action(_incoming),
    "caregivers:incoming_register": Page(_incoming),
    "caregivers:incoming_decline": Page(_incoming),
    # Consultants and policy advisors; municipality administrators; referrers.
    "caregivers:figures": Page(),
    "caregivers:settings": Page(),
    "caregivers:refer": Page(),
    "caregivers:my_referrals": Page(),
    # The carer's own questionnaire through the link in the invitation.
    "caregivers:screening_fill": Page(lambda s: {"token": s.screening_token}),
    "caregivers:screening_thanks": Page(),
    # Carers themselves.
    "carer:self_register": Page(),
    "carer:self_register_done": Page(),
    "carer:mine": Page(),
    "carer:edit": Page(_carer),
    "carer:withdraw": Page(),
    # Recognising carers: public pages; the checks answer a GET with the questions (a POST
    # with the outcome, tested in tests/views/test_awareness.py).
    "carer:what_is": Page(data=lambda s: {"gemeente": s.municipality.slug}),
    "carer:check": Page(),
    "carer:young": Page(),
    "carer:campaign": Page(
        lambda s: {"slug": s.campaign_page.slug}, data=lambda s: {"gemeente": s.municipality.slug}
    ),
    # Campaign pages: the functional administrator and the consultants.
    "caregivers:campaign_list": Page(),
    "caregivers:campaign_create": Page(),
    "caregivers:campaign_edit": Page(lambda s: {"pk": s.campaign_page.pk}),
    "caregivers:campaign_preview": Page(lambda s: {"pk": s.campaign_page.pk}),
}
