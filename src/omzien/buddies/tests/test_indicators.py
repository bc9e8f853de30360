import datetime

import pytest
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.buddies import constants
from omzien.buddies.tests.factories import PairFactory, ProgrammeFactory
from omzien.common import indicators
from omzien.privacy.statistics import QUARTER, Period

pytestmark = pytest.mark.django_db

Q3 = Period(2026, QUARTER, 3)


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_pairs_confirmed_in_the_quarter_and_running_at_its_end(heerde, dalfsen):
    programme = ProgrammeFactory(municipality=heerde)

    def pair(confirmed_on, ended_on=None, municipality_programme=programme):
        PairFactory(
            participant_a__programme=municipality_programme,
            participant_b__programme=municipality_programme,
            programme=municipality_programme,
            status=constants.PairStatus.CONFIRMED,
            confirmed_at=_at(confirmed_on),
            ended_on=ended_on,
        )

    pair(datetime.date(2026, 7, 1))
    pair(datetime.date(2026, 9, 30), ended_on=datetime.date(2026, 10, 5))
    pair(datetime.date(2026, 6, 30), ended_on=datetime.date(2026, 9, 30))  # ended within Q3
    pair(datetime.date(2026, 10, 1))  # after the quarter
    pair(datetime.date(2026, 8, 1), municipality_programme=ProgrammeFactory(municipality=dalfsen))
    values = indicators.compute(
        municipality=heerde, period=Q3, codes=["buddies.pairs_confirmed", "buddies.pairs_running"]
    )
    assert values["buddies.pairs_confirmed"].value == 2
    assert values["buddies.pairs_running"].value == 2


def test_the_figures_page_shows_the_indicators_with_small_numbers_hidden(
    heerde, client, make_member, django_assert_max_num_queries
):
    from django.urls import reverse

    from omzien.buddies.selectors import buddy_figures
    from omzien.privacy.statistics import MONTH, YEAR
    from omzien.testing.login import login_verified

    programme = ProgrammeFactory(municipality=heerde)
    for day in [datetime.date(2025, 3, 2 + n) for n in range(6)] + [datetime.date(2025, 5, 1)]:
        PairFactory(
            participant_a__programme=programme,
            participant_b__programme=programme,
            programme=programme,
            status=constants.PairStatus.CONFIRMED,
            confirmed_at=_at(day),
            ended_on=datetime.date(2025, 4, 1) if day.day == 2 else None,
        )
    march = buddy_figures(municipality=heerde, period=Period(2025, MONTH, 3))
    assert march.pairs_confirmed.value == 6
    assert march.pairs_running.value == 6
    # May's one pair is hidden, and with it a month that would give it away from the year.
    may = buddy_figures(municipality=heerde, period=Period(2025, MONTH, 5))
    assert may.pairs_confirmed.suppressed
    year = buddy_figures(municipality=heerde, period=Period(2025, YEAR)).pairs_confirmed
    first_quarter = buddy_figures(municipality=heerde, period=Period(2025, QUARTER, 1))
    assert year.suppressed or first_quarter.pairs_confirmed.suppressed  # else 7 - 6 = May
    assert may.pairs_running.value == 6  # the one of 2 March ended in April

    login_verified(client, make_member(Role.POLICY_ADVISOR, heerde, totp=True))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("buddies:figures"), {"kind": "month", "period": "2025-03"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bevestigde maatjeskoppels" in content
    numeric = "utrecht-table__cell--numeric-column utrecht-table__cell--numeric-data"
    assert f'<td class="utrecht-table__cell {numeric}">6</td>' in content
