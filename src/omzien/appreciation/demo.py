"""Demo rounds: the Heerde and Dalfsen rules of the reference (instruments.md §5), set up
through the services by each municipality's demo administrator, and a shop per municipality.

Heerde: EUR 100 for carers of 18 and over by bank transfer, 8 hours a week for 3 months, the
care recipient lives in Heerde, one per care recipient, applications all year, paid in
November; young carers (4-17) have their own compliment with a spring window. Dalfsen: EUR 100
for 18+, a EUR 25 voucher for 12-17, an activity under 12, at most EUR 200 per household, paid
as a local merchants' voucher (so the 18+ band is a voucher too).
"""

import datetime
import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from omzien.accounts.constants import ContactChannel, Role
from omzien.accounts.models import Membership
from omzien.appreciation import codes, constants
from omzien.appreciation.models import (
    Application,
    ApplicationTransition,
    Invitation,
    Letter,
    PaymentBatch,
    Round,
    Shop,
    Voucher,
)
from omzien.appreciation.services.applications import decide, prefill, submit, submit_invitation
from omzien.appreciation.services.letters import record_decision_letters
from omzien.appreciation.services.payments import (
    create_batch,
    mark_paid,
    mark_sent,
    record_failure,
)
from omzien.appreciation.services.rounds import create_round
from omzien.appreciation.services.shops import create_shop
from omzien.appreciation.services.vouchers import issue_vouchers, redeem
from omzien.caregivers.models import Caregiver
from omzien.common.dates import age_on
from omzien.common.services import Actor
from omzien.demo.moments import office_hours
from omzien.demo.names import FIRST_NAMES, LAST_NAMES, POSTCODE_LETTER_PAIRS
from omzien.demo.registry import register_loader
from omzien.tenants.models import Municipality

VOUCHER_ISSUER = "Dalfsen Cadeaubon van de ondernemersvereniging"


def _rounds(year: int) -> dict[str, list[tuple[dict, list[dict]]]]:
    heerde = {
        "year": year,
        "name": f"Mantelzorgwaardering {year}",
        "opens_on": datetime.date(year, 1, 1),
        "closes_on": datetime.date(year, 12, 31),
        "payment_on": datetime.date(year, 11, 15),
        "min_hours_per_week": Decimal("8"),
        "min_duration_months": 3,
        "residence_rule": constants.ResidenceRule.RECIPIENT,
        "per_recipient": constants.PerRecipient.ONE_CARER,
        "amount_mode": constants.AmountMode.FIXED,
        "debtor_name": "Gemeente Heerde",
        "debtor_iban": "NL02ABNA0123456789",
        "debtor_bic": "ABNANL2A",
    }
    young = {
        **heerde,
        "name": f"Compliment jonge mantelzorgers {year}",
        "opens_on": datetime.date(year, 3, 1),
        "closes_on": datetime.date(year, 5, 31),
        "payment_on": datetime.date(year, 6, 15),
    }
    dalfsen = {
        **heerde,
        "name": f"Mantelzorgwaardering {year}",
        "household_cap": Decimal("200"),
        "debtor_name": "Gemeente Dalfsen",
    }
    adult_transfer = {
        "min_age": 18,
        "max_age": None,
        "form": constants.AppreciationForm.BANK_TRANSFER,
        "amount": Decimal("100"),
    }
    young_voucher = {
        "min_age": 4,
        "max_age": 17,
        "form": constants.AppreciationForm.VOUCHER,
        "amount": Decimal("25"),
        "description": "Demo: het bedrag van € 25 is een aanname; de bron noemt geen bedrag.",
    }
    return {
        "heerde": [(heerde, [adult_transfer]), (young, [young_voucher])],
        "dalfsen": [
            (
                dalfsen,
                [
                    {
                        "min_age": 0,
                        "max_age": 11,
                        "form": constants.AppreciationForm.ACTIVITY,
                        "description": "Een uitje voor jonge mantelzorgers",
                    },
                    {
                        "min_age": 12,
                        "max_age": 17,
                        "form": constants.AppreciationForm.VOUCHER,
                        "amount": Decimal("25"),
                        "description": VOUCHER_ISSUER,
                    },
                    {
                        "min_age": 18,
                        "max_age": None,
                        "form": constants.AppreciationForm.VOUCHER,
                        "amount": Decimal("100"),
                        "description": VOUCHER_ISSUER,
                    },
                ],
            )
        ],
    }


