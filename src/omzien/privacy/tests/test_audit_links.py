"""The audit trail links an event to the record it concerns, only where the viewer may open it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.privacy.links import registered
from omzien.privacy.tests.factories import SubjectRequestFactory

pytestmark = pytest.mark.django_db


def test_capabilities_register_their_record_pages():
    links = registered()
    assert links["caregivers.caregiver"].url_name == "caregivers:detail"
    assert links["accounts.user"].url_name == "accounts:staff_person"
    assert links["tenants.municipality"].url_name == "tenants:settings"


def test_event_about_a_person_links_to_the_staff_page(admin_client, heerde, make_member):
    person = make_member(Role.BROKER, heerde)
    audit_log(action=AuditAction.UPDATE, obj=person, municipality=heerde)
    content = admin_client.get(reverse("privacy:audit_list")).content.decode()
    assert reverse("accounts:staff_person", args=[heerde.pk, person.pk]) in content


def test_no_link_to_a_record_of_another_municipality(admin_client, heerde, dalfsen, make_member):
    # An event of Heerde that names a person known only in Dalfsen: shown, never linked.
    stranger = make_member(Role.BROKER, dalfsen)
    audit_log(action=AuditAction.VIEW, obj=stranger, municipality=heerde)
    content = admin_client.get(reverse("privacy:audit_list")).content.decode()
    assert f"#{stranger.pk}" in content
    assert reverse("accounts:staff_person", args=[heerde.pk, stranger.pk]) not in content
    assert reverse("accounts:staff_person", args=[dalfsen.pk, stranger.pk]) not in content


def test_no_link_where_the_viewer_may_not_open_the_page(
    admin_client, admin_heerde, heerde, make_member
):
    # A privacy request of Heerde: the administrator is no privacy officer.
    subject_request = SubjectRequestFactory(municipality=heerde)
    audit_log(action=AuditAction.VIEW, obj=subject_request, municipality=heerde)
    url = reverse("privacy:request_detail", args=[subject_request.pk])
    assert url not in admin_client.get(reverse("privacy:audit_list")).content.decode()
    # Once they are privacy officer too, the event links to it.
    MembershipFactory(user=admin_heerde, municipality=heerde, role=Role.PRIVACY_OFFICER)
    assert url in admin_client.get(reverse("privacy:audit_list")).content.decode()


def test_audit_list_links_stay_bounded(
    admin_client, heerde, make_member, django_assert_max_num_queries
):
    for _n in range(30):
        person = make_member(Role.BROKER, heerde)
        audit_log(action=AuditAction.UPDATE, obj=person, municipality=heerde)
        MembershipFactory(user=person, municipality=heerde, role=Role.CONSULTANT)
    with django_assert_max_num_queries(15):
        response = admin_client.get(reverse("privacy:audit_list"))
    assert response.content.decode().count("/account/staff/") >= 30


def test_audit_list_filters_by_action_and_period(admin_client, heerde, make_member):
    person = make_member(Role.BROKER, heerde)
    audit_log(action=AuditAction.UPDATE, obj=person, municipality=heerde, actor_label="x@y.z")
    url = reverse("privacy:audit_list")
    assert f"#{person.pk}" in admin_client.get(url, {"action": "update"}).content.decode()
    assert f"#{person.pk}" not in admin_client.get(url, {"action": "delete"}).content.decode()
    long_ago = (timezone.localdate() - timedelta(days=400)).isoformat()
    assert f"#{person.pk}" not in admin_client.get(url, {"date_to": long_ago}).content.decode()
    today = timezone.localdate().isoformat()
    assert f"#{person.pk}" in admin_client.get(url, {"date_from": today}).content.decode()


def test_audit_list_shows_the_events_of_one_person(admin_client, heerde, make_member):
    person, other = make_member(Role.BROKER, heerde), make_member(Role.BROKER, heerde)
    audit_log(action=AuditAction.UPDATE, obj=person, municipality=heerde)
    audit_log(action=AuditAction.UPDATE, obj=other, municipality=heerde)
    content = admin_client.get(
        reverse("privacy:audit_list"), {"object_type": "accounts.user", "object_id": person.pk}
    ).content.decode()
    assert reverse("accounts:staff_person", args=[heerde.pk, person.pk]) in content
    assert reverse("accounts:staff_person", args=[heerde.pk, other.pk]) not in content


def test_every_registered_page_exists_and_declares_its_audience():
    from types import SimpleNamespace

    from django.urls import resolve

    from omzien.accounts.permissions import audience_of

    for label, link in registered().items():
        event = SimpleNamespace(object_id="1", municipality_id=1, object_type=label)
        url = reverse(link.url_name, kwargs=link.kwargs(event))
        assert audience_of(resolve(url).func) is not None, label


def test_person_link_only_to_the_municipality_where_they_are_known(
    admin_client, admin_heerde, heerde, dalfsen, make_member
):
    # The admin administers both; the person is known in Dalfsen only. An event of Heerde about
    # them links nowhere (their page in Heerde would answer 404); one of Dalfsen links there.
    MembershipFactory(user=admin_heerde, municipality=dalfsen, role=Role.MUNICIPALITY_ADMIN)
    person = make_member(Role.BROKER, dalfsen)
    audit_log(action=AuditAction.VIEW, obj=person, municipality=heerde)
    audit_log(action=AuditAction.UPDATE, obj=person, municipality=dalfsen)
    content = admin_client.get(reverse("privacy:audit_list")).content.decode()
    assert reverse("accounts:staff_person", args=[heerde.pk, person.pk]) not in content
    assert reverse("accounts:staff_person", args=[dalfsen.pk, person.pk]) in content
