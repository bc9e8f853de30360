"""The pages of the social map (the walk covers every URL x role): what staff and members do
there, Dutch errors instead of a 500, an edit conflict, the figures' statistics rule, the
settings, the import page, the PDF, bounded staff lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.directory.constants import Category, ChangeStatus, EntryStatus
from omzien.directory.models import DirectorySettings, Entry
from omzien.directory.tests.factories import EntryFactory, confirmed_days_ago
from omzien.testing.login import login_verified
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Buurtkamer",
    "description": "Elke dag koffie en een praatje.",
    "categories": [Category.LONELINESS],
    "access": "self",
    "cost": "free",
    "region_wide": "on",
    "phone": "0578-123456",
}


@pytest.fixture
def consultant_client(client, make_member, heerde):
    return login_verified(client, make_member(Role.CONSULTANT, heerde, totp=True))


@pytest.fixture
def member_setup(client, make_member, heerde):
    organisation = OrganisationFactory(municipality=heerde)
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=user)
    client.force_login(user)
    return client, organisation


def test_staff_create_with_errors_answers_in_dutch(consultant_client):
    response = consultant_client.post(reverse("directory:entry_create"), {"title": "X"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies ten minste één categorie." in content
    assert "Beschrijf wat het is." in content


def test_staff_create_then_publish(consultant_client, heerde):
    response = consultant_client.post(
        reverse("directory:entry_create"),
        {**FORM, "municipality": heerde.pk, "provider_name": "Stip"},
    )
    entry = Entry.objects.get(title="Buurtkamer")
    assert response.status_code == 302
    assert entry.phone == "0578 123 456"
    response = consultant_client.post(
        reverse("directory:entry_step", args=[entry.pk]),
        {"target": EntryStatus.PUBLISHED, "expected": EntryStatus.DRAFT},
        follow=True,
    )
    assert "Gelukt" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED


def test_a_stale_step_is_refused_with_a_message(consultant_client, heerde):
    entry = EntryFactory(municipality=heerde)
    response = consultant_client.post(
        reverse("directory:entry_step", args=[entry.pk]),
        {"target": EntryStatus.PUBLISHED, "expected": EntryStatus.DRAFT},
        follow=True,
    )
    assert "Iemand anders heeft dit aanbod al gewijzigd" in response.content.decode()


def test_member_edit_of_published_entry_goes_to_review(member_setup, heerde):
    client, organisation = member_setup
    entry = EntryFactory(municipality=heerde, organisation=organisation, provider_name="")
    response = client.post(
        reverse("directory:mine_edit", args=[entry.pk]),
        {**FORM, "version": entry.version},
        follow=True,
    )
    assert "ter beoordeling verstuurd" in response.content.decode()
    entry.refresh_from_db()
    assert entry.change_status == ChangeStatus.AWAITING_REVIEW
    assert entry.title != "Buurtkamer"


def test_edit_conflict_keeps_the_other_change(member_setup, heerde):
    client, organisation = member_setup
    entry = EntryFactory(
        municipality=heerde, organisation=organisation, provider_name="", status=EntryStatus.DRAFT
    )
    Entry.objects.filter(pk=entry.pk).update(version=2, title="Door een collega")
    response = client.post(
        reverse("directory:mine_edit", args=[entry.pk]), {**FORM, "version": 1}, follow=True
    )
    assert "Iemand anders heeft dit aanbod gewijzigd" in response.content.decode()
    assert Entry.objects.get(pk=entry.pk).title == "Door een collega"


def test_member_cannot_reach_another_organisations_entry(member_setup, heerde):
    client, _organisation = member_setup
    other = EntryFactory(municipality=heerde, organisation=OrganisationFactory(municipality=heerde))
    assert client.get(reverse("directory:mine_detail", args=[other.pk])).status_code == 404


def test_staff_approves_a_change_from_the_page(consultant_client, heerde):
    entry = EntryFactory(
        municipality=heerde,
        change_status=ChangeStatus.AWAITING_REVIEW,
        pending={"title": "Nieuwe titel"},
    )
    page = consultant_client.get(reverse("directory:entry_detail", args=[entry.pk]))
    assert "Nieuwe titel" in page.content.decode()
    consultant_client.post(
        reverse("directory:entry_change", args=[entry.pk]),
        {"decision": "approve", "version": entry.version},
    )
    entry.refresh_from_db()
    assert entry.title == "Nieuwe titel"


def test_staff_list_flags_and_filters_unconfirmed(consultant_client, heerde):
    confirmed_days_ago(190, municipality=heerde, title="Te laat")
    EntryFactory(municipality=heerde, title="Vers")
    response = consultant_client.get(reverse("directory:entry_list") + "?freshness=overdue")
    content = response.content.decode()
    assert "Te laat" in content and "Vers" not in content
    assert "bevestiging te laat" in content


def test_staff_list_queries_do_not_grow(consultant_client, heerde):
    url = reverse("directory:entry_list")
    EntryFactory(municipality=heerde, organisation=OrganisationFactory(municipality=heerde))
    with CaptureQueriesContext(connection) as first:
        consultant_client.get(url)
    EntryFactory.create_batch(
        5, municipality=heerde, organisation=OrganisationFactory(municipality=heerde)
    )
    with CaptureQueriesContext(connection) as second:
        consultant_client.get(url)
    assert len(second) == len(first)


def test_figures_are_suppressed_for_the_policy_advisor(client, make_member, heerde):
    EntryFactory.create_batch(2, municipality=heerde, categories=[Category.DEBT_HELP])
    EntryFactory.create_batch(6, municipality=heerde, categories=[Category.CARER_SUPPORT])
    advisor = login_verified(client, make_member(Role.POLICY_ADVISOR, heerde, totp=True))
    figures = advisor.get(reverse("directory:figures")).context["figures"]
    rows = dict(figures.by_category)
    assert rows["Geldzaken en schuldhulp"].value is None
    assert rows["Mantelzorgondersteuning en advies"].value == 6


def test_figures_are_plain_for_staff(consultant_client, heerde):
    EntryFactory.create_batch(2, municipality=heerde, categories=[Category.DEBT_HELP])
    figures = consultant_client.get(reverse("directory:figures")).context["figures"]
    assert dict(figures.by_category)["Geldzaken en schuldhulp"].value == 2
    assert figures.freshness.total.value == 2


def test_settings_page_saves_and_refuses_in_dutch(admin_client, heerde):
    response = admin_client.post(
        reverse("directory:settings"), {"confirm_months": 30, "grace_months": 1}
    )
    assert "Ten hoogste 24 maanden." in response.content.decode()
    admin_client.post(reverse("directory:settings"), {"confirm_months": 12, "grace_months": 2})
    assert DirectorySettings.objects.get(municipality=heerde).confirm_months == 12


def test_import_page_starts_a_job_and_shows_its_report(consultant_client, heerde):
    upload = SimpleUploadedFile("kaart.json", b"{}", content_type="application/json")
    response = consultant_client.post(
        reverse("directory:import"), {"file": upload, "dry_run": "on"}
    )
    assert response.status_code == 302
    page = consultant_client.get(response["Location"])
    assert page.status_code == 200


def test_respite_pdf_is_a_pdf(client, heerde):
    EntryFactory(municipality=heerde, categories=[Category.RESPITE_STAY], title="Logeerhuis")
    response = client.get(reverse("directory_public:respite_pdf", args=["heerde"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_dropped_out_entry_is_404_for_the_public_but_a_preview_for_staff(
    client, consultant_client, heerde
):
    entry = confirmed_days_ago(400, municipality=heerde)
    url = reverse("directory_public:detail", args=[entry.pk])
    assert consultant_client.get(url).status_code == 200
    consultant_client.logout()
    assert client.get(url).status_code == 404


def test_unknown_filter_values_are_no_500(client):
    response = client.get(
        reverse("directory_public:search") + "?category=nope&locality=abc&distance=7&municipality=x"
    )
    assert response.status_code == 200


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_review_list_and_mine_queries_do_not_grow(member_setup, make_member, heerde):
    from django.test import Client

    member_client, organisation = member_setup
    consultant_client = login_verified(Client(), make_member(Role.CONSULTANT, heerde, totp=True))
    review, mine = reverse("directory:review_list"), reverse("directory:mine")

    def add(n):
        EntryFactory.create_batch(
            n, municipality=heerde, organisation=organisation, status=EntryStatus.AWAITING_REVIEW
        )

    add(1)
    before = (_count(consultant_client, review), _count(member_client, mine))
    add(5)
    assert (_count(consultant_client, review), _count(member_client, mine)) == before
