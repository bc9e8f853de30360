"""Wellbeing: the reads. Every queryset goes through ``visible_to(user)`` (welfare workers) or
``owned_by(user)`` (a referrer's own referrals); every read of a resident's data is audited."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from omzien.accounts.constants import Role
from omzien.common import indicators as _indicators
from omzien.common.dates import months_ago, on_days
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.privacy.statistics import breakdown, suppress_over_periods, year_tree
from omzien.tenants.query import get_visible_or_404
from omzien.ui.pagination import PAGE_SIZE
from omzien.ui.startpage import Section, Todo
from omzien.wellbeing import constants, effect, scoring
from omzien.wellbeing.models import WORKERS, Measurement, Trajectory
from omzien.wellbeing.scoring import Version

Status = constants.Status
Moment = constants.Moment


# --- The workers' queue and a trajectory -----------------------------------------------------


def _due_q(moment: str, today) -> Q:
    """Underway, the follow-up moment reached, and no measurement of that moment yet."""
    months = constants.FOLLOW_UP_MONTHS[moment]
    return Q(status=Status.UNDERWAY, intake_on__lte=months_ago(today, months)) & ~Q(
        Exists(Measurement.objects.filter(trajectory=OuterRef("pk"), moment=moment))
    )


def trajectory_page(*, user, request, status: str = "", kind: str = "", due: str = "", page=1):
    """One page of the municipality's trajectories (filtered), the read audited."""
    rows = (
        Trajectory.objects.visible_to(user)
        .select_related("participant", "coach", "municipality")
        .order_by("-created_at", "-pk")
    )
    if status in Status.values:
        rows = rows.filter(status=status)
    if kind in constants.Kind.values:
        rows = rows.filter(kind=kind)
    if due in constants.FOLLOW_UP_MONTHS:
        rows = rows.filter(_due_q(due, timezone.localdate()))
    shown = Paginator(rows, PAGE_SIZE).get_page(page)
    audit_read(
        actor_of(user, request),
        reason="wellbeing trajectories",
        shown=shown.object_list,
        municipalities=user.municipalities(WORKERS),
    )
    return shown


def actor_of(user, request) -> Actor:
    return Actor(user=user, request=request)


def trajectory_get(*, user, pk: int, request=None) -> Trajectory:
    trajectory = get_visible_or_404(
        Trajectory.objects.select_related(
            "participant", "municipality", "coach", "referred_by", "entry"
        ),
        user,
        pk=pk,
    )
    audit_by(AuditAction.VIEW, trajectory, actor_of(user, request))
    return trajectory


def trajectory_detail(*, trajectory: Trajectory) -> dict:
    """What the trajectory page shows besides the trajectory: its contacts, the resident's
    measurements (all trajectories), the status log."""
    measurements = list(
        Measurement.objects.filter(participant=trajectory.participant_id)
        .select_related("trajectory")
        .order_by("taken_on", "pk")
    )
    cutoff = constants.subscale_cutoff()
    for m in measurements:
        # The 11-question subscales against the cut-off setting (None: not applied).
        m.emotionally_lonely, m.socially_lonely = scoring.subscale_lonely(
            scoring.Score(m.version, m.total, m.emotional, m.social, m.category, 0), cutoff
        )
    return {
        "contacts": list(trajectory.contacts.select_related("recorded_by")),
        "measurements": measurements,
        "subscale_cutoff": cutoff,
        "transitions": list(trajectory.transitions.select_related("actor").order_by("pk")),
    }


def referral_mine(*, user):
    """A referrer's own referrals: the status, outcome and dates only."""
    return (
        Trajectory.objects.owned_by(user)
        .filter(kind=constants.Kind.PRESCRIPTION)
        .select_related("municipality")
        .only(
            "pk", "municipality__name", "status", "outcome", "created_at", "closed_on", "practice"
        )
        .order_by("-created_at", "-pk")
    )


# --- Start page ------------------------------------------------------------------------------


