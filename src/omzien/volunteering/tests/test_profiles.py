"""Volunteer profiles: services (each refusal writes nothing) and selectors."""

import datetime
import time

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.accounts.tests.factories import UserFactory
from omzien.common.dates import years_before
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.tenants.tests.factories import LocalityFactory
from omzien.testing.errors import error_codes
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import VolunteerProfile
from omzien.volunteering.selectors import profiles as selectors
from omzien.volunteering.services import profiles
from omzien.volunteering.services.profiles import Actor, EditConflict
from omzien.volunteering.tests.factories import VolunteerProfileFactory

TODAY = timezone.localdate()


def years_ago(years: int, days: int = 0) -> datetime.date:
    return years_before(TODAY, years) - datetime.timedelta(days=days)


def profile_data(**overrides) -> dict:
    data = {
        "interests": [volunteering_constants.Domain.NATURE, volunteering_constants.Domain.SPORT],
        "tasks_liked": "Tuinieren en koffie schenken",
        "availability": ["tue_morning", "sat_afternoon"],
        "hours_per_week": 4,
        "commitments": [volunteering_constants.VacancyKind.STRUCTURAL],
        "locality": None,
        "travel_km": 15,
        "date_of_birth": datetime.date(1980, 5, 17),
        "vog_willing": False,
        "languages": ["nl", "de"],
        "driving_licence": True,
        "wants_guidance": False,
        "motivation": "Ik wil graag iets doen voor het dorp.",
        "findable_by": volunteering_constants.Findable.BROKERS,
    }
    return {**data, **overrides}


def assisted_data(**overrides) -> dict:
    data = profile_data(
        full_name="Gerrit Jansen",
        email="Gerrit@Example.org",
        phone="",
        consent_how=volunteering_constants.ConsentHow.IN_PERSON,
        consent_given_on=TODAY,
    )
    return {**data, **overrides}


@pytest.fixture
def resident(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Rita Bosman", email="rita@example.org")


def create(resident, heerde, **overrides):
    return profiles.profile_create(
        municipality=heerde,
        user=resident,
        data=profile_data(**overrides),
        consent=True,
        actor=Actor(user=resident),
    )


def refused(call, field=None) -> ValidationError:
    count = VolunteerProfile.objects.count()
    with pytest.raises(ValidationError) as info:
        call()
    assert VolunteerProfile.objects.count() == count
    if field is not None:
        assert field in info.value.message_dict, info.value
    return info.value


# --- The resident's own profile --------------------------------------------------------------


def test_resident_creates_a_profile_with_online_consent(resident, heerde, wapenveld):
    profile = create(resident, heerde, locality=wapenveld)
    profile.refresh_from_db()
    assert profile.user == resident
    assert profile.municipality == heerde
    assert profile.full_name == "Rita Bosman"
    assert profile.email == "rita@example.org"
    assert profile.consent_how == volunteering_constants.ConsentHow.ONLINE
    assert profile.consent_given_on == TODAY
    assert profile.availability == ["tue_morning", "sat_afternoon"]
    assert profile.locality == wapenveld
    assert profile.created_by is None
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_id=str(profile.pk), actor=resident
    ).exists()


def test_profile_needs_consent(resident, heerde):
    refused(
        lambda: profiles.profile_create(
            municipality=heerde,
            user=resident,
            data=profile_data(),
            consent=False,
            actor=Actor(user=resident),
        ),
        "consent",
    )


def test_a_volunteer_is_at_least_twelve(resident, heerde):
    error = refused(
        lambda: create(resident, heerde, date_of_birth=years_ago(12) + datetime.timedelta(1)),
        "date_of_birth",
    )
    assert error_codes(error)["date_of_birth"] == ["too_young"]
    assert create(resident, heerde, date_of_birth=years_ago(12)).pk


