import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver, CareRelationship, ContactMoment
from omzien.caregivers.tests.factories import (
    CaregiverFactory,
    CareRelationshipFactory,
    ContactMomentFactory,
)
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_consultant_opens_a_carer_and_the_read_is_audited(consultant_client, consultant, carer):
    response = consultant_client.get(reverse("caregivers:detail", args=[carer.pk]))
    assert response.status_code == 200
    assert "Anna de Vries" in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        actor=consultant,
        object_type="caregivers.caregiver",
        object_id=str(carer.pk),
    ).exists()


@pytest.mark.parametrize(
    "role",
    [
        Role.BROKER,
        Role.POLICY_ADVISOR,
        Role.REFERRER,
        Role.MUNICIPALITY_ADMIN,
        Role.RESIDENT,
        Role.ORGANISATION_MEMBER,
    ],
)
def test_other_roles_cannot_open_carers(client, make_member, heerde, carer, role):
    user = make_member(role, heerde, totp=True)
    login_verified(client, user)
    for url in (
        reverse("caregivers:registry"),
        reverse("caregivers:detail", args=[carer.pk]),
        reverse("caregivers:caseload"),
    ):
        assert client.get(url).status_code == 403, url
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(carer.pk)).exists()


def test_consultant_of_epe_cannot_open_a_heerde_carer(client, make_member, epe, carer):
    other = make_member(Role.CONSULTANT, epe, totp=True)
    login_verified(client, other)
    assert client.get(reverse("caregivers:detail", args=[carer.pk])).status_code == 404
    html = client.get(reverse("caregivers:registry")).content.decode()
    assert "de Vries" not in html


