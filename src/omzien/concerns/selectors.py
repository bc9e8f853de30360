"""The reads of the concerns capability: the triage queue (audited per page), one concern
(audited), what a referrer sent (status only), the start-page counts, the figures and the
indicators."""

import statistics
from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.common import indicators as _indicators
from omzien.common.dates import on_days, working_days_between
from omzien.common.services import Actor
from omzien.concerns import constants
from omzien.concerns.models import Concern, ConcernAction, ConcernTransition
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.privacy.statistics import (
    Figure,
    linked_breakdowns,
    per_period,
    suppress_over_periods,
)

WORKER_ROLES = (Role.WELFARE_WORKER, Role.CONSULTANT)

# The queue's filters (views.queue): what each shows.
FILTERS = ("open", "new", "unassigned", "overdue", "mine", "closed", "all")


def queue_list(*, user, show: str = "open", kind: str = "", today=None):
    """The concerns ``user`` may handle, narrowed by one of :data:`FILTERS` (and a kind);
    urgent first, then oldest first for open work, newest first for closed."""
    today = today or timezone.localdate()
    rows = Concern.objects.visible_to(user)
    if show == "new":
        rows = rows.filter(status=constants.Status.NEW)
    elif show == "unassigned":
        rows = rows.filter(status__in=constants.OPEN_STATUSES, assigned_to__isnull=True)
    elif show == "overdue":
        rows = rows.filter(status__in=constants.AWAITING_CONTACT, first_contact_due__lt=today)
    elif show == "mine":
        rows = rows.filter(status__in=constants.OPEN_STATUSES, assigned_to=user)
    elif show == "closed":
        rows = rows.filter(status=constants.Status.CLOSED)
    elif show != "all":
        rows = rows.filter(status__in=constants.OPEN_STATUSES)
    if kind in constants.Kind.values:
        rows = rows.filter(kind=kind)
    if show in ("closed", "all"):
        order = ["-created_at", "-pk"]
    else:
        order = ["first_contact_due", "created_at", "pk"]
    return (
        rows.select_related("municipality", "assigned_to")
        .only(
            "pk",
            "municipality__name",
            "resident_name",
            "kind",
            "life_event",
            "urgency",
            "source",
            "status",
            "outcome",
            "first_contact_due",
            "first_contact_on",
            "created_at",
            "assigned_to__full_name",
            "assigned_to__email",
        )
        .order_by(*order)
    )


def queue_page(*, actor: Actor, page_number, per_page: int, show: str = "open", kind: str = ""):
    """One page of the triage queue; the read is audited with the concerns it shows. Three
    queries (count, the page's keys, its rows) and the audit event, whatever the size of the
    queue. The page is chosen on the concerns table alone and only its rows are joined: sorted
    with their joins, the 42,500 closed concerns of ``make bench-concerns`` took 100 ms a page,
    their keys alone under 1 ms (docs/concerns.md, "Benchmark")."""
    rows = queue_list(user=actor.user, show=show, kind=kind)
    page = Paginator(rows.values_list("pk", flat=True), per_page).get_page(page_number)
    page.object_list = list(rows.filter(pk__in=list(page.object_list)))
    audit_read(
        actor,
        reason="concern queue",
        shown=page.object_list,
        municipalities=actor.user.municipalities(WORKER_ROLES),
        extra={"page": page.number, "show": show},
    )
    return page


def concern_get(*, actor: Actor, pk: int) -> Concern:
    """One concern for a worker who may see it (404 otherwise), the read audited."""
    concern = get_object_or_404(
        Concern.objects.visible_to(actor.user).select_related(
            "municipality", "assigned_to", "submitted_by", "entry"
        ),
        pk=pk,
    )
    audit_by(AuditAction.VIEW, concern, actor)
    return concern


def concern_history(*, concern: Concern) -> dict:
    """The actions and status changes of a concern (two queries)."""
    return {
        "actions": list(ConcernAction.objects.filter(concern=concern).select_related("by")),
        "transitions": list(
            ConcernTransition.objects.filter(concern=concern).select_related("actor")
        ),
    }