def test_date_of_birth_is_required_and_not_in_the_future(resident, heerde):
    refused(lambda: create(resident, heerde, date_of_birth=None), "date_of_birth")
    refused(
        lambda: create(resident, heerde, date_of_birth=TODAY + datetime.timedelta(1)),
        "date_of_birth",
    )


def test_the_volunteer_says_whether_they_are_willing_to_request_a_vog(resident, heerde):
    assert create(resident, heerde).vog_willing is False
    profile = VolunteerProfile.objects.get(user=resident)
    profiles.profile_update(
        profile=profile, version=1, data=profile_data(vog_willing=True), actor=Actor(user=resident)
    )
    profile.refresh_from_db()
    assert profile.vog_willing is True


def test_refuses_unknown_choices_and_a_foreign_locality(resident, heerde, epe):
    elsewhere = LocalityFactory(municipality=epe, name="Vaassen")
    refused(lambda: create(resident, heerde, availability=[]), "availability")
    refused(lambda: create(resident, heerde, availability=["mon_night"]), "availability")
    refused(lambda: create(resident, heerde, interests=["flying"]), "interests")
    refused(lambda: create(resident, heerde, commitments=["forever"]), "commitments")
    refused(lambda: create(resident, heerde, languages=["xx"]), "languages")
    refused(lambda: create(resident, heerde, locality=elsewhere), "locality")
    refused(lambda: create(resident, heerde, motivation="x" * 2001), "motivation")
    refused(lambda: create(resident, heerde, hours_per_week=61), "hours_per_week")


def test_one_profile_per_user_per_municipality(resident, heerde):
    create(resident, heerde)
    error = refused(lambda: create(resident, heerde))
    assert error.code == "duplicate_profile"


def test_a_concurrent_second_profile_gets_the_same_refusal(resident, heerde, concurrent_save):
    """Two requests at once both pass the check; the unique constraint refuses the second."""
    concurrent_save(
        VolunteerProfile, lambda: VolunteerProfileFactory(user=resident, municipality=heerde)
    )
    error = refused(lambda: create(resident, heerde))
    assert isinstance(error.__cause__, IntegrityError)
    assert error.code == "duplicate_profile"


def test_only_in_a_municipality_where_the_resident_lives(resident, epe):
    refused(lambda: create(resident, epe))


def test_update_with_optimistic_locking(resident, heerde):
    profile = create(resident, heerde)
    updated = profiles.profile_update(
        profile=profile,
        version=1,
        data=profile_data(hours_per_week=8, full_name="Someone Else"),
        actor=Actor(user=resident),
    )
    assert updated.version == 2
    assert updated.hours_per_week == 8
    assert updated.full_name == "Rita Bosman"  # taken from the account, not from the form
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(profile.pk), reason="hours_per_week"
    ).exists()
    with pytest.raises(EditConflict):
        profiles.profile_update(
            profile=profile,
            version=1,
            data=profile_data(hours_per_week=2),
            actor=Actor(user=resident),
        )
    profile.refresh_from_db()
    assert (profile.hours_per_week, profile.version) == (8, 2)


def test_update_refuses_bad_input_and_writes_nothing(resident, heerde):
    profile = create(resident, heerde)
    with pytest.raises(ValidationError):
        profiles.profile_update(
            profile=profile,
            version=1,
            data=profile_data(vog_willing=True, date_of_birth=TODAY + datetime.timedelta(days=3)),
            actor=Actor(user=resident),
        )
    profile.refresh_from_db()
    assert (profile.vog_willing, profile.version) == (False, 1)


def test_nobody_else_changes_a_residents_profile(resident, heerde, broker, make_member):
    profile = create(resident, heerde)
    other = make_member(Role.RESIDENT, heerde)
    for user in (other, broker):
        with pytest.raises(PermissionDenied):
            profiles.profile_update(
                profile=profile, version=1, data=profile_data(), actor=Actor(user=user)
            )
        with pytest.raises(PermissionDenied):
            profiles.profile_set_paused(profile=profile, paused=True, actor=Actor(user=user))
        with pytest.raises(PermissionDenied):
            profiles.profile_delete(profile=profile, actor=Actor(user=user))
    assert VolunteerProfile.objects.filter(pk=profile.pk, paused=False, version=1).exists()


