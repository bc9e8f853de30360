"""Account services: retention of sign-ups never confirmed."""

import datetime

from django.utils import timezone

from omzien.accounts.models import Membership
from omzien.accounts.services import unconfirmed_signups_apply_retention
from omzien.accounts.tests.factories import UserFactory
from omzien.privacy.models import AuditEvent


def test_unconfirmed_sign_ups_are_deleted_after_a_week(db, heerde):
    now = timezone.now()
    old = now - datetime.timedelta(days=8)

    def user(**fields):
        defaults = {"is_active": False, "privacy_accepted_at": old, "date_joined": old}
        made = UserFactory(**{**defaults, **fields})
        Membership.objects.create(user=made, municipality=heerde, role="resident")
        return made

    stale = user()
    recent = user(date_joined=now - datetime.timedelta(days=2), privacy_accepted_at=now)
    confirmed = user(is_active=True, email_verified_at=old)
    by_admin = user(privacy_accepted_at=None)  # created or switched off by an administrator
    logged_in_once = user(last_login=old)
    assert unconfirmed_signups_apply_retention(now=now) == 1
    remaining = set(
        type(stale)
        .objects.filter(pk__in=[u.pk for u in (stale, recent, confirmed, by_admin, logged_in_once)])
        .values_list("pk", flat=True)
    )
    assert remaining == {recent.pk, confirmed.pk, by_admin.pk, logged_in_once.pk}
    assert AuditEvent.objects.filter(
        action="delete", object_id=str(stale.pk), municipality=heerde
    ).exists()
