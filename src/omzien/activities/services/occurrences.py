"""The dates of activities as rows: made up to a horizon, kept in step with the rule, cancelled.

``occurrences_sync`` runs after every create or edit of an activity and nightly for all
repeating activities (``tasks.activities_nightly``): future dates the rule no longer has are
deleted when nobody signed up, and cancelled with a message to those who did; dates the rule
gained are added; past dates are never touched.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.activities import constants, recurrence
from omzien.activities.constants import SignUpStatus
from omzien.activities.models import Activity, Occurrence, SignUp
from omzien.activities.services import notices
from omzien.activities.workflows import SIGNUP
from omzien.common.phrases import Phrase, phrase
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction


def horizon_end(now: datetime.datetime | None = None) -> datetime.datetime:
    days = getattr(settings, "OMZIEN_ACTIVITY_HORIZON_DAYS", constants.DEFAULT_HORIZON_DAYS)
    return (now or timezone.now()) + datetime.timedelta(days=days)


def occurrences_sync(*, activity: Activity, actor: Actor) -> dict[str, int]:
    """Bring the future occurrences of ``activity`` in line with its rule (call inside the
    transaction that holds the activity's row lock). Returns how many were added, deleted,
    cancelled and moved to the new duration."""
    now = timezone.now()
    duration = datetime.timedelta(minutes=activity.duration_minutes)
    wanted = {
        start
        for start in recurrence.expand(
            starts_at=activity.starts_at, rule=activity.rrule, until=horizon_end(now)
        )
        if start >= now
    }
    future = list(
        Occurrence.objects.select_for_update()
        .filter(activity=activity, starts_at__gte=now)
        .order_by("starts_at")
    )
    have = {occurrence.starts_at: occurrence for occurrence in future}
    active = set(
        SignUp.objects.filter(
            occurrence__in=[o.pk for o in future if o.starts_at not in wanted],
            status__in=constants.ACTIVE,
        ).values_list("occurrence_id", flat=True)
    )
    report = {"added": 0, "deleted": 0, "cancelled": 0, "changed": 0}
    gone = [o for o in future if o.starts_at not in wanted]
    to_delete = [o.pk for o in gone if o.pk not in active]
    if to_delete:
        Occurrence.objects.filter(pk__in=to_delete).delete()
        report["deleted"] = len(to_delete)
    for occurrence in gone:
        if occurrence.pk in active and occurrence.cancelled_at is None:
            _cancel(
                occurrence,
                message=phrase(
                    gettext_lazy(
                        "This date no longer takes place: the dates of the activity changed."
                    )
                ),
                actor=actor,
            )
            report["cancelled"] += 1
    changed = [o for o in future if o.starts_at in wanted and o.ends_at != o.starts_at + duration]
    for occurrence in changed:
        occurrence.ends_at = occurrence.starts_at + duration
        occurrence.save(update_fields=["ends_at"])
    report["changed"] = len(changed)
    new = [
        Occurrence(activity=activity, starts_at=start, ends_at=start + duration)
        for start in sorted(wanted - have.keys())
    ]
    Occurrence.objects.bulk_create(new)
    report["added"] = len(new)
    return report


def _cancel(occurrence: Occurrence, *, message: Phrase | str, actor: Actor) -> int:
    """Cancel a locked occurrence and every active sign-up; mail those with an address.
    ``message``: the organiser's words, or the product's as a Phrase (read in each reader's
    language)."""
    occurrence.cancelled_at = timezone.now()
    occurrence.cancel_message = message
    occurrence.full_clean()
    occurrence.save(update_fields=["cancelled_at", "cancel_message"])
    signups = list(
        SignUp.objects.select_for_update().filter(
            occurrence=occurrence, status__in=constants.ACTIVE
        )
    )
    for source in (
        SignUpStatus.CONFIRMED,
        SignUpStatus.WAITING,
        SignUpStatus.ATTENDED,
        SignUpStatus.ABSENT,
    ):
        group = [s for s in signups if s.status == source]
        step = SIGNUP.step(source, SignUpStatus.CANCELLED)
        if group and step is not None:
            SIGNUP.record_many(group, step=step, actor=actor, note=str(message)[:255])
    audit_by(
        AuditAction.UPDATE,
        occurrence.activity,
        actor,
        reason="occurrence cancelled",
        extra={"occurrence": occurrence.pk, "signups": len(signups)},
    )
    to_mail = [s.pk for s in signups if s.email]
    if to_mail:
        transaction.on_commit(lambda: notices.mail_cancelled(signup_ids=to_mail))
    return len(signups)


def occurrence_cancel(*, occurrence_id: int, message: str, actor: Actor) -> Occurrence:
    """The organiser cancels one date; everyone signed up gets ``message``.

    The occurrence row is locked first (as a sign-up does), so no sign-up slips in after the
    cancellation."""
    from django.core.exceptions import ValidationError

    message = " ".join((message or "").split())
    limit = constants.CANCEL_MESSAGE_MAX_LENGTH
    if not message:
        refused = ValidationError(_("Write a message for those who signed up."), code="required")
    elif len(message) > limit:
        refused = ValidationError(
            _("Write at most %(max)s characters.") % {"max": limit}, code="max_length"
        )
    else:
        refused = None
    if refused is not None:
        raise ValidationError({"message": refused})
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_for_update().select_related("activity").get(pk=occurrence_id)
        )
        if occurrence.is_cancelled:
            raise ValidationError(_("This date has already been cancelled."))
        if occurrence.starts_at <= timezone.now():
            raise ValidationError(_("A date that has started cannot be cancelled."))
        _cancel(occurrence, message=message, actor=actor)
    return occurrence


def occurrences_extend() -> int:
    """Nightly: make the dates of every repeating activity up to the horizon."""
    added = 0
    system = Actor()
    ids = list(Activity.objects.exclude(rrule="").values_list("pk", flat=True))
    for pk in ids:
        with transaction.atomic():
            activity = Activity.objects.select_for_update().get(pk=pk)
            added += occurrences_sync(activity=activity, actor=system)["added"]
    return added
