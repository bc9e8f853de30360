"""Every rule of the Heerde and Dalfsen settings (../shared/reference/instruments.md §5) refuses
at its boundary and accepts just inside it; duplicates are found through name variants,
accents and spacing."""

import datetime
from decimal import Decimal

import pytest

from omzien.appreciation import constants, rules
from omzien.appreciation.tests.factories import AgeBandFactory, ApplicationFactory, RoundFactory
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.dates import add_months
from omzien.tenants.tests.factories import LocalityFactory, PostcodeFactory

pytestmark = pytest.mark.django_db

YEAR = 2026
DAY = datetime.date(YEAR, 6, 15)


@pytest.fixture
def heerde_round(heerde):
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    round_ = RoundFactory(municipality=heerde, year=YEAR)
    AgeBandFactory(round=round_, min_age=18, amount=Decimal("100.00"))
    return round_


@pytest.fixture
def dalfsen_round(dalfsen):
    PostcodeFactory(code="7721", locality=LocalityFactory(municipality=dalfsen, name="Dalfsen"))
    round_ = RoundFactory(
        municipality=dalfsen, year=YEAR, household_cap=Decimal("200.00"), debtor_name="Dalfsen"
    )
    AgeBandFactory(round=round_, min_age=18, amount=Decimal("100.00"))
    AgeBandFactory(
        round=round_,
        min_age=12,
        max_age=17,
        form=constants.AppreciationForm.VOUCHER,
        amount=Decimal("25.00"),
    )
    AgeBandFactory(
        round=round_, min_age=0, max_age=11, form=constants.AppreciationForm.ACTIVITY, amount=None
    )
    return round_


def apply(round_, **kwargs):
    defaults = {
        "received_on": DAY,
        "date_of_birth": datetime.date(1960, 3, 1),
        "care_since": datetime.date(YEAR - 1, 1, 1),
    }
    if round_.municipality.name == "Dalfsen":
        defaults |= {"postcode": "7721 AB", "recipient_postcode": "7721 AC", "town": "Dalfsen"}
    return ApplicationFactory(round=round_, **(defaults | kwargs))


def codes(application) -> set[str]:
    return {result["code"] for result in rules.check(application)}


def test_a_good_application_passes_every_rule(heerde_round):
    assert rules.check(apply(heerde_round)) == []


def test_the_messages_are_dutch_and_say_whose_to_correct(heerde_round):
    results = rules.check(apply(heerde_round, hours_per_week=Decimal("2"), received_on=DAY))
    assert results == [
        {
            "code": constants.Check.HOURS,
            "message": "Er is minstens 8 uur zorg per week nodig; opgegeven is 2.",
            "applicant": True,
        }
    ]


@pytest.mark.parametrize(
    ("received_on", "inside"),
    [
        (datetime.date(YEAR - 1, 12, 31), False),
        (datetime.date(YEAR, 1, 1), True),
        (datetime.date(YEAR, 12, 31), True),
        (datetime.date(YEAR + 1, 1, 1), False),
    ],
)
def test_the_window_includes_its_first_and_last_day(heerde_round, received_on, inside):
    application = apply(heerde_round, received_on=received_on, care_since=datetime.date(2020, 1, 1))
    assert (constants.Check.OUTSIDE_WINDOW not in codes(application)) is inside


def test_heerde_age_18_on_the_day_it_came_in(heerde_round):
    eighteen_today = datetime.date(DAY.year - 18, DAY.month, DAY.day)
    assert constants.Check.AGE not in codes(apply(heerde_round, date_of_birth=eighteen_today))
    a_day_short = eighteen_today + datetime.timedelta(days=1)
    assert constants.Check.AGE in codes(apply(heerde_round, date_of_birth=a_day_short))
    assert constants.Check.AGE in codes(apply(heerde_round, date_of_birth=None))


