"""The carers demo is what a consultant sees first: a carer's file must read like one that
grew over the months since the registration."""

from collections import Counter
from datetime import time, timedelta

import pytest
from django.utils import timezone

from omzien.caregivers import constants
from omzien.caregivers.models import (
    BurdenWarning,
    Caregiver,
    CaregiverEvent,
    ContactMoment,
    Referral,
    Screening,
)
from omzien.common.dates import age_on
from omzien.notifications.models import Notification
from omzien.testing.demo import demo_loaded_for_class

pytestmark = pytest.mark.django_db


loaded_demo = demo_loaded_for_class("caregivers")


@pytest.mark.usefixtures("loaded_demo")
class TestCarersDemo:
    def test_contacts_lie_between_the_registration_and_today(self):
        contacts = list(ContactMoment.objects.select_related("caregiver"))
        assert len(contacts) > 100
        today = timezone.localdate()
        assert all(c.caregiver.registered_on <= c.contact_on <= today for c in contacts)
        # Not piled up on one day: a carer has at most one contact moment a day.
        per_day = Counter((c.caregiver_id, c.contact_on) for c in contacts)
        assert max(per_day.values()) == 1

    def test_referrals_were_made_after_registration_and_not_piled_on_the_load_day(self):
        referrals = list(Referral.objects.select_related("caregiver"))
        assert len(referrals) > 10
        today = timezone.localdate()
        for referral in referrals:
            assert referral.caregiver.registered_on <= referral.referred_on <= today
            assert referral.referred_on < today or referral.caregiver.registered_on == today

    def test_the_timeline_has_the_time_of_day_of_an_office(self):
        times = {timezone.localtime(e.occurred_at).time() for e in CaregiverEvent.objects.all()}
        assert times == {time(10, 0)}

    def test_work_or_study_fits_the_age(self):
        today = timezone.localdate()
        for carer in Caregiver.objects.all():
            if age_on(carer.date_of_birth, today) >= 67:
                assert carer.work_study == constants.WorkStudy.NEITHER, carer.pk

    def test_old_early_warnings_were_dealt_with_and_new_ones_are_open(self):
        # By day: a warning of six weeks ago today is still open, whatever the time now.
        six_weeks_ago = timezone.localdate() - timedelta(weeks=6)
        warnings = list(BurdenWarning.objects.all())
        open_ = [w for w in warnings if w.resolved_at is None]
        dealt = [w for w in warnings if w.resolved_at is not None]
        assert open_ and dealt
        assert all(timezone.localdate(w.created_at) >= six_weeks_ago for w in open_)
        assert all(w.created_at < w.resolved_at <= timezone.now() and w.resolution for w in dealt)
        # A warning and its notification came in together; a dealt-with one was read.
        for warning in warnings:
            notification = Notification.objects.filter(key=f"burden_warning:{warning.pk}").first()
            assert notification.created_at == warning.created_at
            assert (notification.read_at is None) == (warning.resolved_at is None)

    def test_intensive_carers_are_seen_regularly_and_few_are_overdue(self):
        today = timezone.localdate()
        seen = Caregiver.objects.filter(
            intensive_contact=True,
            status=constants.CaregiverStatus.ACTIVE,
            next_contact_on__isnull=False,
        )
        assert seen.count() > 10
        overdue = seen.filter(next_contact_on__lt=today)
        assert 0 < overdue.count() < seen.count() / 4
        assert not overdue.filter(next_contact_on__lt=today - timedelta(days=60)).exists()

    def test_carers_in_after_care_are_within_the_after_care_period(self):
        after_care = Caregiver.objects.filter(status=constants.CaregiverStatus.AFTERCARE)
        assert after_care.exists()
        assert not Caregiver.objects.due_for_retention().exists()
        for carer in after_care:
            # The care ended after the screenings; then came (at most) the after-care call.
            ended = carer.care_ended_on
            screenings = Screening.objects.filter(caregiver=carer, taken_on__gt=ended)
            assert not screenings.exists(), carer.pk
            after = ContactMoment.objects.filter(caregiver=carer, contact_on__gt=ended)
            assert [c.topic[:7] for c in after] in ([], ["Nazorg "]), carer.pk

    def test_the_referrer_has_sent_carers_and_two_wait_on_the_consultants(self):
        from omzien.caregivers.models import IncomingReferral

        for slug in ("heerde", "dalfsen"):
            sent = IncomingReferral.objects.filter(
                submitted_by__email=f"verwijzer.{slug}@omzien.test", municipality__slug=slug
            )
            statuses = sorted(sent.values_list("status", flat=True))
            assert statuses == ["accepted", "declined", "new", "new"]
            for incoming in sent:
                assert timezone.localdate(incoming.created_at) < timezone.localdate()
                if incoming.status != "new":
                    assert incoming.created_at < incoming.handled_at < timezone.now()
            accepted = sent.get(status="accepted")
            assert accepted.caregiver.last_name == accepted.last_name