def test_pause_hides_the_profile_from_the_search_for_matches(resident, heerde, broker):
    profile = create(resident, heerde)
    assert list(selectors.profile_list_matchable(user=broker)) == [profile]
    paused = profiles.profile_set_paused(profile=profile, paused=True, actor=Actor(user=resident))
    assert paused.paused and paused.version == 2
    assert list(selectors.profile_list_matchable(user=broker)) == []
    assert list(selectors.profile_list(user=broker)) == [profile]  # the broker list shows it
    assert AuditEvent.objects.filter(object_id=str(profile.pk), reason="paused").exists()
    profiles.profile_set_paused(profile=profile, paused=False, actor=Actor(user=resident))
    assert list(selectors.profile_list_matchable(user=broker)) == [profile]


def test_delete_removes_the_profile_and_keeps_the_account(resident, heerde):
    profile = create(resident, heerde)
    pk = profile.pk
    profiles.profile_delete(profile=profile, actor=Actor(user=resident))
    assert not VolunteerProfile.objects.filter(pk=pk).exists()
    assert type(resident).objects.filter(pk=resident.pk, is_active=True).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_id=str(pk), actor=resident
    ).exists()


# --- Assisted registration -------------------------------------------------------------------


def register(broker, municipality, **overrides):
    return profiles.profile_register_assisted(
        municipality=municipality, data=assisted_data(**overrides), actor=Actor(user=broker)
    )


def test_broker_registers_a_resident_without_an_account(broker, heerde):
    profile = register(broker, heerde, consent_how=volunteering_constants.ConsentHow.PAPER)
    profile.refresh_from_db()
    assert profile.user is None
    assert profile.created_by == broker
    assert profile.full_name == "Gerrit Jansen"
    assert profile.email == "gerrit@example.org"
    assert profile.consent_how == volunteering_constants.ConsentHow.PAPER
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_id=str(profile.pk), reason="assisted registration"
    ).exists()


def test_assisted_registration_records_how_consent_was_given(broker, heerde):
    refused(lambda: register(broker, heerde, consent_how=""), "consent_how")
    refused(
        lambda: register(broker, heerde, consent_how=volunteering_constants.ConsentHow.ONLINE),
        "consent_how",
    )
    refused(
        lambda: register(broker, heerde, consent_given_on=TODAY + datetime.timedelta(1)),
        "consent_given_on",
    )
    refused(lambda: register(broker, heerde, consent_given_on=None), "consent_given_on")


def test_assisted_registration_needs_a_way_to_reach_the_volunteer(broker, heerde):
    refused(lambda: register(broker, heerde, email="", phone=""), "email")
    assert register(broker, heerde, email="", phone="0578 123456").phone == "0578 123 456"


def test_assisted_registration_applies_the_same_rules(broker, heerde):
    refused(lambda: register(broker, heerde, date_of_birth=years_ago(11)), "date_of_birth")
    refused(lambda: register(broker, heerde, full_name=" "), "full_name")


def test_only_a_broker_of_the_municipality_registers(broker, epe, make_member, heerde):
    with pytest.raises(PermissionDenied):
        register(broker, epe)
    resident = make_member(Role.RESIDENT, heerde)
    with pytest.raises(PermissionDenied):
        register(resident, heerde)
    assert not VolunteerProfile.objects.exists()


