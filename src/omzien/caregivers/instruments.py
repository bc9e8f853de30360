"""The two burden instruments, their scoring and the early-warning rule.

Plain Python without database access, so the rules can be tested on their own. Sources and
wording: ``shared/reference/instruments.md`` section 2 (EDIZ: Pot, Van Dyck & Deeg 1995,
TvGG 26:214-219; the single burden question: GGD/CBS, table 85457NED).

The questions and answers are kept in their published Dutch wording and are deliberately not
passed through gettext: a validated instrument is only valid in the words it was validated in.
Everything around them (instructions of our own, labels, errors) is translatable.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from omzien.caregivers.constants import AlertReason, Instrument


@dataclass(frozen=True)
class InstrumentDefinition:
    code: str
    instruction: str
    items: tuple[str, ...]
    answers: tuple[str, ...]
    max_score: int


# Single burden question (GGD/CBS). CBS 85457NED defines "zwaar belast" as the top three
# answers. The two lower answers ("niet of nauwelijks belast", "enigszins belast") are the
# commonly used wording but are NOT confirmed verbatim (instruments.md, section 2).
GGD = InstrumentDefinition(
    code=Instrument.GGD,
    instruction="",
    items=("Hoe zwaar belast voelt u zich door de zorg die u geeft?",),
    answers=(
        "niet of nauwelijks belast",
        "enigszins belast",
        "tamelijk zwaar belast",
        "zeer zwaar belast",
        "overbelast",
    ),
    max_score=4,
)
# Answer index from which the GGD answer counts as heavily burdened ("tamelijk zwaar belast").
GGD_HEAVY_FROM = 2
# Answer index of "enigszins belast": a young carer's answer above it raises a warning.
GGD_SOMEWHAT = 1

# EDIZ (Ervaren Druk door Informele Zorg), 9 items; Ja!, Ja and Min of meer score 1 each.
EDIZ = InstrumentDefinition(
    code=Instrument.EDIZ,
    instruction=(
        "Geef aan of de afgelopen paar weken de volgende stellingen op u van toepassing waren"
    ),
    items=(
        "Door de situatie van mijn naaste kom ik te weinig aan mijn leven toe",
        "Het combineren van de verantwoordelijkheid voor mijn naaste en de "
        "verantwoordelijkheid voor mijn werk en/of gezin valt niet mee",
        "Door mijn betrokkenheid bij mijn naaste doe ik anderen tekort",
        "Ik moet altijd maar klaarstaan voor mijn naaste",
        "Mijn zelfstandigheid komt in de knel",
        "De situatie van mijn naaste eist voortdurend mijn aandacht",
        "Door mijn betrokkenheid bij mijn naaste krijg ik conflicten thuis en/of op mijn werk",
        "De situatie van mijn naaste laat mij nooit los",
        "Ik voel me over het geheel genomen erg onder druk staan door de situatie van mijn naaste",
    ),
    answers=("Nee!", "Nee", "Min of meer", "Ja", "Ja!"),
    max_score=9,
)
# Answer indexes that score 1: Min of meer, Ja, Ja!.
EDIZ_SCORING_FROM = 2
EDIZ_DEFAULT_HEAVY_THRESHOLD = 6

INSTRUMENTS: dict[str, InstrumentDefinition] = {GGD.code: GGD, EDIZ.code: EDIZ}


@dataclass(frozen=True)
class Result:
    score: int
    heavily_burdened: bool


def definition(instrument: str) -> InstrumentDefinition:
    try:
        return INSTRUMENTS[instrument]
    except KeyError:
        raise ValidationError(
            {"instrument": [_("Choose one of the burden questionnaires.")]}
        ) from None


def validate_answers(instrument: str, answers: Sequence) -> list[int]:
    """The answers as a list of answer indexes, or a ValidationError in plain words."""
    spec = definition(instrument)
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise ValidationError({"answers": [_("The answers could not be read.")]})
    if len(answers) != len(spec.items):
        raise ValidationError(
            {
                "answers": [
                    _("Answer all %(expected)d questions; %(given)d answers were given.")
                    % {"expected": len(spec.items), "given": len(answers)}
                ]
            }
        )
    cleaned, errors = [], []
    for number, answer in enumerate(answers, start=1):
        valid = isinstance(answer, int) and not isinstance(answer, bool)
        if not valid or not 0 <= answer < len(spec.answers):
            errors.append(_("Question %(number)d has no valid answer.") % {"number": number})
        else:
            cleaned.append(answer)
    if errors:
        raise ValidationError({"answers": errors})
    return cleaned


def score_ggd(answers: Sequence) -> Result:
    (answer,) = validate_answers(Instrument.GGD, answers)
    return Result(score=answer, heavily_burdened=answer >= GGD_HEAVY_FROM)


def score_ediz(answers: Sequence, *, heavy_threshold: int = EDIZ_DEFAULT_HEAVY_THRESHOLD) -> Result:
    cleaned = validate_answers(Instrument.EDIZ, answers)
    total = sum(1 for answer in cleaned if answer >= EDIZ_SCORING_FROM)
    return Result(score=total, heavily_burdened=total >= heavy_threshold)


def score(
    instrument: str, answers: Sequence, *, ediz_heavy_threshold: int = EDIZ_DEFAULT_HEAVY_THRESHOLD
) -> Result:
    if instrument == Instrument.EDIZ:
        return score_ediz(answers, heavy_threshold=ediz_heavy_threshold)
    definition(instrument)
    return score_ggd(answers)


def score_label(instrument: str, score_value: int) -> str:
    """A short result without personal data, e.g. "EDIZ 7/9" or "GGD 3/4"."""
    spec = definition(instrument)
    return f"{spec.code.upper()} {score_value}/{spec.max_score}"


def alert_reasons(
    *,
    instrument: str,
    result: Result,
    previous_score: int | None,
    young: bool,
    ediz_rise_alert: int,
    ggd_rise_alert: int,
    young_ediz_threshold: int,
) -> list[str]:
    """Why this result needs the consultant's attention (AlertReason codes); empty if not.

    - heavily burdened;
    - risen by at least the municipality's step since the previous screening of the same
      instrument;
    - a young carer answers above "enigszins belast", or scores at least the young-carer
      EDIZ threshold.
    """
    reasons = []
    if result.heavily_burdened:
        reasons.append(AlertReason.HEAVY.value)
    rise_step = ediz_rise_alert if instrument == Instrument.EDIZ else ggd_rise_alert
    if previous_score is not None and result.score - previous_score >= rise_step:
        reasons.append(AlertReason.RISE.value)
    if young:
        if instrument == Instrument.EDIZ:
            young_warning = result.score >= young_ediz_threshold
        else:
            young_warning = result.score > GGD_SOMEWHAT
        if young_warning:
            reasons.append(AlertReason.YOUNG.value)
    return reasons


# --- Trend chart geometry --------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    score: int
    taken_on: date
    heavily_burdened: bool

    # A heavily burdened result is drawn as a square, the others as a circle: the shape,
    # not only the colour, tells them apart.
    @property
    def square_x(self) -> float:
        return round(self.x - 5, 1)

    @property
    def square_y(self) -> float:
        return round(self.y - 5, 1)


@dataclass(frozen=True)
class ChartTick:
    position: float
    label: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: tuple[ChartPoint, ...]
    y_ticks: tuple[ChartTick, ...]
    x_ticks: tuple[ChartTick, ...]
    threshold_y: float | None

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)

    @property
    def y_label_x(self) -> int:
        return self.left - 8

    @property
    def x_label_y(self) -> int:
        return self.bottom + 22


def chart_geometry(
    results: Iterable[tuple[date, int, bool]],
    *,
    max_score: int,
    heavy_from: int | None = None,
    width: int = 600,
    height: int = 240,
    margin_left: int = 40,
    margin_right: int = 16,
    margin_top: int = 16,
    margin_bottom: int = 40,
) -> Chart:
    """Coordinates of a line chart of scores over time, for a server-rendered SVG.

    ``results`` are (date, score, heavily burdened) in date order. Time runs along the x axis
    in proportion to the days between screenings; a single result sits in the middle.
    """
    rows = list(results)
    left, right = margin_left, width - margin_right
    top, bottom = margin_top, height - margin_bottom

    def y_of(value: float) -> float:
        return round(bottom - (bottom - top) * value / max_score, 1) if max_score else bottom

    points = []
    if rows:
        first, last = rows[0][0], rows[-1][0]
        span = (last - first).days
        for taken_on, value, heavy in rows:
            if span:
                x = left + (right - left) * (taken_on - first).days / span
            else:
                x = (left + right) / 2
            points.append(
                ChartPoint(
                    x=round(x, 1),
                    y=y_of(value),
                    score=value,
                    taken_on=taken_on,
                    heavily_burdened=heavy,
                )
            )
    step = 1 if max_score <= 5 else 3
    y_ticks = tuple(
        ChartTick(position=y_of(value), label=str(value)) for value in range(0, max_score + 1, step)
    )
    x_ticks: tuple[ChartTick, ...] = ()
    if points:
        if len(points) == 1:
            chosen = [(points[0], "middle")]
        else:
            chosen = [(points[0], "start"), (points[-1], "end")]
        x_ticks = tuple(
            ChartTick(position=p.x, label=p.taken_on.strftime("%d-%m-%Y"), anchor=anchor)
            for p, anchor in chosen
        )
    threshold_y = y_of(heavy_from) if heavy_from is not None else None
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=tuple(points),
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        threshold_y=threshold_y,
    )
