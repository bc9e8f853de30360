import pytest
from django.test import RequestFactory
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.common.request_id import reset_request_id, set_request_id
from omzien.common.services import Actor
from omzien.privacy.audit import audit_log, audit_read
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AppendOnlyError, AuditEvent
from omzien.tenants.models import Locality

pytestmark = pytest.mark.django_db


def test_audit_log_records_who_what_which_and_request(make_member, heerde):
    user = make_member(Role.CONSULTANT, heerde)
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.7")
    request.id = "req-12345678"
    event = audit_log(
        action=AuditAction.VIEW,
        actor=user,
        obj=user,
        municipality=heerde,
        request=request,
        reason="contactmoment",
    )
    assert event.actor == user
    assert event.actor_label == user.email
    assert event.object_type == "accounts.user"
    assert event.object_id == str(user.pk)
    assert event.municipality == heerde
    assert event.request_id == "req-12345678"
    assert event.ip_address == "10.0.0.7"
    assert event.reason == "contactmoment"


def test_audit_log_takes_request_id_from_context_without_request(heerde):
    token = set_request_id("ctx-request-id")
    try:
        event = audit_log(action=AuditAction.VIEW, municipality=heerde)
    finally:
        reset_request_id(token)
    assert event.request_id == "ctx-request-id"


def _shown(event) -> list[str]:
    return event.extra["shown"]


def test_a_list_read_names_the_readers_one_municipality(make_member, heerde):
    reader = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    rows = list(reader.memberships.all())
    audit_read(Actor(user=reader), reason="staff list", shown=rows, municipalities=[heerde])
    event = AuditEvent.objects.get(reason="staff list")
    assert event.municipality == heerde
    assert _shown(event) == [f"accounts.membership:{rows[0].pk}"]


def test_a_list_read_of_a_reader_of_two_municipalities_goes_to_each(make_member, heerde, dalfsen):
    """Each privacy officer sees who read its residents' rows, and not another's rows."""
    reader = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    in_heerde = MembershipFactory(municipality=heerde)
    in_dalfsen = MembershipFactory(municipality=dalfsen)
    audit_read(
        Actor(user=reader),
        reason="staff list",
        shown=[in_heerde, in_dalfsen],
        municipalities=[dalfsen, heerde],
        extra={"page": 1},
    )
    events = {e.municipality: e for e in AuditEvent.objects.filter(reason="staff list")}
    assert _shown(events[heerde]) == [f"accounts.membership:{in_heerde.pk}"]
    assert _shown(events[dalfsen]) == [f"accounts.membership:{in_dalfsen.pk}"]
    assert events[heerde].extra["page"] == 1 and events[heerde].actor == reader
    assert len(events) == 2


def test_a_list_read_of_rows_without_a_loaded_municipality_asks_once_per_model(
    make_member, heerde, dalfsen, django_assert_num_queries
):
    """A row whose municipality column is not loaded (deferred here; a child row such as a
    carer's contact moment has none of its own) goes to its municipality through the model's
    tenant_field, with one query for the whole list rather than one per row."""
    reader = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    made = [
        Locality.objects.create(municipality=municipality, name=f"Dorp {n}")
        for n, municipality in enumerate([heerde, dalfsen, heerde])
    ]
    rows = list(Locality.objects.filter(pk__in=[row.pk for row in made]).defer("municipality"))
    # One query finds the municipalities, one inserts the two events.
    with django_assert_num_queries(2):
        audit_read(
            Actor(user=reader), reason="villages", shown=rows, municipalities=[heerde, dalfsen]
        )
    events = {e.municipality: e for e in AuditEvent.objects.filter(reason="villages")}
    assert set(events) == {heerde, dalfsen}
    assert _shown(events[heerde]) == [
        f"tenants.locality:{made[0].pk}",
        f"tenants.locality:{made[2].pk}",
    ]
    assert _shown(events[dalfsen]) == [f"tenants.locality:{made[1].pk}"]


def test_an_empty_list_read_of_a_reader_of_two_municipalities_is_one_event(
    make_member, heerde, dalfsen
):
    reader = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    audit_read(Actor(user=reader), reason="staff list", municipalities=[dalfsen, heerde])
    event = AuditEvent.objects.get(reason="staff list")
    assert event.municipality is None and _shown(event) == []


def test_audit_events_are_append_only(heerde):
    event = audit_log(action=AuditAction.VIEW, municipality=heerde)
    event.reason = "gewijzigd"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.reason == ""


def test_admin_browses_own_municipality_events(admin_client, heerde, dalfsen):
    audit_log(action=AuditAction.LOGIN_FAILED, municipality=heerde, actor_label="a@heerde.test")
    audit_log(action=AuditAction.LOGIN_FAILED, municipality=dalfsen, actor_label="b@dalfsen.test")
    response = admin_client.get(reverse("privacy:audit_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "a@heerde.test" in html
    assert "b@dalfsen.test" not in html


def test_admin_filters_events(admin_client, heerde):
    audit_log(action=AuditAction.LOGIN_FAILED, municipality=heerde, actor_label="fout@heerde.test")
    audit_log(action=AuditAction.VIEW, municipality=heerde, actor_label="kijker@heerde.test")
    response = admin_client.get(reverse("privacy:audit_list"), {"action": "login_failed"})
    html = response.content.decode()
    assert "fout@heerde.test" in html and "kijker@heerde.test" not in html
    response = admin_client.get(reverse("privacy:audit_list"), {"actor": "kijker"})
    html = response.content.decode()
    assert "kijker@heerde.test" in html and "fout@heerde.test" not in html


def test_bad_filter_dates_get_a_dutch_error(admin_client):
    response = admin_client.get(
        reverse("privacy:audit_list"), {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum" in response.content.decode()


@pytest.mark.parametrize("events", [3, 120])
def test_audit_list_runs_a_fixed_number_of_queries(
    admin_client, heerde, django_assert_num_queries, events
):
    AuditEvent.objects.bulk_create(
        AuditEvent(action=AuditAction.VIEW, municipality=heerde, actor_label=f"u{i}@heerde.test")
        for i in range(events)
    )
    admin_client.get(reverse("privacy:audit_list"))  # warm the session
    # session, user, OTP device, memberships, count, one page of events, and one query per
    # type of record the page may link to (privacy.links): here the admin's own login event on
    # the first page (accounts.user)
    with django_assert_num_queries(7 if events < 50 else 6):
        response = admin_client.get(
            reverse("privacy:audit_list"), {"page": 2 if events > 50 else 1}
        )
    assert response.status_code == 200