def test_broker_edits_the_assisted_profile_later(broker, heerde, epe, make_member):
    profile = register(broker, heerde)
    updated = profiles.profile_update(
        profile=profile,
        version=1,
        data=assisted_data(
            phone="06 12345678", consent_how=volunteering_constants.ConsentHow.PHONE
        ),
        actor=Actor(user=broker),
    )
    assert (updated.phone, updated.consent_how, updated.version) == (
        "06 12345678",
        volunteering_constants.ConsentHow.PHONE,
        2,
    )
    epe_broker = make_member(Role.BROKER, epe)
    with pytest.raises(PermissionDenied):
        profiles.profile_update(
            profile=profile, version=2, data=assisted_data(), actor=Actor(user=epe_broker)
        )


# --- Handing an assisted profile over --------------------------------------------------------


@pytest.fixture
def assisted(broker, heerde):
    return register(broker, heerde)


def invite(profile, broker) -> str:
    link = profiles.profile_invite_owner(profile=profile, actor=Actor(user=broker))
    return link.rstrip("/").rsplit("/", 1)[1]


def test_invitation_is_mailed_to_the_profile_address(
    assisted, broker, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = profiles.profile_invite_owner(profile=assisted, actor=Actor(user=broker))
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["gerrit@example.org"]
    assert link in mail.body
    assert "Gerrit Jansen" in mail.body
    assert AuditEvent.objects.filter(
        object_id=str(assisted.pk), reason="account invitation sent"
    ).exists()


def test_invitation_needs_an_email_address_and_no_owner(broker, heerde, make_member):
    by_phone = register(broker, heerde, email="", phone="0578 123456")
    with pytest.raises(ValidationError):
        profiles.profile_invite_owner(profile=by_phone, actor=Actor(user=broker))
    resident = make_member(Role.RESIDENT, heerde)
    own = VolunteerProfileFactory(municipality=heerde, user=resident)
    with pytest.raises(ValidationError):
        profiles.profile_invite_owner(profile=own, actor=Actor(user=broker))


def test_only_a_broker_of_the_municipality_invites(assisted, make_member, epe):
    epe_broker = make_member(Role.BROKER, epe)
    with pytest.raises(PermissionDenied):
        profiles.profile_invite_owner(profile=assisted, actor=Actor(user=epe_broker))


def test_resident_takes_over_with_the_invited_address(assisted, broker, heerde, epe):
    token = invite(assisted, broker)
    user = UserFactory(email="gerrit@example.org")
    Membership.objects.create(user=user, municipality=epe, role=Role.RESIDENT)
    assert profiles.profile_invitation_get(token=token) == assisted
    claimed = profiles.profile_claim(token=token, user=user, actor=Actor(user=user))
    assert claimed.user == user
    assert claimed.version == 2
    assert Membership.objects.filter(user=user, municipality=heerde, role=Role.RESIDENT).exists()
    assert heerde.pk in user.municipality_ids_for((Role.RESIDENT,))
    assert AuditEvent.objects.filter(
        object_id=str(assisted.pk), reason="handed over to the resident's account"
    ).exists()
    # The resident now keeps it; the broker no longer may change it.
    with pytest.raises(PermissionDenied):
        profiles.profile_update(
            profile=claimed, version=2, data=assisted_data(), actor=Actor(user=broker)
        )


def test_the_address_is_compared_case_insensitively(assisted, broker, heerde):
    token = invite(assisted, broker)
    user = UserFactory(email="GERRIT@example.org")
    Membership.objects.create(user=user, municipality=heerde, role=Role.RESIDENT)
    assert profiles.profile_claim(token=token, user=user, actor=Actor(user=user)).user == user
    assert Membership.objects.filter(user=user, municipality=heerde).count() == 1


def test_invitation_to_another_address_is_refused(assisted, broker):
    token = invite(assisted, broker)
    user = UserFactory(email="iemand.anders@example.org")
    with pytest.raises(ValidationError) as info:
        profiles.profile_claim(token=token, user=user, actor=Actor(user=user))
    assert info.value.code == "wrong_email"
    assisted.refresh_from_db()
    assert assisted.user is None
    assert not Membership.objects.filter(user=user).exists()


def test_invitation_works_once(assisted, broker):
    token = invite(assisted, broker)
    user = UserFactory(email="gerrit@example.org")
    profiles.profile_claim(token=token, user=user, actor=Actor(user=user))
    with pytest.raises(ValidationError) as info:
        profiles.profile_claim(token=token, user=user, actor=Actor(user=user))
    assert info.value.code == "used"


def test_expired_invitation_is_refused(assisted, broker, monkeypatch):
    fifteen_days_ago = int(time.time()) - 15 * 24 * 3600
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(fifteen_days_ago)
    )
    token = invite(assisted, broker)
    monkeypatch.undo()
    user = UserFactory(email="gerrit@example.org")
    with pytest.raises(ValidationError) as info:
        profiles.profile_claim(token=token, user=user, actor=Actor(user=user))
    assert info.value.code == "expired"
    assisted.refresh_from_db()
    assert assisted.user is None


