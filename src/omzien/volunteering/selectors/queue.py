"""The broker's work queue: what needs doing in their municipality, each item with its action.

Selectors only. Every list is narrowed by visible_to(broker), capped, and read in one query,
so the page costs the same number of queries whatever the size of the municipality.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from omzien.common.services import Actor
from omzien.privacy.audit import audit_read
from omzien.volunteering import constants
from omzien.volunteering.models import (
    CheckIn,
    Organisation,
    Vacancy,
    VacancyResponse,
    VolunteerProfile,
)
from omzien.volunteering.permissions import BROKER_ROLES

ITEMS_PER_LIST = 50
NEW_VOLUNTEER_DAYS = 30  # a volunteer registered this recently is welcomed (intake)
UNANSWERED_DAYS = 7  # the organisation is reminded after this many days without an answer
NO_RESPONSES_DAYS = 14  # a vacancy this long without any response needs the broker's help


@dataclass
class WorkQueue:
    organisations_to_review: list = field(default_factory=list)
    vacancies_to_review: list = field(default_factory=list)
    new_volunteers: list = field(default_factory=list)
    guidance_wanted: list = field(default_factory=list)
    unanswered_responses: list = field(default_factory=list)
    check_ins_due: list = field(default_factory=list)
    vacancies_without_responses: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(getattr(self, name)) for name in self.__dataclass_fields__)


def broker_work_queue(*, actor: Actor, now=None) -> WorkQueue:
    """What the broker has to do, each list capped; the read is audited with the volunteers
    it shows."""
    user = actor.user
    now = now or timezone.now()
    today = timezone.localdate(now)
    cap = ITEMS_PER_LIST
    profiles = VolunteerProfile.objects.visible_to(user).select_related("locality")
    placed = VacancyResponse.objects.filter(
        profile=OuterRef("pk"), status=constants.ResponseStatus.ACCEPTED
    )
    queue = WorkQueue(
        organisations_to_review=list(
            Organisation.objects.visible_to(user)
            .filter(status=constants.OrganisationStatus.PENDING)
            .order_by("created_at", "pk")[:cap]
        ),
        vacancies_to_review=list(
            Vacancy.objects.visible_to(user)
            .filter(status=constants.VacancyStatus.AWAITING_REVIEW)
            .select_related("organisation")
            .order_by("updated_at", "pk")[:cap]
        ),
        new_volunteers=list(
            profiles.filter(
                created_at__gte=now - timedelta(days=NEW_VOLUNTEER_DAYS), welcomed_at__isnull=True
            ).order_by("-created_at", "pk")[:cap]
        ),
        guidance_wanted=list(
            profiles.filter(wants_guidance=True, paused=False)
            .exclude(Exists(placed))
            .order_by("created_at", "pk")[:cap]
        ),
        unanswered_responses=list(
            VacancyResponse.objects.visible_to(user)
            .filter(
                status=constants.ResponseStatus.OPEN,
                created_at__lt=now - timedelta(days=UNANSWERED_DAYS),
            )
            .select_related("vacancy__organisation", "profile")
            .order_by("created_at", "pk")[:cap]
        ),
        check_ins_due=list(
            CheckIn.objects.filter(
                placement__in=_visible_placements(user), due_on__lte=today, done_on__isnull=True
            )
            .select_related("placement__vacancy__organisation", "placement__profile")
            .order_by("due_on", "pk")[:cap]
        ),
        vacancies_without_responses=list(
            Vacancy.objects.visible_to(user)
            .filter(
                status=constants.VacancyStatus.PUBLISHED,
                first_published_at__lt=now - timedelta(days=NO_RESPONSES_DAYS),
            )
            .annotate(
                response_count=Count("responses", filter=Q(responses__sent_to_organisation=True))
            )
            .filter(response_count=0)
            .select_related("organisation")
            .order_by("first_published_at", "pk")[:cap]
        ),
    )
    audit_read(
        actor,
        reason="broker work queue",
        shown=[
            *queue.new_volunteers,
            *queue.guidance_wanted,
            *(response.profile for response in queue.unanswered_responses),
            *(check_in.placement.profile for check_in in queue.check_ins_due),
        ],
        municipalities=user.municipalities(BROKER_ROLES),
    )
    return queue


def _visible_placements(user):
    from omzien.volunteering.models import Placement

    return Placement.objects.visible_to(user).values("pk")
