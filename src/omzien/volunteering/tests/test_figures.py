import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.privacy.statistics import QUARTER, YEAR, Period
from omzien.testing.login import login_verified
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Organisation, Placement, VacancyResponse, VolunteerProfile
from omzien.volunteering.selectors.figures import volunteering_counts, volunteering_figures
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db
YEAR_2025 = Period(2025, YEAR)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def placement(heerde, *, start, confirmed=True, disputed=False, ended=None):
    response = ResponseFactory(
        vacancy__organisation__municipality=heerde,
        status=volunteering_constants.ResponseStatus.ACCEPTED,
    )
    return Placement.objects.create(
        municipality=heerde,
        response=response,
        vacancy=response.vacancy,
        profile=response.profile,
        start_date=start,
        ended_on=ended,
        status=volunteering_constants.PlacementStatus.ENDED
        if ended
        else volunteering_constants.PlacementStatus.RUNNING,
        started_confirmed_at=at(start) if confirmed else None,
        volunteer_disputed_at=at(start) if disputed else None,
    )


def test_each_figure_counts_what_its_definition_says(heerde, dalfsen):
    inside, before = (
        VolunteerProfileFactory(municipality=heerde),
        VolunteerProfileFactory(municipality=heerde),
    )
    VolunteerProfile.objects.filter(pk=inside.pk).update(created_at=at(datetime.date(2025, 3, 1)))
    VolunteerProfile.objects.filter(pk=before.pk).update(created_at=at(datetime.date(2024, 3, 1)))
    OrganisationFactory(
        municipality=heerde, status=volunteering_constants.OrganisationStatus.PENDING
    )
    approved = OrganisationFactory(municipality=heerde)
    Organisation.objects.filter(pk=approved.pk).update(created_at=at(datetime.date(2025, 1, 5)))
    VacancyFactory(
        organisation__municipality=heerde, first_published_at=at(datetime.date(2025, 2, 1))
    )
    VacancyFactory(
        organisation__municipality=heerde, first_published_at=at(datetime.date(2024, 2, 1))
    )
    proposed = ResponseFactory(
        vacancy__organisation__municipality=heerde,
        status=volunteering_constants.ResponseStatus.PROPOSED,
    )
    VacancyResponse.objects.filter(pk=proposed.pk).update(created_at=at(datetime.date(2025, 2, 2)))
    plain = ResponseFactory(vacancy__organisation__municipality=heerde)
    VacancyResponse.objects.filter(pk=plain.pk).update(created_at=at(datetime.date(2025, 2, 2)))
    placement(heerde, start=datetime.date(2025, 2, 1))  # match, running 3+ months by END
    placement(heerde, start=datetime.date(2025, 11, 1))  # match, not yet 3 months
    placement(heerde, start=datetime.date(2025, 2, 1), disputed=True)  # disputed: no match
    placement(heerde, start=datetime.date(2025, 2, 1), confirmed=False)  # never confirmed
    placement(heerde, start=datetime.date(2024, 1, 1), ended=datetime.date(2024, 2, 1))  # old
    placement(dalfsen, start=datetime.date(2025, 2, 1))  # another municipality
    figures = volunteering_counts(municipality=heerde, period=YEAR_2025)
    # Other factories create profiles, organisations and responses "now", after the period.
    assert figures.profiles_created == 1
    assert figures.vacancies_published == 1
    assert figures.responses == 1  # the proposal awaiting the volunteer does not count
    assert figures.matches == 2
    assert figures.running_after_three_months == 1
    assert figures.active_volunteers == 2
    assert figures.organisations == 1  # approved and registered by the end of the period
    assert figures.campaign_signups == 0


def test_figures_page_for_brokers_and_the_policy_advisor(
    broker_client, client, make_member, heerde
):
    response = broker_client.get(reverse("volunteering:figures"))
    assert response.status_code == 200
    assert "Koppelingen" in response.content.decode()
    broker_client.logout()
    login_verified(client, make_member(Role.POLICY_ADVISOR, heerde, totp=True))
    assert client.get(reverse("volunteering:figures")).status_code == 200
    client.logout()
    for role in (Role.CONSULTANT, Role.RESIDENT):
        user = make_member(role, heerde, totp=True)
        login_verified(client, user)
        assert client.get(reverse("volunteering:figures")).status_code == 403


