import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from omzien.caregivers import constants as c
from omzien.caregivers.tests.factories import CaregiverFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("now", [True, False])
def test_apply_retention_anonymises_expired_aftercare(heerde, capsys, now):
    expired = CaregiverFactory(
        municipality=heerde,
        status=c.CaregiverStatus.AFTERCARE,
        care_ended_on=timezone.localdate() - datetime.timedelta(days=900),
        aftercare_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    call_command("apply_retention", *(["--now"] if now else []))
    if now:
        assert json.loads(capsys.readouterr().out) == {
            "unconfirmed_signups_apply_retention": 0,
            "caregivers_apply_retention": 1,
            "incoming_referrals_apply_retention": 0,
            "buddies_apply_retention": 0,
            "volunteering_apply_retention": 0,
        }
    expired.refresh_from_db()
    assert expired.anonymised_at is not None  # immediate backend in tests runs the task
