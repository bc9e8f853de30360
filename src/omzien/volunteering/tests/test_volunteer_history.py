"""The broker's volunteer page shows the volunteer's whole history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.tests.factories import (
    CheckInFactory,
    PlacementFactory,
    ResponseFactory,
    SuggestionInvitationFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db


def history(profile, copy=0, broker=None):
    municipality = profile.municipality
    ResponseFactory(
        vacancy__organisation__municipality=municipality,
        vacancy__title=f"Eigen reactie {copy}",
        profile=profile,
    )
    ResponseFactory(
        vacancy__organisation__municipality=municipality,
        vacancy__title=f"Voorstel {copy}",
        profile=profile,
        status=volunteering_constants.ResponseStatus.PROPOSED,
        proposed_by=broker,
    )
    placement = PlacementFactory(
        response__vacancy__organisation__municipality=municipality,
        response__vacancy__title=f"Plaatsing {copy}",
        response__profile=profile,
        status=volunteering_constants.PlacementStatus.RUNNING,
        start_date=timezone.localdate() - datetime.timedelta(days=40),
    )
    CheckInFactory(
        placement=placement,
        due_on=timezone.localdate() - datetime.timedelta(days=10),
        done_on=timezone.localdate(),
        notes=f"Loopt prima {copy}",
    )
    CheckInFactory(placement=placement, due_on=timezone.localdate() - datetime.timedelta(days=1))
    SuggestionInvitationFactory(
        vacancy=VacancyFactory(
            organisation__municipality=municipality, title=f"Uitnodiging {copy}"
        ),
        profile=profile,
    )


def test_volunteer_page_shows_the_whole_history(broker_client, broker, heerde):
    profile = VolunteerProfileFactory(municipality=heerde)
    history(profile, broker=broker)
    html = broker_client.get(reverse("volunteering:volunteer_detail", args=[profile.pk])).content
    html = html.decode()
    for title in ("Eigen reactie 0", "Voorstel 0", "Plaatsing 0", "Uitnodiging 0", "Loopt prima 0"):
        assert title in html
    assert "voorgesteld door Mila Makelaar" in html
    event = AuditEvent.objects.get(
        action=AuditAction.VIEW, actor=broker, reason="volunteer history"
    )
    assert f"volunteering.volunteerprofile:{profile.pk}" in event.extra["shown"]
    assert any(item.startswith("volunteering.placement:") for item in event.extra["shown"])


def test_broker_records_a_check_in_from_the_volunteer_page(broker_client, heerde):
    profile = VolunteerProfileFactory(municipality=heerde)
    history(profile)
    check_in = profile.placements.get().check_ins.get(done_on__isnull=True)
    response = broker_client.post(
        reverse("volunteering:queue_check_in_done", args=[check_in.pk]),
        {"notes": "Gebeld", "back": "profile"},
    )
    assert response["Location"] == (
        reverse("volunteering:volunteer_detail", args=[profile.pk]) + "#placements-heading"
    )
    check_in.refresh_from_db()
    assert check_in.done_on is not None


def test_empty_history_says_so(broker_client, heerde):
    profile = VolunteerProfileFactory(municipality=heerde)
    html = broker_client.get(reverse("volunteering:volunteer_detail", args=[profile.pk])).content
    assert "Nog geen plaatsingen." in html.decode()


@pytest.mark.parametrize("copies", [1, 3])
def test_volunteer_page_runs_a_fixed_number_of_queries(
    broker_client, heerde, django_assert_max_num_queries, copies
):
    profile = VolunteerProfileFactory(municipality=heerde)
    for copy in range(copies):
        history(profile, copy)
    url = reverse("volunteering:volunteer_detail", args=[profile.pk])
    broker_client.get(url)
    with django_assert_max_num_queries(EXPECTED_QUERIES):
        assert broker_client.get(url).status_code == 200


# session, user, device, memberships, profile + audit, suggestions (up to 7 reads: the
# engine's sync reads one more when a vacancy changed just now),
# responses, check-ins, invitations, history audit
EXPECTED_QUERIES = 17
