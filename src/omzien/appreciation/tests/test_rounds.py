"""Setting up a round: each rule refuses at its boundary, copying, who may do it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.models import AgeBand, Round
from omzien.appreciation.selectors.rounds import band_text, round_rules
from omzien.appreciation.services.rounds import copy_round, create_round, update_round
from omzien.appreciation.tests.factories import AgeBandFactory, RoundFactory
from omzien.common.services import Actor, EditConflict
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

ADULT = {
    "min_age": 18,
    "max_age": None,
    "form": constants.AppreciationForm.BANK_TRANSFER,
    "amount": Decimal("100"),
}


def heerde_data(**changes) -> dict:
    data = {
        "year": 2026,
        "name": "Mantelzorgwaardering 2026",
        "opens_on": datetime.date(2026, 1, 1),
        "closes_on": datetime.date(2026, 12, 31),
        "payment_on": datetime.date(2026, 11, 15),
        "min_hours_per_week": Decimal("8"),
        "min_duration_months": 3,
        "residence_rule": constants.ResidenceRule.RECIPIENT,
        "per_recipient": constants.PerRecipient.ONE_CARER,
        "amount_mode": constants.AmountMode.FIXED,
        "debtor_iban": "NL91 ABNA 0417 1643 00",
    }
    return {**data, **changes}


@pytest.fixture
def actor(admin_heerde):
    return Actor(user=admin_heerde)


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def refused(heerde, actor, data=None, bands=None) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        create_round(
            municipality=heerde,
            data=data or heerde_data(),
            bands=[ADULT] if bands is None else bands,
            actor=actor,
        )
    assert not Round.objects.exists()
    return codes(caught.value)


def test_heerde_round_is_created_with_its_band_and_audited(heerde, actor):
    made = create_round(municipality=heerde, data=heerde_data(), bands=[ADULT], actor=actor)
    assert made.debtor_iban == "NL91ABNA0417164300"
    assert [band_text(b) for b in made.age_bands.all()] == [
        "18 jaar en ouder: €\u00a0100 per bankoverschrijving"
    ]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="appreciation.round", object_id=str(made.pk)
    ).exists()


def test_window_must_not_end_before_it_begins(heerde, actor):
    same_day = heerde_data(
        closes_on=datetime.date(2026, 1, 1), payment_on=datetime.date(2026, 1, 1)
    )
    create_round(municipality=heerde, data=same_day, bands=[ADULT], actor=actor)
    Round.objects.all().delete()
    assert refused(heerde, actor, heerde_data(closes_on=datetime.date(2025, 12, 31))) == {
        "closes_on": ["window"]
    }


def test_payment_date_not_before_the_opening(heerde, actor):
    assert refused(heerde, actor, heerde_data(payment_on=datetime.date(2025, 12, 31))) == {
        "payment_on": ["payment_date"]
    }


def test_bands_may_touch_but_not_overlap(heerde, actor):
    young = {
        "min_age": 12,
        "max_age": 17,
        "form": constants.AppreciationForm.VOUCHER,
        "amount": Decimal("25"),
    }
    create_round(municipality=heerde, data=heerde_data(), bands=[young, ADULT], actor=actor)
    Round.objects.all().delete()
    overlapping = {**young, "max_age": 18}
    assert refused(heerde, actor, bands=[overlapping, ADULT]) == {"age_bands": ["band_overlap"]}
    open_ended = {**young, "max_age": None}
    assert refused(heerde, actor, bands=[open_ended, ADULT]) == {"age_bands": ["band_overlap"]}


def test_band_upper_age_not_below_lower(heerde, actor):
    band = {**ADULT, "min_age": 18, "max_age": 17}
    assert refused(heerde, actor, bands=[band]) == {"age_bands": ["band_ages"]}


def test_a_round_needs_a_band(heerde, actor):
    assert refused(heerde, actor, bands=[]) == {"age_bands": ["no_bands"]}


@pytest.mark.parametrize(
    "form", [constants.AppreciationForm.BANK_TRANSFER, constants.AppreciationForm.VOUCHER]
)
def test_paid_forms_need_an_amount(heerde, actor, form):
    assert refused(heerde, actor, bands=[{**ADULT, "form": form, "amount": None}]) == {
        "age_bands": ["band_amount"]
    }
    assert refused(heerde, actor, bands=[{**ADULT, "form": form, "amount": Decimal("0")}]) == {
        "age_bands": ["band_amount"]
    }


def test_an_activity_has_no_amount(heerde, actor):
    activity = {"min_age": 0, "max_age": 11, "form": constants.AppreciationForm.ACTIVITY}
    assert refused(heerde, actor, bands=[{**activity, "amount": Decimal("10")}, ADULT]) == {
        "age_bands": ["band_activity_amount"]
    }
    made = create_round(
        municipality=heerde, data=heerde_data(), bands=[activity, ADULT], actor=actor
    )
    assert made.age_bands.count() == 2


@pytest.mark.parametrize(
    "mode", [constants.AmountMode.BUDGET_DIVIDED, constants.AmountMode.BASE_RAISED]
)
def test_budget_modes_need_a_budget(heerde, actor, mode):
    found = refused(heerde, actor, heerde_data(amount_mode=mode, max_amount=Decimal("200")))
    assert found == {"budget": ["budget"]}


def test_base_raised_needs_a_maximum_not_below_the_bands(heerde, actor):
    data = heerde_data(amount_mode=constants.AmountMode.BASE_RAISED, budget=Decimal("61000"))
    assert refused(heerde, actor, data) == {"max_amount": ["max_amount"]}
    assert refused(heerde, actor, {**data, "max_amount": Decimal("99.99")}) == {
        "max_amount": ["max_amount"]
    }
    made = create_round(
        municipality=heerde, data={**data, "max_amount": Decimal("100")}, bands=[ADULT], actor=actor
    )
    assert made.max_amount == Decimal("100")


def test_debtor_iban_checked_when_given(heerde, actor):
    assert refused(heerde, actor, heerde_data(debtor_iban="NL91ABNA0417164301")) == {
        "debtor_iban": ["iban"]
    }
    made = create_round(
        municipality=heerde, data=heerde_data(debtor_iban=""), bands=[ADULT], actor=actor
    )
    assert made.debtor_iban == ""


def test_name_unique_per_municipality_and_year(heerde, dalfsen, actor, make_member):
    create_round(municipality=heerde, data=heerde_data(), bands=[ADULT], actor=actor)
    with pytest.raises(ValidationError) as caught:
        create_round(municipality=heerde, data=heerde_data(), bands=[ADULT], actor=actor)
    assert codes(caught.value) == {"name": ["exists"]}
    create_round(municipality=heerde, data=heerde_data(year=2027), bands=[ADULT], actor=actor)
    other = Actor(user=make_member(Role.MUNICIPALITY_ADMIN, dalfsen))
    create_round(municipality=dalfsen, data=heerde_data(), bands=[ADULT], actor=other)
    assert Round.objects.count() == 3


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.APPRECIATION_OFFICER, Role.POLICY_ADVISOR])
def test_only_the_administrator_sets_up_a_round(heerde, make_member, role):
    with pytest.raises(PermissionDenied):
        create_round(
            municipality=heerde,
            data=heerde_data(),
            bands=[ADULT],
            actor=Actor(user=make_member(role, heerde)),
        )


def test_an_administrator_of_another_municipality_is_refused(heerde, dalfsen, make_member):
    round_ = RoundFactory(municipality=heerde)
    other = Actor(user=make_member(Role.MUNICIPALITY_ADMIN, dalfsen))
    with pytest.raises(PermissionDenied):
        update_round(round=round_, data={}, bands=[ADULT], actor=other, version=round_.version)
    with pytest.raises(PermissionDenied):
        copy_round(round=round_, actor=other)


def test_update_replaces_the_bands_and_refuses_a_stale_version(heerde, actor):
    round_ = RoundFactory(municipality=heerde)
    AgeBandFactory(round=round_)
    voucher = {
        "min_age": 18,
        "max_age": None,
        "form": constants.AppreciationForm.VOUCHER,
        "amount": Decimal("100"),
    }
    changed = update_round(
        round=round_,
        data={"household_cap": Decimal("200")},
        bands=[voucher],
        actor=actor,
        version=1,
    )
    assert changed.version == 2
    assert changed.household_cap == Decimal("200")
    assert list(changed.age_bands.values_list("form", flat=True)) == [
        constants.AppreciationForm.VOUCHER
    ]
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(round_.pk))
    assert event.reason == "household_cap,age_bands"
    with pytest.raises(EditConflict):
        update_round(
            round=round_, data={"household_cap": None}, bands=[ADULT], actor=actor, version=1
        )
    assert Round.objects.get(pk=round_.pk).household_cap == Decimal("200")


def test_a_refused_update_changes_nothing(heerde, actor):
    round_ = RoundFactory(municipality=heerde)
    AgeBandFactory(round=round_)
    with pytest.raises(ValidationError):
        update_round(round=round_, data={"name": "Anders"}, bands=[], actor=actor, version=1)
    round_.refresh_from_db()
    assert (round_.version, round_.age_bands.count()) == (1, 1)
    assert round_.name != "Anders"


def test_copy_is_the_same_rules_one_year_later(heerde, actor):
    source = RoundFactory(
        municipality=heerde,
        year=2028,
        name="Jonge mantelzorgers 2028",
        opens_on=datetime.date(2028, 2, 29),
        closes_on=datetime.date(2028, 5, 31),
        payment_on=datetime.date(2028, 6, 15),
        household_cap=Decimal("200"),
    )
    AgeBandFactory(
        round=source,
        min_age=4,
        max_age=17,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25"),
    )
    copy = copy_round(round=source, actor=actor)
    assert (copy.year, copy.name, copy.copied_from_id) == (
        2029,
        "Jonge mantelzorgers 2029",
        source.pk,
    )
    assert (copy.opens_on, copy.closes_on, copy.payment_on) == (
        datetime.date(2029, 2, 28),
        datetime.date(2029, 5, 31),
        datetime.date(2029, 6, 15),
    )
    assert copy.household_cap == Decimal("200")
    assert list(copy.age_bands.values_list("min_age", "max_age", "form", "amount")) == [
        (4, 17, constants.AppreciationForm.VOUCHER, Decimal("25.00"))
    ]
    with pytest.raises(ValidationError) as caught:
        copy_round(round=source, actor=actor)
    assert caught.value.code == "exists"
    assert Round.objects.count() == 2


def test_copy_adds_the_year_to_a_name_without_one(heerde, actor):
    source = RoundFactory(municipality=heerde, year=2026, name="Mantelzorgcompliment")
    AgeBandFactory(round=source)
    assert copy_round(round=source, actor=actor).name == "Mantelzorgcompliment 2027"


def test_rules_in_plain_dutch(heerde, settings):
    settings.LANGUAGE_CODE = "nl"
    round_ = RoundFactory(municipality=heerde, household_cap=Decimal("200"))
    AgeBandFactory(round=round_)
    AgeBandFactory(
        round=round_,
        min_age=12,
        max_age=17,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25"),
    )
    AgeBandFactory(
        round=round_, min_age=0, max_age=11, form=constants.AppreciationForm.ACTIVITY, amount=None
    )
    from django.utils import translation

    with translation.override("nl"):
        rules = round_rules(Round.objects.get(pk=round_.pk))
    assert rules["how_much"] == [
        "0 tot en met 11 jaar: een activiteit",
        "12 tot en met 17 jaar: een waardebon van €\u00a025",
        "18 jaar en ouder: €\u00a0100 per bankoverschrijving",
    ]
    assert rules["who"][:2] == [
        "Minimaal 8 uur per week, minimaal 3 maanden",
        "De zorgvrager woont in de gemeente",
    ]
    assert rules["how_many"] == [
        "Eén waardering per mantelzorger",
        "Eén waardering per zorgvrager",
        "Maximaal €\u00a0200 per huishouden",
    ]
    assert AgeBand.objects.count() == 3


def test_demo_rounds_follow_the_reference_and_load_once(heerde, dalfsen, make_member):
    from omzien.appreciation import demo

    make_member(Role.MUNICIPALITY_ADMIN, heerde)
    make_member(Role.MUNICIPALITY_ADMIN, dalfsen)
    assert demo.load() == {"rounds": 3, "shops": 2}
    assert demo.load() == {"rounds": 0, "shops": 0}
    dalfsen_round = Round.objects.get(municipality=dalfsen)
    assert dalfsen_round.household_cap == Decimal("200")
    assert list(dalfsen_round.age_bands.values_list("min_age", "form", "amount")) == [
        (0, constants.AppreciationForm.ACTIVITY, None),
        (12, constants.AppreciationForm.VOUCHER, Decimal("25.00")),
        (18, constants.AppreciationForm.VOUCHER, Decimal("100.00")),
    ]
    heerde_rounds = Round.objects.filter(municipality=heerde).order_by("opens_on")
    assert [(r.opens_on.month, r.closes_on.month, r.payment_on) for r in heerde_rounds] == [
        (1, 12, datetime.date(heerde_rounds[0].year, 11, 15)),
        (3, 5, datetime.date(heerde_rounds[0].year, 6, 15)),
    ]
