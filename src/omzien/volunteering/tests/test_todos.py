"""What the volunteer platform puts on the start page of a broker, an organisation and a
volunteer: counts of their own work only, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.volunteering import constants
from omzien.volunteering.tests.factories import (
    CheckInFactory,
    OrganisationFactory,
    PlacementFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def todos(response) -> dict[str, object]:
    return {
        str(todo.label): todo for section in response.context["sections"] for todo in section.todos
    }


def _work(municipality, organisation, n):
    for _ in range(n):
        OrganisationFactory(municipality=municipality, status=constants.OrganisationStatus.PENDING)
        VacancyFactory(organisation=organisation, status=constants.VacancyStatus.AWAITING_REVIEW)
        late = ResponseFactory(vacancy=VacancyFactory(organisation=organisation))
        type(late).objects.filter(pk=late.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=8)
        )
        placement = PlacementFactory(response__vacancy__organisation=organisation)
        CheckInFactory(placement=placement, due_on=TODAY - datetime.timedelta(days=1))
        VacancyFactory(organisation=organisation, publish_until=TODAY + datetime.timedelta(days=3))


def test_the_brokers_start_page_counts_the_work_of_their_municipality(
    heerde, dalfsen, organisation, broker_client
):
    _work(heerde, organisation, 2)
    _work(dalfsen, OrganisationFactory(municipality=dalfsen), 3)
    found = todos(broker_client.get(reverse("ui:dashboard")))
    assert found["Organisaties beoordelen"].count == 2
    assert found["Vacatures beoordelen"].count == 2
    assert found["Reacties die langer dan 7 dagen onbeantwoord zijn"].count == 2
    assert found["Plaatsingen die een evaluatiemoment nodig hebben"].count == 2
    assert found["Plaatsingen die een evaluatiemoment nodig hebben"].url.endswith("#q-checkins")


@pytest.mark.parametrize("n", [1, 5])
def test_the_brokers_start_page_runs_a_fixed_number_of_queries(
    heerde, organisation, broker_client, django_assert_num_queries, n
):
    _work(heerde, organisation, n)
    broker_client.get(reverse("ui:dashboard"))
    # session, user, device, memberships, five counts, and the counts of the social map's and
    # the newsletters' work (two each), and the volunteer prize's (one)
    with django_assert_num_queries(18):
        broker_client.get(reverse("ui:dashboard"))


def test_an_organisation_sees_its_waiting_responses_starting_placements_and_expiring_vacancies(
    heerde, organisation, org_client
):
    _work(heerde, organisation, 2)
    ResponseFactory(vacancy=VacancyFactory(organisation=OrganisationFactory(municipality=heerde)))
    found = todos(org_client.get(reverse("ui:dashboard")))
    assert found["Reacties die op uw antwoord wachten"].count == 2
    assert found["Plaatsingen die binnenkort beginnen of nog geen startdatum hebben"].count == 2
    assert found["Vacatures waarvan de publicatie binnen twee weken afloopt"].count == 2


def test_a_resident_gets_a_next_step_and_then_their_responses(heerde, make_member, client):
    resident = make_member(Role.RESIDENT, heerde)
    client.force_login(resident)
    found = todos(client.get(reverse("ui:dashboard")))
    assert found["Maak uw vrijwilligersprofiel"].url == reverse("volunteering:profile_mine")

    profile = VolunteerProfileFactory(municipality=heerde, user=resident)
    ResponseFactory(profile=profile, municipality=heerde)
    ResponseFactory(profile=profile, municipality=heerde, status=constants.ResponseStatus.PROPOSED)
    PlacementFactory(response__profile=profile, response__municipality=heerde)
    found = todos(client.get(reverse("ui:dashboard")))
    assert found["Uw lopende reacties"].count == 2
    assert found["Voorstellen van het vrijwilligerssteunpunt om te beantwoorden"].count == 1
    assert found["Uw vrijwilligerswerk"].count == 1
    assert "Maak uw vrijwilligersprofiel" not in found