@pytest.mark.parametrize(
    ("age", "form", "a_day_younger"),
    [
        (18, constants.AppreciationForm.BANK_TRANSFER, constants.AppreciationForm.VOUCHER),
        (12, constants.AppreciationForm.VOUCHER, constants.AppreciationForm.ACTIVITY),
        (0, constants.AppreciationForm.ACTIVITY, None),
    ],
)
def test_dalfsen_age_bands_meet_at_their_boundaries(dalfsen_round, age, form, a_day_younger):
    birthday = datetime.date(DAY.year - age, DAY.month, DAY.day)
    application = apply(dalfsen_round, date_of_birth=birthday)
    assert rules.application_band(application).form == form
    assert constants.Check.AGE not in codes(application)
    younger = apply(dalfsen_round, date_of_birth=birthday + datetime.timedelta(days=1))
    band = rules.application_band(younger)
    assert (band.form if band else None) == a_day_younger
    assert (constants.Check.AGE in codes(younger)) is (a_day_younger is None)


def test_hours_a_week_at_the_minimum_pass(heerde_round):
    assert constants.Check.HOURS not in codes(apply(heerde_round, hours_per_week=Decimal("8.0")))
    assert constants.Check.HOURS in codes(apply(heerde_round, hours_per_week=Decimal("7.9")))


def test_duration_of_exactly_three_months_passes(heerde_round):
    three_months = add_months(DAY, -3)
    assert constants.Check.DURATION not in codes(apply(heerde_round, care_since=three_months))
    one_day_short = three_months + datetime.timedelta(days=1)
    assert constants.Check.DURATION in codes(apply(heerde_round, care_since=one_day_short))


def test_heerde_the_care_recipient_lives_in_the_municipality(heerde_round, dalfsen_round):
    assert constants.Check.RESIDENCE not in codes(apply(heerde_round, postcode="7721 AB"))
    assert constants.Check.RESIDENCE in codes(apply(heerde_round, recipient_postcode="7721 AC"))
    # A postcode the reference data does not know lies in no municipality.
    assert constants.Check.RESIDENCE in codes(apply(heerde_round, recipient_postcode="9999 ZZ"))


@pytest.mark.parametrize(
    ("rule", "carer_in", "recipient_in", "passes"),
    [
        (constants.ResidenceRule.CARER, True, False, True),
        (constants.ResidenceRule.CARER, False, True, False),
        (constants.ResidenceRule.EITHER, False, True, True),
        (constants.ResidenceRule.EITHER, True, False, True),
        (constants.ResidenceRule.EITHER, False, False, False),
        (constants.ResidenceRule.NONE, False, False, True),
    ],
)
def test_residence_rules(heerde_round, dalfsen_round, rule, carer_in, recipient_in, passes):
    heerde_round.residence_rule = rule
    heerde_round.save()
    application = apply(
        heerde_round,
        postcode="8181 AB" if carer_in else "7721 AB",
        recipient_postcode="8181 AC" if recipient_in else "7721 AC",
    )
    assert (constants.Check.RESIDENCE not in codes(application)) is passes


def test_registration_required_a_registry_match_or_a_linked_carer(heerde_round, heerde):
    heerde_round.requires_registration = True
    heerde_round.save()
    born = datetime.date(1970, 4, 2)
    application = apply(heerde_round, first_name="Anna", last_name="de Vries", date_of_birth=born)
    assert constants.Check.NOT_REGISTERED in codes(application)
    CaregiverFactory(
        municipality=heerde, first_name="ANNA ", last_name="De  Vries", date_of_birth=born
    )
    assert constants.Check.NOT_REGISTERED not in codes(application)
    linked = apply(heerde_round, caregiver=CaregiverFactory(municipality=heerde))
    assert constants.Check.NOT_REGISTERED not in codes(linked)


def test_usual_and_paid_care_are_excluded_unless_the_round_counts_them(heerde_round):
    application = apply(heerde_round, usual_care=True, paid_care=True)
    assert {constants.Check.USUAL_CARE, constants.Check.PAID_CARE} <= codes(application)
    heerde_round.excludes_usual_care = heerde_round.excludes_paid_care = False
    heerde_round.save()
    application.round = heerde_round
    assert not {constants.Check.USUAL_CARE, constants.Check.PAID_CARE} & codes(application)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("José", "Jansen-de Vries"), ("jose", "jansen de  vries")),
        (("Anna", "de Vries"), (" ANNA", "De Vries ")),
        (("Zoë", "IJzerman"), ("Zoe", "ijzerman")),
    ],
)
def test_the_same_carer_twice_in_a_round_is_a_duplicate(heerde_round, first, second):
    born = datetime.date(1955, 7, 7)
    earlier = apply(heerde_round, first_name=first[0], last_name=first[1], date_of_birth=born)
    later = apply(heerde_round, first_name=second[0], last_name=second[1], date_of_birth=born)
    assert constants.Check.DUPLICATE_CARER in codes(later)
    assert constants.Check.DUPLICATE_CARER not in codes(earlier)  # the first one stays clean


