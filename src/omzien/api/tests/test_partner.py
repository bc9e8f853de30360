"""Partner keys: stored hashed, scoped, revocable, every call audited; a key reaches what its
role reaches on the pages and no more (404 for another municipality's records, 403 for a scope
it lacks)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.api import scopes
from omzien.api.models import ApiKey
from omzien.api.services.keys import api_key_revoke, secret_hash
from omzien.api.tests.keys import issue
from omzien.caregivers.models import Caregiver
from omzien.caregivers.tests.factories import CaregiverFactory, ReferralFactory
from omzien.common.services import Actor
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.testing.login import login_verified
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.services.vacancies import vacancy_transition
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    ResponseFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db

CARER = {
    "first_name": "Anna",
    "last_name": "de Vries",
    "date_of_birth": "1960-03-04",
    "postcode": "8181 AB",
    "phone": "0578-123456",
    "reach_by": "phone",
    "source": "self",
    "legal_basis": "consent",
    "consent_given_on": "2026-11-01",
}


@pytest.fixture
def heerde():
    return MunicipalityFactory(name="Heerde", slug="heerde")


@pytest.fixture
def dalfsen():
    return MunicipalityFactory(name="Dalfsen", slug="dalfsen")


def post(client, name, data, headers, *args):
    return client.post(
        reverse(name, args=args), json.dumps(data), content_type="application/json", **headers
    )


def test_a_key_is_stored_hashed_and_shown_once(client, heerde):
    key, headers = issue(heerde, Role.CONSULTANT, [scopes.REFERRALS_READ])
    raw = headers["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    prefix, secret = raw.split("_", 2)[1:]
    stored = ApiKey.objects.get(pk=key.pk)
    assert stored.prefix == prefix and stored.secret_hash == secret_hash(secret)
    assert secret not in json.dumps(list(ApiKey.objects.values()), default=str)
    assert not stored.account.has_usable_password()  # the key's account cannot log in
    assert client.get(reverse("api:partner_referral_list"), **headers).status_code == 200
    wrong = {"HTTP_AUTHORIZATION": f"Bearer omz_{prefix}_{secret[:-1]}x"}
    response = client.get(reverse("api:partner_referral_list"), **wrong)
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"
    assert client.get(reverse("api:partner_referral_list")).status_code == 401


def test_an_expired_or_revoked_key_no_longer_works(client, heerde):
    key, headers = issue(heerde, Role.CONSULTANT, [scopes.REFERRALS_READ])
    url = reverse("api:partner_referral_list")
    ApiKey.objects.filter(pk=key.pk).update(expires_at=timezone.now())
    assert client.get(url, **headers).status_code == 401
    ApiKey.objects.filter(pk=key.pk).update(expires_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(url, **headers).status_code == 200
    api_key_revoke(key=key, actor=Actor(user=key.created_by))
    assert client.get(url, **headers).status_code == 401
    assert not key.account.memberships.filter(is_active=True).exists()


def test_scopes_must_fit_the_role(heerde):
    with pytest.raises(ValidationError) as error:
        issue(heerde, Role.CONSULTANT, [scopes.VACANCIES_WRITE])
    assert "scopes" in error.value.message_dict


def test_a_welfare_key_registers_carers_as_the_page_does_and_every_call_is_audited(client, heerde):
    key, headers = issue(heerde, Role.CONSULTANT, [scopes.CARERS_WRITE])
    response = post(client, "api:partner_carer_create", CARER, headers)
    assert response.status_code == 201, response.content
    carer = Caregiver.objects.get(pk=response.json()["id"])
    assert carer.municipality == heerde and carer.consultant is None
    # The same duplicate check as the registration page; allow_duplicate registers anyway.
    again = post(client, "api:partner_carer_create", CARER, headers)
    assert again.status_code == 409 and again.json()["code"] == "duplicate"
    forced = post(client, "api:partner_carer_create", {**CARER, "allow_duplicate": True}, headers)
    assert forced.status_code == 201
    # The service's own checks come back per field.
    invalid = post(client, "api:partner_carer_create", {**CARER, "consent_given_on": None}, headers)
    assert invalid.status_code == 400 and "consent_given_on" in invalid.json()["errors"]
    calls = AuditEvent.objects.filter(object_type="api.apikey", actor=key.account)
    assert calls.count() == 4
    assert {e.extra["status"] for e in calls} == {201, 409, 400}
    assert all(e.actor_id == key.account_id for e in calls)
    # A scope it lacks: 403.
    assert client.get(reverse("api:partner_referral_list"), **headers).status_code == 403


def test_a_key_of_heerde_gets_404_on_dalfsen_and_403_without_the_scope(client, heerde, dalfsen):
    own = ReferralFactory(caregiver=CaregiverFactory(municipality=heerde))
    other = ReferralFactory(caregiver=CaregiverFactory(municipality=dalfsen))
    _key, headers = issue(heerde, Role.CONSULTANT, [scopes.REFERRALS_READ])
    listed = client.get(reverse("api:partner_referral_list"), **headers).json()["results"]
    assert [r["id"] for r in listed] == [own.pk]
    assert set(listed[0]) == {"id", "carer", "target", "referred_on", "outcome", "updated_at"}
    url = "api:partner_referral_detail"
    assert client.get(reverse(url, args=[own.pk]), **headers).status_code == 200
    assert client.get(reverse(url, args=[other.pk]), **headers).status_code == 404
    assert post(client, "api:partner_carer_create", CARER, headers).status_code == 403

    mine = OrganisationFactory(municipality=heerde)
    theirs = OrganisationFactory(municipality=dalfsen)
    my_vacancy, their_vacancy = (
        VacancyFactory(organisation=mine),
        VacancyFactory(organisation=theirs),
    )
    my_response, their_response = (
        ResponseFactory(vacancy=my_vacancy),
        ResponseFactory(vacancy=their_vacancy),
    )
    _key, headers = issue(
        heerde, Role.ORGANISATION_MEMBER, [scopes.VACANCIES_READ, scopes.RESPONSES_READ], [mine]
    )
    listed = client.get(reverse("api:partner_vacancy_list"), **headers).json()["results"]
    assert [v["id"] for v in listed] == [my_vacancy.pk]
    for name, own_pk, other_pk in (
        ("api:partner_vacancy_detail", my_vacancy.pk, their_vacancy.pk),
        ("api:partner_response_detail", my_response.pk, their_response.pk),
    ):
        assert client.get(reverse(name, args=[own_pk]), **headers).status_code == 200
        assert client.get(reverse(name, args=[other_pk]), **headers).status_code == 404
    change = {"version": my_vacancy.version, "title": "Nieuw"}
    response = client.patch(
        reverse("api:partner_vacancy_detail", args=[my_vacancy.pk]),
        json.dumps(change),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403  # no vacancies:write
    accept = {"status": volunteering_constants.ResponseStatus.ACCEPTED}
    assert (
        post(client, "api:partner_response_status", accept, headers, my_response.pk).status_code
        == 403
    )


def test_a_volunteer_centre_key_writes_vacancies_and_answers_responses(client, heerde):
    organisation = OrganisationFactory(municipality=heerde)
    _key, headers = issue(
        heerde,
        Role.ORGANISATION_MEMBER,
        [scopes.VACANCIES_WRITE, scopes.VACANCIES_READ, scopes.RESPONSES_WRITE],
        [organisation],
    )
    data = {
        "organisation": organisation.pk,
        "title": "Chauffeur voor de buurtbus",
        "description": "Rijd mee op dinsdag.",
        "kind": "structural",
        "domains": ["sport"],
        "day_parts": ["tue_morning"],
        "places": 2,
        "location_kind": "address",
        "address": "Dorpsstraat 1",
        "publish_from": str(timezone.localdate()),
    }
    created = post(client, "api:partner_vacancy_list", data, headers)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"]["code"] == volunteering_constants.VacancyStatus.DRAFT
    url = reverse("api:partner_vacancy_detail", args=[body["id"]])
    changed = client.patch(
        url,
        json.dumps({"version": body["version"], "title": "Buurtbus"}),
        content_type="application/json",
        **headers,
    )
    assert changed.status_code == 200 and changed.json()["title"] == "Buurtbus"
    stale = client.patch(
        url,
        json.dumps({"version": body["version"], "title": "Oud"}),
        content_type="application/json",
        **headers,
    )
    assert stale.status_code == 409
    response = ResponseFactory(vacancy=VacancyFactory(organisation=organisation))
    step = {"status": volunteering_constants.ResponseStatus.DECLINED, "note": "Vol"}
    answered = post(client, "api:partner_response_status", step, headers, response.pk)
    assert answered.status_code == 200, answered.content
    assert answered.json()["status"]["code"] == volunteering_constants.ResponseStatus.DECLINED


def test_the_administrator_issues_a_key_sees_it_once_and_revokes_it(
    client, heerde, dalfsen, make_member
):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde, totp=True)
    login_verified(client, admin)
    organisation = OrganisationFactory(municipality=heerde)
    OrganisationFactory(municipality=dalfsen)
    form = {
        "name": "Vrijwilligerscentrale",
        "role": Role.ORGANISATION_MEMBER,
        "scopes": [scopes.VACANCIES_READ],
        "organisations": [organisation.pk],
        "expires_on": str(timezone.localdate() + datetime.timedelta(days=90)),
    }
    issued = client.post(reverse("api_keys:issue", args=[heerde.pk]), form)
    assert issued.status_code == 200 and "no-store" in issued["Cache-Control"]
    key = ApiKey.objects.get()
    raw = issued.context["raw"]
    assert raw.startswith(f"omz_{key.prefix}_") and raw in issued.content.decode()
    listed = client.get(reverse("api_keys:list"), {"municipality": heerde.pk}).content.decode()
    assert "Vrijwilligerscentrale" in listed and raw not in listed
    # The key's account is not one of the staff; the key is administered here.
    staff = client.get(reverse("accounts:staff_list")).content.decode()
    assert key.account.email not in staff
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(reverse("api:partner_vacancy_list"), **headers).status_code == 200
    assert client.get(reverse("api_keys:issue", args=[dalfsen.pk])).status_code == 404
    assert client.post(reverse("api_keys:revoke", args=[key.pk])).status_code == 302
    assert client.get(reverse("api:partner_vacancy_list"), **headers).status_code == 401


def test_a_key_sends_a_vacancy_for_review_and_its_account_gets_no_mail(
    client, heerde, make_member, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(municipality=heerde)
    colleague = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=colleague)
    broker = make_member(Role.BROKER, heerde)
    key, headers = issue(heerde, Role.ORGANISATION_MEMBER, [scopes.VACANCIES_WRITE], [organisation])
    draft = VacancyFactory(
        organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT
    )
    review = {"status": volunteering_constants.VacancyStatus.AWAITING_REVIEW}
    with django_capture_on_commit_callbacks(execute=True):
        sent = post(client, "api:partner_vacancy_status", review, headers, draft.pk)
    assert sent.status_code == 200, sent.content
    assert [m.to for m in mailoutbox] == [[broker.email]]
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_transition(
            vacancy=draft,
            to_status=volunteering_constants.VacancyStatus.PUBLISHED,
            actor=Actor(user=broker),
        )
    # The organisation's members hear of the publication; the key's account does not.
    assert [m.to for m in mailoutbox[1:]] == [[colleague.email]]
    assert key.account.notification_settings.email == "none"


def test_a_partner_list_runs_the_same_queries_for_2_and_12_items(client, heerde):
    organisation = OrganisationFactory(municipality=heerde)
    _key, headers = issue(
        heerde,
        Role.ORGANISATION_MEMBER,
        [scopes.VACANCIES_READ, scopes.RESPONSES_READ],
        [organisation],
    )
    client.get(reverse("api:partner_vacancy_list"), **headers)  # the key's last use is noted
    counts = []
    for extra in (2, 10):
        for _ in range(extra):
            ResponseFactory(vacancy=VacancyFactory(organisation=organisation))
        for name in ("api:partner_vacancy_list", "api:partner_response_list"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name), **headers).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:] and max(counts) <= 5, counts


def test_a_key_has_its_own_rate_limit(client, heerde, settings):
    settings.OMZIEN_API_RATE = "2/m"
    _key, headers = issue(heerde, Role.CONSULTANT, [scopes.REFERRALS_READ])
    url = reverse("api:partner_referral_list")
    answers = [client.get(url, **headers).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    _other, other_headers = issue(heerde, Role.CONSULTANT, [scopes.REFERRALS_READ], name="Ander")
    assert client.get(url, **other_headers).status_code == 200