def test_tampered_invitation_is_refused(assisted, broker):
    token = invite(assisted, broker)
    user = UserFactory(email="gerrit@example.org")
    with pytest.raises(ValidationError) as info:
        profiles.profile_claim(token=token[:-2] + "xx", user=user, actor=Actor(user=user))
    assert info.value.code == "invalid"


def test_invitation_lapses_when_the_profile_changes(assisted, broker):
    token = invite(assisted, broker)
    profiles.profile_update(
        profile=assisted, version=1, data=assisted_data(hours_per_week=2), actor=Actor(user=broker)
    )
    user = UserFactory(email="gerrit@example.org")
    with pytest.raises(ValidationError) as info:
        profiles.profile_claim(token=token, user=user, actor=Actor(user=user))
    assert info.value.code == "changed"


def test_invitation_of_a_deleted_profile_is_refused(assisted, broker):
    token = invite(assisted, broker)
    profiles.profile_delete(profile=assisted, actor=Actor(user=broker))
    with pytest.raises(ValidationError) as info:
        profiles.profile_invitation_get(token=token)
    assert info.value.code == "invalid"


def test_take_over_refused_when_the_account_has_a_profile_there(assisted, broker, heerde):
    token = invite(assisted, broker)
    user = UserFactory(email="gerrit@example.org")
    VolunteerProfileFactory(municipality=heerde, user=user)
    with pytest.raises(ValidationError):
        profiles.profile_claim(token=token, user=user, actor=Actor(user=user))
    assisted.refresh_from_db()
    assert assisted.user is None


# --- Selectors -------------------------------------------------------------------------------


def test_broker_list_filters(broker, heerde):
    young = VolunteerProfileFactory(
        municipality=heerde,
        full_name="Anna Jong",
        date_of_birth=years_ago(15),
        interests=[volunteering_constants.Domain.SPORT],
        availability=["wed_evening"],
        wants_guidance=True,
    )
    adult = VolunteerProfileFactory(
        municipality=heerde,
        full_name="Bert Oud",
        date_of_birth=years_ago(18),
        interests=[volunteering_constants.Domain.CULTURE, volunteering_constants.Domain.NATURE],
        availability=["mon_morning"],
        paused=True,
    )
    helped = register(broker, heerde, full_name="Cor Geholpen", availability=["wed_morning"])

    def names(**filters):
        return [p.full_name for p in selectors.profile_list(user=broker, **filters)]

    assert names() == ["Anna Jong", "Bert Oud", "Cor Geholpen"]
    assert names(interest=volunteering_constants.Domain.SPORT) == ["Anna Jong", "Cor Geholpen"]
    assert names(interest=volunteering_constants.Domain.CULTURE) == ["Bert Oud"]
    assert names(day_part="wed_evening") == ["Anna Jong"]
    assert names(day_part="wed_morning") == ["Cor Geholpen"]
    assert names(wants_guidance=True) == ["Anna Jong"]
    assert names(paused=True) == ["Bert Oud"]
    assert names(paused=False) == ["Anna Jong", "Cor Geholpen"]
    assert names(assisted=True) == ["Cor Geholpen"]
    assert names(assisted=False) == ["Anna Jong", "Bert Oud"]
    assert names(age_group="young") == ["Anna Jong"]
    assert names(age_group="adult") == ["Bert Oud", "Cor Geholpen"]
    assert {young, adult, helped} == set(selectors.profile_list(user=broker))


