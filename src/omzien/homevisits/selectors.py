"""The reads of the preventive home visits: plans, a plan's visits (audited per page), one
visit (audited), the visitor's own visits (audited), the start-page counts, the figures and
the indicators."""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.common import indicators as _indicators
from omzien.common.dates import on_days
from omzien.common.services import Actor
from omzien.homevisits import constants
from omzien.homevisits.models import Visit, VisitPlan, VisitTransition
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.privacy.statistics import Breakdown, breakdown
from omzien.volunteering.models import VolunteerProfile

WORKER_ROLES = (Role.WELFARE_WORKER,)
# A plan's list of visits: what each filter shows.
FILTERS = ("all", "planned", "assigned", "done", "follow_up")

LIST_FIELDS = (
    "pk",
    "plan_id",
    "name",
    "street",
    "house_number",
    "postcode",
    "locality",
    "phone",
    "status",
    "visited_on",
    "follow_up",
    "concern_id",
    "caregiver_id",
    "incoming_referral_id",
    "assigned_to__full_name",
    "assigned_to__email",
)


def worker_municipalities(user) -> list:
    return user.municipalities(WORKER_ROLES)


def plan_list(*, user):
    """The plans of the user's municipalities, with their counts per status (one query)."""
    return (
        VisitPlan.objects.visible_to(user)
        .select_related("municipality")
        .annotate(
            total=Count("visits"),
            planned=Count("visits", filter=Q(visits__status=constants.Status.PLANNED)),
            held=Count("visits", filter=Q(visits__status=constants.Status.HELD)),
        )
        .order_by("-starts_on", "-pk")
    )


def plan_get(*, user, pk: int) -> VisitPlan:
    return get_object_or_404(
        VisitPlan.objects.visible_to(user).select_related("municipality"), pk=pk
    )


