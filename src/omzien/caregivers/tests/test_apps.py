"""What the app registers with the platform when Django starts."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from omzien.caregivers import constants
from omzien.caregivers.services.caregivers import caregivers_apply_retention
from omzien.caregivers.services.referrals import incoming_referrals_apply_retention
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.privacy.retention import rules


def test_retention_rules_are_registered():
    assert rules()["caregivers_apply_retention"] is caregivers_apply_retention
    assert rules()["incoming_referrals_apply_retention"] is incoming_referrals_apply_retention


@pytest.mark.django_db
def test_nightly_retention_anonymises_expired_aftercare(heerde, capsys):
    expired = CaregiverFactory(
        municipality=heerde,
        status=constants.CaregiverStatus.AFTERCARE,
        care_ended_on=timezone.localdate() - datetime.timedelta(days=900),
        aftercare_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    call_command("apply_retention", "--now")
    assert json.loads(capsys.readouterr().out)["caregivers_apply_retention"] == 1
    expired.refresh_from_db()
    assert expired.anonymised_at is not None
