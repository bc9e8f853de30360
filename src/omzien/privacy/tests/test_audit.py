import pytest
from django.test import RequestFactory
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.common.request_id import reset_request_id, set_request_id
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AppendOnlyError, AuditEvent

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
