"""Carer figures and the statistics rule (the rule itself: privacy/tests/test_statistics.py)."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver, Referral, Screening
from omzien.caregivers.selectors.figures import caregiver_counts, caregiver_stats
from omzien.caregivers.tests.factories import CaregiverFactory, ReferralFactory, ScreeningFactory
from omzien.privacy.statistics import MONTH, QUARTER, YEAR, Period, suppress, suppress_share
from omzien.testing.hypothesis import examples
from omzien.testing.login import login_verified

Outcome = caregivers_constants.ReferralOutcome
Q2 = Period(2025, QUARTER, 2)  # 1 April to 30 June 2025
IN_Q2 = datetime.date(2025, 5, 10)
HIDDEN = "afgeschermd"


def born(years: int) -> datetime.date:
    """A date of birth ``years`` before the end of Q2 2025."""
    return datetime.date(2025 - years, 3, 1)


def carer(municipality, **kwargs):
    kwargs.setdefault("registered_on", datetime.date(2025, 1, 15))
    return CaregiverFactory(municipality=municipality, **kwargs)


# --- What is left of the old rule's cases ----------------------------------------------------


def test_single_hidden_cell_next_to_a_total_hides_the_next_smallest():
    cells = suppress({"a": 3, "b": 12, "c": 10, "d": 20}, total=45, min_size=5)
    assert {key for key, figure in cells.items() if figure.suppressed} == {"a", "c"}
    assert cells["b"].value == 12 and cells["d"].value == 20


def test_unshown_small_rest_of_a_total_counts_as_hidden():
    # 20 - (8 + 9) = 3 people not broken down: that small rest must not be computable alone.
    cells = suppress({"a": 8, "b": 9}, total=20, min_size=5)
    assert [f.suppressed for f in cells.values()] == [True, False]


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown"),
    [
        (4, 50, None),  # numerator small
        (3, 4, None),  # denominator small
        (47, 50, None),  # the rest (3) is small: 94% would reveal it
        (5, 5, "100%"),  # 100% of 5: no one is set apart
        (10, 40, "25%"),
        (0, 0, None),
    ],
)
def test_shares(numerator, denominator, shown):
    figure = suppress_share(numerator, denominator, min_size=5)
    assert (None if figure.suppressed else str(figure)) == shown


# --- caregivers.selectors.figures ------------------------------------------------------------


@pytest.mark.django_db
def test_counts_per_age_group_and_intensive(heerde, dalfsen):
    for _ in range(3):
        carer(heerde, date_of_birth=born(12))
    carer(heerde, date_of_birth=born(20), intensive_contact=True)
    for _ in range(6):
        carer(heerde, date_of_birth=born(60), intensive_contact=True)
    carer(heerde, date_of_birth=None, status=caregivers_constants.CaregiverStatus.AFTERCARE)
    # Not counted: anonymised, merged away, another municipality, registered after the end.
    carer(heerde, anonymised_at=timezone.now(), status="anonymised")
    keep = carer(heerde, date_of_birth=born(40))
    carer(heerde, merged_into=keep, date_of_birth=born(40))
    carer(dalfsen, date_of_birth=born(60))
    carer(heerde, date_of_birth=born(60), registered_on=datetime.date(2025, 7, 1))
    counts = caregiver_counts(municipality=heerde, period=Period(2024, YEAR))
    assert counts["registered"] == {
        caregivers_constants.AgeGroup.YOUNG: 0,
        caregivers_constants.AgeGroup.YOUNG_ADULT: 0,
        caregivers_constants.AgeGroup.ADULT: 0,
    }  # everyone was registered after that year
    counts = caregiver_counts(municipality=heerde, period=Q2)
    assert counts["registered"] == {
        caregivers_constants.AgeGroup.YOUNG: 3,
        caregivers_constants.AgeGroup.YOUNG_ADULT: 1,
        caregivers_constants.AgeGroup.ADULT: 7,
    }
    assert counts["registered_total"] == 12  # with the carer without a date of birth
    assert counts["intensive"] == 7


@pytest.mark.django_db
def test_registrations_per_period_keep_anonymised_but_not_merged(heerde):
    for day in (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30), datetime.date(2025, 4, 1)):
        carer(heerde, registered_on=day)
    carer(heerde, registered_on=datetime.date(2025, 5, 15), anonymised_at=timezone.now())
    keep = carer(heerde, registered_on=datetime.date(2025, 2, 1))
    carer(heerde, registered_on=datetime.date(2025, 5, 2), merged_into=keep)
    carer(heerde, registered_on=datetime.date(2025, 3, 31))  # before Q2
    carer(heerde, registered_on=datetime.date(2025, 7, 1))  # after Q2
    counts = caregiver_counts(municipality=heerde, period=Q2)
    assert counts["registrations"] == 4
    over = counts["over_periods"]["registrations"]
    assert over[Period(2025, MONTH, 6)] == 2
    assert over[Period(2025, QUARTER, 1)] == 2
    assert over[Period(2025, YEAR)] == 7


@pytest.mark.django_db
def test_screenings_and_share_heavily_burdened_use_the_latest_screening(heerde):
    carers = [carer(heerde) for _ in range(6)]
    for index, person in enumerate(carers):
        # Earlier heavy result, latest result light for the first two.
        ScreeningFactory(
            caregiver=person, taken_on=datetime.date(2025, 4, 2), heavily_burdened=True
        )
        ScreeningFactory(
            caregiver=person, taken_on=datetime.date(2025, 6, 20), heavily_burdened=index >= 2
        )
    ScreeningFactory(
        caregiver=carers[0], taken_on=datetime.date(2025, 3, 31), heavily_burdened=True
    )  # before the period
    counts = caregiver_counts(municipality=heerde, period=Q2)
    assert counts["screenings_done"] == 12
    assert counts["carers_screened"] == 6
    assert counts["carers_with_latest_screening"] == 6
    assert counts["heavily_burdened"] == 4
    over = counts["over_periods"]
    assert over["carers_screened"][Period(2025, YEAR)] == 6  # distinct people, not a sum
    assert over["heavily_burdened"][Period(2025, MONTH, 4)] == 6


@pytest.mark.django_db
def test_referrals_by_target_and_outcome(heerde, dalfsen):
    person = carer(heerde)
    for _ in range(3):
        ReferralFactory(
            caregiver=person,
            target=caregivers_constants.ReferralTarget.RESPITE_CARE,
            referred_on=IN_Q2,
        )
    ReferralFactory(
        caregiver=person,
        target=caregivers_constants.ReferralTarget.GP,
        outcome=Outcome.STARTED,
        referred_on=IN_Q2,
    )
    ReferralFactory(
        caregiver=person,
        target=caregivers_constants.ReferralTarget.GP,
        referred_on=datetime.date(2025, 3, 31),
    )
    ReferralFactory(caregiver=carer(dalfsen), referred_on=IN_Q2)
    counts = caregiver_counts(municipality=heerde, period=Q2)
    assert counts["referrals_by_target"][caregivers_constants.ReferralTarget.RESPITE_CARE] == 3
    assert counts["referrals_by_target"][caregivers_constants.ReferralTarget.GP] == 1
    assert counts["referrals_by_target"][caregivers_constants.ReferralTarget.PEER_SUPPORT] == 0
    assert counts["referrals_by_outcome"] == {
        Outcome.PENDING: 3,
        Outcome.STARTED: 1,
        Outcome.DECLINED: 0,
        Outcome.WAITING_LIST: 0,
        Outcome.NOT_POSSIBLE: 0,
    }
    assert counts["referrals_total"] == 4
    assert counts["over_periods"]["referrals"][Period(2025, YEAR)] == 5


@pytest.mark.django_db
def test_stats_secondary_suppression_when_one_cell_is_small(heerde):
    person = carer(heerde)
    for target, n in (
        (caregivers_constants.ReferralTarget.RESPITE_CARE, 9),
        (caregivers_constants.ReferralTarget.PEER_SUPPORT, 6),
        (caregivers_constants.ReferralTarget.CARE_BROKER, 5),
        (caregivers_constants.ReferralTarget.NETWORK_COACH, 5),
        (caregivers_constants.ReferralTarget.WMO_CONSULTANT, 5),
        (caregivers_constants.ReferralTarget.GP, 5),
        (caregivers_constants.ReferralTarget.VOLUNTEER, 5),
        (caregivers_constants.ReferralTarget.OTHER_ORGANISATION, 2),
    ):
        for _ in range(n):
            ReferralFactory(
                caregiver=person, target=target, outcome=Outcome.STARTED, referred_on=IN_Q2
            )
    figures = caregiver_stats(municipality=heerde, period=Period(2025, YEAR))
    hidden = [label for label, f in figures.referrals_by_target.rows if f.suppressed]
    assert len(hidden) == 2  # "another organisation" (2) and the next smallest (a 5)
    assert str(caregivers_constants.ReferralTarget.OTHER_ORGANISATION.label) in hidden
    assert figures.referrals_by_target.total.value == 42
    # By outcome: 42 started and four zeros, all shown: a zero is nobody.
    assert [f.value for _label, f in figures.referrals_by_outcome.rows] == [0, 42, 0, 0, 0]
    # For a quarter only the number: kinds per quarter and per year could be subtracted.
    quarter = caregiver_stats(municipality=heerde, period=Q2)
    assert quarter.referrals_by_target is None and quarter.referrals_total.value == 42


@pytest.mark.django_db
def test_zero_is_shown_and_a_large_group_is_never_labelled_small(heerde):
    """Issue 10, point 6: "Geboortedatum onbekend" (always 0) was hidden as a small group and
    the 28 young adult carers were hidden with it, labelled "< 5"."""
    for years, n in ((30, 86), (21, 28)):
        for _ in range(n):
            carer(heerde, date_of_birth=born(years))
    figures = caregiver_stats(municipality=heerde, period=Q2)
    shown = dict(figures.registered.rows)
    assert shown[str(caregivers_constants.AgeGroup.YOUNG.label)].value == 0
    assert shown[str(caregivers_constants.AgeGroup.YOUNG_ADULT.label)].value == 28
    assert shown[str(caregivers_constants.AgeGroup.ADULT.label)].value == 86
    assert len(shown) == 3  # no row for an unknown date of birth: every channel asks for it
    assert figures.registered.total.value == 114


@pytest.mark.django_db
def test_a_group_hidden_to_protect_another_reads_hidden_not_less_than_five(heerde):
    for years, n in ((12, 2), (21, 28), (30, 86)):
        for _ in range(n):
            carer(heerde, date_of_birth=born(years))
    figures = caregiver_stats(municipality=heerde, period=Q2)
    young, young_adult, adult = (f for _label, f in figures.registered.rows)
    assert young.suppressed and young_adult.suppressed and adult.value == 86
    assert str(young_adult) == str(young) == HIDDEN


@pytest.mark.django_db
def test_intensive_contact_is_hidden_when_the_others_are_few(heerde):
    for index in range(12):
        carer(heerde, intensive_contact=index < 10)
    figures = caregiver_stats(municipality=heerde, period=Q2)
    assert figures.registered.total.value == 12
    assert figures.intensive.suppressed  # 12 − 10 = 2 carers without intensive contact


# --- Point 5: the same figures asked for nested periods -------------------------------------


@pytest.mark.django_db
def test_a_month_cannot_be_subtracted_from_its_quarter(heerde):
    """Issue 10, point 5: one screening in June is hidden in June, and the quarter does not
    give it away (April + May + June shown, or the quarter minus April and May)."""
    for month, n in ((4, 9), (5, 7), (6, 1)):
        for _ in range(n):
            ScreeningFactory(caregiver=carer(heerde), taken_on=datetime.date(2025, month, 3))
    shown = {}
    for period in [Period(2025, YEAR), *Period(2025, YEAR).children()] + Q2.children():
        figure = caregiver_stats(municipality=heerde, period=period).screenings_done
        if not figure.suppressed:
            shown[period] = figure.value
    assert Period(2025, MONTH, 6) not in shown
    for outer, value in shown.items():
        for inner in shown:
            if inner != outer and outer.contains(inner):
                assert not 0 < value - shown[inner] < 5, (outer, inner)
    inside_q2 = [shown.get(Period(2025, MONTH, m)) for m in (4, 5)]
    if Q2 in shown and None not in inside_q2:
        assert not 0 < shown[Q2] - sum(inside_q2) < 5


# --- The figures page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_policy_advisor_sees_suppressed_figures(client, make_member, heerde):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True, full_name="Bas Beleid")
    login_verified(client, advisor)
    carers = [carer(heerde, date_of_birth=born(12), intensive_contact=True) for _ in range(3)] + [
        carer(heerde, date_of_birth=born(50)) for _ in range(9)
    ]
    carers += [carer(heerde, date_of_birth=born(21)) for _ in range(8)]
    response = client.get(reverse("caregivers:figures"), {"period": "2025-Q2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert HIDDEN in html
    assert ">9<" in html and ">20<" in html
    assert ">3<" not in html and ">8<" not in html  # 3 young carers, and the 8 covering them
    figures = response.context["figures"]
    assert figures.period == Q2
    assert figures.intensive.value is None
    for person in carers:  # no carer is named or addressed on the figures page
        assert person.full_name not in html and person.email not in html


@pytest.mark.django_db
def test_figures_page_takes_fixed_periods_only(consultant_client, heerde):
    """Issue 10, point 5: any start and end day let two requests a day apart be subtracted.
    The page now ignores ``start`` and ``end`` and shows the last quarter that is over."""
    url = reverse("caregivers:figures")
    default = Period.last_complete(timezone.localdate())
    response = consultant_client.get(url, {"start": "2025-01-01", "end": "2025-05-09"})
    assert response.context["figures"].period == default
    for code, period in (
        ("2025-05", Period(2025, MONTH, 5)),
        ("2025-Q2", Q2),
        ("2024", Period(2024, YEAR)),
    ):
        response = consultant_client.get(url, {"period": code})
        assert response.context["figures"].period == period
        assert response.context["form"].is_valid()


@pytest.mark.django_db
def test_figures_page_kind_without_a_period_gives_the_last_one_that_is_over(consultant_client):
    today = timezone.localdate()
    url = reverse("caregivers:figures")
    for kind in (MONTH, QUARTER, YEAR):
        response = consultant_client.get(url, {"kind": kind})
        assert response.context["figures"].period == Period.last_complete(today, kind)
    # A period given names its own kind.
    response = consultant_client.get(url, {"kind": MONTH, "period": "2024"})
    assert response.context["figures"].period == Period(2024, YEAR)
    response = consultant_client.get(url, {"kind": "decade"})
    assert response.context["form"].errors["kind"]
    assert response.context["figures"].period == Period.last_complete(today)


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"period": "1999"}, {"period": "0001-12"}, {"period": "x"}])
def test_figures_page_refuses_a_bad_period_with_a_message(consultant_client, query):
    response = consultant_client.get(reverse("caregivers:figures"), query)
    assert response.status_code == 200
    assert "Vul een maand" in response.content.decode()
    assert response.context["figures"].period == Period.last_complete(timezone.localdate())


@pytest.mark.django_db
def test_figures_page_refuses_a_period_that_is_not_over(consultant_client):
    today = timezone.localdate()
    for code in (str(today.year), f"{today.year}-{today.month:02d}"):
        response = consultant_client.get(reverse("caregivers:figures"), {"period": code})
        assert response.status_code == 200
        assert response.context["form"].errors["period"]
        assert response.context["figures"].period.is_complete(today)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{"end": "0001-01-01"}, {"end": "0001-12-31"}, {"start": "0001-01-01"}]
)
def test_figures_page_never_fails_on_old_dates(consultant_client, query):
    """Issue 10, point 15: ``?end=0001-01-01`` and ``?end=0001-12-31`` were server errors."""
    assert consultant_client.get(reverse("caregivers:figures"), query).status_code == 200


@pytest.mark.django_db
def test_figures_page_shows_only_own_municipality(client, make_member, heerde, dalfsen):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    login_verified(client, advisor)
    for _ in range(9):
        carer(dalfsen, date_of_birth=born(50))
    response = client.get(
        reverse("caregivers:figures"), {"municipality": dalfsen.pk, "period": "2025-Q2"}
    )
    assert response.context["figures"].municipality == heerde
    assert response.context["figures"].registered.total.value == 0


@pytest.mark.django_db
def test_figures_page_runs_the_same_queries_at_two_sizes(consultant_client, heerde):
    url = reverse("caregivers:figures")
    query = {"period": "2025"}
    consultant_client.get(url, query)
    CaregiverFactory.create_batch(3, municipality=heerde)
    with CaptureQueriesContext(connection) as small:
        consultant_client.get(url, query)
    carers = [carer(heerde) for _ in range(30)]
    for person in carers:
        ScreeningFactory(caregiver=person, taken_on=IN_Q2)
        ReferralFactory(caregiver=person, referred_on=IN_Q2)
    with CaptureQueriesContext(connection) as large:
        consultant_client.get(url, query)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert Caregiver.objects.count() == 33


# --- Differencing the page's own figures, on random data -------------------------------------

YEAR_2025 = Period(2025, YEAR)
ALL_PERIODS = [YEAR_2025]
for _quarter in YEAR_2025.children():
    ALL_PERIODS += [_quarter, *_quarter.children()]


def disjoint(period, shown):
    """Every set of pairwise disjoint shown periods within ``period`` (itself included)."""
    options = [()] + ([(period,)] if period in shown else [])
    for combo in itertools.product(*(disjoint(c, shown) for c in period.children())):
        merged = tuple(p for part in combo for p in part)
        if merged:
            options.append(merged)
    return options


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    screenings=st.lists(
        st.tuples(st.integers(0, 7), st.integers(1, 12), st.booleans()), max_size=30
    ),
    referrals=st.lists(
        st.tuples(st.integers(1, 12), st.sampled_from(caregivers_constants.ReferralTarget.values)),
        max_size=30,
    ),
    registrations=st.lists(st.integers(1, 12), max_size=25),
)
def test_no_two_periods_a_role_can_ask_reveal_a_small_group(
    heerde, screenings, referrals, registrations
):
    """Issue 10, point 5, end to end: every figure of the carer page for every period of a
    year a policy advisor can ask; for each figure, a shown period minus any set of shown
    periods inside it (or, for distinct carers, minus one) is never a group of 1 to 4."""
    people = [carer(heerde, registered_on=datetime.date(2024, 6, 1)) for _ in range(8)]
    for month in registrations:
        carer(heerde, registered_on=datetime.date(2025, month, 11))
    for who, month, heavy in screenings:
        ScreeningFactory(
            caregiver=people[who], taken_on=datetime.date(2025, month, 5), heavily_burdened=heavy
        )
    for month, target in referrals:
        ReferralFactory(
            caregiver=people[0], target=target, referred_on=datetime.date(2025, month, 7)
        )
    stats = {p: caregiver_stats(municipality=heerde, period=p) for p in ALL_PERIODS}
    additive = {
        "registrations_total": True,
        "screenings_done": True,
        "referrals_total": True,
        "carers_screened": False,
    }
    for name, adds_up in additive.items():
        shown = {
            p: getattr(s, name).value for p, s in stats.items() if not getattr(s, name).suppressed
        }
        for outer, value in shown.items():
            if adds_up:  # every set of disjoint shown periods inside it
                combos = list(itertools.product(*(disjoint(c, shown) for c in outer.children())))
                combos = [tuple(p for part in combo for p in part) for combo in combos]
            else:  # distinct people do not add up: one period inside it at a time
                combos = [(p,) for p in shown if p != outer and outer.contains(p)]
            for combo in combos:
                rest = value - sum(shown[p] for p in combo)
                assert not 0 < rest < 5, (name, outer, combo, rest)
    year = stats[YEAR_2025]
    if not year.referrals_by_target.total.suppressed:
        rows = [f.value for _label, f in year.referrals_by_target.rows if not f.suppressed]
        assert not 0 < year.referrals_by_target.total.value - sum(rows) < 5
    for model in (Referral, Screening, Caregiver):  # Hypothesis runs examples in one test
        model.objects.all().delete()
