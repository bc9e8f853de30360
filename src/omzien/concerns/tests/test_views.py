"""The concerns' pages: the public form, the professional's list, the contact point."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.concerns.constants import Kind, Source, Status
from omzien.concerns.models import Concern
from omzien.concerns.tests.factories import ConcernFactory
from omzien.directory.tests.factories import EntryFactory
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def _public_post(heerde, report_data, **extra):
    return {
        "municipality": heerde.pk,
        **{k: v for k, v in report_data.items() if v is not None},
        **extra,
    }


def test_anyone_reports_a_concern_and_sees_nothing_of_the_resident(client, heerde, report_data):
    response = client.post(reverse("concerns:report"), _public_post(heerde, report_data))
    assert response.status_code == 302
    assert response["Location"] == reverse("concerns:report_done")
    concern = Concern.objects.get()
    assert (concern.source, concern.status, concern.municipality) == (
        Source.PUBLIC,
        Status.NEW,
        heerde,
    )
    page = client.get(response["Location"])
    assert "Greet" not in page.content.decode()
    assert "Bedankt voor uw melding" in page.content.decode()


def test_the_public_form_shows_its_errors(client, heerde, report_data):
    response = client.post(
        reverse("concerns:report"),
        _public_post(heerde, report_data, resident_name="", observation=""),
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Concern.objects.exists()


def test_the_public_form_is_rate_limited(client, heerde, report_data, settings):
    settings.OMZIEN_RATE_LIMITS = {
        **settings.OMZIEN_RATE_LIMITS,
        "concern_report": {"ip": 2, "address": 10},
    }
    data = _public_post(heerde, report_data)
    assert client.post(reverse("concerns:report"), data).status_code == 302
    assert client.post(reverse("concerns:report"), data).status_code == 302
    assert client.post(reverse("concerns:report"), data).status_code == 429
    assert Concern.objects.count() == 2


def test_a_referrer_reports_and_sees_the_status_only(client, heerde, make_member, report_data):
    referrer = make_member(Role.REFERRER, heerde, totp=True)
    login_verified(client, referrer)
    response = client.post(
        reverse("concerns:professional_report"),
        _public_post(
            heerde, report_data, profession="poh", organisation="Huisartsenpraktijk De Veluwe"
        ),
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.submitted_by == referrer
    assert concern.organisation == "Huisartsenpraktijk De Veluwe"
    page = client.get(reverse("concerns:sent")).content.decode()
    assert "Nieuw" in page
    assert "Greet" not in page and "Kerkstraat" not in page
    # Another referrer's concern is not in the list.
    ConcernFactory(municipality=heerde, source=Source.PROFESSIONAL, submitted_by=None)
    assert client.get(reverse("concerns:sent")).context["page"].paginator.count == 1


def test_the_queue_and_a_concern_page_are_read_audited(client, heerde, make_member):
    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    concern = ConcernFactory(municipality=heerde, resident_name="Jan d'Oude")
    login_verified(client, worker)
    queue = client.get(reverse("concerns:queue")).content.decode()
    assert escape("Jan d'Oude") in queue
    assert AuditEvent.objects.filter(reason="concern queue", actor=worker).count() == 1
    page = client.get(reverse("concerns:detail", kwargs={"pk": concern.pk}))
    assert page.status_code == 200
    assert AuditEvent.objects.filter(
        action="view", object_type="concerns.concern", object_id=str(concern.pk)
    ).exists()


def test_the_queue_of_a_worker_of_two_municipalities_says_whose_each_concern_is(
    client, heerde, dalfsen, make_member
):
    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    ConcernFactory(municipality=dalfsen, resident_name="Henk Mulder")
    login_verified(client, worker)
    assert "Gemeente Dalfsen" not in client.get(reverse("concerns:queue")).text  # not one of theirs
    MembershipFactory(user=worker, municipality=dalfsen, role=Role.WELFARE_WORKER)
    row = client.get(reverse("concerns:queue")).text.split("Henk Mulder", 1)[1]
    assert "Gemeente Dalfsen" in row.split("</td>", 1)[0]


def test_the_queue_of_one_municipality_does_not_name_it(client, heerde, make_member):
    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    ConcernFactory(municipality=heerde, resident_name="Henk Mulder")
    login_verified(client, worker)
    row = client.get(reverse("concerns:queue")).text.split("Henk Mulder", 1)[1]
    assert "Gemeente Heerde" not in row.split("</td>", 1)[0]


def test_a_worker_triages_a_concern_through_the_pages(client, heerde, make_member):
    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    concern = ConcernFactory(municipality=heerde, kind=Kind.LONELINESS)
    login_verified(client, worker)
    pk = {"pk": concern.pk}
    response = client.post(
        reverse("concerns:assign", kwargs=pk), {"assignee": worker.pk, "seen": "new"}
    )
    assert response.status_code == 302
    today = timezone.localdate(concern.created_at).isoformat()
    response = client.post(
        reverse("concerns:contact", kwargs=pk),
        {"done_on": today, "kind": "phone", "note": "Gebeld", "seen": "assigned"},
    )
    assert response.status_code == 302
    cafe = EntryFactory(municipality=heerde, title="Koffieochtend De Linde")
    elsewhere = EntryFactory(municipality=MunicipalityFactory(), title="Koffie elders")
    close = reverse("concerns:close", kwargs=pk)
    form = client.get(close).content.decode()
    assert "Koffieochtend De Linde (Stip Heerde)" in form and "Koffie elders" not in form
    response = client.post(
        close, {"outcome": "support_started", "seen": "in_contact", "entry_id": elsewhere.pk}
    )
    assert response.status_code == 200  # not a choice: nothing closed
    concern.refresh_from_db()
    assert concern.status != Status.CLOSED
    response = client.post(
        close, {"outcome": "support_started", "seen": "in_contact", "entry_id": cafe.pk}
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert (concern.status, concern.outcome, concern.entry) == (
        Status.CLOSED,
        "support_started",
        cafe,
    )
    detail = client.get(reverse("concerns:detail", kwargs=pk)).content.decode()
    assert reverse("directory_public:detail", args=[cafe.pk]) in detail


def test_a_stale_step_is_refused_on_the_page(client, heerde, make_member):
    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    concern = ConcernFactory(municipality=heerde, status=Status.ASSIGNED, assigned_to=worker)
    login_verified(client, worker)
    response = client.post(
        reverse("concerns:close", kwargs={"pk": concern.pk}),
        {"outcome": "not_needed", "seen": "new"},
    )
    assert response.status_code == 200
    concern.refresh_from_db()
    assert concern.status == Status.ASSIGNED


def test_a_welfare_worker_records_a_concern_of_their_own(client, heerde, make_member, report_data):
    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    login_verified(client, worker)
    response = client.post(reverse("concerns:record"), _public_post(heerde, report_data))
    concern = Concern.objects.get()
    assert response["Location"] == reverse("concerns:detail", kwargs={"pk": concern.pk})
    assert (concern.source, concern.status) == (Source.STAFF, Status.NEW)


def test_a_consultant_does_not_record_concerns(client, heerde, make_member):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    assert client.get(reverse("concerns:record")).status_code == 403


def test_another_municipalitys_concern_answers_404(client, heerde, dalfsen, make_member):
    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    elsewhere = ConcernFactory(municipality=dalfsen, kind=Kind.CARER_OVERLOAD)
    login_verified(client, worker)
    for name in (
        "concerns:detail",
        "concerns:assign",
        "concerns:close",
        "concerns:register_carer",
        "concerns:propose_buddy",
    ):
        assert client.get(reverse(name, kwargs={"pk": elsewhere.pk})).status_code == 404, name


def test_a_consultant_opens_only_carer_overload_concerns(client, heerde, make_member):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    overload = ConcernFactory(municipality=heerde, kind=Kind.CARER_OVERLOAD)
    lonely = ConcernFactory(municipality=heerde, kind=Kind.LONELINESS)
    login_verified(client, consultant)
    assert client.get(reverse("concerns:detail", kwargs={"pk": overload.pk})).status_code == 200
    assert client.get(reverse("concerns:detail", kwargs={"pk": lonely.pk})).status_code == 404


def test_a_concern_page_costs_the_same_queries_with_more_actions(client, heerde, make_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from omzien.concerns.tests.factories import ConcernActionFactory

    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    concern = ConcernFactory(municipality=heerde)
    ConcernActionFactory(concern=concern, by=worker)
    login_verified(client, worker)
    url = reverse("concerns:detail", kwargs={"pk": concern.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(10):
        ConcernActionFactory(concern=concern, by=make_member(Role.WELFARE_WORKER, heerde))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_worker_proposes_the_resident_for_a_programme_of_the_municipality_only(
    client, heerde, dalfsen, make_member
):
    from omzien.buddies.models import BuddyParticipant
    from omzien.buddies.tests.factories import ProgrammeFactory

    worker = make_member(Role.WELFARE_WORKER, heerde, totp=True)
    concern = ConcernFactory(municipality=heerde, resident_name="Greet Jansen")
    ours = ProgrammeFactory(municipality=heerde, name="Maatjes Heerde")
    theirs = ProgrammeFactory(municipality=dalfsen, name="Maatjes Dalfsen")
    login_verified(client, worker)
    url = reverse("concerns:propose_buddy", kwargs={"pk": concern.pk})
    page = client.get(url).content.decode()
    assert "Maatjes Heerde" in page and "Maatjes Dalfsen" not in page
    post = {"name": "Greet Jansen", "phone": "0578 123 456", "consent": "on"}
    response = client.post(url, {**post, "programme": theirs.pk})
    assert response.status_code == 200 and not BuddyParticipant.objects.exists()
    response = client.post(url, {**post, "programme": ours.pk})
    assert response.status_code == 302
    participant = BuddyParticipant.objects.get()
    assert participant.programme == ours
    detail = client.get(reverse("concerns:detail", kwargs={"pk": concern.pk})).content.decode()
    assert "Maatjes Heerde" in detail
    # The same proposal again asks what to do with the participant who is there.
    response = client.post(url, {**post, "programme": ours.pk})
    assert response.status_code == 200 and 'name="on_duplicate"' in response.content.decode()
    assert BuddyParticipant.objects.count() == 1


def test_the_public_report_form_marks_only_the_reporters_own_details():
    from omzien.concerns.forms import PublicReportForm

    form = PublicReportForm()
    purpose = {name: field.widget.attrs.get("autocomplete") for name, field in form.fields.items()}
    assert purpose["reporter_name"] == "name" and purpose["reporter_email"] == "email"
    assert purpose["reporter_phone"] == "tel"
    others = {token for name, token in purpose.items() if not name.startswith("reporter_")}
    assert others <= {None, "off"}