def test_consultant_without_second_factor_is_sent_to_setup(client, make_member, heerde, carer):
    user = make_member(Role.CONSULTANT, heerde)
    client.force_login(user)
    response = client.get(reverse("caregivers:detail", args=[carer.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")


def test_registry_filters_by_age_group(consultant_client, heerde):
    young = CaregiverFactory(
        municipality=heerde,
        last_name="Jongeling",
        date_of_birth=TODAY.replace(year=TODAY.year - 15),
    )
    CaregiverFactory(
        municipality=heerde,
        last_name="Ouderling",
        date_of_birth=TODAY.replace(year=TODAY.year - 70),
    )
    html = consultant_client.get(reverse("caregivers:registry"), {"age_group": "young"}).content
    html = html.decode()
    assert young.last_name in html and "Ouderling" not in html


@pytest.mark.parametrize("size", [3, 30])
def test_registry_runs_a_fixed_number_of_queries(
    consultant_client, heerde, django_assert_num_queries, size
):
    for carer in CaregiverFactory.create_batch(size, municipality=heerde):
        CareRelationshipFactory(caregiver=carer)
    consultant_client.get(reverse("caregivers:registry"))
    # session, user, device, memberships, localities for the filter, audit insert, count, page
    with django_assert_num_queries(8):
        assert consultant_client.get(reverse("caregivers:registry")).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_the_registry_of_a_consultant_of_two_municipalities_says_whose_each_carer_is(
    client, make_member, heerde, dalfsen, django_assert_num_queries, size
):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    MembershipFactory(user=consultant, municipality=dalfsen, role=Role.CONSULTANT)
    login_verified(client, consultant)
    CaregiverFactory.create_batch(size, municipality=heerde)
    CaregiverFactory(municipality=dalfsen, last_name="Dalfsenaar")
    client.get(reverse("caregivers:registry"))
    # As one municipality's consultant (8) plus the municipalities of the filter; the audit
    # events of the two municipalities are one insert.
    with django_assert_num_queries(9):
        html = client.get(reverse("caregivers:registry")).text
    header = html.split("<thead", 1)[1].split("</thead>", 1)[0]
    assert '<th scope="col" class="utrecht-table__header-cell">Gemeente</th>' in header
    row = html.split("Dalfsenaar", 1)[1].split("</tr>", 1)[0]
    assert '<td class="utrecht-table__cell">Dalfsen</td>' in row


def test_the_registry_of_one_municipality_has_no_municipality_column(consultant_client, carer):
    html = consultant_client.get(reverse("caregivers:registry")).text
    assert ">Gemeente</th>" not in html


@pytest.mark.parametrize("size", [2, 20])
def test_carer_page_runs_a_fixed_number_of_queries(
    consultant_client, carer, django_assert_num_queries, size
):
    CareRelationshipFactory.create_batch(size, caregiver=carer)
    ContactMomentFactory.create_batch(size, caregiver=carer)
    url = reverse("caregivers:detail", args=[carer.pk])
    consultant_client.get(url)
    # 14: the accounts of merged registrations waiting to be linked are one query.
    with django_assert_num_queries(14):
        assert consultant_client.get(url).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_caseload_runs_a_fixed_number_of_queries(
    consultant_client, consultant, heerde, django_assert_num_queries, size
):
    CaregiverFactory.create_batch(
        size,
        municipality=heerde,
        consultant=consultant,
        next_contact_on=TODAY - datetime.timedelta(days=3),
    )
    CaregiverFactory.create_batch(size, municipality=heerde, intensive_contact=True)
    consultant_client.get(reverse("caregivers:caseload"))
    # 11: the count of carers without a consultant is one query.
    with django_assert_num_queries(11):
        response = consultant_client.get(reverse("caregivers:caseload"))
    assert len(response.context["overdue"]) == size
    assert len(response.context["no_contact"]) == size


def test_caseload_sorts_carers_into_their_lists(consultant_client, consultant, heerde):
    overdue = CaregiverFactory(
        municipality=heerde,
        consultant=consultant,
        next_contact_on=TODAY - datetime.timedelta(days=1),
    )
    due = CaregiverFactory(
        municipality=heerde,
        consultant=consultant,
        next_contact_on=TODAY + datetime.timedelta(days=3),
    )
    later = CaregiverFactory(
        municipality=heerde,
        consultant=consultant,
        next_contact_on=TODAY + datetime.timedelta(days=30),
    )
    silent = CaregiverFactory(
        municipality=heerde,
        intensive_contact=True,
        last_contact_on=TODAY - datetime.timedelta(days=200),
    )
    recent = CaregiverFactory(
        municipality=heerde,
        intensive_contact=True,
        last_contact_on=TODAY - datetime.timedelta(days=20),
    )
    aftercare = CaregiverFactory(
        municipality=heerde,
        consultant=consultant,
        status=caregivers_constants.CaregiverStatus.AFTERCARE,
        care_ended_on=TODAY - datetime.timedelta(days=5),
        aftercare_until=TODAY + datetime.timedelta(days=700),
    )
    context = consultant_client.get(reverse("caregivers:caseload")).context
    assert context["overdue"] == [overdue]
    assert context["due"] == [due]
    assert context["no_contact"] == [silent]
    assert context["aftercare"] == [aftercare]
    listed = {cg.pk for key in ("overdue", "due", "no_contact", "aftercare") for cg in context[key]}
    assert later.pk not in listed and recent.pk not in listed


def test_register_shows_duplicate_warning(consultant_client, heerde, wapenveld):
    existing = CaregiverFactory(
        municipality=heerde,
        first_name="Piet",
        last_name="Bos",
        date_of_birth=datetime.date(1950, 1, 2),
        postcode="8191 AB",
    )
    data = {
        "first_name": "piet",
        "last_name": "bos",
        "date_of_birth": "1950-01-02",
        "reach_by": "phone",
        "phone": "0578-000000",
        "postcode": "8191AB",
        "source": "gp",
        "filled_in_by": "consultant",
        "legal_basis": "public_task",
        "consent_by": "carer",
        "rel-recipient_name": "K.",
        "rel-relationship": "partner",
        "rel-need_kind": "ageing",
        "rel-hours_band": "lt8",
    }
    response = consultant_client.post(reverse("caregivers:register"), data)
    assert response.status_code == 200
    assert f"nummer {existing.pk}" in response.content.decode()
    assert Caregiver.objects.count() == 1
    response = consultant_client.post(
        reverse("caregivers:register"), {**data, "allow_duplicate": "1"}
    )
    assert response.status_code == 302
    assert Caregiver.objects.count() == 2


def test_edit_conflict_is_reported_and_nothing_overwritten(consultant_client, carer):
    url = reverse("caregivers:edit", args=[carer.pk])
    form = consultant_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "id"}
    data["date_of_birth"] = carer.date_of_birth.isoformat()
    data["consent_given_on"] = carer.consent_given_on.isoformat()
    Caregiver.objects.filter(pk=carer.pk).update(phone="06-99999999", version=carer.version + 1)
    response = consultant_client.post(url, {**data, "phone": "06-12345678"}, follow=True)
    assert "Iemand anders heeft" in response.content.decode()
    carer.refresh_from_db()
    assert carer.phone == "06-99999999"


def test_contact_moment_form(consultant_client, carer):
    response = consultant_client.post(
        reverse("caregivers:contact_new", args=[carer.pk]),
        {
            "contact_on": TODAY.isoformat(),
            "channel": "phone",
            "topic": "Bijpraten",
            "notes": "Gaat beter",
        },
    )
    assert response.status_code == 302
    assert ContactMoment.objects.get().consultant is not None
    response = consultant_client.post(
        reverse("caregivers:contact_new", args=[carer.pk]),
        {
            "contact_on": (TODAY + datetime.timedelta(days=2)).isoformat(),
            "channel": "phone",
            "topic": "Toekomst",
        },
    )
    assert response.status_code == 200
    assert "kan niet in de toekomst liggen" in response.content.decode()


def test_self_registration_for_a_young_carer_with_help(client, heerde, wapenveld):
    data = {
        "municipality": heerde.pk,
        "first_name": "Sam",
        "last_name": "Visser",
        "date_of_birth": TODAY.replace(year=TODAY.year - 14).isoformat(),
        "reach_by": "email",
        "email": "ouder@example.org",
        "postcode": "8191 CD",
        "filled_in_by": "parent",
        "helper_name": "Karin Visser",
        "recipient_name": "Mama",
        "relationship": "parent",
        "need_kind": "psychiatric",
        "hours_band": "8-16",
        "consent_by": "guardian",
        "consent_guardian_name": "Karin Visser",
        "consent": "on",
    }
    response = client.post(reverse("carer:self_register"), data)
    assert response.status_code == 302
    carer = Caregiver.objects.get()
    assert carer.age_group == caregivers_constants.AgeGroup.YOUNG
    assert carer.source == caregivers_constants.Source.SELF and carer.consent_given_on == TODAY
    assert carer.locality == wapenveld
    assert (carer.consent_by, carer.consent_guardian_name) == ("guardian", "Karin Visser")


YOUNG_SELF_REGISTRATION = {
    "first_name": "Sam",
    "last_name": "Visser",
    "reach_by": "email",
    "email": "ouder@example.org",
    "filled_in_by": "parent",
    "helper_name": "Karin Visser",
    "recipient_name": "Mama",
    "relationship": "parent",
    "need_kind": "psychiatric",
    "hours_band": "8-16",
    "consent_by": "carer",
    "consent": "on",
}


def test_a_child_under_16_cannot_register_on_their_own_consent(client, heerde):
    """Issue 10, point 10: under 16 a parent or guardian consents (UAVG art. 5)."""
    form = client.get(reverse("carer:self_register")).content.decode()
    assert "jonger dan 16" in form  # the form says so before anyone fills it in
    fifteen = TODAY.replace(year=TODAY.year - 16) + datetime.timedelta(days=1)
    data = {
        **YOUNG_SELF_REGISTRATION,
        "municipality": heerde.pk,
        "date_of_birth": fifteen.isoformat(),
        "consent_by": "carer",
    }
    response = client.post(reverse("carer:self_register"), data)
    assert response.status_code == 200
    assert "ouder of voogd" in response.content.decode()
    assert not Caregiver.objects.exists()
    response = client.post(reverse("carer:self_register"), {**data, "consent_by": "guardian"})
    assert response.status_code == 200
    assert "naam in van de ouder of voogd" in response.content.decode()
    assert not Caregiver.objects.exists()


def test_a_carer_of_16_consents_themselves(client, heerde):
    sixteen = TODAY.replace(year=TODAY.year - 16)
    data = {
        **YOUNG_SELF_REGISTRATION,
        "municipality": heerde.pk,
        "date_of_birth": sixteen.isoformat(),
    }
    assert client.post(reverse("carer:self_register"), data).status_code == 302
    assert Caregiver.objects.get().consent_by == caregivers_constants.ConsentBy.CARER


def test_consultant_records_the_guardian_who_consented(consultant_client, carer):
    """The consultant's form asks who consented; a 12-year-old needs a guardian's consent."""
    url = reverse("caregivers:edit", args=[carer.pk])
    assert "consent_guardian_name" in consultant_client.get(url).content.decode()
    data = {
        "first_name": carer.first_name,
        "last_name": carer.last_name,
        "date_of_birth": TODAY.replace(year=TODAY.year - 12).isoformat(),
        "reach_by": "phone",
        "phone": carer.phone,
        "postcode": carer.postcode,
        "source": carer.source,
        "filled_in_by": "consultant",
        "legal_basis": "consent",
        "consent_given_on": TODAY.isoformat(),
        "consent_by": "carer",
        "version": carer.version,
    }
    response = consultant_client.post(url, data)
    assert response.status_code == 200
    carer.refresh_from_db()
    assert carer.date_of_birth != datetime.date.fromisoformat(data["date_of_birth"])
    data.update(consent_by="guardian", consent_guardian_name="Mark de Vries")
    assert consultant_client.post(url, data).status_code == 302
    carer.refresh_from_db()
    assert (carer.consent_by, carer.consent_guardian_name) == ("guardian", "Mark de Vries")


def test_self_registration_refuses_missing_helper_in_dutch(client, heerde):
    data = {
        "municipality": heerde.pk,
        "first_name": "Sam",
        "last_name": "Visser",
        "date_of_birth": "2012-01-01",
        "reach_by": "phone",
        "phone": "06-12345678",
        "filled_in_by": "parent",
        "recipient_name": "Mama",
        "relationship": "parent",
        "need_kind": "psychiatric",
        "hours_band": "8-16",
        "consent_by": "carer",
        "consent": "on",
    }
    response = client.post(reverse("carer:self_register"), data)
    assert response.status_code == 200
    assert "naam in van wie" in response.content.decode()
    assert not Caregiver.objects.exists()


def test_resident_sees_own_registration_and_withdraws(client, make_member, heerde):
    resident = make_member(Role.RESIDENT, heerde)
    mine = CaregiverFactory(municipality=heerde, user=resident, first_name="Eigen")
    CaregiverFactory(municipality=heerde, first_name="Ander")
    client.force_login(resident)
    html = client.get(reverse("carer:mine")).content.decode()
    assert "Eigen" in html and "Ander" not in html
    assert client.get(reverse("caregivers:detail", args=[mine.pk])).status_code == 403
    assert client.post(reverse("carer:withdraw")).status_code == 302
    mine.refresh_from_db()
    assert mine.anonymised_at is not None and mine.first_name != "Eigen"


def test_caseload_filters_by_age_group(consultant_client, consultant, heerde):
    young = CaregiverFactory(
        municipality=heerde,
        consultant=consultant,
        date_of_birth=TODAY.replace(year=TODAY.year - 12),
        next_contact_on=TODAY - datetime.timedelta(days=1),
    )
    CaregiverFactory(
        municipality=heerde,
        consultant=consultant,
        next_contact_on=TODAY - datetime.timedelta(days=1),
    )
    context = consultant_client.get(reverse("caregivers:caseload"), {"age_group": "young"}).context
    assert context["overdue"] == [young]


@pytest.mark.parametrize("size", [3, 30])
def test_timeline_runs_a_fixed_number_of_queries(
    consultant_client, carer, django_assert_num_queries, size
):
    ContactMomentFactory.create_batch(size, caregiver=carer)
    for _n in range(size):
        services_event(carer)
    url = reverse("caregivers:timeline", args=[carer.pk])
    consultant_client.get(url)
    # session, user, device, memberships, carer, audit insert, events with their actors
    with django_assert_num_queries(7):
        response = consultant_client.get(url)
    assert len(response.context["events"]) == size


def services_event(carer):
    from omzien.caregivers.services.caregivers import caregiver_event

    caregiver_event(
        caregiver=carer, kind=caregivers_constants.EventKind.CONTACT, summary="Telefoon"
    )


def test_resident_edits_only_own_contact_details(client, make_member, heerde):
    resident = make_member(Role.RESIDENT, heerde)
    mine = CaregiverFactory(municipality=heerde, user=resident)
    other = CaregiverFactory(municipality=heerde)
    client.force_login(resident)
    assert client.get(reverse("carer:edit", args=[other.pk])).status_code == 404
    data = {"reach_by": "email", "email": "nieuw@example.org", "phone": "", "version": mine.version}
    assert client.post(reverse("carer:edit", args=[mine.pk]), data).status_code == 302
    mine.refresh_from_db()
    assert mine.email == "nieuw@example.org" and mine.reach_by == "email"
    stale = client.post(
        reverse("carer:edit", args=[mine.pk]), {**data, "email": "x@example.org"}, follow=True
    )
    assert "in de tussentijd gewijzigd" in stale.content.decode()
    mine.refresh_from_db()
    assert mine.email == "nieuw@example.org"
    bad = client.post(
        reverse("carer:edit", args=[mine.pk]), {**data, "email": "", "version": mine.version}
    )
    assert "Vul een e-mailadres in" in bad.content.decode()


def test_consultant_ends_one_care_relationship_and_the_other_goes_on(consultant_client, carer):
    """Issue 10, point 11: the father died, the care for the mother goes on."""
    father = CareRelationshipFactory(caregiver=carer, recipient_name="P.")
    CareRelationshipFactory(caregiver=carer, recipient_name="M.")
    detail = consultant_client.get(reverse("caregivers:detail", args=[carer.pk])).content.decode()
    url = reverse("caregivers:relationship_end", args=[carer.pk, father.pk])
    assert url in detail
    page = consultant_client.get(url)
    assert page.status_code == 200
    assert "Alleen deze zorgrelatie" in page.content.decode()
    response = consultant_client.post(
        url, {"ended_on": TODAY.isoformat(), "end_reason": caregivers_constants.EndReason.DECEASED}
    )
    assert response.status_code == 302
    father.refresh_from_db()
    carer.refresh_from_db()
    assert father.ended_on == TODAY
    assert carer.status == caregivers_constants.CaregiverStatus.ACTIVE
    # An ended relationship has no end page any more.
    assert consultant_client.get(url).status_code == 404


def test_ending_a_relationship_in_the_future_shows_a_dutch_error(consultant_client, carer):
    relationship = CareRelationshipFactory(caregiver=carer)
    url = reverse("caregivers:relationship_end", args=[carer.pk, relationship.pk])
    future = TODAY + datetime.timedelta(days=2)
    response = consultant_client.post(
        url, {"ended_on": future.isoformat(), "end_reason": "deceased"}
    )
    assert response.status_code == 200
    assert "Het einde van de zorg kan niet in de toekomst liggen." in response.content.decode()
    relationship.refresh_from_db()
    assert relationship.ended_on is None


def test_consultant_of_epe_cannot_end_a_heerde_relationship(client, make_member, epe, carer):
    relationship = CareRelationshipFactory(caregiver=carer)
    login_verified(client, make_member(Role.CONSULTANT, epe, totp=True))
    url = reverse("caregivers:relationship_end", args=[carer.pk, relationship.pk])
    response = client.post(url, {"ended_on": TODAY.isoformat(), "end_reason": "deceased"})
    assert response.status_code == 404
    relationship.refresh_from_db()
    assert relationship.ended_on is None


def test_registry_search_for_a_keyboard_typed_accent(consultant_client, heerde):
    """Issue 10, point 12: "Sánchez" typed finds the record exported with a decomposed é."""
    CaregiverFactory(municipality=heerde, first_name="Jose\u0301", last_name="Sa\u0301nchez")
    CaregiverFactory(municipality=heerde, first_name="Piet", last_name="Sanders")
    html = consultant_client.get(reverse("caregivers:registry"), {"q": "Sánchez"}).content.decode()
    assert "Sa\u0301nchez" in html
    assert "Sanders" not in html


@pytest.mark.parametrize(
    ("limits", "same_address"),
    [({"ip": 2, "address": 100}, False), ({"ip": 100, "address": 2}, True)],
)
def test_self_registration_is_rate_limited_and_keeps_the_input(
    client, heerde, settings, limits, same_address
):
    settings.OMZIEN_RATE_LIMITS = {**settings.OMZIEN_RATE_LIMITS, "carer_register": limits}
    data = {
        "municipality": heerde.pk,
        "first_name": "Sam",
        "last_name": "Visser",
        "date_of_birth": TODAY.replace(year=TODAY.year - 40).isoformat(),
        "reach_by": "email",
        "postcode": "8191 CD",
        "filled_in_by": "self",
        "recipient_name": "Mama",
        "relationship": "parent",
        "need_kind": "psychiatric",
        "hours_band": "8-16",
        "consent_by": "carer",
        "consent": "on",
    }
    for n in range(3):
        email = "sam@example.org" if same_address else f"sam{n}@example.org"
        # Per address: from three clients; per client: three addresses from one.
        ip = f"192.0.2.{n}" if same_address else "192.0.2.9"
        response = client.post(
            reverse("carer:self_register"), {**data, "email": email}, REMOTE_ADDR=ip
        )
    assert response.status_code == 429, response.context["form"].errors
    html = response.content.decode()
    assert "U heeft dit formulier te vaak verstuurd" in html
    assert 'value="Visser"' in html
    assert Caregiver.objects.count() == 2


def test_self_registration_checks_and_normalises_the_phone_number(client, heerde):
    """Issue 10, point 13: the forms use the same phone rule as the import."""
    data = {
        "municipality": heerde.pk,
        "first_name": "Sam",
        "last_name": "Visser",
        "date_of_birth": "1970-01-01",
        "reach_by": "phone",
        "phone": "06-2",
        "filled_in_by": "self",
        "recipient_name": "Mama",
        "relationship": "parent",
        "need_kind": "psychiatric",
        "hours_band": "8-16",
        "consent_by": "carer",
        "consent": "on",
    }
    response = client.post(reverse("carer:self_register"), data)
    assert response.status_code == 200
    assert "geen geldig telefoonnummer" in response.content.decode()
    assert not Caregiver.objects.exists()
    response = client.post(reverse("carer:self_register"), {**data, "phone": "+31 6 1234 5678"})
    assert response.status_code == 302
    assert Caregiver.objects.get().phone == "06 12345678"


def test_a_stale_care_relationship_form_saves_nothing_and_shows_the_current_details(
    consultant_client, carer
):
    relationship = CareRelationshipFactory(caregiver=carer, recipient_name="Moeder")
    url = reverse("caregivers:relationship_edit", args=[carer.pk, relationship.pk])
    assert 'name="version" value="1"' in consultant_client.get(url).text
    CareRelationship.objects.filter(pk=relationship.pk).update(recipient_name="Ma", version=2)
    page = consultant_client.post(
        url,
        {
            "version": 1,
            "recipient_name": "Mam",
            "relationship": relationship.relationship,
            "need_kind": relationship.need_kind,
            "hours_band": relationship.hours_band,
        },
        follow=True,
    )
    assert page.redirect_chain == [(url, 302)]
    assert "Iemand anders heeft dit gewijzigd terwijl u ermee bezig was." in page.text
    relationship.refresh_from_db()
    assert relationship.recipient_name == "Ma"


def test_each_consultant_reads_the_timeline_in_their_own_language(
    consultant_client, consultant, carer, make_member, heerde
):
    """A Dutch colleague's work reads in English for a consultant who works in English, and
    the other way round: the timeline stores what happened, not the writer's sentence."""
    from django.utils import translation

    from omzien.caregivers.services.caregivers import caregiver_set_intensive, caregiver_update
    from omzien.common.services import Actor

    colleague = make_member(Role.CONSULTANT, heerde, totp=True, preferred_language="en")
    with translation.override("nl"):
        caregiver_set_intensive(caregiver=carer, intensive=True, actor=Actor(user=consultant))
        carer.refresh_from_db()
        caregiver_update(
            caregiver=carer,
            version=carer.version,
            data={"phone": "0578 123 456", "town": "Wapenveld"},
            actor=Actor(user=consultant),
        )
    url = reverse("caregivers:timeline", args=[carer.pk])
    dutch = consultant_client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Intensief contact aan" in dutch and "telefoonnummer, woonplaats" in dutch
    english = login_verified(consultant_client.__class__(), colleague).get(url).content.decode()
    assert "Intensive contact on" in english and "phone number, town" in english
    assert "Intensief" not in english and "telefoonnummer" not in english
