"""The broker works off the work queue: welcome new volunteers, record due check-ins."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.common.services import Actor
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.errors import error_codes
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.selectors.queue import broker_work_queue
from omzien.volunteering.services.profiles import profile_mark_welcomed
from omzien.volunteering.services.responses import placement_check_in_done
from omzien.volunteering.tests.factories import (
    CheckInFactory,
    PlacementFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db
QUEUE = reverse("volunteering:work_queue")


def due_check_in(municipality):
    placement = PlacementFactory(
        response__vacancy__organisation__municipality=municipality,
        status=volunteering_constants.PlacementStatus.RUNNING,
    )
    return CheckInFactory(
        placement=placement, due_on=timezone.localdate() - datetime.timedelta(days=1)
    )


def test_welcomed_volunteer_leaves_the_list_and_is_audited(broker, heerde):
    newcomer = VolunteerProfileFactory(municipality=heerde, full_name="Nieuwe Nel")
    assert newcomer in broker_work_queue(actor=Actor(user=broker)).new_volunteers
    profile = profile_mark_welcomed(profile=newcomer, actor=Actor(user=broker))
    assert profile.welcomed_at is not None
    assert profile.welcomed_by == broker
    assert newcomer not in broker_work_queue(actor=Actor(user=broker)).new_volunteers
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, actor=broker, reason="welcomed", object_id=str(newcomer.pk)
    ).exists()


def test_welcomed_only_once(broker, heerde):
    newcomer = VolunteerProfileFactory(municipality=heerde)
    profile_mark_welcomed(profile=newcomer, actor=Actor(user=broker))
    with pytest.raises(ValidationError) as error:
        profile_mark_welcomed(profile=newcomer, actor=Actor(user=broker))
    assert error_codes(error.value) == {"__all__": ["already_welcomed"]}


def test_only_a_broker_of_the_municipality_welcomes(broker, epe):
    other = VolunteerProfileFactory(municipality=epe)
    with pytest.raises(PermissionDenied):
        profile_mark_welcomed(profile=other, actor=Actor(user=broker))


def test_welcomed_action_returns_to_the_section(broker_client, heerde):
    newcomer = VolunteerProfileFactory(municipality=heerde, full_name="Nieuwe Nel")
    html = broker_client.get(QUEUE).content.decode()
    assert reverse("volunteering:queue_welcomed", args=[newcomer.pk]) in html
    response = broker_client.post(reverse("volunteering:queue_welcomed", args=[newcomer.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}#q-new"
    newcomer.refresh_from_db()
    assert newcomer.welcomed_at is not None
    html = broker_client.get(QUEUE).content.decode()
    assert "Nieuwe Nel staat nu als verwelkomd genoteerd." in html
    assert reverse("volunteering:volunteer_detail", args=[newcomer.pk]) not in html
    assert "Klaar: elke nieuwe vrijwilliger" in html


def test_welcomed_action_404_for_another_municipality(broker_client, epe):
    other = VolunteerProfileFactory(municipality=epe)
    response = broker_client.post(reverse("volunteering:queue_welcomed", args=[other.pk]))
    assert response.status_code == 404


def test_broker_records_a_check_in(broker, heerde):
    check_in = due_check_in(heerde)
    done = placement_check_in_done(check_in=check_in, notes="Gaat goed.", actor=Actor(user=broker))
    assert done.done_on == timezone.localdate()
    assert done.done_by == broker
    assert broker_work_queue(actor=Actor(user=broker)).check_ins_due == []


def test_broker_of_another_municipality_may_not_record_a_check_in(broker, epe):
    check_in = due_check_in(epe)
    with pytest.raises(PermissionDenied):
        placement_check_in_done(check_in=check_in, notes="", actor=Actor(user=broker))


def test_check_in_action_returns_to_the_section(broker_client, heerde, epe):
    check_in = due_check_in(heerde)
    url = reverse("volunteering:queue_check_in_done", args=[check_in.pk])
    assert url in broker_client.get(QUEUE).content.decode()
    response = broker_client.post(url, {"notes": "Gebeld, gaat goed."})
    assert response["Location"] == f"{QUEUE}#q-checkins"
    check_in.refresh_from_db()
    assert check_in.notes == "Gebeld, gaat goed."
    assert "Klaar: er zijn geen evaluatiemomenten" in broker_client.get(QUEUE).content.decode()
    # Twice: refused, not recorded again.
    broker_client.post(url, {"notes": "Nog eens"})
    check_in.refresh_from_db()
    assert check_in.notes == "Gebeld, gaat goed."
    other = due_check_in(epe)
    response = broker_client.post(reverse("volunteering:queue_check_in_done", args=[other.pk]))
    assert response.status_code == 404


HTMX = {"HTTP_HX_REQUEST": "true"}


def test_with_htmx_only_the_row_changes_and_the_message_is_not_shown_twice(broker_client, heerde):
    newcomer = VolunteerProfileFactory(municipality=heerde, full_name="Nieuwe Nel")
    response = broker_client.post(
        reverse("volunteering:queue_welcomed", args=[newcomer.pk]), **HTMX
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert row.strip().startswith("<li") and 'role="status"' in row
    assert "Nieuwe Nel staat nu als verwelkomd genoteerd." in row
    newcomer.refresh_from_db()
    assert newcomer.welcomed_at is not None
    # The message was shown in the row: the next page does not repeat it.
    assert "verwelkomd genoteerd" not in broker_client.get(QUEUE).content.decode()


def test_with_htmx_a_refused_row_action_shows_the_list_with_the_reason(broker_client, heerde):
    check_in = due_check_in(heerde)
    url = reverse("volunteering:queue_check_in_done", args=[check_in.pk])
    response = broker_client.post(url, {"notes": "x" * 4001}, **HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{QUEUE}#q-checkins"
    check_in.refresh_from_db()
    assert check_in.done_on is None
    html = broker_client.get(QUEUE).content.decode()
    assert url in html  # the row is still there, with why it was not recorded
    assert "4000" in html
    response = broker_client.post(url, {"notes": "Gebeld."}, **HTMX)
    assert response.status_code == 200
    assert "Het contactmoment is vastgelegd." in response.content.decode()
