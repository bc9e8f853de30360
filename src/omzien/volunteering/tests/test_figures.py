import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.testing.login import login_verified
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Organisation, Placement, VacancyResponse, VolunteerProfile
from omzien.volunteering.selectors.figures import volunteering_figures
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 6, 30)


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
    VolunteerProfile.objects.filter(pk=inside.pk).update(created_at=at(datetime.date(2026, 3, 1)))
    VolunteerProfile.objects.filter(pk=before.pk).update(created_at=at(datetime.date(2025, 3, 1)))
    OrganisationFactory(
        municipality=heerde, status=volunteering_constants.OrganisationStatus.PENDING
    )
    approved = OrganisationFactory(municipality=heerde)
    Organisation.objects.filter(pk=approved.pk).update(created_at=at(datetime.date(2026, 1, 5)))
    VacancyFactory(
        organisation__municipality=heerde, first_published_at=at(datetime.date(2026, 2, 1))
    )
    VacancyFactory(
        organisation__municipality=heerde, first_published_at=at(datetime.date(2025, 2, 1))
    )
    proposed = ResponseFactory(
        vacancy__organisation__municipality=heerde,
        status=volunteering_constants.ResponseStatus.PROPOSED,
    )
    VacancyResponse.objects.filter(pk=proposed.pk).update(created_at=at(datetime.date(2026, 2, 2)))
    plain = ResponseFactory(vacancy__organisation__municipality=heerde)
    VacancyResponse.objects.filter(pk=plain.pk).update(created_at=at(datetime.date(2026, 2, 2)))
    placement(heerde, start=datetime.date(2026, 2, 1))  # match, running 3+ months by END
    placement(heerde, start=datetime.date(2026, 5, 1))  # match, not yet 3 months
    placement(heerde, start=datetime.date(2026, 2, 1), disputed=True)  # disputed: no match
    placement(heerde, start=datetime.date(2026, 2, 1), confirmed=False)  # never confirmed
    placement(heerde, start=datetime.date(2025, 1, 1), ended=datetime.date(2025, 2, 1))  # old
    placement(dalfsen, start=datetime.date(2026, 2, 1))  # another municipality
    figures = volunteering_figures(municipality=heerde, start=START, end=END)
    # Other factories create profiles, organisations and responses "now", after the period.
    assert figures.profiles_created == 1
    assert figures.vacancies_published == 1
    assert figures.responses == 1  # the proposal awaiting the volunteer does not count
    assert figures.matches == 2
    assert figures.running_after_three_months == 1
    assert figures.active_volunteers == 2
    assert figures.organisations == 1  # approved and registered by the end of the period
    assert figures.campaign_signups == 0


def test_figures_page_for_brokers_only(broker_client, client, make_member, heerde):
    response = broker_client.get(reverse("volunteering:figures"))
    assert response.status_code == 200
    assert "Koppelingen" in response.content.decode()
    broker_client.logout()
    for role in (Role.CONSULTANT, Role.POLICY_ADVISOR, Role.RESIDENT):
        user = make_member(role, heerde, totp=True)
        login_verified(client, user)
        assert client.get(reverse("volunteering:figures")).status_code == 403


@pytest.mark.parametrize("size", [2, 20])
def test_figures_page_runs_a_fixed_number_of_queries(
    broker_client, heerde, django_assert_num_queries, size
):
    for _ in range(size):
        placement(heerde, start=timezone.localdate() - datetime.timedelta(days=100))
    broker_client.get(reverse("volunteering:figures"))
    with django_assert_num_queries(12):
        assert broker_client.get(reverse("volunteering:figures")).status_code == 200


def test_campaign_signups_in_the_period_are_counted(heerde):
    from omzien.volunteering.models import Campaign, CampaignSignup

    campaign = Campaign.objects.create(
        municipality=heerde,
        name="NL Doet",
        kind=volunteering_constants.CampaignKind.NL_DOET,
        description="Klussen",
        starts_on=START,
        ends_on=END,
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
    CampaignSignup.objects.filter(pk=inside.pk).update(created_at=at(datetime.date(2026, 3, 14)))
    CampaignSignup.objects.filter(pk=outside.pk).update(created_at=at(datetime.date(2025, 3, 14)))
    assert volunteering_figures(municipality=heerde, start=START, end=END).campaign_signups == 1
