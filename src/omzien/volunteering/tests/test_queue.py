import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import VacancyResponse, VolunteerProfile
from omzien.volunteering.selectors.queue import broker_work_queue
from omzien.volunteering.tests.factories import (
    CheckInFactory,
    OrganisationFactory,
    PlacementFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def old(days):
    return NOW - datetime.timedelta(days=days)


def fill_queue(heerde, copy=0):
    """One item for every list of the queue, plus items that must stay out."""
    suffix = f" {copy}" if copy else ""
    OrganisationFactory(
        municipality=heerde,
        name=f"Wacht op beoordeling{suffix}",
        status=volunteering_constants.OrganisationStatus.PENDING,
    )
    OrganisationFactory(municipality=heerde, name=f"Al goedgekeurd{suffix}")
    VacancyFactory(
        organisation__municipality=heerde,
        title="Ter beoordeling",
        status=volunteering_constants.VacancyStatus.AWAITING_REVIEW,
    )
    newcomer = VolunteerProfileFactory(municipality=heerde, full_name="Nieuwe Vrijwilliger")
    settled = VolunteerProfileFactory(municipality=heerde, full_name="Oude Vrijwilliger")
    VolunteerProfile.objects.filter(pk=settled.pk).update(created_at=old(90))
    VolunteerProfileFactory(municipality=heerde, full_name="Wil Begeleiding", wants_guidance=True)
    waiting = ResponseFactory(vacancy__organisation__municipality=heerde, profile=settled)
    VacancyResponse.objects.filter(pk=waiting.pk).update(created_at=old(8))
    ResponseFactory(vacancy__organisation__municipality=heerde)  # fresh: not in the queue
    placement = PlacementFactory(
        response__vacancy__organisation__municipality=heerde,
        status=volunteering_constants.PlacementStatus.RUNNING,
    )
    CheckInFactory(placement=placement, due_on=timezone.localdate() - datetime.timedelta(days=1))
    CheckInFactory(placement=placement, due_on=timezone.localdate() + datetime.timedelta(days=60))
    VacancyFactory(
        organisation__municipality=heerde, title="Niemand reageert", first_published_at=old(20)
    )
    return newcomer


def test_every_list_of_the_queue(broker, heerde):
    fill_queue(heerde)
    queue = broker_work_queue(actor=Actor(user=broker), now=NOW)
    assert [o.name for o in queue.organisations_to_review] == ["Wacht op beoordeling"]
    assert [v.title for v in queue.vacancies_to_review] == ["Ter beoordeling"]
    assert "Nieuwe Vrijwilliger" in [p.full_name for p in queue.new_volunteers]
    assert "Oude Vrijwilliger" not in [p.full_name for p in queue.new_volunteers]
    assert [p.full_name for p in queue.guidance_wanted] == ["Wil Begeleiding"]
    assert [r.profile.full_name for r in queue.unanswered_responses] == ["Oude Vrijwilliger"]
    assert len(queue.check_ins_due) == 1
    assert [v.title for v in queue.vacancies_without_responses] == ["Niemand reageert"]


def test_queue_shows_only_the_brokers_municipality(broker, heerde, epe):
    fill_queue(epe)
    assert broker_work_queue(actor=Actor(user=broker), now=NOW).total == 0


def test_volunteer_with_a_place_no_longer_waits_for_guidance(broker, heerde):
    profile = VolunteerProfileFactory(municipality=heerde, wants_guidance=True)
    ResponseFactory(
        vacancy__organisation__municipality=heerde,
        profile=profile,
        status=volunteering_constants.ResponseStatus.ACCEPTED,
    )
    assert broker_work_queue(actor=Actor(user=broker), now=NOW).guidance_wanted == []


@pytest.mark.parametrize("copies", [1, 10])
def test_queue_page_runs_a_fixed_number_of_queries(
    broker_client, heerde, django_assert_num_queries, copies
):
    for copy in range(copies):
        fill_queue(heerde, copy)
    broker_client.get(reverse("volunteering:work_queue"))
    # session, user, device, memberships, 7 lists, audit insert
    with django_assert_num_queries(12):
        response = broker_client.get(reverse("volunteering:work_queue"))
    assert response.status_code == 200
    assert "Wacht op beoordeling" in response.content.decode()


def test_queue_page_is_audited_and_for_brokers_only(
    broker_client, broker, client, make_member, heerde
):
    newcomer = VolunteerProfileFactory(municipality=heerde)
    assert broker_client.get(reverse("volunteering:work_queue")).status_code == 200
    event = AuditEvent.objects.get(
        action=AuditAction.VIEW, actor=broker, reason="broker work queue"
    )
    assert event.extra["shown"] == [f"volunteering.volunteerprofile:{newcomer.pk}"]
    broker_client.logout()
    for role in (Role.CONSULTANT, Role.RESIDENT, Role.ORGANISATION_MEMBER):
        user = make_member(role, heerde, totp=True)
        login_verified(client, user)
        assert client.get(reverse("volunteering:work_queue")).status_code == 403


def test_dashboard_shows_responses_waiting_and_placements(org_client, organisation):
    vacancy = VacancyFactory(organisation=organisation, title="Trainer")
    ResponseFactory(vacancy=vacancy)
    ResponseFactory(vacancy=vacancy, status=volunteering_constants.ResponseStatus.INTRODUCTION)
    ResponseFactory(
        vacancy=vacancy, status=volunteering_constants.ResponseStatus.PROPOSED
    )  # not yet visible
    PlacementFactory(response__vacancy=vacancy)
    html = org_client.get(reverse("volunteering:organisation_mine")).content.decode()
    assert "2 reacties wachten op uw antwoord" in html
    assert "1 plaatsing" in html