@pytest.mark.parametrize("size", [2, 20])
def test_figures_page_runs_a_fixed_number_of_queries(
    broker_client, heerde, django_assert_num_queries, size
):
    from omzien.volunteering.tests.factories import HoursEntryFactory

    for _ in range(size):
        placement(heerde, start=timezone.localdate() - datetime.timedelta(days=100))
        HoursEntryFactory(
            placement__response__vacancy__organisation__municipality=heerde,
            date=timezone.localdate() - datetime.timedelta(days=100),
            status=volunteering_constants.HoursStatus.APPROVED,
        )
    broker_client.get(reverse("volunteering:figures"))
    # The hours per domain are one query more, whatever their number.
    with django_assert_num_queries(13):
        assert broker_client.get(reverse("volunteering:figures")).status_code == 200


def test_campaign_signups_in_the_period_are_counted(heerde):
    from omzien.volunteering.models import Campaign, CampaignSignup

    campaign = Campaign.objects.create(
        municipality=heerde,
        name="NL Doet",
        kind=volunteering_constants.CampaignKind.NL_DOET,
        description="Klussen",
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 3, 31),
    )
    task = VacancyFactory(
        organisation__municipality=heerde,
        kind=volunteering_constants.VacancyKind.ONE_OFF,
        campaign=campaign,
    )
    inside = CampaignSignup.objects.create(
        campaign=campaign, vacancy=task, name="A", email="a@example.org"
    )
    outside = CampaignSignup.objects.create(
        campaign=campaign, vacancy=task, name="B", email="b@example.org"
    )
    CampaignSignup.objects.filter(pk=inside.pk).update(created_at=at(datetime.date(2025, 3, 14)))
    CampaignSignup.objects.filter(pk=outside.pk).update(created_at=at(datetime.date(2024, 3, 14)))
    assert volunteering_counts(municipality=heerde, period=YEAR_2025).campaign_signups == 1


def test_figures_shown_to_brokers_follow_the_statistics_rule(heerde):
    """Issue 10, point 7: the broker's page showed counts of 1 and 2 as they were."""
    placement(heerde, start=datetime.date(2025, 2, 1))
    for day in (3, 4, 5, 6, 7, 8):
        profile = VolunteerProfileFactory(municipality=heerde)
        VolunteerProfile.objects.filter(pk=profile.pk).update(
            created_at=at(datetime.date(2025, 2, day))
        )
    figures = volunteering_figures(municipality=heerde, period=YEAR_2025)
    assert figures.matches.suppressed and figures.active_volunteers.suppressed
    assert figures.running_after_three_months.suppressed
    assert figures.organisations.value == 0  # zero is shown
    assert figures.profiles_created.value >= 6  # the placement's factory makes one more


def test_figures_page_shows_no_small_count(broker_client, heerde):
    placement(heerde, start=datetime.date(2025, 2, 1))
    response = broker_client.get(reverse("volunteering:figures"), {"period": "2025"})
    html = response.content.decode()
    assert "afgeschermd" in html
    assert response.context["figures"].matches.value is None
    assert ">1<" not in html


def test_a_quarter_cannot_be_subtracted_from_its_year(heerde):
    """Issue 10, point 5 for volunteering: matches in Q1 (1) are hidden and the year (9)
    minus Q2 to Q4 (8) does not give it away."""
    for month, n in ((2, 1), (5, 8)):
        for _ in range(n):
            placement(heerde, start=datetime.date(2025, month, 1))
    year = volunteering_figures(municipality=heerde, period=YEAR_2025).matches
    quarters = [
        volunteering_figures(municipality=heerde, period=Period(2025, QUARTER, n)).matches
        for n in range(1, 5)
    ]
    assert quarters[0].suppressed
    shown = [q.value for q in quarters if not q.suppressed]
    if not year.suppressed:
        assert not 0 < year.value - sum(shown) < 5


@pytest.mark.parametrize(
    "query", [{"end": "0001-01-01"}, {"end": "0001-12-31"}, {"period": "0001"}, {"period": "?"}]
)
def test_figures_page_never_fails_on_bad_dates(broker_client, query):
    """Issue 10, point 15: ``?end=0001-01-01`` was a server error."""
    response = broker_client.get(reverse("volunteering:figures"), query)
    assert response.status_code == 200
    assert response.context["figures"].period == Period.last_complete(timezone.localdate())
