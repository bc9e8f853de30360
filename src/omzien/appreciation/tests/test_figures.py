"""Figures of a round: small groups hidden, money only where its count is shown, the round
before to compare with, and the same figures as XLSX."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from omzien.appreciation import constants
from omzien.appreciation.selectors.figures import figures_xlsx, previous_round, round_figures
from omzien.appreciation.tests.factories import ApplicationFactory, RoundFactory
from omzien.caregivers.constants import AgeGroup
from omzien.tenants.tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db


def applications(round_, n, **kwargs):
    return [ApplicationFactory(round=round_, **kwargs) for _ in range(n)]


def test_counts_with_small_groups_hidden_and_money_behind_shown_counts(heerde):
    round_ = RoundFactory(municipality=heerde, year=2026, budget=Decimal("10000"))
    wapenveld = LocalityFactory(municipality=heerde, name="Wapenveld")
    applications(
        round_,
        6,
        status=constants.ApplicationStatus.PAID,
        amount=Decimal("100"),
        locality=wapenveld,
    )
    applications(
        round_,
        2,
        status=constants.ApplicationStatus.GRANTED,
        amount=Decimal("100"),
        channel=constants.Channel.PAPER,
    )
    applications(  # granted; the bank returned the payment, it is paid again
        round_, 1, status=constants.ApplicationStatus.PAYMENT_FAILED, amount=Decimal("100")
    )
    applications(
        round_, 5, status=constants.ApplicationStatus.REFUSED, refusal_reason=constants.Check.HOURS
    )
    applications(
        round_,
        1,
        status=constants.ApplicationStatus.REFUSED,
        refusal_reason=constants.Check.DURATION,
    )
    applications(round_, 3, status=constants.ApplicationStatus.WITHDRAWN)  # not counted
    applications(round_, 1, date_of_birth=datetime.date(2012, 1, 1))  # a young carer

    figures = round_figures(round_)
    assert figures.applications.value == 16
    assert figures.granted.value == 9
    assert figures.committed.value == Decimal("900.00")
    assert figures.paid.value == Decimal("600.00")
    assert figures.average.value == Decimal("100.00")
    assert figures.young_carers.suppressed  # one young carer
    status = dict(figures.by_status.rows)
    assert status[str(constants.ApplicationStatus.PAID.label)].value == 6
    assert status[str(constants.ApplicationStatus.GRANTED.label)].suppressed
    reasons = dict(figures.refused_by_reason.rows)
    # 5 and 1: the 1 is hidden, and so is a second part so the 1 cannot be worked out.
    assert reasons[str(constants.Check.DURATION.label)].suppressed
    assert reasons[str(constants.Check.HOURS.label)].suppressed
    assert figures.refused_by_reason.total.value == 6
    localities = dict(figures.by_locality.rows)
    assert localities["Wapenveld"].value == 6
    channels = dict(figures.by_channel.rows)
    assert channels[str(constants.Channel.PAPER.label)].suppressed


def test_money_is_hidden_with_its_count(heerde):
    round_ = RoundFactory(municipality=heerde)
    applications(round_, 2, status=constants.ApplicationStatus.PAID, amount=Decimal("100"))
    figures = round_figures(round_)
    assert figures.granted.suppressed
    assert figures.committed.suppressed and figures.paid.suppressed
    assert figures.average.suppressed
    assert str(figures.committed) == str(figures.granted)  # the one label for hidden figures


def test_the_round_before_is_compared_and_exported(heerde):
    before = RoundFactory(municipality=heerde, year=2025, name="Mantelzorgwaardering 2025")
    now = RoundFactory(
        municipality=heerde, year=2026, name="Mantelzorgwaardering 2026", copied_from=before
    )
    applications(before, 7, status=constants.ApplicationStatus.PAID, amount=Decimal("75"))
    applications(now, 9, status=constants.ApplicationStatus.GRANTED, amount=Decimal("100"))
    assert previous_round(now) == before
    figures = round_figures(now)
    assert figures.previous.granted.value == 7
    assert figures.previous.average.value == Decimal("75.00")

    sheet = load_workbook(BytesIO(figures_xlsx(figures))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1:] == ("Mantelzorgwaardering 2026", "Mantelzorgwaardering 2025")
    # The second line: granted applications, this round and the one before.
    assert rows[2][1:] == (9, 7)


def test_the_previous_round_is_found_without_a_copy_only_when_unambiguous(heerde):
    now = RoundFactory(municipality=heerde, year=2026)
    assert previous_round(now) is None
    only = RoundFactory(municipality=heerde, year=2025)
    assert previous_round(now) == only
    RoundFactory(municipality=heerde, year=2025)
    assert previous_round(now) is None


def test_newly_found_carers_by_age_group(heerde):
    round_ = RoundFactory(municipality=heerde, year=2026)
    received = datetime.date(2026, 6, 1)
    applications(
        round_,
        6,
        registration_offered=True,
        date_of_birth=datetime.date(1960, 1, 1),
        received_on=received,
    )
    applications(
        round_,
        5,
        registration_offered=True,
        date_of_birth=datetime.date(2009, 1, 1),
        received_on=received,
    )
    applications(round_, 4, date_of_birth=datetime.date(2009, 1, 1), received_on=received)
    by_age = dict(round_figures(round_).newly_found_by_age.rows)
    assert by_age[str(AgeGroup.ADULT.label)].value == 6
    assert by_age[str(AgeGroup.YOUNG.label)].value == 5  # 17 on the day it came in
    assert by_age[str(AgeGroup.YOUNG_ADULT.label)].value == 0