def test_a_refused_or_withdrawn_earlier_application_is_no_duplicate(heerde_round):
    born = datetime.date(1955, 7, 7)
    earlier = apply(heerde_round, first_name="Piet", last_name="Bos", date_of_birth=born)
    later = apply(heerde_round, first_name="Piet", last_name="Bos", date_of_birth=born)
    assert constants.Check.DUPLICATE_CARER in codes(later)
    for status in (constants.ApplicationStatus.REFUSED, constants.ApplicationStatus.WITHDRAWN):
        type(earlier).objects.filter(pk=earlier.pk).update(status=status)
        assert constants.Check.DUPLICATE_CARER not in codes(later)


def test_a_carer_with_another_birthday_is_another_carer(heerde_round):
    apply(heerde_round, first_name="Piet", last_name="Bos", date_of_birth=datetime.date(1955, 7, 7))
    other = apply(
        heerde_round, first_name="Piet", last_name="Bos", date_of_birth=datetime.date(1956, 1, 1)
    )
    assert constants.Check.DUPLICATE_CARER not in codes(other)


def test_the_same_linked_carer_is_a_duplicate_whatever_the_name(heerde_round, heerde):
    carer = CaregiverFactory(municipality=heerde)
    apply(heerde_round, caregiver=carer, first_name="Anna")
    assert constants.Check.DUPLICATE_CARER in codes(
        apply(heerde_round, caregiver=carer, first_name="An")
    )


@pytest.mark.parametrize(
    ("per_recipient", "duplicate"),
    [
        (constants.PerRecipient.ONE_CARER, True),
        (constants.PerRecipient.DIVIDED, False),
        (constants.PerRecipient.ANY, False),
    ],
)
def test_one_carer_per_care_recipient(heerde_round, per_recipient, duplicate):
    heerde_round.per_recipient = per_recipient
    heerde_round.save()
    same = {"recipient_date_of_birth": datetime.date(1938, 2, 3)}
    apply(
        heerde_round,
        recipient_initials="J.A.",
        recipient_postcode="8181 AC",
        recipient_house_number="12a",
        **same,
    )
    later = apply(
        heerde_round,
        recipient_initials="ja",
        recipient_postcode="8181ac",
        recipient_house_number="12 A",
        **same,
    )
    assert (constants.Check.DUPLICATE_RECIPIENT in codes(later)) is duplicate


def test_dalfsen_household_cap_of_200_is_reached_exactly(dalfsen_round):
    home = {"postcode": "7721 AB", "house_number": "5"}
    first = apply(dalfsen_round, amount=Decimal("100.00"), **home)
    second = apply(dalfsen_round, amount=Decimal("100.00"), **{**home, "postcode": "7721ab"})
    assert constants.Check.HOUSEHOLD_CAP not in codes(first)
    assert constants.Check.HOUSEHOLD_CAP not in codes(second)  # 200: exactly the cap
    young = apply(dalfsen_round, amount=Decimal("25.00"), **home)
    assert constants.Check.HOUSEHOLD_CAP in codes(young)  # 225
    next_door = apply(dalfsen_round, amount=Decimal("100.00"), postcode="7721 AB", house_number="7")
    assert constants.Check.HOUSEHOLD_CAP not in codes(next_door)


def test_only_the_applicants_own_details_are_theirs_to_correct(heerde_round):
    born = datetime.date(1955, 7, 7)
    apply(heerde_round, first_name="Piet", last_name="Bos", date_of_birth=born)
    later = apply(
        heerde_round,
        first_name="Piet",
        last_name="Bos",
        date_of_birth=born,
        care_since=DAY,
        usual_care=True,
    )
    theirs = {r["code"]: r["applicant"] for r in rules.check(later)}
    assert theirs == {
        constants.Check.DURATION: True,
        constants.Check.USUAL_CARE: False,
        constants.Check.DUPLICATE_CARER: False,
    }
