"""Vacancy services: creation and validation, editing, every state transition and who may."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.workflow import SYSTEM
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Vacancy, VacancyTransition
from omzien.volunteering.selectors import vacancies as selectors
from omzien.volunteering.services import vacancies as services
from omzien.volunteering.services.vacancies import Actor
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    VacancyFactory,
)
from omzien.volunteering.workflows import BROKER, MEMBER, VACANCY

TODAY = timezone.localdate()


def valid_data(**overrides) -> dict:
    data = {
        "title": "Chauffeur voor de boodschappenbus",
        "description": "Rijd ouderen naar de supermarkt.",
        "domains": [volunteering_constants.Domain.TRANSPORT],
        "tasks": "Rijden\nHelpen met tassen",
        "target_groups": [volunteering_constants.TargetGroup.OLDER_PEOPLE],
        "kind": volunteering_constants.VacancyKind.STRUCTURAL,
        "day_parts": ["tue_morning"],
        "hours_per_week": 3,
        "starts_at": None,
        "ends_at": None,
        "places": 2,
        "location_kind": volunteering_constants.LocationKind.ADDRESS,
        "locality": None,
        "address": "Dorpsstraat 1",
        "min_age": 18,
        "vog_required": True,
        "driving_licence": True,
        "languages": ["nl"],
        "suitable_young": False,
        "suitable_distance_labour": False,
        "basic_dutch_ok": True,
        "guidance_offered": True,
        "publish_from": TODAY,
        "publish_until": None,
    }
    data.update(overrides)
    return data


@pytest.fixture
def epe_broker(make_member, epe):
    return make_member(Role.BROKER, epe, totp=True, full_name="Erik Epe")


@pytest.fixture
def outsider(make_member, heerde):
    return make_member(Role.ORGANISATION_MEMBER, heerde, full_name="Olga Ander")


@pytest.fixture
def draft(organisation, org_admin):
    return make(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)


def make(**kwargs) -> Vacancy:
    """A vacancy that passes validation (the factory leaves the address empty)."""
    kwargs.setdefault("address", "Dorpsstraat 1")
    return VacancyFactory(**kwargs)


def actor(user):
    return Actor(user=user)


def move(vacancy, to, user, note=""):
    return services.vacancy_transition(vacancy=vacancy, to_status=to, actor=actor(user), note=note)


# --- Creating and validating --------------------------------------------------------------


def test_create_starts_as_draft_in_the_organisations_municipality(organisation, org_admin):
    vacancy = services.vacancy_create(
        organisation=organisation, data=valid_data(), actor=actor(org_admin)
    )
    assert vacancy.status == volunteering_constants.VacancyStatus.DRAFT
    assert vacancy.municipality_id == organisation.municipality_id
    assert vacancy.created_by == org_admin
    log = list(vacancy.transitions.values_list("from_status", "to_status", "actor"))
    assert log == [("", volunteering_constants.VacancyStatus.DRAFT, org_admin.pk)]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="volunteering.vacancy", object_id=str(vacancy.pk)
    ).exists()


def test_non_member_cannot_create(organisation, outsider):
    with pytest.raises(PermissionDenied):
        services.vacancy_create(organisation=organisation, data=valid_data(), actor=actor(outsider))
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"kind": volunteering_constants.VacancyKind.ONE_OFF, "day_parts": []},
            "starts_at",
            "Een eenmalige klus heeft een datum en een begintijd nodig.",
        ),
        (
            {
                "kind": volunteering_constants.VacancyKind.ONE_OFF,
                "starts_at": timezone.now() + datetime.timedelta(days=5),
            },
            "day_parts",
            "Een eenmalige klus heeft een datum en tijd, geen dagdelen van de week: vink ze uit.",
        ),
        (
            {"kind": volunteering_constants.VacancyKind.SHORT_TERM, "day_parts": []},
            "day_parts",
            "Kies minstens één dagdeel waarop de vrijwilliger nodig is.",
        ),
        (
            {
                "location_kind": volunteering_constants.LocationKind.ADDRESS,
                "address": "  ",
                "locality": None,
            },
            "locality",
            "Kies een dorp of kern, of vul het adres in.",
        ),
        (
            {"publish_until": TODAY - datetime.timedelta(days=1)},
            "publish_until",
            "Het einde van de publicatie ligt vóór het begin.",
        ),
        ({"domains": []}, "domains", "Kies minstens één terrein."),
        ({"domains": ["knitting"]}, "domains", "Onbekende keuze: knitting"),
        ({"day_parts": ["tue_night"]}, "day_parts", "Onbekende keuze: tue_night"),
        ({"min_age": 100}, "min_age", None),
        ({"places": 0}, "places", None),
    ],
)
def test_invalid_input_gives_a_dutch_error_on_its_field_and_writes_nothing(
    organisation, org_admin, overrides, field, message
):
    with pytest.raises(ValidationError) as caught:
        services.vacancy_create(
            organisation=organisation, data=valid_data(**overrides), actor=actor(org_admin)
        )
    errors = caught.value.message_dict
    assert field in errors, errors
    if message:
        assert message in errors[field]
    assert not Vacancy.objects.exists()
    assert not VacancyTransition.objects.exists()


def test_locality_must_lie_in_the_organisations_municipality(organisation, org_admin, epe):
    from omzien.tenants.tests.factories import LocalityFactory

    vaassen = LocalityFactory(municipality=epe, name="Vaassen")
    with pytest.raises(ValidationError) as caught:
        services.vacancy_create(
            organisation=organisation, data=valid_data(locality=vaassen), actor=actor(org_admin)
        )
    assert "locality" in caught.value.message_dict


@pytest.mark.parametrize(
    "where",
    [volunteering_constants.LocationKind.AT_HOME, volunteering_constants.LocationKind.ONLINE],
)
def test_at_home_and_online_need_no_address(organisation, org_admin, where):
    vacancy = services.vacancy_create(
        organisation=organisation,
        data=valid_data(location_kind=where, address="", locality=None),
        actor=actor(org_admin),
    )
    assert vacancy.location_kind == where


def test_locality_alone_is_enough_for_an_address(organisation, org_admin, wapenveld):
    vacancy = services.vacancy_create(
        organisation=organisation,
        data=valid_data(address="", locality=wapenveld),
        actor=actor(org_admin),
    )
    assert vacancy.locality == wapenveld


def test_one_off_task_is_published_until_its_date(organisation, org_admin):
    starts = timezone.now() + datetime.timedelta(days=10)
    vacancy = services.vacancy_create(
        organisation=organisation,
        data=valid_data(
            kind=volunteering_constants.VacancyKind.ONE_OFF, day_parts=[], starts_at=starts
        ),
        actor=actor(org_admin),
    )
    assert vacancy.publish_until == timezone.localtime(starts).date()


def test_one_off_task_cannot_stay_published_after_its_date(organisation, org_admin):
    starts = timezone.now() + datetime.timedelta(days=10)
    with pytest.raises(ValidationError) as caught:
        services.vacancy_create(
            organisation=organisation,
            data=valid_data(
                kind=volunteering_constants.VacancyKind.ONE_OFF,
                day_parts=[],
                starts_at=starts,
                publish_until=TODAY + datetime.timedelta(days=30),
            ),
            actor=actor(org_admin),
        )
    assert "publish_until" in caught.value.message_dict


# --- Editing ----------------------------------------------------------------------------------


def test_update_with_a_stale_version_overwrites_nothing(draft, org_admin):
    services.vacancy_update(
        vacancy=draft, version=1, data={"title": "Eerste wijziging"}, actor=actor(org_admin)
    )
    with pytest.raises(services.EditConflict):
        services.vacancy_update(
            vacancy=draft, version=1, data={"title": "Tweede wijziging"}, actor=actor(org_admin)
        )
    draft.refresh_from_db()
    assert draft.title == "Eerste wijziging"
    assert draft.version == 2


def test_member_edit_keeps_a_published_vacancy_published_and_is_audited(organisation, org_admin):
    vacancy = make(organisation=organisation)
    updated = services.vacancy_update(
        vacancy=vacancy,
        version=vacancy.version,
        data={"title": "Nieuwe titel", "places": 4},
        actor=actor(org_admin),
    )
    assert updated.status == volunteering_constants.VacancyStatus.PUBLISHED
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(vacancy.pk))
    assert event.reason == "title,places"


def test_non_member_cannot_edit(organisation, outsider):
    vacancy = make(organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.vacancy_update(
            vacancy=vacancy, version=1, data={"title": "Gekaapt"}, actor=actor(outsider)
        )
    vacancy.refresh_from_db()
    assert vacancy.title != "Gekaapt"


def test_closed_vacancy_cannot_be_edited(organisation, org_admin):
    vacancy = make(organisation=organisation, status=volunteering_constants.VacancyStatus.CLOSED)
    with pytest.raises(ValidationError):
        services.vacancy_update(
            vacancy=vacancy, version=1, data={"title": "X"}, actor=actor(org_admin)
        )


def test_invalid_edit_changes_nothing(organisation, org_admin):
    vacancy = make(organisation=organisation)
    with pytest.raises(ValidationError):
        services.vacancy_update(
            vacancy=vacancy, version=1, data={"day_parts": [], "title": "X"}, actor=actor(org_admin)
        )
    vacancy.refresh_from_db()
    assert vacancy.day_parts == ["sat_morning"]
    assert vacancy.version == 1


# --- The state machine -----------------------------------------------------------------------


def test_every_transition_names_who_may_take_it():
    for (frm, to), step in VACANCY.steps.items():
        assert (
            frm in volunteering_constants.VacancyStatus.values
            and to in volunteering_constants.VacancyStatus.values
        )
        assert step.by in (MEMBER, BROKER, SYSTEM)
    # First publication only through a broker's review.
    assert (
        VACANCY.step(
            volunteering_constants.VacancyStatus.DRAFT,
            volunteering_constants.VacancyStatus.PUBLISHED,
        )
        is None
    )
    assert (
        VACANCY.step(
            volunteering_constants.VacancyStatus.AWAITING_REVIEW,
            volunteering_constants.VacancyStatus.PUBLISHED,
        ).by
        == BROKER
    )
    # Closed is final.
    assert VACANCY.steps_from(volunteering_constants.VacancyStatus.CLOSED) == []


def test_member_submits_a_draft_and_brokers_are_notified(
    draft, org_admin, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vacancy = move(draft, volunteering_constants.VacancyStatus.AWAITING_REVIEW, org_admin)
    assert vacancy.status == volunteering_constants.VacancyStatus.AWAITING_REVIEW
    step = vacancy.transitions.latest("pk")
    assert (step.from_status, step.to_status, step.actor) == (
        volunteering_constants.VacancyStatus.DRAFT,
        volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        org_admin,
    )
    assert [m.to for m in mail.outbox] == [[broker.email]]
    assert "Een vacature in Heerde wacht op uw beoordeling" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, reason="status draft -> awaiting_review"
    ).exists()


@pytest.mark.parametrize("who", ["broker", "outsider"])
def test_only_members_submit(draft, request, who):
    with pytest.raises(PermissionDenied):
        move(
            draft,
            volunteering_constants.VacancyStatus.AWAITING_REVIEW,
            request.getfixturevalue(who),
        )
    draft.refresh_from_db()
    assert draft.status == volunteering_constants.VacancyStatus.DRAFT
    assert draft.transitions.count() == 0


def test_organisation_awaiting_approval_cannot_submit(heerde, make_member):
    organisation = OrganisationFactory(
        municipality=heerde, status=volunteering_constants.OrganisationStatus.PENDING
    )
    member = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=member)
    vacancy = make(organisation=organisation, status=volunteering_constants.VacancyStatus.DRAFT)
    with pytest.raises(ValidationError) as caught:
        move(vacancy, volunteering_constants.VacancyStatus.AWAITING_REVIEW, member)
    assert caught.value.code == "organisation_not_approved"
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.DRAFT


def test_broker_of_the_municipality_publishes(
    organisation, org_admin, broker, django_capture_on_commit_callbacks
):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    with django_capture_on_commit_callbacks(execute=True):
        published = move(vacancy, volunteering_constants.VacancyStatus.PUBLISHED, broker)
    assert published.status == volunteering_constants.VacancyStatus.PUBLISHED
    assert published.first_published_at is not None
    assert published.transitions.latest("pk").actor == broker
    assert [m.to for m in mail.outbox] == [[org_admin.email]]
    assert "gepubliceerd" in mail.outbox[0].subject


def test_broker_of_another_municipality_cannot_publish(organisation, epe_broker):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    with pytest.raises(PermissionDenied):
        move(vacancy, volunteering_constants.VacancyStatus.PUBLISHED, epe_broker)
    vacancy.refresh_from_db()
    assert vacancy.status == volunteering_constants.VacancyStatus.AWAITING_REVIEW


def test_member_cannot_publish_their_own_vacancy(organisation, org_admin):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    with pytest.raises(PermissionDenied):
        move(vacancy, volunteering_constants.VacancyStatus.PUBLISHED, org_admin)


@pytest.mark.parametrize("who", ["org_admin", "broker"])
def test_a_draft_is_never_published_without_review(draft, request, who):
    with pytest.raises(ValidationError):
        move(draft, volunteering_constants.VacancyStatus.PUBLISHED, request.getfixturevalue(who))
    draft.refresh_from_db()
    assert draft.status == volunteering_constants.VacancyStatus.DRAFT


def test_broker_cannot_publish_for_an_unapproved_organisation(heerde, broker):
    organisation = OrganisationFactory(
        municipality=heerde, status=volunteering_constants.OrganisationStatus.PENDING
    )
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    with pytest.raises(ValidationError):
        move(vacancy, volunteering_constants.VacancyStatus.PUBLISHED, broker)


def test_publication_period_that_has_ended_is_refused(organisation, broker):
    vacancy = make(
        organisation=organisation,
        status=volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        publish_from=TODAY - datetime.timedelta(days=30),
        publish_until=TODAY - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        move(vacancy, volunteering_constants.VacancyStatus.PUBLISHED, broker)


@pytest.mark.parametrize(
    "status",
    [
        volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        volunteering_constants.VacancyStatus.PUBLISHED,
    ],
)
def test_broker_sends_back_with_a_reason(
    organisation, org_admin, broker, status, django_capture_on_commit_callbacks
):
    vacancy = make(organisation=organisation, status=status)
    with pytest.raises(ValidationError) as caught:
        move(vacancy, volunteering_constants.VacancyStatus.DRAFT, broker, note="   ")
    assert "note" in caught.value.message_dict
    vacancy.refresh_from_db()
    assert vacancy.status == status
    with django_capture_on_commit_callbacks(execute=True):
        back = move(
            vacancy, volunteering_constants.VacancyStatus.DRAFT, broker, note="Noem de begintijd."
        )
    assert back.status == volunteering_constants.VacancyStatus.DRAFT
    assert back.transitions.latest("pk").note == "Noem de begintijd."
    # A notification (mailed): the reason is in the history on the linked page.
    assert [m.to for m in mail.outbox] == [[org_admin.email]]
    assert reverse("volunteering:vacancy_manage", args=[vacancy.pk]) in mail.outbox[0].body


def test_member_cannot_send_back(organisation, org_admin):
    vacancy = make(
        organisation=organisation, status=volunteering_constants.VacancyStatus.AWAITING_REVIEW
    )
    with pytest.raises(PermissionDenied):
        move(vacancy, volunteering_constants.VacancyStatus.DRAFT, org_admin, note="Zelf terug")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (
            volunteering_constants.VacancyStatus.PUBLISHED,
            volunteering_constants.VacancyStatus.FILLED,
        ),
        (
            volunteering_constants.VacancyStatus.PUBLISHED,
            volunteering_constants.VacancyStatus.CLOSED,
        ),
        (volunteering_constants.VacancyStatus.DRAFT, volunteering_constants.VacancyStatus.CLOSED),
        (
            volunteering_constants.VacancyStatus.AWAITING_REVIEW,
            volunteering_constants.VacancyStatus.CLOSED,
        ),
        (volunteering_constants.VacancyStatus.FILLED, volunteering_constants.VacancyStatus.CLOSED),
        (volunteering_constants.VacancyStatus.EXPIRED, volunteering_constants.VacancyStatus.CLOSED),
        (
            volunteering_constants.VacancyStatus.FILLED,
            volunteering_constants.VacancyStatus.PUBLISHED,
        ),
    ],
)
def test_members_fill_close_and_reopen(organisation, org_admin, broker, start, end):
    vacancy = make(organisation=organisation, status=start)
    with pytest.raises(PermissionDenied):
        move(vacancy, end, broker)
    assert move(vacancy, end, org_admin).status == end


def test_expired_vacancy_is_published_again_after_new_dates(organisation, org_admin):
    vacancy = make(
        organisation=organisation,
        status=volunteering_constants.VacancyStatus.EXPIRED,
        publish_from=TODAY - datetime.timedelta(days=60),
        publish_until=TODAY - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        move(vacancy, volunteering_constants.VacancyStatus.PUBLISHED, org_admin)
    vacancy = services.vacancy_update(
        vacancy=vacancy,
        version=vacancy.version,
        data={"publish_until": TODAY + datetime.timedelta(days=30)},
        actor=actor(org_admin),
    )
    assert (
        move(vacancy, volunteering_constants.VacancyStatus.PUBLISHED, org_admin).status
        == volunteering_constants.VacancyStatus.PUBLISHED
    )


@pytest.mark.parametrize(
    "target",
    [
        volunteering_constants.VacancyStatus.DRAFT,
        volunteering_constants.VacancyStatus.PUBLISHED,
        volunteering_constants.VacancyStatus.AWAITING_REVIEW,
        volunteering_constants.VacancyStatus.FILLED,
    ],
)
def test_closed_is_final(organisation, org_admin, target):
    vacancy = make(organisation=organisation, status=volunteering_constants.VacancyStatus.CLOSED)
    with pytest.raises(ValidationError):
        move(vacancy, target, org_admin)


def test_only_the_nightly_task_expires(organisation, org_admin, broker):
    vacancy = make(organisation=organisation)
    for user in (org_admin, broker):
        with pytest.raises(PermissionDenied):
            move(vacancy, volunteering_constants.VacancyStatus.EXPIRED, user)


def test_allowed_transitions_for_the_page(organisation, org_admin, broker, epe_broker):
    vacancy = make(organisation=organisation, status=volunteering_constants.VacancyStatus.PUBLISHED)
    member_steps = [
        to
        for to, _rule in selectors.allowed_transitions(vacancy=vacancy, user=org_admin, by=MEMBER)
    ]
    assert member_steps == [
        volunteering_constants.VacancyStatus.FILLED,
        volunteering_constants.VacancyStatus.CLOSED,
    ]
    broker_steps = [
        to for to, _rule in selectors.allowed_transitions(vacancy=vacancy, user=broker, by=BROKER)
    ]
    assert broker_steps == [volunteering_constants.VacancyStatus.DRAFT]
    assert selectors.allowed_transitions(vacancy=vacancy, user=epe_broker, by=BROKER) == []


# --- Expiry --------------------------------------------------------------------------------


@pytest.fixture
def expiry_set(organisation):
    yesterday = TODAY - datetime.timedelta(days=1)
    month_ago = TODAY - datetime.timedelta(days=30)
    return {
        "due": make(organisation=organisation, publish_from=month_ago, publish_until=yesterday),
        "today": make(organisation=organisation, publish_until=TODAY),
        "open_ended": make(organisation=organisation, publish_until=None),
        "draft": make(
            organisation=organisation,
            status=volunteering_constants.VacancyStatus.DRAFT,
            publish_from=month_ago,
            publish_until=yesterday,
        ),
    }


def test_expiry_moves_only_published_vacancies_past_their_period(expiry_set):
    assert services.vacancies_expire() == 1
    statuses = {k: Vacancy.objects.get(pk=v.pk).status for k, v in expiry_set.items()}
    assert statuses == {
        "due": volunteering_constants.VacancyStatus.EXPIRED,
        "today": volunteering_constants.VacancyStatus.PUBLISHED,
        "open_ended": volunteering_constants.VacancyStatus.PUBLISHED,
        "draft": volunteering_constants.VacancyStatus.DRAFT,
    }
    step = expiry_set["due"].transitions.get()
    assert (step.from_status, step.to_status, step.actor) == (
        volunteering_constants.VacancyStatus.PUBLISHED,
        volunteering_constants.VacancyStatus.EXPIRED,
        None,
    )
    assert services.vacancies_expire() == 0  # idempotent


def test_expire_vacancies_command_runs_now_or_queues_the_task(expiry_set, capsys):
    call_command("expire_vacancies", "--now")
    assert "Expired vacancies: 1" in capsys.readouterr().out
    expiry_set["today"].publish_until = TODAY - datetime.timedelta(days=1)
    expiry_set["today"].save()
    call_command("expire_vacancies")  # the immediate backend runs the task at once
    assert "Queued vacancy expiry task" in capsys.readouterr().out
    assert (
        Vacancy.objects.get(pk=expiry_set["today"].pk).status
        == volunteering_constants.VacancyStatus.EXPIRED
    )
