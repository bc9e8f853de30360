"""Whom the volunteer platform notifies of work waiting for them: once per piece of work (a
retry notifies nobody twice), resolved when it is done, never another municipality's staff."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.notifications.models import Notification
from omzien.volunteering import constants
from omzien.volunteering.models import VacancyResponse
from omzien.volunteering.services import notifications, vacancies
from omzien.volunteering.services import organisations as orgs
from omzien.volunteering.services import responses as services
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    OrganisationMemberFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)
from omzien.volunteering.tests.test_organisations import _data

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(organisation):
    return VacancyFactory(organisation=organisation, title="Trainer jeugd")


@pytest.fixture
def colleague(make_member, heerde, organisation):
    user = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=organisation, user=user)
    return user


@pytest.fixture
def volunteer(make_member, heerde):
    user = make_member(Role.RESIDENT, heerde, full_name="Vera de Vries")
    VolunteerProfileFactory(user=user, municipality=heerde, full_name="Vera de Vries")
    return user


@pytest.fixture
def elsewhere(make_member, dalfsen):
    """Staff of another municipality, who never hear of Heerde's work."""
    member = make_member(Role.ORGANISATION_MEMBER, dalfsen)
    OrganisationMemberFactory(organisation=OrganisationFactory(municipality=dalfsen), user=member)
    return [make_member(Role.BROKER, dalfsen), member]


def unread(key_start: str) -> list[int]:
    return sorted(
        Notification.objects.unread()
        .filter(key__startswith=key_start)
        .values_list("recipient_id", flat=True)
    )


def test_a_response_notifies_the_members_once_and_an_answer_resolves_it(
    vacancy, volunteer, org_admin, colleague, broker, elsewhere
):
    response = services.response_create(
        vacancy=vacancy, user=volunteer, message="Graag", actor=Actor(user=volunteer)
    )
    made = Notification.objects.filter(key=f"vacancy_response:{response.pk}")
    assert sorted(n.recipient_id for n in made) == sorted([org_admin.pk, colleague.pk])
    assert {n.url for n in made} == {reverse("volunteering:vacancy_responses", args=[vacancy.pk])}
    assert made[0].message == (
        "Een vrijwilliger heeft gereageerd op uw vacature “Trainer jeugd”: geef antwoord."
    )
    assert "Vera" not in made[0].message  # names no one
    with pytest.raises(ValidationError):  # the retried request
        services.response_create(
            vacancy=vacancy, user=volunteer, message="Graag", actor=Actor(user=volunteer)
        )
    notifications.response_waiting(response)  # and a retried notification
    assert Notification.objects.count() == 2

    services.response_transition(
        response=response,
        to_status=constants.ResponseStatus.INTRODUCTION,
        actor=Actor(user=org_admin),
    )
    assert unread("vacancy_response") == []


