"""The privacy officer's requests (AVG art. 15, 16, 17): record, find, answer, erase, close."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.dates import add_months
from omzien.common.services import Actor
from omzien.privacy import services
from omzien.privacy.constants import AuditAction, RequestKind
from omzien.privacy.models import AuditEvent, SubjectRequest
from omzien.privacy.retention import rules
from omzien.testing.login import login_verified

EMAIL = "marja.zwaluwstaart@example.test"


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


@pytest.fixture
def officer_client(client, officer):
    return login_verified(client, officer)


@pytest.fixture
def person(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, email=EMAIL, full_name="Marja Zwaluwstaart")


def _create(heerde, officer, kind=RequestKind.ACCESS, **data):
    return services.subject_request_create(
        municipality=heerde,
        data={
            "kind": kind,
            "received_on": timezone.localdate(),
            "name": "Marja Zwaluwstaart",
            "email": EMAIL,
            **data,
        },
        actor=Actor(user=officer),
    )


def _texts(box):
    if getattr(box, "text", None):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def _pdf_text(item) -> str:
    """The text WeasyPrint lays out on the answer's pages (no PDF text extractor is pinned)."""
    from weasyprint import HTML

    from omzien.privacy.selectors import person_export

    html = render_to_string(
        "privacy/requests/answer_pdf.html",
        {"item": item, "answer": person_export(subject_request=item, actor=Actor())},
    )
    document = HTML(string=html).render()
    return " ".join(text for page in document.pages for text in _texts(page._page_box))


def test_the_privacy_officer_is_staff_with_two_factor():
    from omzien.accounts.constants import STAFF_ROLES

    assert Role.PRIVACY_OFFICER in STAFF_ROLES


def test_the_audit_trail_provider_covers_the_privacy_app():
    from omzien.privacy.rights import providers
    from omzien.testing.rights import assert_covers_app

    assert_covers_app(
        providers()["audit"],
        "privacy",
        {SubjectRequest: "the request itself: kept for accountability, its own retention"},
    )


def test_records_of_another_municipality_cannot_be_chosen(
    officer_client, heerde, dalfsen, officer, make_member
):
    stranger = make_member(Role.RESIDENT, dalfsen, email=EMAIL)
    item = _create(heerde, officer)
    with pytest.raises(ValidationError) as error:
        services.subject_request_set_matches(
            subject_request=item, keys=[f"accounts|user:{stranger.pk}"], actor=Actor(user=officer)
        )
    assert error.value.error_list[0].code == "unknown_match"
    officer_client.post(
        reverse("privacy:request_find", args=[item.pk]), {"match": [f"accounts|user:{stranger.pk}"]}
    )
    item.refresh_from_db()
    assert item.matches == []


@pytest.mark.parametrize(
    "key", ["accounts|user:99999999999999999999999", "accounts|user:x", "nobody|1", "accounts"]
)
def test_a_malformed_record_key_is_refused_without_an_error_page(
    officer_client, heerde, officer, key
):
    item = _create(heerde, officer)
    response = officer_client.post(
        reverse("privacy:request_find", args=[item.pk]), {"match": [key]}, follow=True
    )
    assert response.status_code == 200
    assert "bestaat niet meer" in response.content.decode()


def test_a_request_received_in_the_future_is_refused(officer_client, heerde):
    response = officer_client.post(
        reverse("privacy:request_create"),
        {
            "kind": "access",
            "received_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
            "name": "Marja Zwaluwstaart",
            "email": EMAIL,
        },
    )
    assert response.status_code == 200
    assert not SubjectRequest.objects.exists()
    assert "toekomst" in response.content.decode()


def test_deadline_is_one_month_after_receipt_and_highlighted(heerde, officer):
    item = _create(heerde, officer)
    assert item.deadline_on == add_months(item.received_on, 1)
    assert item.deadline_state(item.deadline_on - datetime.timedelta(days=3)) == "near"
    assert item.deadline_state(item.deadline_on + datetime.timedelta(days=1)) == "over"
    assert item.deadline_state(item.received_on) == ""


def test_a_request_without_anything_to_find_the_person_by_is_refused(heerde, officer):
    with pytest.raises(ValidationError) as error:
        services.subject_request_create(
            municipality=heerde,
            data={"kind": RequestKind.ACCESS, "received_on": timezone.localdate(), "name": "X"},
            actor=Actor(user=officer),
        )
    assert error.value.error_list[0].code == "not_findable"