SHOPS = {"heerde": "Boekhandel Heerde", "dalfsen": "Bloemenzaak Dalfsen"}


# Demo applications per municipality: how many, and the postcode area the carers live in.
APPLICATIONS = {"heerde": (40, "8181"), "dalfsen": (15, "7721")}
# An application is decided when it has waited this many days (so the queue holds the recent
# ones), some days after it came in; early in the round the oldest few are granted today.
WAIT_DAYS = 14
DECISION_DAYS = (3, 12)
EARLY_GRANTS = 5
# Paper letters of decisions older than this were printed; the newer ones wait to be printed.
PRINT_DAYS = 7
# The payment run is made this many days before the payment day.
BATCH_DAYS = 10
RETURNED = "Rekening opgeheven (AC04): de bank stortte het bedrag terug."
STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Stationsweg", "Beukenlaan", "Veldweg"]


def _staff(municipality, role):
    membership = (
        Membership.objects.filter(municipality=municipality, role=role, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _person(rng: random.Random, index: int, pc4: str, town: str, today) -> dict:
    """Made-up details of one application; some fail a rule on purpose (too few hours, too
    short, usual care), as real rounds have."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    born = today - datetime.timedelta(days=rng.randint(25, 84) * 365 + rng.randint(0, 364))
    post = rng.random() < 0.3
    data = {
        "first_name": first,
        "last_name": last,
        "date_of_birth": born,
        "email": "" if post else f"{first.lower()}.waardering{index}@voorbeeld.test",
        "phone": f"0578-{rng.randint(100000, 999999)}",
        "street": rng.choice(STREETS),
        "house_number": str(rng.randint(1, 150)),
        "postcode": f"{pc4} {rng.choice(POSTCODE_LETTER_PAIRS)}",
        "town": town,
        "reach_by": "post" if post else "email",
        "recipient_initials": f"{rng.choice('ABCDEFGHJKLMNPRSTW')}.",
        "recipient_date_of_birth": today
        - datetime.timedelta(days=rng.randint(60, 95) * 365 + rng.randint(0, 364)),
        "recipient_postcode": f"{pc4} {rng.choice(POSTCODE_LETTER_PAIRS)}",
        "recipient_house_number": str(rng.randint(1, 150)),
        "relationship": rng.choice(list(constants.Relationship.values)),
        "hours_per_week": Decimal(rng.choice([4, 8, 10, 12, 16, 20, 30])),
        "care_since": today - datetime.timedelta(days=rng.randint(30, 6 * 365)),
        "usual_care": rng.random() < 0.05,
        "paid_care": False,
        "iban": "NL91ABNA0417164300",
        "account_holder": f"{first[0]}. {last}",
        "consent_registry": rng.random() < 0.6,
    }
    return data


def _registered_adults(municipality, today, count: int) -> list:
    carers = Caregiver.objects.filter(
        municipality=municipality, date_of_birth__isnull=False
    ).order_by("pk")[: count * 4]
    return [carer for carer in carers if age_on(carer.date_of_birth, today) >= 18][:count]


# Registered carers of each municipality who were invited and applied with their code.
INVITED = 4


def _invited(round_: Round, carers, rng: random.Random, today) -> list[Application]:
    """Registered carers who got an invitation letter and applied with its personal code: the
    invitation as ``letters.invite`` records it (only the code's hash is kept; the letter with
    the code went out on paper or by e-mail), then the prefilled form sent through
    ``submit_invitation``, as the public code page does."""
    made = []
    for index, carer in enumerate(carers):
        code = codes.new_code(10)
        invitation = Invitation.objects.create(
            round=round_,
            caregiver=carer,
            code_hash=codes.hash_code(code),
            sent_at=timezone.now() - datetime.timedelta(days=rng.randint(10, 40)),
        )
        person = _person(rng, 1000 + index, carer.postcode[:4] or "8181", carer.town, today)
        data = {**person, **prefill(carer)}
        data.setdefault("house_number", "1")
        try:
            made.append(
                submit_invitation(
                    invitation=invitation,
                    data=data,
                    actor=Actor(user=None),
                    submission_key=f"demo-invitation-{round_.pk}-{carer.pk}",
                )
            )
        except ValidationError:
            continue  # a registered carer whose details the form would not take
    return made


def _load_applications(round_: Round, slug: str) -> int:
    """Applications through the services, through every channel (the invitation code for a
    few registered carers), and some of them decided. Idempotent: a round with applications is
    left alone."""
    if Application.objects.filter(round=round_).exists():
        return 0
    officer = _staff(round_.municipality, Role.APPRECIATION_OFFICER)
    consultant = _staff(round_.municipality, Role.CONSULTANT)
    if officer is None or consultant is None:
        return 0
    total, pc4 = APPLICATIONS[slug]
    rng = random.Random(f"appreciation-{slug}-{round_.year}")  # noqa: S311 - demo data
    today = timezone.localdate()
    town = round_.municipality.name
    registered = _registered_adults(round_.municipality, today, total // 5 + INVITED)
    carers, invited = registered[: total // 5], registered[total // 5 :]
    made = []
    # Applications came in all through the round so far, not on one day (a day that follows
    # from the place in the list, so that the random choices stay as they were).
    span = (today - round_.opens_on).days + 1
    for index in range(total):
        data = _person(rng, index, pc4, town, today)
        received = today - datetime.timedelta(days=(index * 29) % span)
        kwargs = {
            "channel": constants.Channel.ONLINE,
            "actor": Actor(user=None),
            "received_on": received,
        }
        if index < len(carers):
            carer = carers[index]
            data = {**data, **prefill(carer)}
            if not data.get("house_number"):
                data["house_number"] = "1"
            kwargs = {
                "channel": constants.Channel.CONSULTANT,
                "actor": Actor(user=consultant),
                "caregiver": carer,
                "filled_in_by": constants.FilledInBy.STAFF,
                "received_on": received,
            }
        elif index % 4 == 0:
            days = min(rng.randint(1, 20), (today - round_.opens_on).days)
            kwargs = {
                "channel": constants.Channel.PAPER,
                "actor": Actor(user=officer),
                "filled_in_by": rng.choice(
                    [constants.FilledInBy.CARER, constants.FilledInBy.CARE_RECIPIENT]
                ),
                "received_on": today - datetime.timedelta(days=days),
            }
        elif index % 7 == 0:
            kwargs["filled_in_by"] = constants.FilledInBy.PROFESSIONAL
            kwargs["helper_name"] = "Sanne van de thuiszorg"
        try:
            made.append(
                submit(round=round_, data=data, submission_key=f"demo-{slug}-{index}", **kwargs)
            )
        except ValidationError:
            continue  # a registered carer whose details the form would not take
    made += _invited(round_, invited, rng, today)
    # The submission is in the log on the day the application came in (the service writes it
    # today).
    for application in made:
        ApplicationTransition.objects.filter(application=application, from_status="").update(
            created_at=office_hours(application.received_on)
        )
    _decide_and_settle(round_, made, officer, rng, today)
    return len(made)


def _decisions(made, rng: random.Random, today) -> list[tuple[Application, str, datetime.date]]:
    """(application, decision, day) for what the officer has decided so far, in the order of
    the days: each application that came in more than ``WAIT_DAYS`` ago, some days after it
    came in; one that failed a check is refused on the first rule it failed. Early in the
    round, when none has waited that long, the oldest few that passed are granted today.
    Sampled applications wait for their check."""
    decided = []
    for application in sorted(made, key=lambda a: (a.received_on, a.pk)):
        if application.sampled:
            continue
        target = (
            constants.ApplicationStatus.REFUSED
            if application.check_results
            else constants.ApplicationStatus.GRANTED
        )
        if application.received_on <= today - datetime.timedelta(days=WAIT_DAYS):
            day = application.received_on + datetime.timedelta(days=rng.randint(*DECISION_DAYS))
            decided.append((application, target, min(day, today)))
    granted = constants.ApplicationStatus.GRANTED
    if not any(target == granted for _application, target, _day in decided):
        passed = [a for a in made if not a.check_results and not a.sampled]
        decided += [(a, granted, today) for a in passed[:EARLY_GRANTS]]
    return sorted(decided, key=lambda item: (item[2], item[0].pk))


def _decide(application: Application, target: str, day, officer) -> None:
    """One decision, through the service, dated back to ``day``: the decision, its log row and
    the objection period that runs from it."""
    actor = Actor(user=officer)
    if target == constants.ApplicationStatus.GRANTED:
        decide(application=application, target=target, actor=actor)
    else:
        decide(
            application=application,
            target=target,
            actor=actor,
            reason=application.check_results[0]["code"],
            note="Demo: afgewezen op de eerste niet gehaalde regel.",
        )
    moment = office_hours(day)
    Application.objects.filter(pk=application.pk).update(
        decided_at=moment,
        objection_until=day + datetime.timedelta(days=application.round.objection_days),
    )
    ApplicationTransition.objects.filter(application=application, to_status=target).update(
        created_at=moment
    )


def _letters(round_: Round, officer, today) -> None:
    """The decision letters, through the service, each dated on its decision; paper letters
    of decisions more than ``PRINT_DAYS`` old were printed the day after, the recent ones wait
    on the print list."""
    record_decision_letters(round=round_, actor=Actor(user=officer))
    letters = Letter.objects.filter(application__round=round_)
    letters.update(created_at=F("decided_at"))
    letters.filter(
        channel=ContactChannel.POST,
        printed_at__isnull=True,
        decided_at__lt=office_hours(today - datetime.timedelta(days=PRINT_DAYS)),
    ).update(printed_at=F("decided_at") + datetime.timedelta(days=1))


def _date_paid(round_: Round, moment) -> None:
    ApplicationTransition.objects.filter(
        application__round=round_, to_status=constants.ApplicationStatus.PAID
    ).update(created_at=moment)


def _pay(round_: Round, officer, rng: random.Random, today) -> None:
    """The payment run before the payment day, through the services: the granted transfers in
    a batch made ``BATCH_DAYS`` before it and sent to the bank the next day, paid on the
    payment day; the bank returned one transfer three days later (an account closed), which
    is back with the officer."""
    actor = Actor(user=officer)
    try:
        batch = create_batch(round=round_, actor=actor, request_key="demo-payment-run")
    except ValidationError:
        return  # nothing granted in time for the run
    mark_sent(batch=batch, actor=actor)
    mark_paid(batch=batch, actor=actor, paid_on=round_.payment_on)
    made_on = round_.payment_on - datetime.timedelta(days=BATCH_DAYS)
    PaymentBatch.objects.filter(pk=batch.pk).update(
        created_at=office_hours(made_on),
        execution_date=round_.payment_on,
        sent_at=office_hours(made_on + datetime.timedelta(days=1)),
        paid_at=office_hours(round_.payment_on),
    )
    _date_paid(round_, office_hours(round_.payment_on))
    returned_on = round_.payment_on + datetime.timedelta(days=3)
    if returned_on < today:
        payment = rng.choice(list(batch.payments.order_by("pk")))
        record_failure(payment=payment, reason=RETURNED, actor=actor)
        ApplicationTransition.objects.filter(
            application=payment.application_id,
            to_status=constants.ApplicationStatus.PAYMENT_FAILED,
        ).update(created_at=office_hours(returned_on))


def _hand_out_vouchers(round_: Round, officer, rng: random.Random, today) -> None:
    """The vouchers of the grants so far, issued through the service ``BATCH_DAYS`` before
    the payment day; about half were spent since at the round's shop."""
    issued_on = round_.payment_on - datetime.timedelta(days=BATCH_DAYS)
    if not issue_vouchers(round=round_, actor=Actor(user=officer)):
        return
    Voucher.objects.filter(application__round=round_).update(issued_at=office_hours(issued_on))
    _date_paid(round_, office_hours(issued_on))
    shop = Shop.objects.filter(municipality=round_.municipality, active=True).order_by("pk").first()
    if shop is None:
        return
    for voucher in Voucher.objects.filter(application__round=round_).order_by("pk"):
        if rng.random() < 0.5:
            redeem(shop=shop, code=voucher.code)
            days = rng.randint(1, max(1, (today - issued_on).days - 1))
            Voucher.objects.filter(pk=voucher.pk).update(
                redeemed_at=office_hours(issued_on + datetime.timedelta(days=days))
            )


def _decide_and_settle(round_: Round, made, officer, rng: random.Random, today) -> None:
    """The year so far, in the order it happened: the decisions on the applications that have
    waited long enough and their letters; when the payment day has passed, the payment run
    (or the vouchers) for what was granted by then, and the decisions since, whose money waits
    for the next run."""
    decisions = _decisions(made, rng, today)
    run_on = round_.payment_on - datetime.timedelta(days=BATCH_DAYS)
    settled = round_.payment_on < today
    before = [item for item in decisions if settled and item[2] <= run_on]
    for application, target, day in before:
        _decide(application, target, day, officer)
    if before:
        _letters(round_, officer, today)
        transfers = round_.age_bands.filter(form=constants.AppreciationForm.BANK_TRANSFER)
        if transfers.exists():
            _pay(round_, officer, rng, today)
        else:
            _hand_out_vouchers(round_, officer, rng, today)
    for application, target, day in decisions[len(before) :]:
        _decide(application, target, day, officer)
    _letters(round_, officer, today)


def load() -> dict[str, int]:
    """Idempotent: a round or shop that exists by its name is left alone."""
    year = timezone.localdate().year
    counts = {"rounds": 0, "shops": 0}
    for slug, rounds in _rounds(year).items():
        municipality = Municipality.objects.get(slug=slug)
        admin = (
            Membership.objects.filter(
                municipality=municipality, role=Role.MUNICIPALITY_ADMIN, is_active=True
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if admin is None:
            continue
        actor = Actor(user=admin.user)
        for data, bands in rounds:
            if Round.objects.filter(
                municipality=municipality, year=data["year"], name=data["name"]
            ).exists():
                continue
            create_round(municipality=municipality, data=data, bands=bands, actor=actor)
            counts["rounds"] += 1
        if not Shop.objects.filter(municipality=municipality, name=SHOPS[slug]).exists():
            create_shop(municipality=municipality, name=SHOPS[slug], actor=actor)
            counts["shops"] += 1
    return counts


def load_applications() -> dict[str, int]:
    """Applications in this year's main round of Heerde and Dalfsen while it is open."""
    year = timezone.localdate().year
    made = 0
    for slug in APPLICATIONS:
        main = Round.objects.filter(
            municipality__slug=slug, year=year, name=f"Mantelzorgwaardering {year}"
        ).first()
        if main is not None and main.is_open_on(timezone.localdate()):
            made += _load_applications(main, slug)
    return {"applications": made}


register_loader("appreciation", load, after=["accounts", "caregivers"])
register_loader("appreciation_applications", load_applications, after=["appreciation"])
