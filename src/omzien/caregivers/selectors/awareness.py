"""Helping people recognise themselves as carers (issue 13 point 5, seed 002: "het vinden van
mantelzorgers begint namelijk bij het herkennen van mantelzorg").

The "Ben ik mantelzorger?" checks store nothing: the answers come in with one POST, choose what
the answer page shows (:func:`adult_outcome`, :func:`young_outcome`, plain functions of the
answers) and are gone. No model, no session, no audit event, nothing in a URL or a log.

Which municipality a public page speaks about: the one the visitor chose (``?gemeente=<slug>``,
also in the links on a municipality's flyers), else a logged-in visitor's own, else the only
active one; otherwise the page asks (:func:`public_municipality`).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from omzien.caregivers import constants
from omzien.directory.constants import Category, TargetGroup
from omzien.tenants.models import Municipality

MUNICIPALITY_PARAM = "gemeente"

# The verdicts of a check.
CARER = "carer"
MAYBE = "maybe"
NOT_A_CARER = "not"

# What an answer page may suggest, in the order it suggests them. The texts are in the
# templates (caregivers/awareness/_suggestions.html, _young_suggestions.html).
TALK = "talk"  # the municipality's contact (carer consultant, welfare partner)
RESPITE = "respite"  # respite care on the social map
PEER_SUPPORT = "peer_support"  # peer support on the social map
CARER_SUPPORT = "carer_support"  # carer support and advice on the social map
MEETINGS = "meetings"  # peer-support meetings in the calendar
REGISTER = "register"  # registration as a carer
APPRECIATION = "appreciation"  # the yearly appreciation round
SHARE = "share"  # pass this page on to someone who cares for another
OTHER_HELP = "other_help"  # the social map for everyone
# Young carers.
TRUSTED_ADULT = "trusted_adult"  # tell a teacher, mentor or another adult you trust
HELPLINE = "helpline"  # De Kindertelefoon
YOUNG_MEETINGS = "young_meetings"  # activities for young carers in the calendar
YOUNG_SUPPORT = "young_support"  # support for young carers on the social map


@dataclass(frozen=True)
class Outcome:
    """What a check comes to: the verdict, what the page says besides, what it suggests."""

    verdict: str
    suggestions: tuple[str, ...]
    heavy: bool = False  # the answers say it is (often) too much: talking comes first
    usual_care: bool = False  # only household help for a partner or child at home


def _ordered(*groups) -> tuple[str, ...]:
    seen: list[str] = []
    for group in groups:
        for item in group:
            if item not in seen:
                seen.append(item)
    return tuple(seen)


def adult_outcome(
    *, who: str, tasks: list[str], frequency: str, duration: str, wellbeing: str
) -> Outcome:
    """The outcome of the adult check.

    Mantelzorg is unpaid care for someone close who needs it because of illness, disability or
    age, given because of the relationship. The check counts broadly, as the seeds ask (many
    carers do not recognise themselves in a narrow definition, seed 002), but says so when the
    answers describe usual care (gebruikelijke zorg: household help a partner or a parent gives
    anyway) or help that is short and now and then.
    """
    too_heavy = wellbeing == constants.CheckWellbeing.TOO_HEAVY
    sometimes_heavy = wellbeing == constants.CheckWellbeing.SOMETIMES_HEAVY
    first = (TALK,) if too_heavy else ()
    if who == constants.CheckWho.NOBODY or (
        not tasks and frequency == constants.CheckFrequency.SOMETIMES
    ):
        return Outcome(
            verdict=NOT_A_CARER,
            suggestions=_ordered(first, (SHARE, OTHER_HELP, TALK)),
            heavy=too_heavy,
        )
    usual_care = who in (constants.CheckWho.PARTNER, constants.CheckWho.CHILD) and set(tasks) <= {
        constants.CheckTask.HOUSEHOLD
    }
    short_and_rare = (
        duration == constants.CheckDuration.SHORT
        and frequency == constants.CheckFrequency.SOMETIMES
    )
    if usual_care or short_and_rare:
        return Outcome(
            verdict=MAYBE,
            suggestions=_ordered(first, (CARER_SUPPORT, MEETINGS, TALK, REGISTER)),
            heavy=too_heavy,
            usual_care=usual_care,
        )
    if too_heavy:
        rest = (RESPITE, CARER_SUPPORT, PEER_SUPPORT, MEETINGS, REGISTER, APPRECIATION)
    elif sometimes_heavy:
        rest = (RESPITE, PEER_SUPPORT, MEETINGS, CARER_SUPPORT, REGISTER, APPRECIATION, TALK)
    else:
        rest = (REGISTER, APPRECIATION, PEER_SUPPORT, MEETINGS, CARER_SUPPORT, RESPITE, TALK)
    return Outcome(verdict=CARER, suggestions=_ordered(first, rest, (TALK,)), heavy=too_heavy)


def young_outcome(*, who: str, reason: str, tasks: list[str], frequency: str, wellbeing: str):
    """The outcome of the young carers' check (8 to 18).

    A young carer grows up with someone at home who is ill for a long time, has a disability,
    psychological problems or an addiction, whether or not they do much of the care. Helping
    at home without such a reason is just helping at home: the page says so kindly and still
    says where to go.
    """
    often_hard = wellbeing == constants.YoungWellbeing.OFTEN_HARD
    sometimes_hard = wellbeing == constants.YoungWellbeing.SOMETIMES_HARD
    first = (TALK, TRUSTED_ADULT, HELPLINE) if often_hard else ()
    if who == constants.YoungWho.NOBODY:
        return Outcome(
            verdict=NOT_A_CARER,
            suggestions=_ordered(first, (SHARE, TRUSTED_ADULT)),
            heavy=often_hard,
        )
    if reason == constants.YoungReason.NO_REASON:
        return Outcome(
            verdict=MAYBE,
            suggestions=_ordered(first, (TRUSTED_ADULT, TALK)),
            heavy=often_hard,
        )
    if sometimes_hard:
        rest = (YOUNG_MEETINGS, TRUSTED_ADULT, TALK, YOUNG_SUPPORT, REGISTER, APPRECIATION)
    else:
        rest = (YOUNG_MEETINGS, YOUNG_SUPPORT, APPRECIATION, REGISTER, TRUSTED_ADULT, TALK)
    return Outcome(verdict=CARER, suggestions=_ordered(first, rest), heavy=often_hard)


# --- The municipality a public page speaks about -----------------------------------------------


def active_municipalities() -> list[Municipality]:
    return list(Municipality.objects.filter(is_active=True).order_by("name"))


def public_municipality(*, slug: str, user, choices: list[Municipality]) -> Municipality | None:
    """The municipality chosen (``slug``), else the logged-in visitor's own, else the only one
    in ``choices`` (the active municipalities); None when the visitor has to choose."""
    by_slug = {m.slug: m for m in choices}
    if slug:
        return by_slug.get(slug)
    if user is not None and user.is_authenticated:
        for municipality in user.municipalities():
            if municipality.slug in by_slug:
                return by_slug[municipality.slug]
    if len(choices) == 1:
        return choices[0]
    return None


def social_map_queries(municipality: Municipality | None) -> dict[str, str]:
    """The query strings of the social map's search (``directory_public:search``) that the
    pages link to, for ``municipality`` (or the whole region when it is not known)."""
    where = {"municipality": municipality.slug} if municipality is not None else {}

    def query(**params) -> str:
        return "?" + urlencode({**params, **where})

    return {
        "respite_at_home": query(
            category=Category.RESPITE_AT_HOME, target_group=TargetGroup.CARERS
        ),
        "respite_daycare": query(category=Category.RESPITE_DAYCARE),
        "respite_stay": query(category=Category.RESPITE_STAY),
        "respite_volunteer": query(category=Category.RESPITE_VOLUNTEER),
        "peer_support": query(category=Category.PEER_SUPPORT, target_group=TargetGroup.CARERS),
        "carer_support": query(category=Category.CARER_SUPPORT, target_group=TargetGroup.CARERS),
        "carer_broker": query(category=Category.CARER_BROKER),
        "young_support": query(target_group=TargetGroup.YOUNG_CARERS),
        "everyone": query(),
    }


def calendar_queries() -> dict[str, str]:
    """The query strings of the activity calendar (``activities_public:calendar``)."""
    return {
        "carers": "?" + urlencode({"doelgroep": TargetGroup.CARERS}),
        "young_carers": "?" + urlencode({"doelgroep": TargetGroup.YOUNG_CARERS}),
    }


def municipality_by_slug(slug: str) -> Municipality | None:
    """The active municipality with this slug (a link's ``?gemeente=``), or None."""
    if not slug:
        return None
    return Municipality.objects.filter(is_active=True, slug=slug[:50]).first()
