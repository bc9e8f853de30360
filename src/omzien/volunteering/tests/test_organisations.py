"""Organisation services and selectors: register, review, members and invitations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.accounts.tests.factories import UserFactory
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory
from omzien.testing.errors import error_codes
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    Organisation,
    OrganisationInvitation,
    OrganisationMember,
    OrganisationTransition,
)
from omzien.volunteering.selectors import organisations as selectors
from omzien.volunteering.services import organisations as orgs
from omzien.volunteering.services.organisations import Actor, EditConflict
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db


def _data(**overrides) -> dict:
    data = {
        "name": "Stichting Groen Wapenveld",
        "kind": volunteering_constants.OrganisationKind.FOUNDATION,
        "domains": [volunteering_constants.Domain.NATURE, volunteering_constants.Domain.EVENTS],
        "locality": None,
        "address": "Dorpsstraat 1",
        "postcode": "8191ab",
        "description": "Wij onderhouden de groenstroken in het dorp.",
        "contact_name": "Gerda de Groot",
        "contact_email": "Info@GroenWapenveld.example.org",
        "contact_phone": "0578-123456",
        "website": "https://groenwapenveld.example.org",
        "kvk_number": "12345678",
        "free_vog": True,
    }
    data.update(overrides)
    return data


@pytest.fixture
def resident(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Rita Resident", email="rita@example.org")


def _register(heerde, resident, **overrides):
    return orgs.organisation_register(
        municipality=heerde, data=_data(**overrides), actor=Actor(user=resident)
    )


def _audited(obj, action) -> bool:
    return AuditEvent.objects.filter(
        action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).exists()


# --- Registration ------------------------------------------------------------------------------


def test_register_creates_pending_organisation_with_admin_and_role(
    heerde, wapenveld, resident, broker, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = _register(heerde, resident)
    assert organisation.status == volunteering_constants.OrganisationStatus.PENDING
    assert not organisation.is_approved
    assert organisation.postcode == "8191 AB"
    assert organisation.locality == wapenveld  # derived from the postcode
    assert organisation.contact_email == "info@groenwapenveld.example.org"
    assert organisation.created_by == resident
    member = OrganisationMember.objects.get(organisation=organisation)
    assert (member.user, member.role) == (resident, volunteering_constants.MemberRole.ADMIN)
    assert Membership.objects.filter(
        user=resident, municipality=heerde, role=Role.ORGANISATION_MEMBER
    ).exists()
    assert _audited(organisation, AuditAction.CREATE)
    # The broker is notified (and so mailed), with a link but no name and no personal data.
    assert [m.to for m in mailoutbox] == [[broker.email]]
    body = mailoutbox[0].body
    assert "Een organisatie in Heerde wacht op uw beoordeling" in mailoutbox[0].subject
    assert f"/volunteering/organisation-review/{organisation.pk}/" in body
    assert "Gerda" not in body and "Rita" not in body and "0578" not in body


def test_register_twice_keeps_one_role(heerde, resident):
    _register(heerde, resident)
    _register(heerde, resident, name="Tweede club")
    assert Membership.objects.filter(user=resident, role=Role.ORGANISATION_MEMBER).count() == 1


def test_register_with_chosen_locality_and_no_address(heerde, wapenveld, resident):
    organisation = _register(heerde, resident, address="", postcode="", locality=wapenveld)
    assert organisation.locality == wapenveld


def test_register_refuses_duplicate_name_case_insensitively(heerde, resident, organisation):
    with pytest.raises(ValidationError) as error:
        _register(heerde, resident, name="sportclub  heerde")
    assert error_codes(error.value) == {"name": ["duplicate_name"]}
    assert Organisation.objects.filter(municipality=heerde).count() == 1


def test_same_name_in_another_municipality_is_fine(heerde, epe, resident, organisation):
    vaassen = LocalityFactory(municipality=epe, name="Vaassen")
    other = orgs.organisation_register(
        municipality=epe,
        data=_data(name="Sportclub Heerde", address="", postcode="", locality=vaassen),
        actor=Actor(user=resident),
    )
    assert other.municipality == epe


def test_register_race_on_the_name_becomes_the_same_error(heerde, resident, concurrent_save):
    """Two registrations at once: the unique constraint decides, with the same message."""
    name = _data()["name"]
    concurrent_save(Organisation, lambda: OrganisationFactory(municipality=heerde, name=name))
    with pytest.raises(ValidationError) as error:
        _register(heerde, resident)
    assert isinstance(error.value.__cause__, IntegrityError)
    assert error_codes(error.value) == {"name": ["duplicate_name"]}
    assert not OrganisationMember.objects.exists()
    assert not Membership.objects.filter(user=resident, role=Role.ORGANISATION_MEMBER).exists()


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a"])
def test_register_refuses_bad_kvk_number(heerde, resident, kvk):
    with pytest.raises(ValidationError) as error:
        _register(heerde, resident, kvk_number=kvk)
    assert "invalid_kvk" in error_codes(error.value)["kvk_number"]
    assert not Organisation.objects.exists()
    assert not Membership.objects.filter(role=Role.ORGANISATION_MEMBER).exists()


def test_kvk_number_is_optional(heerde, resident):
    assert _register(heerde, resident, kvk_number="").kvk_number == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"domains": []}, "domains"),
        ({"domains": ["astrology"]}, "domains"),
        ({"postcode": "ABC"}, "postcode"),
        ({"postcode": ""}, "postcode"),  # an address without postcode
        ({"address": "", "postcode": "", "locality": None}, "locality"),
        ({"name": "  "}, "name"),
        ({"contact_email": "geen-adres"}, "contact_email"),
        ({"website": "geen website"}, "website"),
    ],
)
def test_register_refuses_bad_input(heerde, wapenveld, resident, overrides, field):
    with pytest.raises(ValidationError) as error:
        _register(heerde, resident, **overrides)
    assert field in error.value.message_dict
    assert not Organisation.objects.exists()


def test_register_refuses_locality_of_another_municipality(heerde, epe, resident):
    vaassen = LocalityFactory(municipality=epe, name="Vaassen")
    with pytest.raises(ValidationError) as error:
        _register(heerde, resident, address="", postcode="", locality=vaassen)
    assert "locality" in error.value.message_dict


# --- Editing -----------------------------------------------------------------------------------


def test_update_with_optimistic_locking(organisation, org_admin, wapenveld):
    data = _data(name="Sportclub Heerde", address="", postcode="", locality=wapenveld)
    updated = orgs.organisation_update(
        organisation=organisation, version=1, data=data, actor=Actor(user=org_admin)
    )
    assert updated.version == 2
    assert updated.locality == wapenveld
    assert _audited(updated, AuditAction.UPDATE)
    with pytest.raises(EditConflict):
        orgs.organisation_update(
            organisation=organisation, version=1, data=data, actor=Actor(user=org_admin)
        )


def test_update_refuses_name_of_another_organisation(heerde, organisation, org_admin, wapenveld):
    OrganisationFactory(municipality=heerde, name="Toneel Heerde")
    with pytest.raises(ValidationError) as error:
        orgs.organisation_update(
            organisation=organisation,
            version=1,
            data=_data(name="Toneel Heerde", postcode="8191 AB"),
            actor=Actor(user=org_admin),
        )
    assert "name" in error.value.message_dict
    organisation.refresh_from_db()
    assert organisation.name == "Sportclub Heerde"


def test_update_of_rejected_organisation_sends_it_back_for_review(
    heerde,
    wapenveld,
    organisation,
    org_admin,
    broker,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    Organisation.objects.filter(pk=organisation.pk).update(
        status=volunteering_constants.OrganisationStatus.REJECTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        updated = orgs.organisation_update(
            organisation=organisation,
            version=1,
            data=_data(name="Sportclub Heerde"),
            actor=Actor(user=org_admin),
        )
    assert updated.status == volunteering_constants.OrganisationStatus.PENDING
    assert _log(updated) == [
        (
            volunteering_constants.OrganisationStatus.REJECTED,
            volunteering_constants.OrganisationStatus.PENDING,
            org_admin.pk,
            "",
        )
    ]
    assert [m.to for m in mailoutbox] == [[broker.email]]


# --- Review ------------------------------------------------------------------------------------


def _log(organisation) -> list[tuple]:
    return list(
        OrganisationTransition.objects.filter(organisation=organisation).values_list(
            "from_status", "to_status", "actor", "note"
        )
    )


@pytest.fixture
def pending(heerde, resident):
    return _register(heerde, resident)


def test_approve(pending, broker, resident, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approved = orgs.organisation_approve(organisation=pending, actor=Actor(user=broker))
    assert approved.is_approved
    assert approved.reviewed_by == broker and approved.reviewed_at is not None
    event = AuditEvent.objects.get(
        action=AuditAction.UPDATE, object_id=str(pending.pk), reason__startswith="status"
    )
    assert event.extra == {"from_status": "pending", "to_status": "approved"}
    assert [m.to for m in mailoutbox] == [[resident.email]]
    assert pending.name in mailoutbox[0].subject


def test_double_approve_is_refused(pending, broker, make_member, heerde):
    other = make_member(Role.BROKER, heerde, totp=True)
    orgs.organisation_approve(organisation=pending, actor=Actor(user=broker))
    with pytest.raises(ValidationError) as error:
        orgs.organisation_approve(organisation=pending, actor=Actor(user=other))
    assert error.value.code == "stale"  # another broker reviewed it first
    pending.refresh_from_db()
    assert pending.reviewed_by == broker
    with pytest.raises(ValidationError) as error:
        orgs.organisation_reject(organisation=pending, reason="Te laat", actor=Actor(user=other))
    assert error.value.code == "stale"
    assert _log(pending) == [
        ("", volunteering_constants.OrganisationStatus.PENDING, pending.created_by_id, ""),
        (
            volunteering_constants.OrganisationStatus.PENDING,
            volunteering_constants.OrganisationStatus.APPROVED,
            broker.pk,
            "",
        ),
    ]


def test_reject_with_reason(
    pending, broker, resident, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rejected = orgs.organisation_reject(
            organisation=pending, reason="Geen vrijwilligerswerk", actor=Actor(user=broker)
        )
    assert rejected.status == volunteering_constants.OrganisationStatus.REJECTED
    assert rejected.review_note == "Geen vrijwilligerswerk"
    assert _log(rejected) == [
        ("", volunteering_constants.OrganisationStatus.PENDING, resident.pk, ""),
        (
            volunteering_constants.OrganisationStatus.PENDING,
            volunteering_constants.OrganisationStatus.REJECTED,
            broker.pk,
            "Geen vrijwilligerswerk",
        ),
    ]
    # A notification (mailed): the reason is on the linked page of the organisation.
    assert [m.to for m in mailoutbox] == [[resident.email]]
    assert reverse("volunteering:organisation_mine") in mailoutbox[0].body


def test_reject_needs_a_reason(pending, broker):
    with pytest.raises(ValidationError) as error:
        orgs.organisation_reject(organisation=pending, reason="  ", actor=Actor(user=broker))
    assert error.value.error_dict["reason"][0].code == "note_required"
    pending.refresh_from_db()
    assert pending.status == volunteering_constants.OrganisationStatus.PENDING


def test_broker_of_another_municipality_cannot_review(pending, make_member, epe):
    epe_broker = make_member(Role.BROKER, epe, totp=True)
    with pytest.raises(ValidationError) as error:
        orgs.organisation_approve(organisation=pending, actor=Actor(user=epe_broker))
    assert error.value.code == "not_broker"
    pending.refresh_from_db()
    assert pending.status == volunteering_constants.OrganisationStatus.PENDING


# --- Invitations and members ---------------------------------------------------------------


def test_invite_and_accept(
    organisation, org_admin, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = orgs.invitation_create(
            organisation=organisation,
            email="Nieuw@Example.org",
            role=volunteering_constants.MemberRole.MEMBER,
            actor=Actor(user=org_admin),
        )
    assert invitation.email == "nieuw@example.org"
    assert invitation.token_hash != token and len(invitation.token_hash) == 64
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
    assert [m.to for m in mailoutbox] == [["nieuw@example.org"]]
    assert f"/vrijwilligerswerk/organisatie-uitnodiging/{token}/" in mailoutbox[0].body
    assert _audited(invitation, AuditAction.CREATE)

    newcomer = UserFactory(email="nieuw@example.org")
    member = orgs.invitation_accept(token=token, user=newcomer, actor=Actor(user=newcomer))
    assert (member.organisation, member.role) == (
        organisation,
        volunteering_constants.MemberRole.MEMBER,
    )
    assert Membership.objects.filter(
        user=newcomer, municipality=heerde, role=Role.ORGANISATION_MEMBER
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert _audited(member, AuditAction.CREATE)


def test_invitation_works_once(organisation, org_admin):
    _invitation, token = orgs.invitation_create(
        organisation=organisation, email="a@example.org", role="member", actor=Actor(user=org_admin)
    )
    user = UserFactory(email="a@example.org")
    orgs.invitation_accept(token=token, user=user, actor=Actor(user=user))
    with pytest.raises(ValidationError) as error:
        orgs.invitation_accept(token=token, user=user, actor=Actor(user=user))
    assert error.value.code == "used"


def test_expired_invitation_is_refused(organisation, org_admin):
    invitation, token = orgs.invitation_create(
        organisation=organisation, email="a@example.org", role="member", actor=Actor(user=org_admin)
    )
    OrganisationInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    user = UserFactory(email="a@example.org")
    with pytest.raises(ValidationError) as error:
        orgs.invitation_accept(token=token, user=user, actor=Actor(user=user))
    assert error.value.code == "expired"
    assert not OrganisationMember.objects.filter(user=user).exists()


def test_invitation_for_another_address_is_refused(organisation, org_admin):
    _invitation, token = orgs.invitation_create(
        organisation=organisation, email="a@example.org", role="admin", actor=Actor(user=org_admin)
    )
    intruder = UserFactory(email="b@example.org")
    with pytest.raises(ValidationError) as error:
        orgs.invitation_accept(token=token, user=intruder, actor=Actor(user=intruder))
    assert error.value.code == "wrong_email"
    assert not OrganisationMember.objects.filter(user=intruder).exists()


def test_invitation_address_is_compared_case_insensitively(organisation, org_admin):
    _invitation, token = orgs.invitation_create(
        organisation=organisation, email="a@example.org", role="admin", actor=Actor(user=org_admin)
    )
    user = UserFactory(email="a@example.org")
    user.email = "A@Example.ORG"  # as an older account may have stored it
    member = orgs.invitation_accept(token=token, user=user, actor=Actor(user=user))
    assert member.role == volunteering_constants.MemberRole.ADMIN


def test_unknown_token_is_refused():
    with pytest.raises(ValidationError) as error:
        orgs.invitation_get(token="nonsense")
    assert error.value.code == "unknown"


def test_new_invitation_replaces_the_old_one(organisation, org_admin):
    _first, old_token = orgs.invitation_create(
        organisation=organisation, email="a@example.org", role="member", actor=Actor(user=org_admin)
    )
    _second, new_token = orgs.invitation_create(
        organisation=organisation, email="A@example.org", role="admin", actor=Actor(user=org_admin)
    )
    with pytest.raises(ValidationError):
        orgs.invitation_get(token=old_token)
    assert orgs.invitation_get(token=new_token).role == volunteering_constants.MemberRole.ADMIN


def test_inviting_a_member_is_refused(organisation, org_admin):
    with pytest.raises(ValidationError) as error:
        orgs.invitation_create(
            organisation=organisation,
            email=org_admin.email.upper(),
            role="member",
            actor=Actor(user=org_admin),
        )
    assert "email" in error.value.message_dict


def test_cancel_invitation(organisation, org_admin):
    invitation, token = orgs.invitation_create(
        organisation=organisation, email="a@example.org", role="member", actor=Actor(user=org_admin)
    )
    orgs.invitation_cancel(invitation=invitation, actor=Actor(user=org_admin))
    with pytest.raises(ValidationError):
        orgs.invitation_get(token=token)
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_id=str(invitation.pk)
    ).exists()


def _add_member(organisation, heerde, make_member, role=volunteering_constants.MemberRole.MEMBER):
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    return OrganisationMemberFactory(organisation=organisation, user=user, role=role)


def test_change_role(organisation, org_admin, heerde, make_member):
    member = _add_member(organisation, heerde, make_member)
    changed = orgs.member_set_role(member=member, role="admin", actor=Actor(user=org_admin))
    assert changed.role == volunteering_constants.MemberRole.ADMIN
    assert _audited(changed, AuditAction.UPDATE)


def test_last_admin_cannot_become_member(organisation, org_admin):
    admin_member = OrganisationMember.objects.get(user=org_admin)
    with pytest.raises(ValidationError) as error:
        orgs.member_set_role(member=admin_member, role="member", actor=Actor(user=org_admin))
    assert error.value.code == "last_admin"
    admin_member.refresh_from_db()
    assert admin_member.role == volunteering_constants.MemberRole.ADMIN


def test_last_admin_cannot_be_removed_or_leave(organisation, org_admin, heerde, make_member):
    _add_member(organisation, heerde, make_member)
    admin_member = OrganisationMember.objects.get(user=org_admin)
    with pytest.raises(ValidationError) as error:
        orgs.member_remove(member=admin_member, actor=Actor(user=org_admin))
    assert error.value.code == "last_admin"
    assert OrganisationMember.objects.filter(pk=admin_member.pk).exists()


def test_admin_can_leave_when_another_admin_remains(organisation, org_admin, heerde, make_member):
    _add_member(organisation, heerde, make_member, role=volunteering_constants.MemberRole.ADMIN)
    admin_member = OrganisationMember.objects.get(user=org_admin)
    orgs.member_remove(member=admin_member, actor=Actor(user=org_admin))
    assert not OrganisationMember.objects.filter(user=org_admin).exists()
    # No organisation left in Heerde: the account role goes too.
    assert not Membership.objects.filter(user=org_admin, role=Role.ORGANISATION_MEMBER).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_id=str(organisation.pk))
    assert event.reason == "member left"


def test_removed_member_keeps_role_while_in_another_organisation(
    organisation, org_admin, heerde, make_member
):
    member = _add_member(organisation, heerde, make_member)
    OrganisationMemberFactory(
        organisation=OrganisationFactory(municipality=heerde), user=member.user
    )
    orgs.member_remove(member=member, actor=Actor(user=org_admin))
    assert Membership.objects.filter(user=member.user, role=Role.ORGANISATION_MEMBER).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_id=str(organisation.pk))
    assert event.reason == "member removed"


# --- Selectors ---------------------------------------------------------------------------------


def test_review_list_only_pending_of_own_municipality(heerde, epe, broker, make_member):
    waiting = OrganisationFactory(
        municipality=heerde, status=volunteering_constants.OrganisationStatus.PENDING
    )
    # Several members must not repeat the row.
    for _i in range(3):
        _add_member(waiting, heerde, make_member)
    OrganisationFactory(
        municipality=heerde, status=volunteering_constants.OrganisationStatus.APPROVED
    )
    OrganisationFactory(municipality=epe, status=volunteering_constants.OrganisationStatus.PENDING)
    assert list(selectors.organisation_review_list(user=broker)) == [waiting]


def test_review_list_leaves_out_own_organisation_elsewhere(heerde, epe, broker):
    elsewhere = OrganisationFactory(
        municipality=epe, status=volunteering_constants.OrganisationStatus.PENDING
    )
    OrganisationMemberFactory(organisation=elsewhere, user=broker)
    assert list(selectors.organisation_review_list(user=broker)) == []
    with pytest.raises(Http404):
        selectors.organisation_review_get(user=broker, pk=elsewhere.pk)


def test_review_get_of_other_municipality_is_404(heerde, make_member, epe, organisation):
    epe_broker = make_member(Role.BROKER, epe, totp=True)
    with pytest.raises(Http404):
        selectors.organisation_review_get(user=epe_broker, pk=organisation.pk)


def test_published_vacancies(organisation):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    shown = VacancyFactory(organisation=organisation, publish_until=None)
    shown_until_today = VacancyFactory(organisation=organisation, publish_until=today)
    VacancyFactory(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)
    VacancyFactory(organisation=organisation, publish_from=today + day)
    VacancyFactory(organisation=organisation, publish_until=today - day)
    assert set(selectors.published_vacancies(organisation=organisation)) == {
        shown,
        shown_until_today,
    }


@pytest.mark.parametrize(
    "status",
    [
        volunteering_constants.OrganisationStatus.PENDING,
        volunteering_constants.OrganisationStatus.REJECTED,
    ],
)
def test_public_get_only_approved(heerde, status):
    hidden = OrganisationFactory(municipality=heerde, status=status)
    with pytest.raises(Http404):
        selectors.organisation_public_get(pk=hidden.pk)


def test_public_list(heerde, epe, organisation):
    OrganisationFactory(
        municipality=heerde, status=volunteering_constants.OrganisationStatus.PENDING
    )
    in_epe = OrganisationFactory(municipality=epe)
    assert list(selectors.organisation_public_list(municipality=heerde)) == [organisation]
    assert set(selectors.organisation_public_list()) == {organisation, in_epe}


def test_dashboard(organisation, org_admin, heerde, make_member):
    member = _add_member(organisation, heerde, make_member)
    VacancyFactory(organisation=organisation)
    VacancyFactory(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)
    VacancyFactory(organisation=organisation, status=volunteering_constants.VacancyStatus.CLOSED)
    orgs.invitation_create(
        organisation=organisation, email="x@example.org", role="member", actor=Actor(user=org_admin)
    )
    (mine,) = selectors.organisation_dashboard(user=org_admin)
    counts = {value: n for value, _label, n in mine.vacancy_counts}
    assert counts["published"] == 1 and counts["draft"] == 1 and counts["closed"] == 1
    assert mine.vacancy_total == 3
    assert len(mine.current_vacancies) == 2  # not the closed one
    assert {m.user for m in mine.member_list} == {org_admin, member.user}
    assert [i.email for i in mine.pending_invitations] == ["x@example.org"]
    # A plain member does not see the invitations (e-mail addresses).
    (theirs,) = selectors.organisation_dashboard(user=member.user)
    assert theirs.pending_invitations == [] and not theirs.is_admin
