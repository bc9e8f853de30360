"""The consultant's lists write their read to the audit trail through their selectors, with
the rows each page showed (``app_label.model:pk``), so an access request can answer who saw a
carer in a list. Another municipality's rows are never among them."""

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.caregivers.tests.factories import (
    BurdenWarningFactory,
    CaregiverFactory,
    IncomingReferralFactory,
)
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def _shown(reason: str) -> list[str]:
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, reason=reason).latest("pk")
    return event.extra["shown"]


def test_each_list_records_the_rows_it_showed(client, make_member, heerde, dalfsen):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    carer = CaregiverFactory(municipality=heerde, consultant=consultant, intensive_contact=True)
    warning = BurdenWarningFactory(caregiver=carer)
    incoming = IncomingReferralFactory(municipality=heerde)
    elsewhere = CaregiverFactory(municipality=dalfsen)
    BurdenWarningFactory(caregiver=elsewhere)
    IncomingReferralFactory(municipality=dalfsen)

    pages = {
        "caregivers:registry": ("carer registry list", [f"caregivers.caregiver:{carer.pk}"]),
        "caregivers:alerts": ("early warning queue", [f"caregivers.caregiver:{carer.pk}"]),
        "caregivers:incoming_list": (
            "incoming referrals list",
            [f"caregivers.incomingreferral:{incoming.pk}"],
        ),
    }
    for name, (reason, shown) in pages.items():
        assert client.get(reverse(name)).status_code == 200, name
        assert _shown(reason) == shown, name
    assert warning.caregiver == carer

    unassigned = CaregiverFactory(municipality=heerde)
    CaregiverFactory(municipality=dalfsen)
    assert client.get(reverse("caregivers:unassigned")).status_code == 200
    assert _shown("carers without consultant") == [f"caregivers.caregiver:{unassigned.pk}"]

    assert client.get(reverse("caregivers:caseload")).status_code == 200
    assert _shown("caseload") == [f"caregivers.caregiver:{carer.pk}"]  # intensive, no contact