def assignable_workers(*, concern: Concern) -> list:
    """Who a concern may be assigned to: the municipality's welfare workers, and its carer
    consultants for a concern about carer overload."""
    from omzien.notifications.services import role_holders

    roles = [Role.WELFARE_WORKER]
    if concern.kind == constants.Kind.CARER_OVERLOAD:
        roles.append(Role.CONSULTANT)
    people = {user.pk: user for user in role_holders(concern.municipality, roles)}
    return sorted(people.values(), key=lambda u: (u.get_full_name() or u.email).lower())


def sent_by(*, user):
    """What a referrer sent, and nothing else: when, what about, where, and the status."""
    return (
        Concern.objects.owned_by(user)
        .select_related("municipality")
        .only("pk", "municipality__name", "kind", "life_event", "status", "created_at")
        .order_by("-created_at", "-pk")
    )


def referrer_municipalities(user) -> list:
    return user.municipalities((Role.REFERRER,))


def worker_municipalities(user) -> list:
    return user.municipalities((Role.WELFARE_WORKER,))


# --- Start page -------------------------------------------------------------------------------


def todo_counts(*, user, today=None) -> dict:
    """The counts behind a welfare worker's to-dos: one query."""
    today = today or timezone.localdate()
    return Concern.objects.visible_to(user).aggregate(
        new=Count("pk", filter=Q(status=constants.Status.NEW)),
        overdue=Count(
            "pk",
            filter=Q(status__in=constants.AWAITING_CONTACT, first_contact_due__lt=today),
        ),
        mine=Count("pk", filter=Q(status__in=constants.OPEN_STATUSES, assigned_to_id=user.pk)),
    )


def todos(user) -> list:
    """The start-page section of welfare workers (ui.startpage)."""
    from django.urls import reverse

    from omzien.ui.startpage import Section, Todo

    if not user.is_authenticated or not user.municipality_ids_for((Role.WELFARE_WORKER,)):
        return []
    counts = todo_counts(user=user)
    queue = reverse("concerns:queue")
    return [
        Section(
            title=gettext_lazy("Concerns"),
            order=40,
            todos=[
                Todo(gettext_lazy("New concerns to triage"), f"{queue}?show=new", counts["new"]),
                Todo(
                    gettext_lazy("First contact overdue"),
                    f"{queue}?show=overdue",
                    counts["overdue"],
                    gettext_lazy("The resident has not been reached within the set days."),
                ),
                Todo(gettext_lazy("Concerns assigned to me"), f"{queue}?show=mine", counts["mine"]),
            ],
        )
    ]


# --- Figures and indicators -------------------------------------------------------------------


def concern_counts(*, municipality, period) -> dict:
    """The raw figures of the concerns reported in ``period``: by kind, source and outcome,
    and the working days from report to first contact. One query."""
    reported = Concern.objects.filter(
        municipality=municipality, **on_days("created_at", period.start, period.end)
    )
    rows = list(
        reported.order_by().values_list(
            "kind", "source", "status", "outcome", "created_at", "first_contact_on"
        )
    )
    kinds, sources, outcomes = Counter(), Counter(), Counter()
    days = []
    for kind, source, status, outcome, created_at, first_contact_on in rows:
        kinds[kind] += 1
        sources[source] += 1
        if status == constants.Status.CLOSED and outcome:
            outcomes[outcome] += 1
        if first_contact_on:
            days.append(working_days_between(timezone.localdate(created_at), first_contact_on))
    return {
        "total": len(rows),
        "kind": dict(kinds),
        "source": dict(sources),
        "outcome": dict(outcomes),
        "contact_days": days,
    }


def _ordered(choices, found: dict) -> dict:
    return {value: found.get(value, 0) for value in choices.values}


def _year_counts(*, municipality, year: int) -> dict:
    """The concerns reported in ``year`` counted per month (reported, reached, closed and not
    reached), by kind, source and outcome over the year, and the working days to first contact
    per month. One query."""
    rows = Concern.objects.filter(municipality=municipality, created_at__year=year).values_list(
        "kind", "source", "status", "outcome", "created_at", "first_contact_on"
    )
    reported, contacted, closed = Counter(), Counter(), Counter()
    kinds, sources, outcomes = Counter(), Counter(), Counter()
    days: dict[int, list[int]] = {}
    for kind, source, status, outcome, created_at, first_contact_on in rows.order_by():
        day = timezone.localdate(created_at)
        if day.year != year:
            continue
        month = day.month
        reported[month] += 1
        kinds[kind] += 1
        sources[source] += 1
        if status == constants.Status.CLOSED and outcome:
            closed[month] += 1
            outcomes[outcome] += 1
        if first_contact_on:
            contacted[month] += 1
            days.setdefault(month, []).append(working_days_between(day, first_contact_on))
    return {
        "reported": per_period(reported, year),
        "contacted": per_period(contacted, year),
        "not_contacted": per_period({m: reported[m] - contacted[m] for m in range(1, 13)}, year),
        "closed": per_period(closed, year),
        "kind": _ordered(constants.Kind, kinds),
        "source": _ordered(constants.Source, sources),
        "outcome": _ordered(constants.Outcome, outcomes),
        "days": days,
    }


