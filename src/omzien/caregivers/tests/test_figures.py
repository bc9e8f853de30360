"""Carer figures and small-number suppression."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver
from omzien.caregivers.selectors.figures import UNKNOWN_AGE, caregiver_counts, caregiver_stats
from omzien.caregivers.tests.factories import CaregiverFactory, ReferralFactory, ScreeningFactory
from omzien.privacy.statistics import (
    Figure,
    breakdown,
    suppress,
    suppress_count,
    suppress_share,
    zero_filled,
)
from omzien.testing.login import login_verified

Outcome = caregivers_constants.ReferralOutcome


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


# --- privacy.statistics ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 1, 2, 3, 4])
def test_counts_below_five_are_shown_as_less_than_five(value):
    figure = suppress_count(value, min_size=5)
    assert figure.suppressed and figure.value is None
    assert str(figure) == "< 5"


def test_a_count_of_five_is_shown(settings):
    settings.OMZIEN_MIN_GROUP_SIZE = 5
    assert str(suppress_count(5)) == "5"
    assert str(suppress_count(4)) == "< 5"


def test_threshold_follows_the_setting(settings):
    settings.OMZIEN_MIN_GROUP_SIZE = 10
    assert str(suppress_count(9)) == "< 10"


def test_breakdown_without_total_suppresses_only_small_cells():
    cells = suppress({"a": 3, "b": 10, "c": 20}, min_size=5)
    assert [str(f) for f in cells.values()] == ["< 5", "10", "20"]


def test_single_hidden_cell_next_to_a_total_hides_the_next_smallest():
    cells = suppress({"a": 3, "b": 12, "c": 10, "d": 20}, total=45, min_size=5)
    assert {key for key, figure in cells.items() if figure.suppressed} == {"a", "c"}
    # Nothing hidden can be worked out: 45 - 12 - 20 = 13 is the sum of two hidden cells.
    assert cells["b"].value == 12 and cells["d"].value == 20


def test_zero_is_hidden_too_and_needs_a_partner():
    cells = suppress({"a": 0, "b": 7, "c": 9}, total=16, min_size=5)
    assert [f.suppressed for f in cells.values()] == [True, True, False]


def test_two_hidden_cells_need_no_further_suppression():
    cells = suppress({"a": 1, "b": 2, "c": 20, "d": 30}, total=53, min_size=5)
    assert [f.suppressed for f in cells.values()] == [True, True, False, False]


def test_ties_hide_the_first_of_the_smallest():
    cells = suppress({"a": 2, "b": 8, "c": 8}, total=18, min_size=5)
    assert [f.suppressed for f in cells.values()] == [True, True, False]


def test_nothing_hidden_nothing_extra():
    cells = suppress({"a": 5, "b": 8}, total=13, min_size=5)
    assert not any(f.suppressed for f in cells.values())


def test_unshown_small_rest_of_a_total_counts_as_hidden():
    # 20 - (8 + 9) = 3 people not broken down: that small rest must not be computable alone.
    cells = suppress({"a": 8, "b": 9}, total=20, min_size=5)
    assert [f.suppressed for f in cells.values()] == [True, False]


def test_unshown_large_rest_protects_a_hidden_cell():
    cells = suppress({"a": 2, "b": 9}, total=30, min_size=5)
    assert [f.suppressed for f in cells.values()] == [True, False]


def test_total_below_threshold_hides_everything():
    table = breakdown({"a": 1, "b": 3}, min_size=5)
    assert table.total.suppressed
    assert all(figure.suppressed for _, figure in table.rows)


def test_breakdown_rows_keep_labels_and_order():
    table = breakdown(
        {"x": 6, "y": 2, "z": 7}, labels={"x": "Ex", "y": "Why", "z": "Zed"}, min_size=5
    )
    assert [(label, str(f)) for label, f in table.rows] == [
        ("Ex", "< 5"),
        ("Why", "< 5"),
        ("Zed", "7"),
    ]
    assert str(table.total) == "15"


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown"),
    [
        (4, 50, None),  # numerator small
        (3, 4, None),  # denominator small
        (0, 3, None),
        (47, 50, None),  # the rest (3) is small: 94% would reveal it
        (5, 5, None),  # 100% reveals every screened carer's result
        (10, 40, "25%"),
        (5, 10, "50%"),
        (0, 0, None),
    ],
)
def test_shares(numerator, denominator, shown):
    figure = suppress_share(numerator, denominator, min_size=5)
    assert (None if figure.suppressed else str(figure)) == shown
    if figure.suppressed:
        assert figure.value is None


def test_figure_never_holds_a_suppressed_number():
    assert Figure(value=None, min_size=5).value is None
    assert suppress_count(3, min_size=5).value is None


def test_zero_filled_keeps_key_order():
    assert zero_filled(["a", "b", "c"], {"c": 2, "a": 1}) == {"a": 1, "b": 0, "c": 2}


# --- caregivers.stats ------------------------------------------------------------------------


@pytest.fixture
def period():
    end = timezone.localdate()
    return end - datetime.timedelta(days=365), end


@pytest.mark.django_db
def test_counts_per_age_group_and_intensive(heerde, dalfsen, period):
    start, end = period
    for _ in range(3):
        CaregiverFactory(municipality=heerde, date_of_birth=years_ago(12))
    CaregiverFactory(municipality=heerde, date_of_birth=years_ago(20), intensive_contact=True)
    for _ in range(6):
        CaregiverFactory(municipality=heerde, date_of_birth=years_ago(60), intensive_contact=True)
    CaregiverFactory(
        municipality=heerde,
        date_of_birth=None,
        status=caregivers_constants.CaregiverStatus.AFTERCARE,
    )
    # Not counted: anonymised, merged away, another municipality, registered after the end.
    CaregiverFactory(municipality=heerde, anonymised_at=timezone.now(), status="anonymised")
    keep = CaregiverFactory(municipality=heerde, date_of_birth=years_ago(40))
    CaregiverFactory(municipality=heerde, merged_into=keep, date_of_birth=years_ago(40))
    CaregiverFactory(municipality=dalfsen, date_of_birth=years_ago(60))
    counts = caregiver_counts(municipality=heerde, start=start, end=end - datetime.timedelta(1))
    assert counts["registered"] == {
        caregivers_constants.AgeGroup.YOUNG: 0,
        caregivers_constants.AgeGroup.YOUNG_ADULT: 0,
        caregivers_constants.AgeGroup.ADULT: 0,
        UNKNOWN_AGE: 0,
    }  # everyone was registered today, after that end date
    counts = caregiver_counts(municipality=heerde, start=start, end=end)
    assert counts["registered"] == {
        caregivers_constants.AgeGroup.YOUNG: 3,
        caregivers_constants.AgeGroup.YOUNG_ADULT: 1,
        caregivers_constants.AgeGroup.ADULT: 7,
        UNKNOWN_AGE: 1,
    }
    assert counts["registered_total"] == 12
    assert counts["intensive"] == 7


@pytest.mark.django_db
def test_registrations_per_month_keep_anonymised_but_not_merged(heerde):
    end = datetime.date(2025, 6, 30)
    for day in (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30), datetime.date(2024, 7, 1)):
        CaregiverFactory(municipality=heerde, registered_on=day)
    CaregiverFactory(
        municipality=heerde, registered_on=datetime.date(2025, 1, 15), anonymised_at=timezone.now()
    )
    keep = CaregiverFactory(municipality=heerde, registered_on=datetime.date(2025, 2, 1))
    CaregiverFactory(municipality=heerde, registered_on=datetime.date(2025, 2, 2), merged_into=keep)
    CaregiverFactory(municipality=heerde, registered_on=datetime.date(2024, 6, 30))  # too early
    CaregiverFactory(municipality=heerde, registered_on=datetime.date(2025, 7, 1))  # too late
    months = caregiver_counts(municipality=heerde, start=datetime.date(2025, 1, 1), end=end)[
        "registrations_per_month"
    ]
    assert list(months)[0] == datetime.date(2024, 7, 1)
    assert list(months)[-1] == datetime.date(2025, 6, 1)
    assert len(months) == 12
    assert months[datetime.date(2025, 6, 1)] == 2
    assert months[datetime.date(2024, 7, 1)] == 1
    assert months[datetime.date(2025, 1, 1)] == 1
    assert months[datetime.date(2025, 2, 1)] == 1
    assert sum(months.values()) == 5


@pytest.mark.django_db
def test_screenings_and_share_heavily_burdened_use_the_latest_screening(heerde, period):
    start, end = period
    carers = [CaregiverFactory(municipality=heerde) for _ in range(6)]
    for index, carer in enumerate(carers):
        # Earlier heavy result, latest result light for the first two.
        ScreeningFactory(
            caregiver=carer, taken_on=end - datetime.timedelta(days=100), heavily_burdened=True
        )
        ScreeningFactory(
            caregiver=carer, taken_on=end - datetime.timedelta(days=10), heavily_burdened=index >= 2
        )
    ScreeningFactory(
        caregiver=carers[0], taken_on=start - datetime.timedelta(days=1), heavily_burdened=True
    )  # before the period
    counts = caregiver_counts(municipality=heerde, start=start, end=end)
    assert counts["screenings_done"] == 12
    assert counts["carers_screened"] == 6
    assert counts["carers_with_latest_screening"] == 6
    assert counts["heavily_burdened"] == 4


@pytest.mark.django_db
def test_referrals_by_target_and_outcome(heerde, dalfsen, period):
    start, end = period
    carer = CaregiverFactory(municipality=heerde)
    for _ in range(3):
        ReferralFactory(caregiver=carer, target=caregivers_constants.ReferralTarget.RESPITE_CARE)
    ReferralFactory(
        caregiver=carer, target=caregivers_constants.ReferralTarget.GP, outcome=Outcome.STARTED
    )
    ReferralFactory(
        caregiver=carer,
        target=caregivers_constants.ReferralTarget.GP,
        referred_on=start - datetime.timedelta(days=1),
    )
    ReferralFactory(caregiver=CaregiverFactory(municipality=dalfsen))
    counts = caregiver_counts(municipality=heerde, start=start, end=end)
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


@pytest.mark.django_db
def test_stats_suppress_small_groups_with_secondary_suppression(heerde, period):
    start, end = period
    for _ in range(2):
        CaregiverFactory(municipality=heerde, date_of_birth=years_ago(12))
    for _ in range(6):
        CaregiverFactory(municipality=heerde, date_of_birth=years_ago(30))
    for _ in range(7):
        CaregiverFactory(municipality=heerde, date_of_birth=years_ago(70))
    figures = caregiver_stats(municipality=heerde, start=start, end=end)
    shown = dict(figures.registered.rows)
    young = shown[str(caregivers_constants.AgeGroup.YOUNG.label)]
    assert young.suppressed and young.value is None
    # Young adults (0) and "unknown" (0) are hidden as well: with the total of 15 shown,
    # at least two hidden cells mean no hidden number can be worked out by subtraction.
    assert sum(1 for f in shown.values() if f.suppressed) >= 2
    assert shown[str(caregivers_constants.AgeGroup.ADULT.label)].value == 13
    assert figures.registered.total.value == 15
    assert figures.intensive.suppressed
    assert figures.heavily_burdened_share.suppressed


@pytest.mark.django_db
def test_stats_secondary_suppression_when_one_cell_is_small(heerde, period):
    start, end = period
    carer = CaregiverFactory(municipality=heerde)
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
            ReferralFactory(caregiver=carer, target=target, outcome=Outcome.STARTED)
    figures = caregiver_stats(municipality=heerde, start=start, end=end)
    hidden = [label for label, f in figures.referrals_by_target.rows if f.suppressed]
    assert len(hidden) == 2  # "another organisation" (2) and the next smallest (a 5)
    assert str(caregivers_constants.ReferralTarget.OTHER_ORGANISATION.label) in hidden
    assert figures.referrals_by_target.total.value == 42
    # By outcome: 42 started and four zeros, all hidden, nothing to recover.
    outcome = dict(figures.referrals_by_outcome.rows)
    assert outcome[str(Outcome.STARTED.label)].value == 42


# --- The figures page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_policy_advisor_sees_suppressed_figures(client, make_member, heerde):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True, full_name="Bas Beleid")
    login_verified(client, advisor)
    carers = [
        CaregiverFactory(municipality=heerde, date_of_birth=years_ago(12), intensive_contact=True)
        for _ in range(3)
    ] + [CaregiverFactory(municipality=heerde, date_of_birth=years_ago(50)) for _ in range(8)]
    response = client.get(reverse("caregivers:figures"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt; 5" in html
    assert ">8<" in html and ">11<" in html
    assert ">3<" not in html
    figures = response.context["figures"]
    assert figures.intensive.value is None
    for carer in carers:  # no carer is named or addressed on the figures page
        assert carer.full_name not in html and carer.email not in html


@pytest.mark.django_db
def test_figures_page_period_form_refuses_an_end_before_the_start(consultant_client):
    response = consultant_client.get(
        reverse("caregivers:figures"), {"start": "2025-05-01", "end": "2025-01-01"}
    )
    assert response.status_code == 200
    assert "ligt vóór het begin" in response.content.decode()


@pytest.mark.django_db
def test_figures_page_shows_only_own_municipality(client, make_member, heerde, dalfsen):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    login_verified(client, advisor)
    for _ in range(9):
        CaregiverFactory(municipality=dalfsen, date_of_birth=years_ago(50))
    response = client.get(reverse("caregivers:figures"), {"municipality": dalfsen.pk})
    assert response.context["figures"].municipality == heerde
    assert response.context["figures"].registered.total.suppressed


@pytest.mark.django_db
def test_figures_page_runs_the_same_queries_at_two_sizes(consultant_client, heerde):
    url = reverse("caregivers:figures")
    consultant_client.get(url)
    CaregiverFactory.create_batch(3, municipality=heerde)
    with CaptureQueriesContext(connection) as small:
        consultant_client.get(url)
    carers = CaregiverFactory.create_batch(30, municipality=heerde)
    for carer in carers:
        ScreeningFactory(caregiver=carer)
        ReferralFactory(caregiver=carer)
    with CaptureQueriesContext(connection) as large:
        consultant_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert Caregiver.objects.count() == 33