def todos(user) -> list[Section]:
    if not user.has_role(Role.WELFARE_WORKER):
        return []
    today = timezone.localdate()
    rows = Trajectory.objects.visible_to(user)
    counts = rows.aggregate(
        new=Count("pk", filter=Q(status=Status.INTAKE)),
        month_3=Count("pk", filter=_due_q(Moment.MONTH_3, today)),
        month_6=Count("pk", filter=_due_q(Moment.MONTH_6, today)),
    )
    queue = reverse("wellbeing:trajectory_list")
    return [
        Section(
            title=_("Wellbeing"),
            order=170,
            todos=[
                Todo(
                    label=_("Trajectories awaiting intake"),
                    url=f"{queue}?status={Status.INTAKE}",
                    count=counts["new"],
                ),
                Todo(
                    label=_("Loneliness measurements due after 3 months"),
                    url=f"{queue}?due={Moment.MONTH_3}",
                    count=counts["month_3"],
                    hint=_("Take the questionnaire in a conversation or send a link."),
                ),
                Todo(
                    label=_("Loneliness measurements due after 6 months"),
                    url=f"{queue}?due={Moment.MONTH_6}",
                    count=counts["month_6"],
                ),
            ],
        )
    ]


# --- The effect report -----------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    n: int | None  # None: hidden (fewer than the threshold, or to protect another group)
    effect: effect.Effect | None


@dataclass(frozen=True)
class EffectReport:
    version: int
    total: Group
    groups: list[Group]
    sentence: str


def _measurement_rows(*, municipality, version: int, start, end) -> list[tuple]:
    """The measurements of ``version`` up to ``end`` of every resident with a measurement after
    intake between ``start`` and ``end``, ordered per resident. One query."""
    after_in_period = (
        Measurement.objects.filter(
            municipality=municipality, version=version, taken_on__gte=start, taken_on__lte=end
        )
        .exclude(moment=Moment.INTAKE)
        .values("participant_id")
    )
    return list(
        Measurement.objects.filter(
            municipality=municipality,
            version=version,
            participant_id__in=after_in_period,
            taken_on__lte=end,
        )
        .order_by("participant_id", "taken_on", "pk")
        .values_list(
            "participant_id", "moment", "taken_on", "total", "category", "trajectory__kind"
        )
    )


def _pairs(rows: list[tuple], period) -> list[effect.Pair]:
    """One pair per resident with an after measurement in ``period``: their first intake
    measurement and their last later measurement in the period."""
    pairs = []
    current, before, after = None, None, None

    def close():
        if before is not None and after is not None:
            pairs.append(
                effect.Pair(
                    before=before[3],
                    after=after[3],
                    before_category=before[4],
                    after_category=after[4],
                    kind=after[5],
                )
            )

    for row in rows:
        if row[2] > period.end:
            continue
        if row[0] != current:
            close()
            current, before, after = row[0], None, None
        if row[3] is None:
            continue
        if row[1] == Moment.INTAKE:
            if before is None:
                before = row
        elif before is not None and row[2] > before[2] and row[2] >= period.start:
            after = row
    close()
    return pairs


def effect_pairs(*, municipality, period, version: int) -> list[effect.Pair]:
    """One pair per resident with an after measurement in the period: their first intake
    measurement and their last later measurement in the period, both of ``version``. One
    query, whatever the number of residents."""
    rows = _measurement_rows(
        municipality=municipality, version=version, start=period.start, end=period.end
    )
    return _pairs(rows, period)


def _number(value: float, digits: int = 1) -> str:
    return number_format(round(value, digits), digits)


def effect_sentence(result: effect.Effect | None, version: int) -> str:
    if result is None:
        return _(
            "There are not enough residents with a measurement before and after support in "
            "this period to say anything about the effect."
        )
    parts = [
        ngettext(
            "Loneliness decreased for %(decreased)s of the %(n)s resident with a measurement "
            "before and after support.",
            "Loneliness decreased for %(decreased)s of the %(n)s residents with a measurement "
            "before and after support.",
            result.n,
        )
        % {"decreased": result.decreased, "n": result.n}
    ]
    parts.append(
        _(
            "On average the score went from %(before)s to %(after)s (of at most %(max)s); "
            "the change lies with 95%% certainty between %(low)s and %(high)s points."
        )
        % {
            "before": _number(result.mean_before),
            "after": _number(result.mean_after),
            "max": version,
            "low": _number(result.ci_low),
            "high": _number(result.ci_high),
        }
    )
    parts.append(
        _("%(lower)s of them (%(share)s%%) moved to a less lonely category.")
        % {"lower": result.lower_category, "share": result.lower_category_share}
    )
    return " ".join(parts)