def concern_stats(*, municipality, period) -> dict:
    """The figures a page may show, by the statistics rule (docs/privacy.md, "Statistics:
    fixed periods and small numbers"): the counts of a month, its quarter and its year are
    suppressed together (``suppress_over_periods``), so no difference of shown periods gives a
    group of 1 to 4 away; the tables by kind, source and outcome are shown for a whole year only
    (per month they would be tables the year could be subtracted from), protected with the
    totals of the periods of the year (``linked_breakdowns``). The median working days to first
    contact is shown only over a shown number of at least the minimum group."""
    counts = _year_counts(municipality=municipality, year=period.year)
    year = period.year_period
    (kinds, sources), reported = linked_breakdowns(
        [counts["kind"], counts["source"]],
        counts["reported"],
        year,
        labels=[dict(constants.Kind.choices), dict(constants.Source.choices)],
    )
    (outcomes,), _closed = linked_breakdowns(
        [counts["outcome"]], counts["closed"], year, labels=[dict(constants.Outcome.choices)]
    )
    contacted = suppress_over_periods(counts["contacted"])
    # Those reached are a part of those reported: the rest is a group too.
    not_contacted = suppress_over_periods(counts["not_contacted"])
    whole_year = period == year
    reached = contacted[period]
    if not_contacted[period].suppressed and reported[period].value is not None:
        reached = Figure(value=None, min_size=reached.min_size)
    first, last = period.months
    days = [d for month in range(first, last + 1) for d in counts["days"].get(month, [])]
    median = Figure(
        value=round(statistics.median(days)) if days and not reached.suppressed else None,
        min_size=reached.min_size,
    )
    return {
        "total": reported[period],
        "kind": kinds if whole_year else None,
        "source": sources if whole_year else None,
        "outcome": outcomes if whole_year else None,
        "median_days": median,
        "contacted": reached,
    }


INDICATORS = (
    _indicators.Indicator("concerns.reported", gettext_lazy("Concerns reported")),
    _indicators.Indicator(
        "concerns.reported_by_professionals",
        gettext_lazy("Concerns reported by professionals"),
    ),
    _indicators.Indicator(
        "concerns.closed_support_started",
        gettext_lazy("Concerns closed with support started or a referral"),
    ),
    _indicators.Indicator(
        "concerns.first_contact_on_time",
        gettext_lazy("First contact within the set working days"),
        unit=_indicators.PERCENT,
    ),
)


def concern_indicators(*, municipality, period) -> dict:
    """The concerns' indicators of a municipality and period (one query)."""
    counts = Concern.objects.filter(
        municipality=municipality, **on_days("created_at", period.start, period.end)
    ).aggregate(
        reported=Count("pk"),
        professional=Count("pk", filter=Q(source=constants.Source.PROFESSIONAL)),
        supported=Count(
            "pk",
            filter=Q(
                status=constants.Status.CLOSED,
                outcome__in=[constants.Outcome.SUPPORT_STARTED, constants.Outcome.REFERRED],
            ),
        ),
        contacted=Count("pk", filter=Q(first_contact_on__isnull=False)),
        on_time=Count(
            "pk",
            filter=Q(
                first_contact_on__isnull=False,
                first_contact_on__lte=F("first_contact_due"),
            ),
        ),
    )
    return {
        "concerns.reported": _indicators.Result(counts["reported"]),
        "concerns.reported_by_professionals": _indicators.Result(counts["professional"]),
        "concerns.closed_support_started": _indicators.Result(counts["supported"]),
        "concerns.first_contact_on_time": _indicators.Result.share(
            counts["on_time"], counts["contacted"]
        ),
    }