def test_a_week_old_response_reminds_the_members_once(vacancy, volunteer, org_admin):
    response = services.response_create(
        vacancy=vacancy, user=volunteer, message="", actor=Actor(user=volunteer)
    )
    VacancyResponse.objects.filter(pk=response.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    services.responses_remind()
    services.responses_remind()
    assert unread("vacancy_response_reminder") == [org_admin.pk]
    assert unread("vacancy_response:") == [org_admin.pk]


def test_a_proposal_notifies_the_volunteer_and_their_answer_the_organisation(
    vacancy, volunteer, broker, org_admin, heerde
):
    profile = volunteer.volunteer_profiles.get()
    response = services.response_propose(
        vacancy=vacancy, profile=profile, message="", actor=Actor(user=broker)
    )
    [made] = Notification.objects.all()
    assert (made.recipient, made.url) == (volunteer, reverse("volunteering:response_mine"))
    assert unread("vacancy_response") == []  # the organisation does not see it yet

    services.response_transition(
        response=response, to_status=constants.ResponseStatus.OPEN, actor=Actor(user=volunteer)
    )
    assert unread("response_proposed") == []
    assert unread("vacancy_response") == [org_admin.pk]

    assisted = VolunteerProfileFactory(municipality=heerde, user=None)
    services.response_propose(
        vacancy=VacancyFactory(organisation=vacancy.organisation),
        profile=assisted,
        message="",
        actor=Actor(user=broker),
    )
    assert unread("response_proposed") == []  # no account: the broker answers for them


def test_an_organisation_to_review_notifies_the_brokers_and_the_review_resolves_it(
    heerde, wapenveld, make_member, broker, elsewhere
):
    resident = make_member(Role.RESIDENT, heerde)
    other_broker = make_member(Role.BROKER, heerde)
    organisation = orgs.organisation_register(
        municipality=heerde, data=_data(), actor=Actor(user=resident)
    )
    assert unread("organisation_review") == sorted([broker.pk, other_broker.pk])
    made = Notification.objects.filter(recipient=broker).get()
    assert made.url == reverse("volunteering:organisation_review", args=[organisation.pk])
    assert made.message == "Een organisatie in Heerde wacht op uw beoordeling."

    orgs.organisation_reject(organisation=organisation, reason="Geen", actor=Actor(user=broker))
    assert unread("organisation_review") == []
    assert unread("organisation_rejected") == [resident.pk]

    organisation.refresh_from_db()
    orgs.organisation_update(
        organisation=organisation,
        version=organisation.version,
        data={"description": "Nu beter beschreven."},
        actor=Actor(user=resident),
    )
    assert unread("organisation_rejected") == []
    # The second round of review notifies the brokers again.
    assert unread("organisation_review") == sorted([broker.pk, other_broker.pk])
    orgs.organisation_approve(organisation=organisation, actor=Actor(user=other_broker))
    assert unread("organisation_review") == []
    assert Notification.objects.filter(key__startswith="organisation_review").count() == 4


def test_a_vacancy_to_review_notifies_the_brokers_and_its_members_when_sent_back(
    organisation, org_admin, broker, elsewhere
):
    vacancy = VacancyFactory(organisation=organisation, status=constants.VacancyStatus.DRAFT)

    def step(to, user, note=""):
        vacancies.vacancy_transition(
            vacancy=vacancy, to_status=to, actor=Actor(user=user), note=note
        )

    step(constants.VacancyStatus.AWAITING_REVIEW, org_admin)
    assert unread("vacancy_review") == [broker.pk]
    assert Notification.objects.get(recipient=broker).url == reverse(
        "volunteering:vacancy_review", args=[vacancy.pk]
    )
    step(constants.VacancyStatus.DRAFT, broker, note="Vul de tijden in.")
    assert unread("vacancy_review") == []
    assert unread("vacancy_sent_back") == [org_admin.pk]

    step(constants.VacancyStatus.AWAITING_REVIEW, org_admin)
    assert unread("vacancy_sent_back") == []
    assert unread("vacancy_review") == [broker.pk]  # a new round
    step(constants.VacancyStatus.PUBLISHED, broker)
    assert unread("vacancy_review") == []

    vacancy.refresh_from_db()
    vacancy.publish_until = timezone.localdate() - datetime.timedelta(days=1)
    vacancy.save(update_fields=["publish_until"])
    vacancies.vacancies_expire()
    vacancies.vacancies_expire()
    assert unread("vacancy_expired") == [org_admin.pk]
    assert Notification.objects.filter(recipient__in=elsewhere).count() == 0


def _placement(vacancy, volunteer, org_admin):
    response = services.response_create(
        vacancy=vacancy, user=volunteer, message="", actor=Actor(user=volunteer)
    )
    return services.response_transition(
        response=response, to_status=constants.ResponseStatus.ACCEPTED, actor=Actor(org_admin)
    ).placement


def test_a_disputed_start_notifies_the_organisation_and_the_brokers_once(
    vacancy, volunteer, org_admin, colleague, broker, elsewhere
):
    placement = _placement(vacancy, volunteer, org_admin)
    services.placement_set_start(
        placement=placement, start_date=timezone.localdate(), actor=Actor(org_admin)
    )
    services.placement_confirm_start(placement=placement, actor=Actor(org_admin))
    assert unread("placement_disputed") == []
    services.placement_volunteer_answer(placement=placement, confirm=False, actor=Actor(volunteer))
    notifications.placement_disputed(placement)  # a retry notifies nobody twice
    assert unread("placement_disputed") == sorted([org_admin.pk, colleague.pk, broker.pk])
    member_link, broker_link = (
        Notification.objects.get(key__startswith="placement_disputed", recipient=user).url
        for user in (org_admin, broker)
    )
    assert member_link == reverse("volunteering:vacancy_responses", args=[vacancy.pk])
    assert broker_link == reverse("volunteering:volunteer_detail", args=[placement.profile_id])


def test_a_confirmed_start_notifies_nobody(vacancy, volunteer, org_admin, broker):
    placement = _placement(vacancy, volunteer, org_admin)
    services.placement_set_start(
        placement=placement, start_date=timezone.localdate(), actor=Actor(org_admin)
    )
    services.placement_confirm_start(placement=placement, actor=Actor(org_admin))
    services.placement_volunteer_answer(placement=placement, confirm=True, actor=Actor(volunteer))
    assert unread("placement_disputed") == []


def test_an_exception_notifies_the_organisation_and_the_volunteer(
    organisation, volunteer, org_admin, colleague, broker, elsewhere
):
    task = VacancyFactory(
        organisation=organisation,
        kind=constants.VacancyKind.ONE_OFF,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        day_parts=[],
        vog_required=True,
    )
    placement = _placement(task, volunteer, org_admin)
    assert unread("placement_exception") == []
    services.placement_override(placement=placement, reason="Bekend", actor=Actor(broker))
    assert unread("placement_exception") == sorted([org_admin.pk, colleague.pk, volunteer.pk])
    mine = Notification.objects.get(key__startswith="placement_exception", recipient=volunteer)
    assert mine.url == reverse("volunteering:response_mine")
    assert "Bekend" not in mine.message  # the reason stays behind the page's access rule