def test_broker_sees_only_their_municipality(broker, heerde, epe, make_member):
    VolunteerProfileFactory(municipality=heerde)
    epe_broker = make_member(Role.BROKER, epe)
    organisation_member = make_member(Role.ORGANISATION_MEMBER, heerde)
    assert selectors.profile_list(user=broker).count() == 1
    assert selectors.profile_list(user=epe_broker).count() == 0
    assert selectors.profile_list(user=organisation_member).count() == 0


def test_a_broker_reaches_their_own_profile_elsewhere_only_as_its_volunteer(
    broker, heerde, epe, dalfsen
):
    """A broker of Heerde with a volunteer profile of their own in Dalfsen: the broker's list,
    matching and volunteer page keep to Heerde; the profile is theirs on the resident's pages."""
    in_heerde = VolunteerProfileFactory(municipality=heerde)
    own = VolunteerProfileFactory(municipality=dalfsen, user=broker)
    assert list(selectors.profile_list(user=broker)) == [in_heerde]
    assert list(selectors.profile_list_matchable(user=broker)) == [in_heerde]
    with pytest.raises(Http404):
        selectors.profile_get(user=broker, pk=own.pk)
    assert selectors.profile_get_own(user=broker, pk=own.pk) == own


def test_profile_get_audits_the_read(broker, heerde):
    profile = VolunteerProfileFactory(municipality=heerde)
    assert selectors.profile_get(user=broker, pk=profile.pk) == profile
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(profile.pk), actor=broker
    ).exists()


def test_for_display_words_and_age(heerde):
    profile = VolunteerProfileFactory.build(
        municipality=heerde,
        user=None,
        date_of_birth=years_ago(14, days=1),
        interests=[volunteering_constants.Domain.ANIMALS],
        availability=["sat_morning", "mon_evening", "mon_morning"],
        languages=["nl"],
    )
    (shown,) = selectors.for_display([profile], today=TODAY)
    assert shown.age == 14
    assert shown.is_minor and shown.needs_adult_consent
    assert [str(day) for day, _parts in shown.availability_rows] == [
        str(volunteering_constants.DAYS[0][1]),
        str(volunteering_constants.DAYS[5][1]),
    ]
    assert len(shown.availability_rows[0][1]) == 2
    assert shown.interest_labels == [str(volunteering_constants.Domain.ANIMALS.label)]


def test_the_volunteers_own_form_marks_the_date_of_birth_as_theirs():
    from omzien.volunteering.forms.profiles import AssistedProfileForm, ResidentProfileForm

    assert ResidentProfileForm().fields["date_of_birth"].widget.attrs["autocomplete"] == "bday"
    # A broker filling in someone else's profile gets no offer of their own birthday.
    assert "autocomplete" not in AssistedProfileForm().fields["date_of_birth"].widget.attrs


def test_a_broker_registering_a_volunteer_stores_the_number_in_its_one_form():
    """The phone as people write it becomes the one stored form (common.phone), as on every
    other form; a number that does not exist is refused."""
    from omzien.volunteering.forms.profiles import AssistedProfileForm

    form = AssistedProfileForm(data={"phone": "0578-123456"})
    form.is_valid()
    assert form.cleaned_data["phone"] == "0578 123 456"
    assert 'type="tel"' in str(form["phone"])
    assert "phone" in AssistedProfileForm(data={"phone": "12"}).errors
