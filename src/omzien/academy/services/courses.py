"""Academy courses: the broker plans a course or meeting, which is an activity of the calendar
(kind *training*, organised by the municipality) with the academy's topic."""

from django.db import transaction

from omzien.academy.models import Course
from omzien.academy.services._common import require_broker
from omzien.activities.constants import Kind
from omzien.activities.services.activities import activity_create
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

# What the calendar needs of a course; the rest of the activity keeps its defaults.
ACTIVITY_FIELDS = (
    "title",
    "description",
    "locality",
    "address",
    "online_url",
    "capacity",
    "cost",
    "starts_at",
    "duration_minutes",
    "repeat",
    "until",
    "count",
)


@transaction.atomic
def course_create(*, municipality, data: dict, actor: Actor) -> Course:
    """A new course of ``municipality``'s academy (its broker only): its activity with its
    dates through the calendar's service, then the academy's row."""
    require_broker(municipality, actor)
    activity = activity_create(
        municipality=municipality,
        data={
            **{field: data[field] for field in ACTIVITY_FIELDS if field in data},
            "kind": Kind.TRAINING,
            "signup_required": True,
        },
        actor=actor,
    )
    course = Course(
        municipality=municipality,
        activity=activity,
        topic=data["topic"],
        qualification_valid_months=data.get("qualification_valid_months"),
        created_by=actor.authenticated_user,
    )
    course.full_clean(exclude=["municipality", "activity"])
    course.save()
    audit_by(AuditAction.CREATE, course, actor)
    return course
