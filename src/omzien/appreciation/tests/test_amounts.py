"""The amount modes at the close of a round, with the numbers of seed 002 (Dalfsen 2015: EUR 70
raised up to EUR 200 within a budget of EUR 61,000)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, Round
from omzien.appreciation.services.amounts import Claim, compute_amounts, settle_round
from omzien.appreciation.tests.factories import AgeBandFactory, ApplicationFactory, RoundFactory
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent


def seed_002(**kwargs) -> Round:
    settings = {
        "amount_mode": constants.AmountMode.BASE_RAISED,
        "budget": Decimal("61000"),
        "max_amount": Decimal("200"),
        "per_recipient": constants.PerRecipient.ANY,
    }
    return Round(**(settings | kwargs))


def claims(n: int, base: str = "70", **kwargs) -> list[Claim]:
    return [Claim(pk=pk, base=Decimal(base), **kwargs) for pk in range(1, n + 1)]


@pytest.mark.parametrize(
    ("n", "amount"),
    [
        (305, Decimal("200.00")),  # 61,000 / 305 = 200: exactly the maximum
        (250, Decimal("200.00")),  # 244 is more than the maximum
        (500, Decimal("122.00")),
        (871, Decimal("70.03")),  # 70.034...: rounded down to cents
        (1000, Decimal("70.00")),  # 61 < 70: the base is guaranteed, the budget is exceeded
    ],
)
def test_base_raised_with_the_seed_002_numbers(n, amount):
    amounts = compute_amounts(seed_002(), claims(n))
    assert set(amounts.values()) == {amount}
    assert len(amounts) == n


def test_base_raised_stays_within_the_budget_unless_the_base_exceeds_it():
    for n in (305, 500, 871):
        assert sum(compute_amounts(seed_002(), claims(n)).values()) <= Decimal("61000")
    assert sum(compute_amounts(seed_002(), claims(1000)).values()) == Decimal("70000")


def test_budget_divided_rounds_down_and_keeps_the_rest():
    round_ = Round(
        amount_mode=constants.AmountMode.BUDGET_DIVIDED, budget=Decimal("1000"), per_recipient="any"
    )
    amounts = compute_amounts(round_, claims(3, base="100"))
    assert set(amounts.values()) == {Decimal("333.33")}
    assert Decimal("1000") - sum(amounts.values()) == Decimal("0.01")


@given(n=st.integers(1, 400), budget=st.integers(1, 100_000))
def test_budget_divided_never_exceeds_the_budget(n, budget):
    round_ = Round(
        amount_mode=constants.AmountMode.BUDGET_DIVIDED, budget=Decimal(budget), per_recipient="any"
    )
    amounts = compute_amounts(round_, claims(n))
    total = sum(amounts.values())
    assert total <= Decimal(budget)
    assert Decimal(budget) - total < Decimal("0.01") * n  # at most a cent each left over


@pytest.mark.parametrize(
    ("exhausted", "amount"),
    [
        (constants.BudgetExhausted.LOWER_AMOUNT, Decimal("83.33")),
        (constants.BudgetExhausted.WAITING_LIST, Decimal("100.00")),
    ],
)
def test_fixed_with_a_budget_is_lowered_only_when_the_round_says_so(exhausted, amount):
    round_ = Round(
        amount_mode=constants.AmountMode.FIXED,
        budget=Decimal("250"),
        when_budget_exhausted=exhausted,
        per_recipient="any",
    )
    amounts = compute_amounts(round_, claims(3, base="100"))
    assert set(amounts.values()) == {amount}


def test_fixed_lowered_keeps_the_bands_in_proportion():
    round_ = Round(
        amount_mode=constants.AmountMode.FIXED,
        budget=Decimal("112.50"),
        when_budget_exhausted=constants.BudgetExhausted.LOWER_AMOUNT,
        per_recipient="any",
    )
    adult, young = Claim(pk=1, base=Decimal("100")), Claim(pk=2, base=Decimal("25"))
    assert compute_amounts(round_, [adult, young]) == {1: Decimal("90.00"), 2: Decimal("22.50")}


def test_divided_per_recipient_one_amount_split_among_its_carers():
    round_ = Round(
        amount_mode=constants.AmountMode.FIXED, per_recipient=constants.PerRecipient.DIVIDED
    )
    mother = "JA|1935-05-01|8181AC|3"
    rows = [
        Claim(pk=1, base=Decimal("100"), recipient_key=mother),
        Claim(pk=2, base=Decimal("100"), recipient_key="PB|1940-01-01|8181AD|9"),
        Claim(pk=3, base=Decimal("100"), recipient_key=mother),
        Claim(pk=4, base=Decimal("100"), recipient_key=mother),
    ]
    assert compute_amounts(round_, rows) == {
        1: Decimal("33.33"),
        2: Decimal("100.00"),
        3: Decimal("33.33"),
        4: Decimal("33.33"),
    }


def test_divided_per_recipient_counts_recipients_for_the_budget():
    round_ = seed_002(
        per_recipient=constants.PerRecipient.DIVIDED,
        budget=Decimal("600"),
        max_amount=Decimal("500"),
    )
    rows = [
        Claim(pk=1, base=Decimal("70"), recipient_key="A"),
        Claim(pk=2, base=Decimal("70"), recipient_key="A"),
        Claim(pk=3, base=Decimal("70"), recipient_key="B"),
    ]
    # Two recipients share 600: 300 each; A's 300 split between its two carers.
    assert compute_amounts(round_, rows) == {
        1: Decimal("150.00"),
        2: Decimal("150.00"),
        3: Decimal("300.00"),
    }


def test_the_household_cap_applies_to_the_final_amounts():
    round_ = seed_002(budget=Decimal("1200"), household_cap=Decimal("200"))
    rows = [
        Claim(pk=1, base=Decimal("70"), household_key="7721AB|5"),
        Claim(pk=2, base=Decimal("70"), household_key="7721AB|5"),
        Claim(pk=3, base=Decimal("70"), household_key="7721AB|7"),
    ]
    # 1200 / 3 = 400, held at the maximum of 200; the household at number 5 gets 200 in all.
    assert compute_amounts(round_, rows) == {
        1: Decimal("100.00"),
        2: Decimal("100.00"),
        3: Decimal("200.00"),
    }


# --- Settling a round -------------------------------------------------------------------------


@pytest.fixture
def closed_round(heerde):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    round_ = RoundFactory(
        municipality=heerde,
        opens_on=yesterday - datetime.timedelta(days=60),
        closes_on=yesterday,
        amount_mode=constants.AmountMode.BASE_RAISED,
        budget=Decimal("500"),
        max_amount=Decimal("200"),
    )
    AgeBandFactory(round=round_, min_age=18, amount=Decimal("70"))
    return round_


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.APPRECIATION_OFFICER, heerde)


@pytest.mark.django_db
def test_settle_writes_the_amounts_once(closed_round, officer):
    granted = [
        ApplicationFactory(
            round=closed_round, status=ApplicationStatus.GRANTED, amount=Decimal("70")
        )
        for _ in range(3)
    ]
    waiting = ApplicationFactory(
        round=closed_round, status=ApplicationStatus.WAITING_LIST, amount=Decimal("70")
    )
    activity = ApplicationFactory(
        round=closed_round,
        status=ApplicationStatus.GRANTED,
        form=constants.AppreciationForm.ACTIVITY,
        amount=None,
    )
    actor = Actor(user=officer)
    amounts = settle_round(round=closed_round, actor=actor)
    assert amounts == {a.pk: Decimal("166.66") for a in granted}
    stored = dict(Application.objects.values_list("pk", "amount"))
    assert [stored[a.pk] for a in granted] == [Decimal("166.66")] * 3
    assert stored[waiting.pk] == Decimal("70")
    assert stored[activity.pk] is None
    closed_round.refresh_from_db()
    assert closed_round.closed_at is not None
    assert AuditEvent.objects.filter(reason="appreciation round settled").count() == 1
    with pytest.raises(ValidationError) as refused:
        settle_round(round=closed_round, actor=actor)
    assert refused.value.code == "already_settled"
    assert dict(Application.objects.values_list("pk", "amount")) == stored


@pytest.mark.django_db
def test_settle_refuses_an_open_window_and_other_staff(closed_round, officer, make_member, dalfsen):
    with pytest.raises(PermissionDenied):
        settle_round(round=closed_round, actor=Actor(user=make_member(Role.CONSULTANT, dalfsen)))
    closed_round.closes_on = timezone.localdate()
    closed_round.save()
    with pytest.raises(ValidationError) as refused:
        settle_round(round=closed_round, actor=Actor(user=officer))
    assert refused.value.code == "round_open"
    assert Round.objects.get(pk=closed_round.pk).closed_at is None


# --- A grant after the settlement ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("settings", "band", "settled"),
    [
        # Seed 002: 3 granted share EUR 500 (166.66, under the maximum of 200).
        ({}, Decimal("70"), Decimal("166.66")),
        # Roosendaal: EUR 300 divided by 3.
        (
            {"amount_mode": constants.AmountMode.BUDGET_DIVIDED, "budget": Decimal("300")},
            Decimal("70"),
            Decimal("100.00"),
        ),
        # A fixed EUR 100 lowered to fit EUR 150 among 3: EUR 50 each.
        (
            {
                "amount_mode": constants.AmountMode.FIXED,
                "budget": Decimal("150"),
                "when_budget_exhausted": constants.BudgetExhausted.LOWER_AMOUNT,
            },
            Decimal("100"),
            Decimal("50.00"),
        ),
    ],
)
def test_a_grant_after_the_settlement_gets_the_settled_amount_of_its_band(
    closed_round, officer, settings, band, settled
):
    from omzien.appreciation.services.applications import decide, grant_passed

    for field, value in settings.items():
        setattr(closed_round, field, value)
    closed_round.save()
    closed_round.age_bands.update(amount=band)
    for _ in range(3):
        ApplicationFactory(round=closed_round, status=ApplicationStatus.GRANTED, amount=band)
    objected = ApplicationFactory(
        round=closed_round,
        status=ApplicationStatus.OBJECTED,
        amount=None,
        refusal_reason=constants.Check.HOURS,
    )
    late = ApplicationFactory(round=closed_round, status=ApplicationStatus.SUBMITTED, amount=band)
    actor = Actor(user=officer)
    settle_round(round=closed_round, actor=actor)
    assert closed_round.age_bands.get().settled_amount == settled

    # An objection upheld after the settlement: the carer gets what the others got.
    granted = decide(
        application=objected,
        target=ApplicationStatus.GRANTED,
        actor=actor,
        note="Uren alsnog aangetoond.",
    )
    assert granted.amount == settled
    # Granting the rest in one step after the settlement: the same.
    assert grant_passed(round=closed_round, actor=actor)["granted"] == 1
    late.refresh_from_db()
    assert (late.status, late.amount) == (ApplicationStatus.GRANTED, settled)
