"""Needs surveys: the reads. The results follow the statistics rule (privacy.statistics): a
count of 1 up to the minimum group size − 1 is hidden, and free-text answers are shown only
when at least that many people answered the question. The answers are anonymous, so reading
them writes no audit event; the results page runs a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.common import indicators as _indicators
from omzien.common.dates import age_on
from omzien.common.spreadsheets import xlsx_row
from omzien.newsletters.constants import Channel, Segment
from omzien.newsletters.selectors.audiences import audience_build
from omzien.privacy.statistics import (
    Figure,
    min_group_size,
    suppress,
    suppress_count,
    suppress_share,
)
from omzien.surveys import constants
from omzien.surveys.models import RUNNERS, Answer, InvitedAddress, Question, Response, Survey
from omzien.surveys.presets import PRESETS
from omzien.tenants.query import get_visible_or_404
from omzien.ui import charts

Kind = constants.QuestionKind


def survey_list(*, user):
    return (
        Survey.objects.visible_to(user)
        .select_related("municipality")
        .annotate(
            response_count=Count("responses", distinct=True),
            question_count=Count("questions", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def survey_get(*, user, pk: int) -> Survey:
    return get_visible_or_404(Survey.objects.select_related("municipality"), user, pk=pk)


def question_get(*, user, survey: Survey, pk: int) -> Question:
    return get_visible_or_404(Question.objects.filter(survey=survey), user, pk=pk)


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("position", "pk"))


def presets() -> list:
    return list(PRESETS.values())


# --- Results --------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    count: Figure
    share: Figure


@dataclass
class QuestionResult:
    question: Question
    answered: Figure
    rows: list[Row] = field(default_factory=list)
    chart: object = None
    texts: list[str] | None = None  # None: hidden (too few answered)
    mean: str = ""

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass
class Results:
    survey: Survey
    responses: Figure
    questions: list[QuestionResult]
    min_size: int


def _rows(labels: list[str], counts: list[int], answered: int, *, adds_up: bool) -> list[Row]:
    """Counts with their share of the people who answered the question. Where the counts add
    up to that number (single choice, scale), complementary suppression protects them."""
    keyed = dict(enumerate(counts))
    figures = suppress(keyed, total=answered if adds_up else None)
    rows = []
    for index, label in enumerate(labels):
        figure = figures[index]
        share = (
            Figure(value=None, min_size=figure.min_size, percent=True)
            if figure.suppressed
            else suppress_share(counts[index], answered)
        )
        rows.append(Row(label=label, count=figure, share=share))
    return rows


def _chart(rows: list[Row]):
    return charts.bars(
        [
            (
                row.label,
                row.share.value if not row.share.suppressed else None,
                str(row.share) if not row.share.suppressed else str(row.count),
            )
            for row in rows
        ],
        scale_to=100,
    )


def survey_results(*, survey: Survey) -> Results:
    """Per question: how many answered, a table of counts and shares and its bar chart, or
    the free-text answers when enough people wrote one. Four queries whatever the number of
    responses."""
    size = min_group_size()
    questions = questions_of(survey)
    total = Response.objects.filter(survey=survey).count()
    counted = Answer.objects.filter(response__survey=survey).exclude(question__kind=Kind.TEXT)
    chosen: dict[int, Counter] = {q.pk: Counter() for q in questions}
    answered: Counter = Counter()
    for question_id, picks, scale in counted.values_list("question_id", "chosen", "scale"):
        answered[question_id] += 1
        if scale is not None:
            chosen[question_id][scale - 1] += 1
        for pick in picks or []:
            chosen[question_id][pick] += 1
    texts: dict[int, list[str]] = {q.pk: [] for q in questions}
    for question_id, text in (
        Answer.objects.filter(response__survey=survey, question__kind=Kind.TEXT)
        .exclude(text="")
        .order_by("pk")
        .values_list("question_id", "text")
    ):
        texts[question_id].append(text)
    results = []
    for question in questions:
        if question.kind == Kind.TEXT:
            count = len(texts[question.pk])
            results.append(
                QuestionResult(
                    question=question,
                    answered=suppress_count(count),
                    texts=texts[question.pk] if count >= size else None,
                )
            )
            continue
        number = answered[question.pk]
        if question.kind == Kind.SCALE:
            labels = [str(n) for n in range(1, (question.scale_max or 5) + 1)]
            labels[0] = f"1 ({question.low_label})" if question.low_label else "1"
            top = len(labels)
            labels[-1] = f"{top} ({question.high_label})" if question.high_label else str(top)
        else:
            labels = list(question.choices)
        counts = [chosen[question.pk][index] for index in range(len(labels))]
        rows = _rows(labels, counts, number, adds_up=question.kind != Kind.MULTIPLE)
        result = QuestionResult(
            question=question, answered=suppress_count(number), rows=rows, chart=_chart(rows)
        )
        if question.kind == Kind.SCALE and number >= size:
            mean = sum((i + 1) * c for i, c in enumerate(counts)) / number
            result.mean = f"{mean:.1f}".replace(".", ",")
        results.append(result)
    return Results(survey=survey, responses=suppress_count(total), questions=results, min_size=size)


def results_xlsx(results: Results) -> bytes:
    """The aggregated results as an Excel workbook: per question its counts and shares, hidden
    figures as the word shown on the page. Free-text answers are not exported."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    bold = Font(bold=True)

    def value(figure: Figure):
        return str(figure) if figure.suppressed else figure.value

    def append(*values):
        sheet.append(xlsx_row(sheet, values))

    append(results.survey.title)
    sheet.cell(row=1, column=1).font = bold
    append(_("Responses"), value(results.responses))
    for position, result in enumerate(results.questions, start=1):
        sheet.append([])
        append(f"{position}. {result.question.text}")
        sheet.cell(row=sheet.max_row, column=1).font = bold
        append(_("Answered by"), value(result.answered))
        if result.kind == Kind.TEXT:
            append(_("Free-text answers are on the results page only."))
            continue
        append(_("Answer"), _("Number"), _("Share (%)"))
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in result.rows:
            append(row.label, value(row.count), value(row.share))
        if result.mean:
            append(_("Average"), result.mean)
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 16
    out = BytesIO()
    book.save(out)
    return out.getvalue()