def effect_report(*, municipality, period, version: int = Version.SHORT) -> EffectReport:
    """The effect report: all residents, and by kind of support, by the statistics rule
    (docs/privacy.md, "Statistics: fixed periods and small numbers"). The number of residents
    of a month, its quarter and its year are suppressed together (distinct residents,
    ``suppress_over_periods``), so no difference of shown periods gives a group of 1 to 4
    away; the groups by kind of support are shown for a whole year only (per month they would
    be a table the year could be subtracted from), each with at least the threshold of
    residents and none worked out from the total and the others. One query: the year's
    measurements, paired for every period of the year in memory."""
    year = period.year_period
    rows = _measurement_rows(
        municipality=municipality, version=version, start=year.start, end=year.end
    )
    over = {p: _pairs(rows, p) for p in year_tree(period.year)}
    totals = suppress_over_periods({p: len(found) for p, found in over.items()}, additive=False)
    pairs = over[period]
    kinds = constants.Kind.values
    labels = dict(constants.Kind.choices)
    groups = []
    if period == year:
        counts = {kind: sum(1 for p in pairs if p.kind == kind) for kind in kinds}
        suppressed = breakdown(counts, total=len(pairs), total_hidden=totals[year].suppressed)
        for kind, (_label, figure) in zip(kinds, suppressed.rows, strict=True):
            shown = figure.value is not None and figure.value > 0
            groups.append(
                Group(
                    key=kind,
                    label=str(labels[kind]),
                    n=figure.value,
                    effect=effect.effect([p for p in pairs if p.kind == kind]) if shown else None,
                )
            )
    n = totals[period].value
    overall = effect.effect(pairs) if n else None
    return EffectReport(
        version=version,
        total=Group(key="total", label=_("All residents"), n=n, effect=overall),
        groups=groups,
        sentence=effect_sentence(overall, version),
    )


# --- Indicators ------------------------------------------------------------------------------

INDICATORS = (
    _indicators.Indicator(
        "wellbeing.prescription_referrals",
        gettext_lazy("Welzijn op recept referrals received"),
    ),
    _indicators.Indicator(
        "wellbeing.prescription_closed_goals_reached",
        gettext_lazy("Welzijn op recept trajectories closed with goals (partly) reached"),
    ),
    _indicators.Indicator(
        "wellbeing.prescription_closed",
        gettext_lazy("Welzijn op recept trajectories closed"),
    ),
    _indicators.Indicator(
        "wellbeing.loneliness_improved_share",
        gettext_lazy("Share of residents whose loneliness decreased during support"),
        unit=_indicators.PERCENT,
    ),
)


def wellbeing_indicators(*, municipality, period) -> dict:
    """Referrals received and trajectories closed in the period (one query), and the share of
    residents with a before and after measurement (6 questions) whose score went down."""
    counts = Trajectory.objects.filter(
        municipality=municipality, kind=constants.Kind.PRESCRIPTION
    ).aggregate(
        referrals=Count(
            "pk",
            filter=Q(referred_by__isnull=False)
            & Q(**on_days("created_at", first=period.start, last=period.end)),
        ),
        closed=Count("pk", filter=Q(closed_on__gte=period.start, closed_on__lte=period.end)),
        reached=Count(
            "pk",
            filter=Q(closed_on__gte=period.start, closed_on__lte=period.end)
            & Q(
                outcome__in=[
                    constants.Outcome.GOALS_REACHED,
                    constants.Outcome.PARTLY_REACHED,
                ]
            ),
        ),
    )
    pairs = effect_pairs(municipality=municipality, period=period, version=Version.SHORT)
    improved = sum(1 for p in pairs if p.change < 0)
    return {
        "wellbeing.prescription_referrals": _indicators.Result(counts["referrals"]),
        "wellbeing.prescription_closed": _indicators.Result(counts["closed"]),
        "wellbeing.prescription_closed_goals_reached": _indicators.Result(counts["reached"]),
        "wellbeing.loneliness_improved_share": _indicators.Result.share(improved, len(pairs)),
    }