def test_access_request_flow_audits_every_read_and_answers_in_pdf_and_json(
    officer_client, heerde, officer, person, django_assert_max_num_queries
):
    response = officer_client.post(
        reverse("privacy:request_create"),
        {
            "kind": "access",
            "received_on": timezone.localdate().isoformat(),
            "name": "Marja Zwaluwstaart",
            "email": EMAIL,
        },
    )
    item = SubjectRequest.objects.get()
    assert response.status_code == 302
    with django_assert_max_num_queries(40):
        find = officer_client.get(reverse("privacy:request_find", args=[item.pk]))
    assert find.status_code == 200
    assert "Marja Zwaluwstaart" in find.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="accounts.user", object_id=str(person.pk)
    ).exists()
    officer_client.post(
        reverse("privacy:request_find", args=[item.pk]), {"match": [f"accounts|user:{person.pk}"]}
    )
    item.refresh_from_db()
    assert [m["key"] for m in item.matches] == [f"user:{person.pk}"]

    answer = officer_client.get(reverse("privacy:request_json", args=[item.pk]))
    data = json.loads(answer.content)
    [section] = [s for s in data["capabilities"] if s["records"][0]["model"] == "accounts.user"]
    assert section["records"][0]["fields"]["e-mailadres"] == EMAIL
    # The search above is a read of the account and shows up in "who read it".
    assert any(read["who"] == officer.email for read in data["reads"])

    pdf = officer_client.get(reverse("privacy:request_pdf", args=[item.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert "Marja Zwaluwstaart" in _pdf_text(item)
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="accounts.user", object_id=str(person.pk)
    ).exists()

    with django_assert_max_num_queries(25):
        assert officer_client.get(reverse("privacy:request_list")).status_code == 200
    with django_assert_max_num_queries(25):
        assert (
            officer_client.get(reverse("privacy:request_detail", args=[item.pk])).status_code == 200
        )


def test_erasure_request_erases_keeps_the_audit_trail_and_closes(
    officer_client, heerde, officer, person
):
    item = _create(heerde, officer, kind=RequestKind.ERASURE)
    services.subject_request_set_matches(
        subject_request=item, keys=[f"accounts|user:{person.pk}"], actor=Actor(user=officer)
    )
    with pytest.raises(ValidationError) as error:
        services.subject_request_close(
            subject_request=item, outcome="Klaar", actor=Actor(user=officer)
        )
    assert error.value.error_list[0].code == "not_erased"

    confirm = officer_client.get(reverse("privacy:request_erase", args=[item.pk]))
    assert confirm.status_code == 200
    officer_client.post(reverse("privacy:request_erase", args=[item.pk]))
    item.refresh_from_db()
    person.refresh_from_db()
    assert item.erased_at is not None and item.erasure["erased"]
    assert person.email != EMAIL and not person.is_active
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_type="privacy.subjectrequest", object_id=str(item.pk)
    ).exists()

    officer_client.post(reverse("privacy:request_detail", args=[item.pk]), {"outcome": "Gemaild"})
    item.refresh_from_db()
    assert item.closed_at is not None


def test_audit_trail_is_a_legal_hold(heerde, officer, person):
    from omzien.privacy.audit import audit_log

    audit_log(action=AuditAction.LOGIN, actor=person, municipality=heerde)
    item = _create(heerde, officer, kind=RequestKind.ERASURE)
    services.subject_request_set_matches(
        subject_request=item, keys=[f"audit|actor:{EMAIL}"], actor=Actor(user=officer)
    )
    item = services.subject_request_erase(subject_request=item, actor=Actor(user=officer))
    assert item.erasure["erased"] == []
    assert "AVG art. 5 lid 2" in item.erasure["holds"][0]["reason"]
    assert AuditEvent.objects.filter(actor_label=EMAIL).exists()
    # The answer says what stays and why.
    assert "nooit gewijzigd of verwijderd" in _pdf_text(item)


def test_rectification_needs_what_was_corrected(heerde, officer):
    item = _create(heerde, officer, kind=RequestKind.RECTIFICATION)
    with pytest.raises(ValidationError) as error:
        services.subject_request_close(
            subject_request=item, outcome="Gedaan", actor=Actor(user=officer)
        )
    assert error.value.error_dict["correction"][0].code == "correction_required"
    services.subject_request_close(
        subject_request=item,
        outcome="Gedaan",
        correction="Telefoonnummer",
        actor=Actor(user=officer),
    )


def test_closed_requests_are_deleted_two_years_later(heerde, officer):
    assert "subject_requests_apply_retention" in rules()
    item = _create(heerde, officer)
    services.subject_request_close(
        subject_request=item, outcome="Verstuurd", actor=Actor(user=officer)
    )
    later = timezone.now() + datetime.timedelta(days=729)
    assert services.subject_requests_apply_retention(now=later) == 0
    assert services.subject_requests_apply_retention(now=later + datetime.timedelta(days=2)) == 1
    assert not SubjectRequest.objects.exists()


def test_another_municipality_cannot_open_the_request(
    client, make_member, dalfsen, heerde, officer
):
    item = _create(heerde, officer)
    other = login_verified(client, make_member(Role.PRIVACY_OFFICER, dalfsen, totp=True))
    assert other.get(reverse("privacy:request_detail", args=[item.pk])).status_code == 404


def test_the_request_list_says_when_each_closed_request_was_closed(officer_client, heerde, officer):
    item = _create(heerde, officer)
    closed = timezone.localtime() - datetime.timedelta(days=3)
    SubjectRequest.objects.filter(pk=item.pk).update(closed_at=closed)
    page = officer_client.get(reverse("privacy:request_list")).content.decode()
    assert re.search(rf'Gesloten<br><time datetime="[^"]+">{closed:%d-%m-%Y}</time>', page)
