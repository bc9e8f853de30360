"""The reminder the day before: one e-mail to everyone confirmed with an e-mail address.

Each sign-up is claimed before its mail is queued (``reminded_at`` set by a conditional
UPDATE that only one run can win), so a rerun, a retried task or two workers at once never
mail anyone twice. People without an e-mail address are on the organiser's printable phone
list instead.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from omzien.activities import constants
from omzien.activities.models import SignUp
from omzien.activities.services import notices


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the sign-ups of tomorrow's occurrences; returns how many mails were queued."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min), tz)
    end = start + datetime.timedelta(days=1)
    due = (
        SignUp.objects.filter(
            status=constants.SignUpStatus.CONFIRMED,
            reminded_at__isnull=True,
            anonymised_at__isnull=True,
            occurrence__starts_at__gte=start,
            occurrence__starts_at__lt=end,
            occurrence__cancelled_at__isnull=True,
        )
        .exclude(email="")
        .select_related("occurrence__activity__locality", "user")
        .order_by("pk")
    )
    sent = 0
    for signup in due.iterator():
        with transaction.atomic():
            claimed = SignUp.objects.filter(pk=signup.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if claimed:
                transaction.on_commit(lambda signup=signup: notices.mail_reminder(signup=signup))
                sent += 1
    return sent