def visit_page(*, actor: Actor, plan: VisitPlan, page_number, per_page: int, show: str = "all"):
    """One page of a plan's visits; the read is audited with the visits it shows. Two queries
    (count and page) and the audit event, whatever the size of the plan."""
    rows = Visit.objects.filter(plan=plan)
    if show == "planned":
        rows = rows.filter(status=constants.Status.PLANNED)
    elif show == "assigned":
        rows = rows.filter(status=constants.Status.ASSIGNED)
    elif show == "done":
        rows = rows.filter(status__in=constants.RESULTS)
    elif show == "follow_up":
        rows = rows.filter(status=constants.Status.HELD).not_followed_up().exclude(follow_up="")
    rows = rows.select_related("assigned_to").only(*LIST_FIELDS).order_by(*Visit._meta.ordering)
    page = Paginator(rows, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    audit_read(
        actor,
        reason="home visit list",
        shown=page.object_list,
        municipalities=[plan.municipality],
        extra={"page": page.number, "plan": plan.pk, "show": show},
    )
    return page


def visit_get(*, actor: Actor, pk: int) -> Visit:
    """One visit for a welfare worker of its municipality (404 otherwise), the read audited."""
    visit = get_object_or_404(
        Visit.objects.visible_to(actor.user).select_related(
            "plan", "municipality", "assigned_to", "concern", "caregiver", "incoming_referral"
        ),
        pk=pk,
    )
    audit_by(AuditAction.VIEW, visit, actor)
    return visit


def visit_history(*, visit: Visit) -> list:
    return list(VisitTransition.objects.filter(visit=visit).select_related("actor"))


def my_visits(*, actor: Actor) -> dict:
    """The visits assigned to the visitor: to do, and the last ones done (two queries and the
    audit event)."""
    mine = (
        Visit.objects.owned_by(actor.user)
        .select_related("plan")
        .only(
            *[f for f in LIST_FIELDS if not f.startswith("assigned_to__")],
            "plan__name",
            "plan__target_group",
        )
    )
    todo = list(mine.filter(status=constants.Status.ASSIGNED).order_by(*Visit._meta.ordering))
    done = list(mine.filter(status__in=constants.RESULTS).order_by("-visited_on", "-pk")[:20])
    audit_read(actor, reason="my home visits", shown=todo + done)
    return {"todo": todo, "done": done}


def my_visit_get(*, actor: Actor, pk: int) -> Visit:
    """A visit of the visitor's own (404 for anyone else's), the read audited."""
    visit = get_object_or_404(
        Visit.objects.owned_by(actor.user).select_related("plan", "municipality"), pk=pk
    )
    audit_by(AuditAction.VIEW, visit, actor)
    return visit


def visitors(*, municipality) -> list:
    """Who may be given visits: the municipality's volunteers (accounts with a volunteer
    profile that is not paused) and its welfare workers; two queries."""
    from omzien.notifications.services import role_holders

    people = {user.pk: user for user in role_holders(municipality, WORKER_ROLES)}
    for profile in (
        VolunteerProfile.objects.filter(
            municipality=municipality, paused=False, user__isnull=False, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ):
        people.setdefault(profile.user_id, profile.user)
    return sorted(people.values(), key=lambda u: (u.get_full_name() or u.email).lower())


# --- Start page -------------------------------------------------------------------------------


def todos(user) -> list:
    """The start-page section: a visitor's visits to make; a worker's visits to assign and
    follow-ups to make (ui.startpage). One query each."""
    from omzien.ui.startpage import Section, Todo

    if not user.is_authenticated:
        return []
    sections = []
    mine = Visit.objects.owned_by(user).filter(status=constants.Status.ASSIGNED).count()
    if mine:
        sections.append(
            Section(
                title=gettext_lazy("Home visits"),
                order=42,
                todos=[
                    Todo(
                        gettext_lazy("Home visits to make"),
                        reverse("homevisits:mine"),
                        mine,
                    )
                ],
            )
        )
    if user.municipality_ids_for(WORKER_ROLES):
        counts = Visit.objects.visible_to(user).aggregate(
            unassigned=Count("pk", filter=Q(status=constants.Status.PLANNED)),
            follow_up=Count(
                "pk",
                filter=Q(
                    status=constants.Status.HELD,
                    concern__isnull=True,
                    caregiver__isnull=True,
                    incoming_referral__isnull=True,
                )
                & ~Q(follow_up=""),
            ),
        )
        plans = reverse("homevisits:plans")
        sections.append(
            Section(
                title=gettext_lazy("Preventive home visits"),
                order=43,
                todos=[
                    Todo(gettext_lazy("Home visits not assigned yet"), plans, counts["unassigned"]),
                    Todo(
                        gettext_lazy("Follow-ups to make after a home visit"),
                        plans,
                        counts["follow_up"],
                    ),
                ],
            )
        )
    return sections


# --- Figures and indicators -------------------------------------------------------------------


def visit_counts(*, municipality, period) -> dict:
    """The raw figures of a period: visits planned (imported) in it, and visits held, not at
    home or declined in it, follow-ups made in it; each by target group. One query."""
    created = on_days("created_at", period.start, period.end)
    visited = Q(visited_on__gte=period.start, visited_on__lte=period.end)
    followed = Q(follow_up_done_on__gte=period.start, follow_up_done_on__lte=period.end)
    rows = (
        Visit.objects.filter(municipality=municipality)
        .filter(Q(**created) | visited | followed)
        .order_by()
        .values_list(
            "plan__target_group", "status", "created_at", "visited_on", "follow_up_done_on"
        )
    )
    counts = {key: Counter() for key in ("planned", "held", "not_home", "declined", "follow_ups")}
    for group, status, created_at, visited_on, done_on in rows:
        if period.start <= timezone.localdate(created_at) <= period.end:
            counts["planned"][group] += 1
        if visited_on and period.start <= visited_on <= period.end and status in constants.RESULTS:
            counts[status][group] += 1
        if done_on and period.start <= done_on <= period.end:
            counts["follow_ups"][group] += 1
    return {key: dict(found) for key, found in counts.items()}


MEASURES = {
    "planned": gettext_lazy("Visits planned"),
    "held": gettext_lazy("Visits held"),
    "not_home": gettext_lazy("Nobody at home"),
    "declined": gettext_lazy("Declined"),
    "follow_ups": gettext_lazy("Follow-ups made"),
}


def visit_stats(*, municipality, period) -> list[tuple[str, Breakdown]]:
    """Per measure, its breakdown by target group, suppressed (privacy.statistics)."""
    counts = visit_counts(municipality=municipality, period=period)
    labels = dict(constants.TargetGroup.choices)
    return [
        (
            str(label),
            breakdown(
                {g: counts[key].get(g, 0) for g in constants.TargetGroup.values}, labels=labels
            ),
        )
        for key, label in MEASURES.items()
    ]


INDICATORS = (
    _indicators.Indicator("homevisits.held", gettext_lazy("Preventive home visits held")),
    _indicators.Indicator(
        "homevisits.held_carers", gettext_lazy("Preventive home visits to carers held")
    ),
    _indicators.Indicator(
        "homevisits.follow_ups", gettext_lazy("Follow-ups made after a preventive home visit")
    ),
)


def visit_indicators(*, municipality, period) -> dict:
    """The home visits' indicators of a municipality and period (one query)."""
    visited = Q(visited_on__gte=period.start, visited_on__lte=period.end)
    counts = Visit.objects.filter(municipality=municipality).aggregate(
        held=Count("pk", filter=visited & Q(status=constants.Status.HELD)),
        carers=Count(
            "pk",
            filter=visited
            & Q(status=constants.Status.HELD, plan__target_group=constants.TargetGroup.CARERS),
        ),
        follow_ups=Count(
            "pk",
            filter=Q(follow_up_done_on__gte=period.start, follow_up_done_on__lte=period.end),
        ),
    )
    return {
        "homevisits.held": _indicators.Result(counts["held"]),
        "homevisits.held_carers": _indicators.Result(counts["carers"]),
        "homevisits.follow_ups": _indicators.Result(counts["follow_ups"]),
    }
