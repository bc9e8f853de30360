"""Creating and editing activities; every save brings the dates in line (``occurrences``)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omzien.activities import recurrence
from omzien.activities.models import Activity, ActivityTargetGroup
from omzien.activities.services.occurrences import occurrences_sync
from omzien.common.services import Actor, versioned_update
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

FIELDS = (
    "title",
    "description",
    "kind",
    "locality",
    "address",
    "online_url",
    "capacity",
    "cost",
    "accessibility",
    "signup_required",
    "starts_at",
    "duration_minutes",
)


def _rule(*, data: dict) -> str:
    starts_at = data["starts_at"]
    from django.utils import timezone

    first = timezone.localtime(starts_at).date()
    until: datetime.date | None = data.get("until")
    if until is not None and until < first:
        raise ValidationError({"until": _("The last date is before the first date.")})
    return recurrence.build_rrule(
        repeat=data["repeat"], first=first, until=until, count=data.get("count")
    )


def _clean(activity: Activity) -> None:
    activity.full_clean(exclude=["created_by"])
    if activity.locality_id and activity.locality.municipality_id != activity.municipality_id:
        raise ValidationError({"locality": _("Choose a village of the municipality.")})
    if not (activity.address or activity.online_url):
        raise ValidationError({"address": _("Give an address, or an online link.")})


def _set_groups(activity: Activity, groups) -> None:
    ActivityTargetGroup.objects.filter(activity=activity).exclude(group__in=groups).delete()
    have = set(
        ActivityTargetGroup.objects.filter(activity=activity).values_list("group", flat=True)
    )
    ActivityTargetGroup.objects.bulk_create(
        [ActivityTargetGroup(activity=activity, group=g) for g in groups if g not in have]
    )


def activity_create(*, municipality, organisation=None, data: dict, actor: Actor) -> Activity:
    """A new activity of ``organisation`` (None: of the municipality) with its dates."""
    if organisation is not None and organisation.municipality_id != municipality.pk:
        raise ValidationError(_("The organisation is not in this municipality."))
    with transaction.atomic():
        activity = Activity(
            municipality=municipality,
            organisation=organisation,
            created_by=actor.authenticated_user,
            rrule=_rule(data=data),
            **{field: data[field] for field in FIELDS if field in data},
        )
        _clean(activity)
        activity.save()
        _set_groups(activity, data.get("target_groups") or [])
        report = occurrences_sync(activity=activity, actor=actor)
        audit_by(AuditAction.CREATE, activity, actor, extra={"dates": report["added"]})
    return activity


def activity_update(*, activity_id: int, version: int | None, data: dict, actor: Actor) -> dict:
    """Change an activity (optimistic locking on ``version``); future dates follow the rule:
    dates without sign-ups move, dates with sign-ups that the rule drops are cancelled with a
    message to those who signed up. Returns what happened to the dates."""
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        changes = {field: data[field] for field in FIELDS if field in data}
        changes["rrule"] = _rule(data=data)
        changed = versioned_update(
            activity, version=version, data=changes, fields=[*FIELDS, "rrule"], clean=_clean
        )
        _set_groups(activity, data.get("target_groups") or [])
        report = occurrences_sync(activity=activity, actor=actor)
        audit_by(AuditAction.UPDATE, activity, actor, extra={"changed": changed, **report})
    return report
