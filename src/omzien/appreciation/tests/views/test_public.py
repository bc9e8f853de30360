"""The public pages: open rounds, the form (errors, one application per double click, the rate
limit), the invitation code, the thank-you page, and a resident's own applications."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.appreciation import codes, constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import Application, Invitation
from omzien.appreciation.tests.factories import (
    AgeBandFactory,
    ApplicationFactory,
    InvitationFactory,
    RoundFactory,
)
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.tenants.tests.factories import LocalityFactory, PostcodeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(heerde):
    PostcodeFactory(code="8181", locality=LocalityFactory(municipality=heerde, name="Heerde"))
    found = RoundFactory(municipality=heerde, name="Mantelzorgwaardering Heerde")
    AgeBandFactory(round=found, min_age=18, amount=Decimal("100.00"))
    return found


def form_data(**changes) -> dict:
    year_ago = timezone.localdate() - datetime.timedelta(days=400)
    data = {
        "first_name": "Anna",
        "last_name": "de Vries",
        "date_of_birth": "1960-04-02",
        "street": "Dorpsstraat",
        "house_number": "12",
        "postcode": "8181ab",
        "town": "Heerde",
        "email": "anna@example.org",
        "phone": "",
        "recipient_initials": "J.",
        "recipient_date_of_birth": "1935-01-20",
        "recipient_postcode": "8181 AC",
        "recipient_house_number": "3",
        "relationship": constants.Relationship.CHILD,
        "hours_per_week": "10",
        "care_since": year_ago.isoformat(),
        "filled_in_by": constants.FilledInBy.CARER,
        "iban": "NL91 ABNA 0417 1643 00",
        "account_holder": "A. de Vries",
        "reach_by": "email",
        "consent_registry": "on",
        "submission_key": "key-1",
    }
    return {**data, **changes}


def test_open_rounds_lists_only_rounds_open_today(client, round_, dalfsen):
    next_year = timezone.localdate().year + 1
    RoundFactory(municipality=dalfsen, name="Dalfsen volgend jaar", year=next_year)
    page = client.get(reverse("appreciation_public:rounds")).content.decode()
    assert "Mantelzorgwaardering Heerde" in page
    assert "18 jaar en ouder: €\u00a0100 per bankoverschrijving" in page
    assert reverse("appreciation_public:apply", args=[round_.pk]) in page
    assert "Dalfsen volgend jaar" not in page


def _header(response) -> str:
    return response.text.split('omzien-header">', 1)[1].split("</header>", 1)[0]


def test_the_application_form_carries_its_municipalitys_name_in_the_header(client, round_):
    """A visitor applies to Heerde: the header says so (with Heerde's logo and colour)."""
    for name in ("apply", "code"):
        page = client.get(reverse(f"appreciation_public:{name}", args=[round_.pk]))
        assert "Gemeente Heerde" in _header(page)
    rounds = client.get(reverse("appreciation_public:rounds"))  # rounds of every municipality
    assert "Gemeente Heerde" not in _header(rounds)


@pytest.mark.parametrize(
    ("role", "linked"), [(Role.RESIDENT, True), (Role.APPRECIATION_OFFICER, False)]
)
def test_the_rounds_link_to_own_applications_only_for_those_who_may_open_them(
    client, make_member, round_, role, linked
):
    mine = reverse("appreciation_public:mine")
    client.force_login(make_member(role, round_.municipality))
    assert (mine in client.get(reverse("appreciation_public:rounds")).content.decode()) is linked
    assert client.get(mine).status_code == (200 if linked else 403)


def test_a_closed_round_has_no_form(client, heerde):
    closed = RoundFactory(municipality=heerde, year=timezone.localdate().year - 1)
    assert client.get(reverse("appreciation_public:apply", args=[closed.pk])).status_code == 404


def test_empty_form_shows_the_error_summary(client, round_):
    # A browser sends the hidden key (and the CSRF token) even when nothing is filled in.
    url = reverse("appreciation_public:apply", args=[round_.pk])
    response = client.post(url, {"submission_key": "k"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Verbeter het volgende" in page
    assert Application.objects.count() == 0


def test_the_form_asks_for_the_iban_only_for_a_bank_transfer(client, heerde):
    voucher_round = RoundFactory(municipality=heerde)
    AgeBandFactory(
        round=voucher_round, form=constants.AppreciationForm.VOUCHER, amount=Decimal("25")
    )
    page = client.get(reverse("appreciation_public:apply", args=[voucher_round.pk]))
    assert 'name="iban"' not in page.content.decode()


def test_a_valid_form_makes_one_application_even_when_sent_twice(client, round_):
    url = reverse("appreciation_public:apply", args=[round_.pk])
    first = client.post(url, form_data())
    second = client.post(url, form_data())
    assert first.status_code == second.status_code == 302
    application = Application.objects.get()
    assert application.channel == constants.Channel.ONLINE
    assert application.applicant is None
    assert application.iban == "NL91ABNA0417164300"
    assert application.postcode == "8181 AB"
    done = client.get(first["Location"]).content.decode()
    assert application.number in done
    assert "Wat gebeurt er nu" in done


def test_a_wrong_iban_is_refused_on_the_field(client, round_):
    response = client.post(
        reverse("appreciation_public:apply", args=[round_.pk]), form_data(iban="NL91ABNA0417164301")
    )
    assert response.status_code == 200
    assert "rekeningnummer" in response.content.decode().lower()
    assert not Application.objects.exists()


@override_settings(OMZIEN_RATE_LIMITS={"appreciation_apply": {"ip": 2, "address": 0}})
def test_the_form_is_rate_limited(client, round_):
    url = reverse("appreciation_public:apply", args=[round_.pk])
    for n in range(2):
        assert client.post(url, form_data(submission_key=f"k{n}")).status_code == 302
    response = client.post(url, form_data(submission_key="k3"))
    assert response.status_code == 429
    assert Application.objects.count() == 2


def test_a_logged_in_resident_sees_their_application_and_objects(client, make_member, round_):
    resident = make_member(Role.RESIDENT, round_.municipality)
    client.force_login(resident)
    client.post(reverse("appreciation_public:apply", args=[round_.pk]), form_data())
    application = Application.objects.get(applicant=resident)
    mine = client.get(reverse("appreciation_public:mine")).content.decode()
    assert application.number in mine
    url = reverse("appreciation_public:objection", args=[application.pk])
    # Not decided yet: nothing to object to.
    assert 'name="objection"' not in client.get(url).content.decode()
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.REFUSED,
        refusal_reason=constants.Check.HOURS,
        objection_until=timezone.localdate() + datetime.timedelta(days=10),
    )
    response = client.post(
        url, {"objection": "Ik zorg 12 uur per week.", "expected": ApplicationStatus.REFUSED}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.OBJECTED
    assert application.objection == "Ik zorg 12 uur per week."


def test_another_residents_application_is_not_found(client, make_member, round_):
    owner = make_member(Role.RESIDENT, round_.municipality)
    other = ApplicationFactory(round=round_, applicant=owner)
    client.force_login(make_member(Role.RESIDENT, round_.municipality))
    url = reverse("appreciation_public:objection", args=[other.pk])
    assert client.get(url).status_code == 404


def _invitation(round_, code="ABCD2345WX"):
    carer = CaregiverFactory(
        municipality=round_.municipality,
        first_name="Bert",
        last_name="Bakker",
        date_of_birth=datetime.date(1955, 3, 3),
        street_address="Kerkweg 7",
        postcode="8181 AB",
        town="Heerde",
    )
    return InvitationFactory(round=round_, caregiver=carer, code_hash=codes.hash_code(code))


def test_the_code_opens_a_prefilled_form_and_is_used_once(client, round_):
    invitation = _invitation(round_)
    code_url = reverse("appreciation_public:code", args=[round_.pk])
    wrong = client.post(code_url, {"code": "ZZZZ-2345-WX"})
    assert "niet bekend" in wrong.content.decode()
    response = client.post(code_url, {"code": "abcd-2345-wx"})
    form_url = reverse("appreciation_public:apply_invitation", args=[round_.pk])
    assert response["Location"] == form_url
    page = client.get(form_url).content.decode()
    assert 'value="Bakker"' in page
    assert 'value="Kerkweg"' in page
    assert 'value="7"' in page
    data = form_data(first_name="Bert", last_name="Bakker", date_of_birth="1955-03-03")
    assert client.post(form_url, data).status_code == 302
    invitation.refresh_from_db()
    application = invitation.used_by
    assert application.channel == constants.Channel.INVITATION
    assert application.caregiver_id == invitation.caregiver_id
    # A second form with the same code (another key): refused, no second application.
    again = client.post(form_url, {**data, "submission_key": "key-2"})
    assert again.status_code == 200
    assert "al gebruikt" in again.content.decode()
    assert Application.objects.count() == 1
    # And the code no longer opens anything.
    assert "niet bekend" in client.post(code_url, {"code": "ABCD2345WX"}).content.decode()


def test_the_invitation_form_without_a_code_goes_to_the_code_page(client, round_):
    url = reverse("appreciation_public:apply_invitation", args=[round_.pk])
    assert client.get(url)["Location"] == reverse("appreciation_public:code", args=[round_.pk])


def test_an_invitation_of_another_round_is_not_taken(client, round_, heerde):
    other = RoundFactory(municipality=heerde)
    _invitation(other)
    response = client.post(
        reverse("appreciation_public:code", args=[round_.pk]), {"code": "ABCD2345WX"}
    )
    assert response.status_code == 200
    assert not Invitation.objects.filter(used_by__isnull=False).exists()


def test_the_applicant_sees_only_the_checks_that_are_theirs_to_correct(client, make_member, round_):
    resident = make_member(Role.RESIDENT, round_.municipality)
    ApplicationFactory(
        round=round_,
        applicant=resident,
        check_results=[
            {"code": "hours", "message": "Minder dan 8 uur zorg per week.", "applicant": True},
            {"code": "duplicate_carer", "message": "Al aangevraagd.", "applicant": False},
        ],
    )
    client.force_login(resident)
    page = client.get(reverse("appreciation_public:mine")).content.decode()
    assert "Minder dan 8 uur zorg per week." in page
    assert "Al aangevraagd." not in page
