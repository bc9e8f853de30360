"""Responses and placements: every transition allowed and refused, requirements, reminders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError
from django.http import Http404
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.privacy.models import AuditEvent
from omzien.testing.errors import error_codes
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import CheckIn, Placement, ResponseTransition, VacancyResponse
from omzien.volunteering.selectors import responses as selectors
from omzien.volunteering.services import responses as services
from omzien.volunteering.services.responses import Actor
from omzien.volunteering.tests.factories import (
    OrganisationMemberFactory,
    ResponseFactory,
    VacancyFactory,
    VogFactory,
    VolunteerProfileFactory,
)

TODAY = timezone.localdate()


@pytest.fixture
def vacancy(organisation):
    return VacancyFactory(organisation=organisation, places=1, title="Trainer jeugd")


@pytest.fixture
def volunteer(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Vera de Vries", email="vera@example.org")


@pytest.fixture
def profile(volunteer, heerde):
    return VolunteerProfileFactory(
        user=volunteer, municipality=heerde, phone="0612345678", full_name="Vera de Vries"
    )


@pytest.fixture
def colleague(make_member, heerde, organisation):
    user = make_member(Role.ORGANISATION_MEMBER, heerde, full_name="Cor Collega")
    OrganisationMemberFactory(organisation=organisation, user=user)
    return user


@pytest.fixture
def epe_broker(make_member, epe):
    return make_member(Role.BROKER, epe, totp=True, full_name="Erik Epe")


def respond(vacancy, user, message="Ik wil graag helpen.", **kwargs):
    return services.response_create(
        vacancy=vacancy, user=user, message=message, actor=Actor(user=user), **kwargs
    )


def move(response, to, user, note="", **kwargs):
    return services.response_transition(
        response=response, to_status=to, actor=Actor(user=user), note=note, **kwargs
    )


def accept(response, user):
    return move(response, volunteering_constants.ResponseStatus.ACCEPTED, user).placement


# --- Responding ------------------------------------------------------------------------------


def test_respond_creates_open_response_logs_audits_and_mails_members(
    vacancy,
    volunteer,
    profile,
    org_admin,
    colleague,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = respond(vacancy, volunteer, message="Ik train al jaren de F-jes.")
    assert response.status == volunteering_constants.ResponseStatus.OPEN
    assert response.profile == profile
    assert response.municipality == vacancy.municipality
    log = list(ResponseTransition.objects.filter(response=response))
    assert [(t.from_status, t.to_status, t.actor) for t in log] == [
        ("", volunteering_constants.ResponseStatus.OPEN, volunteer)
    ]
    assert AuditEvent.objects.filter(object_id=str(response.pk), actor=volunteer).exists()
    # The members are told (without the volunteer's details); the volunteer gets a confirmation.
    to_members = [m for m in mailoutbox if m.to != [volunteer.email]]
    assert len(to_members) == len(mailoutbox) - 1
    assert sorted(m.to[0] for m in to_members) == sorted([org_admin.email, colleague.email])
    for mail in to_members:
        text = mail.subject + mail.body
        assert "Vera" not in text  # a notification names no one
        assert "Trainer jeugd" in text
        assert f"/vrijwilligerswerk/mijn-vacatures/{vacancy.pk}/reacties/" in mail.body
        for personal in ("de Vries", "vera@example.org", "0612345678", "F-jes"):
            assert personal not in text


def test_respond_with_a_profile_elsewhere_in_the_region(vacancy, volunteer, epe):
    VolunteerProfileFactory(user=volunteer, municipality=epe)
    assert respond(vacancy, volunteer).profile.municipality == epe


def test_respond_refused_without_profile_in_the_region(vacancy, volunteer, dalfsen):
    VolunteerProfileFactory(user=volunteer, municipality=dalfsen)
    with pytest.raises(ValidationError) as caught:
        respond(vacancy, volunteer)
    assert caught.value.code == "no_profile"
    assert not VacancyResponse.objects.exists()


def test_respond_refused_when_profile_paused(vacancy, volunteer, profile):
    profile.paused = True
    profile.save()
    with pytest.raises(ValidationError) as caught:
        respond(vacancy, volunteer)
    assert caught.value.code == "profile_paused"
    assert not VacancyResponse.objects.exists()


@pytest.mark.parametrize(
    "status",
    [
        volunteering_constants.VacancyStatus.CLOSED,
        volunteering_constants.VacancyStatus.FILLED,
        volunteering_constants.VacancyStatus.EXPIRED,
        volunteering_constants.VacancyStatus.DRAFT,
    ],
)
def test_respond_refused_when_vacancy_not_published(vacancy, volunteer, profile, status):
    vacancy.status = status
    vacancy.save()
    with pytest.raises(ValidationError) as caught:
        respond(vacancy, volunteer)
    assert caught.value.code == "vacancy_closed"
    assert not VacancyResponse.objects.exists()


def test_respond_refused_after_publication_period(vacancy, volunteer, profile):
    vacancy.publish_until = TODAY - datetime.timedelta(days=1)
    vacancy.save()
    with pytest.raises(ValidationError) as caught:
        respond(vacancy, volunteer)
    assert caught.value.code == "vacancy_closed"
    assert respond(vacancy, volunteer, today=TODAY - datetime.timedelta(days=1))


def test_second_response_to_same_vacancy_refused(vacancy, volunteer, profile):
    respond(vacancy, volunteer)
    with pytest.raises(ValidationError) as caught:
        respond(vacancy, volunteer)
    assert caught.value.code == "already_responded"
    assert VacancyResponse.objects.count() == 1


def test_second_response_refused_when_the_constraint_catches_a_race(
    vacancy, volunteer, profile, concurrent_save
):
    """Two requests at once both pass the check; the unique constraint refuses the second."""
    concurrent_save(VacancyResponse, lambda: ResponseFactory(vacancy=vacancy, profile=profile))
    with pytest.raises(ValidationError) as error:
        respond(vacancy, volunteer)
    assert error.value.code == "already_responded"
    assert isinstance(error.value.__cause__, IntegrityError)


# --- The transition table --------------------------------------------------------------------


def _response(vacancy, profile, status):
    return ResponseFactory(vacancy=vacancy, profile=profile, status=status)


@pytest.mark.parametrize(
    ("frm", "to", "note"),
    [
        (
            volunteering_constants.ResponseStatus.OPEN,
            volunteering_constants.ResponseStatus.INTRODUCTION,
            "",
        ),
        (
            volunteering_constants.ResponseStatus.OPEN,
            volunteering_constants.ResponseStatus.ACCEPTED,
            "",
        ),
        (
            volunteering_constants.ResponseStatus.INTRODUCTION,
            volunteering_constants.ResponseStatus.ACCEPTED,
            "",
        ),
        (
            volunteering_constants.ResponseStatus.OPEN,
            volunteering_constants.ResponseStatus.DECLINED,
            "Geen plek meer op zaterdag.",
        ),
        (
            volunteering_constants.ResponseStatus.INTRODUCTION,
            volunteering_constants.ResponseStatus.DECLINED,
            "Past niet bij het team.",
        ),
    ],
)
def test_organisation_steps(vacancy, profile, org_admin, volunteer, frm, to, note):
    response = _response(vacancy, profile, frm)
    with pytest.raises(PermissionDenied):
        move(response, to, volunteer, note=note)
    done = move(response, to, org_admin, note=note)
    assert done.status == to
    assert done.answered_at is not None
    assert ResponseTransition.objects.filter(
        response=response, from_status=frm, to_status=to, actor=org_admin
    ).exists()
    if to == volunteering_constants.ResponseStatus.DECLINED:
        assert done.decline_reason == note


@pytest.mark.parametrize(
    ("frm", "to"),
    [
        (
            volunteering_constants.ResponseStatus.OPEN,
            volunteering_constants.ResponseStatus.WITHDRAWN,
        ),
        (
            volunteering_constants.ResponseStatus.INTRODUCTION,
            volunteering_constants.ResponseStatus.WITHDRAWN,
        ),
        (
            volunteering_constants.ResponseStatus.PROPOSED,
            volunteering_constants.ResponseStatus.WITHDRAWN,
        ),
    ],
)
def test_volunteer_steps(vacancy, profile, org_admin, volunteer, frm, to):
    response = _response(vacancy, profile, frm)
    with pytest.raises(PermissionDenied):
        move(response, to, org_admin)
    assert move(response, to, volunteer).status == to


def test_decline_needs_a_reason(vacancy, profile, org_admin):
    response = _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN)
    with pytest.raises(ValidationError) as caught:
        move(response, volunteering_constants.ResponseStatus.DECLINED, org_admin, note="  ")
    assert error_codes(caught.value) == {"note": ["note_required"]}
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.OPEN
    assert not response.transitions.exists()


@pytest.mark.parametrize(
    ("frm", "to"),
    [
        (
            volunteering_constants.ResponseStatus.DECLINED,
            volunteering_constants.ResponseStatus.ACCEPTED,
        ),
        (
            volunteering_constants.ResponseStatus.WITHDRAWN,
            volunteering_constants.ResponseStatus.OPEN,
        ),
        (
            volunteering_constants.ResponseStatus.ACCEPTED,
            volunteering_constants.ResponseStatus.DECLINED,
        ),
        (
            volunteering_constants.ResponseStatus.ACCEPTED,
            volunteering_constants.ResponseStatus.WITHDRAWN,
        ),
        (
            volunteering_constants.ResponseStatus.NO_REPLY,
            volunteering_constants.ResponseStatus.ACCEPTED,
        ),
        (
            volunteering_constants.ResponseStatus.INTRODUCTION,
            volunteering_constants.ResponseStatus.OPEN,
        ),
        (
            volunteering_constants.ResponseStatus.PROPOSED,
            volunteering_constants.ResponseStatus.ACCEPTED,
        ),
        (
            volunteering_constants.ResponseStatus.OPEN,
            volunteering_constants.ResponseStatus.PROPOSED,
        ),
    ],
)
def test_steps_outside_the_table_refused(vacancy, profile, org_admin, volunteer, frm, to):
    response = _response(vacancy, profile, frm)
    for user in (org_admin, volunteer):
        with pytest.raises(ValidationError) as caught:
            move(response, to, user, note="Reden")
        assert caught.value.code == "not_allowed"
    response.refresh_from_db()
    assert response.status == frm


def test_no_reply_only_by_the_system(vacancy, profile, org_admin):
    response = _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN)
    with pytest.raises(PermissionDenied):
        move(response, volunteering_constants.ResponseStatus.NO_REPLY, org_admin)
    assert services.response_transition(
        response=response, to_status=volunteering_constants.ResponseStatus.NO_REPLY, actor=Actor()
    )


def test_member_of_other_organisation_refused(vacancy, profile, make_member, heerde):
    outsider = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(user=outsider)
    response = _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN)
    with pytest.raises(PermissionDenied):
        move(response, volunteering_constants.ResponseStatus.ACCEPTED, outsider)


def test_two_members_at_once_second_is_refused(vacancy, profile, org_admin, colleague):
    response = _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN)
    seen_by_colleague = VacancyResponse.objects.get(pk=response.pk)
    move(
        response,
        volunteering_constants.ResponseStatus.INTRODUCTION,
        org_admin,
        expected=volunteering_constants.ResponseStatus.OPEN,
    )
    with pytest.raises(ValidationError) as caught:
        move(
            seen_by_colleague,
            volunteering_constants.ResponseStatus.DECLINED,
            colleague,
            note="Vol",
            expected=volunteering_constants.ResponseStatus.OPEN,
        )
    assert caught.value.code == "stale"
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.INTRODUCTION
    assert response.transitions.count() == 1


def test_stale_accept_after_decline_refused(vacancy, profile, org_admin, colleague):
    response = _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN)
    stale = VacancyResponse.objects.get(pk=response.pk)
    move(response, volunteering_constants.ResponseStatus.DECLINED, org_admin, note="Vol")
    with pytest.raises(ValidationError):
        move(stale, volunteering_constants.ResponseStatus.ACCEPTED, colleague)
    assert not Placement.objects.exists()


# --- Proposals -------------------------------------------------------------------------------


def propose(vacancy, profile, broker):
    return services.response_propose(
        vacancy=vacancy, profile=profile, message="Past goed.", actor=Actor(user=broker)
    )


def test_broker_proposal_hidden_from_organisation_until_volunteer_agrees(
    vacancy, profile, volunteer, broker, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = propose(vacancy, profile, broker)
    assert response.status == volunteering_constants.ResponseStatus.PROPOSED
    assert response.proposed_by == broker
    assert [m.to for m in mailoutbox] == [[volunteer.email]]
    assert selectors.responses_for_vacancy(vacancy=vacancy) == []
    with pytest.raises(PermissionDenied):
        move(
            response, volunteering_constants.ResponseStatus.OPEN, broker
        )  # the volunteer has an account: they answer
    with pytest.raises(PermissionDenied):
        move(response, volunteering_constants.ResponseStatus.OPEN, org_admin)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move(response, volunteering_constants.ResponseStatus.OPEN, volunteer)
    assert selectors.responses_for_vacancy(vacancy=vacancy) == [response]
    # The organisation is told; the volunteer gets the confirmation that it was sent.
    assert sorted(m.to for m in mailoutbox) == sorted([[org_admin.email], [volunteer.email]])


def test_broker_records_agreement_of_assisted_volunteer(vacancy, heerde, broker):
    assisted = VolunteerProfileFactory(user=None, municipality=heerde, created_by=broker)
    response = propose(vacancy, assisted, broker)
    assert (
        move(response, volunteering_constants.ResponseStatus.OPEN, broker).status
        == volunteering_constants.ResponseStatus.OPEN
    )


@pytest.mark.parametrize("assisted", [False, True], ids=["volunteer-says-no", "broker-says-no"])
def test_declined_proposal_never_reaches_the_organisation(
    assisted, vacancy, profile, volunteer, broker, org_admin, heerde
):
    """Issue 10.3: a proposal the volunteer (or the broker for them) said no to stays away from
    every organisation read: the list, the response itself, its status log and the counts."""
    if assisted:
        profile = VolunteerProfileFactory(
            user=None, municipality=heerde, full_name="Anna Assist", phone="0698765432"
        )
    response = propose(vacancy, profile, broker)
    move(
        response,
        volunteering_constants.ResponseStatus.WITHDRAWN,
        broker if assisted else volunteer,
        note="Liever niet bij deze club.",
    )
    assert selectors.responses_for_vacancy(vacancy=vacancy) == []
    with pytest.raises(Http404):
        selectors.response_for_member(user=org_admin, pk=response.pk)
    assert not VacancyResponse.objects.for_organisation_member(org_admin).exists()
    assert not ResponseTransition.objects.owned_by(org_admin).exists()
    # The broker still sees the proposal and its log.
    assert list(selectors.responses_for_broker(vacancy=vacancy)) == [response]
    assert ResponseTransition.objects.visible_to(broker).filter(response=response).count() == 2


def test_agreed_proposal_and_own_response_reach_the_organisation(
    vacancy, profile, volunteer, broker, org_admin, heerde
):
    agreed = propose(vacancy, profile, broker)
    move(agreed, volunteering_constants.ResponseStatus.OPEN, volunteer)
    other = VolunteerProfileFactory(municipality=heerde)
    own = respond(vacancy, other.user)
    assert set(VacancyResponse.objects.for_organisation_member(org_admin)) == {agreed, own}
    assert selectors.response_for_member(user=org_admin, pk=agreed.pk) == agreed
    assert not ResponseTransition.objects.visible_to(org_admin).exists()  # the brokers' rule
    assert {t.response_id for t in ResponseTransition.objects.owned_by(org_admin)} == {
        agreed.pk,
        own.pk,
    }


def test_broker_of_other_municipality_cannot_propose(vacancy, profile, epe_broker):
    with pytest.raises(PermissionDenied):
        propose(vacancy, profile, epe_broker)
    assert not VacancyResponse.objects.exists()


def test_proposal_refused_twice(vacancy, profile, broker, volunteer):
    respond(vacancy, volunteer)
    with pytest.raises(ValidationError) as caught:
        propose(vacancy, profile, broker)
    assert caught.value.code == "already_responded"


# --- Placements ------------------------------------------------------------------------------


def test_accept_creates_planned_placement_then_waiting_list_beyond_places(
    vacancy, org_admin, heerde
):
    first = _response(
        vacancy,
        VolunteerProfileFactory(municipality=heerde),
        volunteering_constants.ResponseStatus.OPEN,
    )
    second = _response(
        vacancy,
        VolunteerProfileFactory(municipality=heerde),
        volunteering_constants.ResponseStatus.INTRODUCTION,
    )
    third = _response(
        vacancy,
        VolunteerProfileFactory(municipality=heerde),
        volunteering_constants.ResponseStatus.OPEN,
    )
    placed = accept(first, org_admin)
    assert placed.status == volunteering_constants.PlacementStatus.PLANNED
    waiting = accept(second, org_admin)
    later = accept(third, org_admin)
    assert (waiting.status, later.status) == (
        volunteering_constants.PlacementStatus.WAITING_LIST,
        volunteering_constants.PlacementStatus.WAITING_LIST,
    )
    with pytest.raises(ValidationError) as error:
        services.placement_move_up(placement=waiting, actor=Actor(user=org_admin))
    assert error.value.code == "places_taken"
    services.placement_set_start(placement=placed, start_date=TODAY, actor=Actor(user=org_admin))
    services.placement_confirm_start(placement=placed, actor=Actor(user=org_admin))
    services.placement_end(
        placement=placed,
        end_reason=volunteering_constants.PlacementEndReason.MOVED,
        evaluation="Fijn geholpen.",
        actor=Actor(user=org_admin),
    )
    with pytest.raises(ValidationError) as error:
        services.placement_move_up(placement=later, actor=Actor(user=org_admin))
    assert error.value.code == "not_first"
    assert services.placement_move_up(placement=waiting, actor=Actor(user=org_admin)).status == (
        volunteering_constants.PlacementStatus.PLANNED
    )


def test_start_confirmation_creates_check_ins_and_match(vacancy, profile, org_admin, volunteer):
    placement = accept(
        _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN), org_admin
    )
    start = datetime.date(2026, 1, 31)
    with pytest.raises(ValidationError) as error:
        services.placement_confirm_start(placement=placement, actor=Actor(user=org_admin))
    assert error.value.code == "no_start_date"
    placement = services.placement_set_start(
        placement=placement, start_date=start, actor=Actor(user=org_admin)
    )
    with pytest.raises(ValidationError) as error:
        services.placement_confirm_start(
            placement=placement, actor=Actor(user=org_admin), today=start - datetime.timedelta(1)
        )
    assert error.value.code == "start_in_future"
    with pytest.raises(ValidationError) as error:
        services.placement_volunteer_answer(
            placement=placement, confirm=True, actor=Actor(volunteer)
        )
    assert error.value.code == "not_started"
    placement = services.placement_confirm_start(placement=placement, actor=Actor(user=org_admin))
    assert placement.status == volunteering_constants.PlacementStatus.RUNNING
    assert placement.is_match
    assert list(CheckIn.objects.filter(placement=placement).values_list("due_on", flat=True)) == [
        datetime.date(2026, 2, 28),
        datetime.date(2026, 4, 30),
    ]
    with pytest.raises(PermissionDenied):
        services.placement_volunteer_answer(
            placement=placement, confirm=True, actor=Actor(org_admin)
        )
    placement = services.placement_volunteer_answer(
        placement=placement, confirm=True, actor=Actor(user=volunteer)
    )
    assert placement.volunteer_confirmed_at and placement.is_match
    with pytest.raises(ValidationError) as error:
        services.placement_volunteer_answer(
            placement=placement, confirm=False, actor=Actor(volunteer)
        )
    assert error.value.code == "already_answered"


def test_disputed_start_is_no_match(vacancy, profile, org_admin, volunteer):
    placement = accept(
        _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN), org_admin
    )
    assert not placement.is_match
    services.placement_set_start(placement=placement, start_date=TODAY, actor=Actor(user=org_admin))
    placement = services.placement_confirm_start(placement=placement, actor=Actor(user=org_admin))
    placement = services.placement_volunteer_answer(
        placement=placement, confirm=False, actor=Actor(user=volunteer)
    )
    assert placement.volunteer_disputed_at is not None
    assert not placement.is_match


def test_stale_start_date_refused(vacancy, profile, org_admin, colleague):
    placement = accept(
        _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN), org_admin
    )
    version = placement.version
    services.placement_set_start(
        placement=placement, start_date=TODAY, version=version, actor=Actor(user=org_admin)
    )
    with pytest.raises(ValidationError) as error:
        services.placement_set_start(
            placement=placement,
            start_date=TODAY + datetime.timedelta(days=3),
            version=version,
            actor=Actor(user=colleague),
        )
    assert error.value.code == "stale"


def test_min_age_refused_until_broker_override(
    vacancy, heerde, org_admin, broker, epe_broker, volunteer
):
    vacancy.min_age = 18
    vacancy.save()
    start = datetime.date(2026, 9, 1)
    young = VolunteerProfileFactory(
        user=volunteer, municipality=heerde, date_of_birth=datetime.date(2008, 9, 2)
    )
    placement = accept(
        _response(vacancy, young, volunteering_constants.ResponseStatus.OPEN), org_admin
    )
    with pytest.raises(ValidationError, match="jonger dan de minimumleeftijd van 18"):
        services.placement_set_start(placement=placement, start_date=start, actor=Actor(org_admin))
    # Turning 18 on the start date is enough.
    services.placement_set_start(
        placement=placement, start_date=datetime.date(2026, 9, 2), actor=Actor(org_admin)
    )
    with pytest.raises(PermissionDenied):
        services.placement_override(placement=placement, reason="Stage", actor=Actor(org_admin))
    with pytest.raises(PermissionDenied):
        services.placement_override(placement=placement, reason="Stage", actor=Actor(epe_broker))
    with pytest.raises(ValidationError) as error:
        services.placement_override(placement=placement, reason=" ", actor=Actor(broker))
    assert error.value.error_dict["reason"][0].code == "note_required"
    placement = services.placement_override(
        placement=placement, reason="Maatschappelijke stage met begeleiding", actor=Actor(broker)
    )
    assert placement.override_by == broker
    placement = services.placement_set_start(
        placement=placement, start_date=start, actor=Actor(org_admin)
    )
    assert placement.start_date == start


def test_the_start_waits_for_a_vog_that_fits(vacancy, profile, org_admin, broker):
    """A VOG fits when it is at most the vacancy's age on the start date (default: the
    municipality's 3 years) and covers the vacancy's screening profile."""
    vacancy.vog_required = True
    vacancy.vog_aspects = [volunteering_constants.VogAspect.CARE_FOR_MINORS]
    vacancy.save()
    start = datetime.date(2026, 6, 1)
    placement = accept(
        _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN), org_admin
    )

    def refused_for_the_vog():
        with pytest.raises(ValidationError) as caught:
            services.placement_set_start(
                placement=placement, start_date=start, actor=Actor(org_admin)
            )
        assert {e.code for e in caught.value.error_list} == {"requirement_not_met"}
        assert "VOG" in caught.value.messages[0]

    refused_for_the_vog()  # no VOG at all
    vog = VogFactory(profile=profile, issued_on=start.replace(year=2023) - datetime.timedelta(1))
    vog.aspects = [volunteering_constants.VogAspect.CARE_FOR_MINORS]
    vog.save()
    refused_for_the_vog()  # one day older than 3 years on the start date
    vog.issued_on = start.replace(year=2023)
    vog.aspects = [volunteering_constants.VogAspect.CARE_FOR_PEOPLE_IN_NEED]
    vog.save()
    refused_for_the_vog()  # young enough, but for care of people in need, not minors
    vacancy.vog_max_age_years = 2
    vacancy.vog_aspects = []
    vacancy.save()
    refused_for_the_vog()  # any aspect will do, but this vacancy takes 2 years at most
    vacancy.vog_max_age_years = None
    vacancy.save()
    assert services.placement_set_start(
        placement=placement, start_date=start, actor=Actor(org_admin)
    )


def test_one_off_task_records_participation_without_check_ins(organisation, profile, org_admin):
    task_at = timezone.now() + datetime.timedelta(days=5)
    task = VacancyFactory(
        organisation=organisation,
        kind=volunteering_constants.VacancyKind.ONE_OFF,
        starts_at=task_at,
        day_parts=[],
    )
    placement = accept(
        _response(task, profile, volunteering_constants.ResponseStatus.OPEN), org_admin
    )
    assert placement.status == volunteering_constants.PlacementStatus.RUNNING
    assert placement.start_date == timezone.localtime(task_at).date()
    assert placement.started_confirmed_at is not None
    assert not placement.check_ins.exists()


def test_one_off_task_with_unmet_requirement_waits_for_override(
    organisation, profile, org_admin, broker
):
    task = VacancyFactory(
        organisation=organisation,
        kind=volunteering_constants.VacancyKind.ONE_OFF,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        day_parts=[],
        vog_required=True,
    )
    placement = accept(
        _response(task, profile, volunteering_constants.ResponseStatus.OPEN), org_admin
    )
    assert (
        placement.status == volunteering_constants.PlacementStatus.PLANNED
        and placement.started_confirmed_at is None
    )
    placement = services.placement_override(
        placement=placement, reason="Bekend", actor=Actor(broker)
    )
    assert placement.status == volunteering_constants.PlacementStatus.RUNNING and placement.is_match
    assert not placement.check_ins.exists()
    assert list(placement.transitions.values_list("from_status", "to_status", "actor")) == [
        ("", volunteering_constants.PlacementStatus.PLANNED, org_admin.pk),
        (
            volunteering_constants.PlacementStatus.PLANNED,
            volunteering_constants.PlacementStatus.RUNNING,
            broker.pk,
        ),
    ]


def test_check_in_and_end(vacancy, profile, org_admin, volunteer):
    placement = accept(
        _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN), org_admin
    )
    services.placement_set_start(placement=placement, start_date=TODAY, actor=Actor(org_admin))
    services.placement_confirm_start(placement=placement, actor=Actor(org_admin))
    check_in = placement.check_ins.first()
    with pytest.raises(PermissionDenied):
        services.placement_check_in_done(check_in=check_in, notes="x", actor=Actor(volunteer))
    done = services.placement_check_in_done(
        check_in=check_in, notes="Gaat goed.", actor=Actor(user=org_admin)
    )
    assert (done.done_on, done.done_by, done.notes) == (TODAY, org_admin, "Gaat goed.")
    with pytest.raises(ValidationError) as caught:
        services.placement_check_in_done(check_in=check_in, notes="", actor=Actor(org_admin))
    assert caught.value.code == "already_recorded"
    with pytest.raises(ValidationError) as error:
        services.placement_end(
            placement=placement, end_reason="", evaluation="", actor=Actor(org_admin)
        )
    assert error.value.error_dict["end_reason"][0].code == "required"
    ended = services.placement_end(
        placement=placement,
        end_reason=volunteering_constants.PlacementEndReason.COMPLETED,
        evaluation="Prima.",
        actor=Actor(org_admin),
    )
    assert (ended.status, ended.ended_on, ended.evaluation) == (
        volunteering_constants.PlacementStatus.ENDED,
        TODAY,
        "Prima.",
    )
    with pytest.raises(ValidationError) as error:
        services.placement_end(
            placement=placement, end_reason="other", evaluation="", actor=Actor(org_admin)
        )
    assert error.value.code == "not_allowed"
    assert ended.transitions.count() == 3  # created, started, ended: the refusal wrote nothing


# --- Reminders -------------------------------------------------------------------------------


def test_reminder_after_seven_days_once(
    vacancy, profile, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    fresh = ResponseFactory(vacancy=vacancy, created_at=now - datetime.timedelta(days=6))
    due = _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN)
    VacancyResponse.objects.filter(pk=due.pk).update(created_at=now - datetime.timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.responses_remind(now=now) == {"reminded": 1, "no_reply": 0}
    assert [m.to for m in mailoutbox] == [[org_admin.email]]
    assert "Vera" not in mailoutbox[0].body and "de Vries" not in mailoutbox[0].body
    # Sent by the nightly job, without a request: the link is still a full address.
    link = f"http://127.0.0.1:8000/vrijwilligerswerk/mijn-vacatures/{vacancy.pk}/"
    assert link in mailoutbox[0].body
    due.refresh_from_db()
    fresh.refresh_from_db()
    assert due.reminded_at == now and fresh.reminded_at is None
    with django_capture_on_commit_callbacks(execute=True):
        # A day later only the response that has now waited a week is reminded.
        assert services.responses_remind(now=now + datetime.timedelta(days=1)) == {
            "reminded": 1,
            "no_reply": 0,
        }
    assert len(mailoutbox) == 2
    due.refresh_from_db()
    assert due.reminded_at == now


def test_no_reply_after_28_days(
    vacancy, profile, volunteer, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    late = _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN)
    answered = ResponseFactory(
        vacancy=vacancy, status=volunteering_constants.ResponseStatus.INTRODUCTION
    )
    VacancyResponse.objects.update(created_at=now - datetime.timedelta(days=29))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.responses_remind(now=now) == {"reminded": 0, "no_reply": 1}
    late.refresh_from_db()
    answered.refresh_from_db()
    assert (
        late.status == volunteering_constants.ResponseStatus.NO_REPLY
        and answered.status == volunteering_constants.ResponseStatus.INTRODUCTION
    )
    log = late.transitions.get()
    assert (log.from_status, log.to_status, log.actor) == (
        volunteering_constants.ResponseStatus.OPEN,
        volunteering_constants.ResponseStatus.NO_REPLY,
        None,
    )
    assert [m.to for m in mailoutbox] == [[volunteer.email]]
    assert "/vrijwilligerswerk/vacatures/" in mailoutbox[0].body


def test_remind_command_runs_now(vacancy, profile):
    response = _response(vacancy, profile, volunteering_constants.ResponseStatus.OPEN)
    VacancyResponse.objects.update(created_at=timezone.now() - datetime.timedelta(days=30))
    call_command("remind_responses", "--now")
    response.refresh_from_db()
    assert response.status == volunteering_constants.ResponseStatus.NO_REPLY


def test_moving_up_from_the_waiting_list_tells_the_volunteer(
    vacancy, org_admin, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    first = _response(
        vacancy,
        VolunteerProfileFactory(municipality=heerde),
        volunteering_constants.ResponseStatus.OPEN,
    )
    second = _response(
        vacancy,
        VolunteerProfileFactory(municipality=heerde),
        volunteering_constants.ResponseStatus.OPEN,
    )
    placed = accept(first, org_admin)
    waiting = accept(second, org_admin)
    services.placement_end(
        placement=placed,
        end_reason=volunteering_constants.PlacementEndReason.VOLUNTEER_STOPPED,
        evaluation="",
        actor=Actor(user=org_admin),
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_move_up(placement=waiting, actor=Actor(user=org_admin))
    assert [m.to for m in mailoutbox] == [[second.profile.user.email]]
    assert vacancy.title in mailoutbox[0].subject


def test_every_placement_status_change_is_logged(vacancy, org_admin, heerde):
    from omzien.volunteering.models import PlacementTransition

    first = _response(
        vacancy,
        VolunteerProfileFactory(municipality=heerde),
        volunteering_constants.ResponseStatus.OPEN,
    )
    second = _response(
        vacancy,
        VolunteerProfileFactory(municipality=heerde),
        volunteering_constants.ResponseStatus.OPEN,
    )
    placed = accept(first, org_admin)
    waiting = accept(second, org_admin)
    services.placement_end(
        placement=placed,
        end_reason=volunteering_constants.PlacementEndReason.VOLUNTEER_STOPPED,
        evaluation="",
        actor=Actor(user=org_admin),
    )
    services.placement_move_up(placement=waiting, actor=Actor(user=org_admin))
    log = list(
        PlacementTransition.objects.order_by("pk").values_list(
            "placement", "from_status", "to_status", "actor"
        )
    )
    assert log == [
        (placed.pk, "", volunteering_constants.PlacementStatus.PLANNED, org_admin.pk),
        (waiting.pk, "", volunteering_constants.PlacementStatus.WAITING_LIST, org_admin.pk),
        (
            placed.pk,
            volunteering_constants.PlacementStatus.PLANNED,
            volunteering_constants.PlacementStatus.ENDED,
            org_admin.pk,
        ),
        (
            waiting.pk,
            volunteering_constants.PlacementStatus.WAITING_LIST,
            volunteering_constants.PlacementStatus.PLANNED,
            org_admin.pk,
        ),
    ]
