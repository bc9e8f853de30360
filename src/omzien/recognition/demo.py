# ruff: noqa: E501 (the demo's texts read best on one line each)
"""Demo volunteer prize of Heerde (seed 000 §1.1, *Vrijwilligersprijs en Pluim*): this year's
round open for nominations, with nominations in several states, two jury members (the policy
advisor as chair and the welfare worker) and the first scores; and last year's round,
announced, with a winner and two pluimen. Everything goes through the services (nominating,
checking, consent, scoring, awards), so the pages and the audit trail are what the application
itself writes; last year's dates are set back afterwards, as if it had been set up a year ago,
and its nominees' answers to the consent question use a link the demo made itself."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.registry import register_loader
from omzien.recognition import constants
from omzien.recognition.models import JuryMember, Nomination, NominationTransition, Round
from omzien.recognition.services import nominations, rounds, scoring
from omzien.recognition.services._common import token_hash
from omzien.tenants.models import Municipality

CRITERIA = [("Inzet en trouw", 2), ("Betekenis voor anderen", 2), ("Voorbeeld voor de buurt", 1)]

# (kind, nominee, organisation, why, nominator, e-mail)
THIS_YEAR = [
    (
        constants.NomineeKind.PERSON,
        "Gerda Jansen",
        "Voedselbank Heerde",
        "Gerda staat al twintig jaar elke zaterdag klaar om pakketten uit te delen, en kent iedereen bij naam.",
        "Piet de Vries",
        "piet.devries@example.nl",
    ),
    (
        constants.NomineeKind.GROUP,
        "De klusploeg van Wapenveld",
        "Dorpshuis Wapenveld",
        "Elke dinsdag repareren zij wat kapot is in het dorpshuis en bij ouderen thuis, zonder ooit nee te zeggen.",
        "Anja Bos",
        "anja.bos@example.nl",
    ),
    (
        constants.NomineeKind.PERSON,
        "Henk Mulder",
        "Buurtbus Heerde",
        "Henk rijdt al vijftien jaar op de buurtbus en maakt voor veel ouderen het verschil om er nog uit te komen.",
        "Truus Mulder",
        "truus.m@example.nl",
    ),
    (
        constants.NomineeKind.PERSON,
        "Fatima El Amrani",
        "Taalhuis Heerde",
        "Fatima helpt nieuwkomers elke week met Nederlands en gaat mee naar afspraken bij de gemeente.",
        "Karin Smit",
        "karin.smit@example.nl",
    ),
    (
        constants.NomineeKind.GROUP,
        "Natuurwerkgroep Veessen",
        "IVN Heerde",
        "De werkgroep houdt de uiterwaarden schoon en neemt schoolklassen mee op excursie.",
        "Jan Kamphuis",
        "jan.kamphuis@example.nl",
    ),
    (
        constants.NomineeKind.PERSON,
        "Bram Kok",
        "Voetbalvereniging Heerde",
        "Bram is betaald trainer bij de club en doet dat met veel plezier.",
        "Sanne Kok",
        "sanne.kok@example.nl",
    ),
    (
        constants.NomineeKind.PERSON,
        "Els van Dijk",
        "Zonnebloem afdeling Heerde",
        "Els bezoekt eenzame ouderen en organiseert elk jaar het uitje met de boot.",
        "Marja Post",
        "marja.post@example.nl",
    ),
    (
        constants.NomineeKind.PERSON,
        "Tom Hendriks",
        "Repair Café Heerde",
        "Tom repareert elke maand tientallen apparaten en leert anderen hoe het moet.",
        "Lies Hendriks",
        "lies.h@example.nl",
    ),
]
# What the broker did with each of this year's nominations, in order.
CHECKS = [
    "accepted",
    "accepted",
    "accepted",
    "accepted",
    "accepted",
    "rejected",
    "submitted",
    "submitted",
]

LAST_YEAR = [
    (
        constants.NomineeKind.PERSON,
        "Wilma Brouwer",
        "Humanitas Heerde",
        "Wilma is al dertig jaar maatje voor mensen die er alleen voor staan, en werkt nieuwe maatjes in.",
        "Gert Brouwer",
        "gert.b@example.nl",
        "winner",
    ),
    (
        constants.NomineeKind.GROUP,
        "Vrijwilligers van de Kringloop",
        "Kringloop Heerde",
        "Zij geven spullen een tweede leven en mensen met afstand tot werk een plek.",
        "Ria Vos",
        "ria.vos@example.nl",
        "pluim",
    ),
    (
        constants.NomineeKind.PERSON,
        "Ahmed Yilmaz",
        "Sportclub Heerde",
        "Ahmed traint elke week de G-teams en zorgt dat iedereen mee kan doen.",
        "Ineke Bakker",
        "ineke.b@example.nl",
        "pluim",
    ),
    (
        constants.NomineeKind.PERSON,
        "Joke Smit",
        "Bibliotheek Heerde",
        "Joke leest voor aan peuters en helpt ouderen met hun telefoon.",
        "Kees Smit",
        "kees.smit@example.nl",
        "",
    ),
]


def _user(email: str):
    return get_user_model().objects.filter(email=email).first()


def _setup(round_, team, chair, member) -> None:
    for name, weight in CRITERIA:
        rounds.criterion_add(round_=round_, name=name, weight=weight, actor=team)
    rounds.juror_add(round_=round_, user_id=chair.pk, is_chair=True, actor=team)
    rounds.juror_add(round_=round_, user_id=member.pk, is_chair=False, actor=team)


def _nominate(round_, rows) -> list[Nomination]:
    made = []
    for kind, nominee, organisation, why, nominator, email, *_rest in rows:
        made.append(
            nominations.nomination_submit(
                round_=round_,
                data={
                    "nominee_kind": kind,
                    "nominee_name": nominee,
                    "organisation_name": organisation,
                    "motivation": why,
                    "nominator_name": nominator,
                    "nominator_email": email,
                },
                actor=Actor(),
            )
        )
    return made


def _score(round_, juror_user, made, offset: int) -> None:
    juror = round_.jury.get(user=juror_user)
    criteria = list(round_.criteria.order_by("pk"))
    for index, nomination in enumerate(made):
        scoring.review_save(
            juror=juror,
            nomination=nomination,
            scores={
                criterion.pk: max(1, 9 - index - (offset + n) % 2)
                for n, criterion in enumerate(criteria)
            },
            motivation=f"{nomination.nominee_name}: een voorbeeld voor velen.",
            actor=Actor(user=juror_user),
        )


def _this_year(municipality, team, chair, member, today) -> int:
    round_ = rounds.round_create(
        municipality=municipality,
        data={
            "year": today.year,
            "nominations_open": today - datetime.timedelta(days=20),
            "nominations_close": today + datetime.timedelta(days=25),
            "announce_on": today + datetime.timedelta(days=60),
            "introduction": "Kent u een vrijwilliger of een groep vrijwilligers die een pluim verdient? Draag hen voor! De jury kiest de winnaar van de Vrijwilligersprijs en een paar pluimen.",
        },
        actor=team,
    )
    _setup(round_, team, chair, member)
    made = _nominate(round_, THIS_YEAR)
    for nomination, check in zip(made, CHECKS, strict=True):
        if check == "accepted":
            nominations.nomination_check(nomination=nomination, target=check, actor=team)
        elif check == "rejected":
            nominations.nomination_check(
                nomination=nomination,
                target=check,
                note="Betaalde kracht, geen vrijwilliger.",
                actor=team,
            )
    accepted = [n for n, check in zip(made, CHECKS, strict=True) if check == "accepted"]
    for nomination in accepted[:2]:
        nominations.consent_ask(
            nomination=nomination, email=f"genomineerde{nomination.pk}@example.nl", actor=team
        )
    _score(round_, chair, accepted[:3], 0)  # the chair has begun
    # Nominated over the weeks the round has been open; checked two days later.
    for index, nomination in enumerate(made):
        sent = round_.nominations_open + datetime.timedelta(days=(index * 3) % 18)
        _date(nomination, sent, min(today, sent + datetime.timedelta(days=2)))
    return len(made)


def _last_year(municipality, team, chair, member, today) -> int:
    year = today.year - 1
    round_ = rounds.round_create(
        municipality=municipality,
        data={
            "year": year,
            "nominations_open": today,
            "nominations_close": today + datetime.timedelta(days=1),
            "announce_on": today + datetime.timedelta(days=2),
        },
        actor=team,
    )
    _setup(round_, team, chair, member)
    made = _nominate(round_, LAST_YEAR)
    for nomination in made:
        nominations.nomination_check(nomination=nomination, target="accepted", actor=team)
        nominations.consent_ask(
            nomination=nomination, email=f"genomineerde{nomination.pk}@example.nl", actor=team
        )
        # The nominee's answer through a link the demo made (the mailed one is not kept).
        token = secrets.token_urlsafe(16)
        Nomination.objects.filter(pk=nomination.pk).update(consent_token_hash=token_hash(token))
        nominations.consent_answer(token=token, agree=True, actor=Actor())
    _score(round_, chair, made, 0)
    _score(round_, member, made, 1)
    for user in (chair, member):
        scoring.jury_submit(juror=round_.jury.get(user=user), actor=Actor(user=user))
    for nomination, row in zip(made, LAST_YEAR, strict=True):
        if row[-1]:
            nominations.nomination_award(nomination=nomination, target=row[-1], actor=team)
    Round.objects.filter(pk=round_.pk).update(
        nominations_open=datetime.date(year, 9, 1),
        nominations_close=datetime.date(year, 10, 15),
        announce_on=datetime.date(year, 11, 20),
        created_at=office_hours(datetime.date(year, 8, 15)),
    )
    for index, nomination in enumerate(made):
        sent = datetime.date(year, 9, 1) + datetime.timedelta(days=index * 5)
        _date(nomination, sent, sent + datetime.timedelta(days=3))
    # The jury handed in its scores after the nominations closed; the prizes at the
    # announcement.
    JuryMember.objects.filter(round=round_, submitted_at__isnull=False).update(
        submitted_at=office_hours(datetime.date(year, 10, 30))
    )
    NominationTransition.objects.filter(
        nomination__round=round_, to_status__in=constants.AWARDED
    ).update(created_at=office_hours(datetime.date(year, 11, 20)))
    return len(made)


def _date(nomination, sent: datetime.date, checked: datetime.date) -> None:
    """Date a nomination (the services stamp today): sent on ``sent``; checked, and the
    nominee asked for consent, on ``checked``."""
    Nomination.objects.filter(pk=nomination.pk).update(created_at=office_hours(sent))
    Nomination.objects.filter(pk=nomination.pk, consent_asked_at__isnull=False).update(
        consent_asked_at=office_hours(checked)
    )
    changes = NominationTransition.objects.filter(nomination=nomination)
    changes.filter(from_status="").update(created_at=office_hours(sent))
    changes.exclude(from_status="").update(created_at=office_hours(checked))


def load() -> dict[str, int]:
    """Idempotent: a municipality with a round already gets none."""
    municipality = Municipality.objects.filter(slug="heerde").first()
    if municipality is None or Round.objects.filter(municipality=municipality).exists():
        return {"recognition_nominations": 0}
    slug = municipality.slug
    broker = _user(f"makelaar.{slug}@omzien.test")
    chair = _user(f"beleid.{slug}@omzien.test")
    member = _user(f"welzijn.{slug}@omzien.test")
    if broker is None or chair is None or member is None:
        return {"recognition_nominations": 0}
    team = Actor(user=broker)
    today = timezone.localdate()
    made = _last_year(municipality, team, chair, member, today)
    made += _this_year(municipality, team, chair, member, today)
    return {"recognition_nominations": made}


register_loader("recognition", load, after=["accounts"])