# --- Start page and indicators --------------------------------------------------------------


def todos(user) -> list:
    """The open surveys of the user's municipalities, each with its response count (one
    query)."""
    from django.urls import reverse

    from omzien.ui.startpage import Section, Todo

    if not user.is_authenticated or not user.municipality_ids_for(RUNNERS):
        return []
    open_surveys = list(
        survey_list(user=user).filter(status=constants.Status.OPEN).order_by("title", "pk")[:10]
    )
    todos = [
        Todo(
            _("%(title)s: responses so far") % {"title": survey.title},
            reverse("surveys:survey_detail", args=[survey.pk]),
            survey.response_count,
        )
        for survey in open_surveys
    ]
    if not todos:
        return []
    return [Section(title=gettext_lazy("Needs surveys"), order=80, todos=todos)]


INDICATORS = (
    _indicators.Indicator("surveys.responses", gettext_lazy("Needs survey responses received")),
)


def _in_ages(born, ages, today) -> bool:
    if ages is None:
        return True
    low, high = ages
    if born is None:  # age unknown: only the open-ended group (adult carers) takes them
        return high is None
    age = age_on(born, today)
    return age >= low and (high is None or age < high)


_GROUP_SEGMENTS = {
    constants.TargetGroup.YOUNG_CARERS: Segment.CARERS,
    constants.TargetGroup.ADULT_CARERS: Segment.CARERS,
    constants.TargetGroup.YOUNG_VOLUNTEERS: Segment.VOLUNTEERS,
    constants.TargetGroup.ORGANISATIONS: Segment.ORGANISATIONS,
}


def group_addresses(*, survey: Survey, today=None) -> list[str]:
    """The e-mail addresses of the survey's target group that may be invited: people who
    agreed to be mailed by the municipality (the newsletter's consent: carers in the registry
    and volunteers who want its mail, approved organisations' contact addresses; unsubscribed
    addresses left out), of the group's ages. Empty for the group "other"."""
    segment = _GROUP_SEGMENTS.get(survey.target_group)
    if segment is None:
        return []
    today = today or timezone.localdate()
    ages = constants.GROUP_AGES[survey.target_group]
    audience = audience_build(municipality=survey.municipality, segments=[segment])
    return [
        r.email
        for r in audience.recipients
        if r.channel == Channel.EMAIL and _in_ages(r.born, ages, today)
    ]


def address_hash(survey_id: int, address: str) -> str:
    """The keyed hash that marks an address as invited to a survey (``InvitedAddress``)."""
    return salted_hmac(
        "omzien.surveys.invited", f"{survey_id}:{address}", algorithm="sha256"
    ).hexdigest()


@dataclass(frozen=True)
class GroupInvitations:
    eligible: int
    not_invited: int


def group_invitations(*, survey: Survey) -> GroupInvitations | None:
    """How many of the target group may be invited, and how many of those are not yet (None
    for the group "other"). Three queries whatever the group's size."""
    if survey.target_group not in _GROUP_SEGMENTS:
        return None
    hashes = {address_hash(survey.pk, a.lower()) for a in group_addresses(survey=survey)}
    invited = InvitedAddress.objects.filter(survey=survey, address_hash__in=list(hashes)).count()
    return GroupInvitations(eligible=len(hashes), not_invited=len(hashes) - invited)


def survey_indicators(*, municipality, period) -> dict:
    """Responses received in the period to the municipality's surveys (one query)."""
    count = Response.objects.filter(
        survey__municipality=municipality,
        received_on__gte=period.start,
        received_on__lte=period.end,
    ).count()
    return {"surveys.responses": _indicators.Result(count)}
