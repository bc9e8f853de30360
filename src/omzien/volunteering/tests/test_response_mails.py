"""A second response shows the first; the volunteer is mailed once per response and change."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.testing.errors import error_codes
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import VacancyResponse
from omzien.volunteering.services import responses as services
from omzien.volunteering.services.responses import Actor
from omzien.volunteering.tests.factories import (
    PlacementFactory,
    ResponseFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db
Status = volunteering_constants.ResponseStatus


@pytest.fixture
def vacancy(organisation):
    return VacancyFactory(organisation=organisation, places=1, title="Trainer jeugd")


@pytest.fixture
def volunteer(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Vera de Vries", email="vera@example.org")


@pytest.fixture
def profile(volunteer, heerde):
    return VolunteerProfileFactory(user=volunteer, municipality=heerde, full_name="Vera de Vries")


def to_volunteer(mailoutbox, volunteer):
    return [mail for mail in mailoutbox if mail.to == [volunteer.email]]


# --- A second response -----------------------------------------------------------------------


def test_reopening_respond_shows_the_existing_response(client, vacancy, volunteer, profile):
    response = ResponseFactory(vacancy=vacancy, profile=profile)
    client.force_login(volunteer)
    page = client.get(reverse("volunteering:response_create", args=[vacancy.pk]))
    html = page.content.decode()
    assert "U heeft al gereageerd" in html
    assert 'name="message"' not in html  # no form
    assert f"{reverse('volunteering:response_mine')}#response-{response.pk}-heading" in html
    assert timezone.localtime(response.created_at).strftime("%d-%m-%Y") in html
    assert "Open" in html or response.get_status_display() in html


def test_posting_again_creates_no_second_response(
    client, vacancy, volunteer, profile, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(volunteer)
    url = reverse("volunteering:response_create", args=[vacancy.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": "Graag!"})
        again = client.post(url, {"message": "Graag!"}, follow=True)
    assert VacancyResponse.objects.filter(vacancy=vacancy, profile=profile).count() == 1
    assert "U heeft al gereageerd" in again.content.decode()
    assert len(to_volunteer(mailoutbox, volunteer)) == 1  # the retried post mailed nobody


def test_the_service_refuses_a_second_response_with_a_code(vacancy, volunteer, profile):
    services.response_create(vacancy=vacancy, user=volunteer, message="", actor=Actor(volunteer))
    with pytest.raises(ValidationError) as error:
        services.response_create(
            vacancy=vacancy, user=volunteer, message="", actor=Actor(volunteer)
        )
    assert error_codes(error.value) == {"__all__": ["already_responded"]}


# --- E-mails to the volunteer ---------------------------------------------------------------


def test_volunteer_gets_a_confirmation_of_their_response(
    vacancy, volunteer, profile, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.response_create(
            vacancy=vacancy, user=volunteer, message="", actor=Actor(volunteer)
        )
    [mail] = to_volunteer(mailoutbox, volunteer)
    assert mail.subject == "Uw reactie is verstuurd: Trainer jeugd"
    assert "/vrijwilligerswerk/mijn-reacties/" in mail.body


def test_no_mail_when_the_transaction_is_rolled_back(
    vacancy, volunteer, profile, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            from django.db import transaction

            with transaction.atomic():
                services.response_create(
                    vacancy=vacancy, user=volunteer, message="", actor=Actor(volunteer)
                )
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mailoutbox == []


def test_mail_in_the_volunteers_language(
    vacancy, volunteer, profile, mailoutbox, django_capture_on_commit_callbacks
):
    volunteer.preferred_language = "en"
    volunteer.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.response_create(
            vacancy=vacancy, user=volunteer, message="", actor=Actor(volunteer)
        )
    [mail] = to_volunteer(mailoutbox, volunteer)
    assert mail.subject == "Your response has been sent: Trainer jeugd"


@pytest.mark.parametrize(
    ("target", "subject"),
    [
        (Status.INTRODUCTION, "Uitnodiging"),
        (Status.ACCEPTED, "aangenomen"),
        (Status.DECLINED, "Antwoord op uw reactie"),
        (Status.WITHDRAWN, "Uw reactie is ingetrokken"),
    ],
)
def test_each_status_change_mails_the_volunteer_once(
    vacancy,
    volunteer,
    profile,
    org_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
    target,
    subject,
):
    response = ResponseFactory(vacancy=vacancy, profile=profile)
    actor = volunteer if target == Status.WITHDRAWN else org_admin
    with django_capture_on_commit_callbacks(execute=True):
        services.response_transition(
            response=response,
            to_status=target,
            actor=Actor(actor),
            note="Geen plek" if target == Status.DECLINED else "",
            expected=Status.OPEN,
        )
    # The retried request: refused by the workflow, nothing mailed.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.response_transition(
            response=response,
            to_status=target,
            actor=Actor(actor),
            note="Geen plek",
            expected=Status.OPEN,
        )
    [mail] = to_volunteer(mailoutbox, volunteer)
    assert subject.lower() in mail.subject.lower()


def test_accepted_on_the_waiting_list_says_so(
    vacancy, volunteer, profile, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    PlacementFactory(response__vacancy=vacancy)  # the one place is taken
    response = ResponseFactory(vacancy=vacancy, profile=profile)
    with django_capture_on_commit_callbacks(execute=True):
        services.response_transition(
            response=response, to_status=Status.ACCEPTED, actor=Actor(org_admin)
        )
    [mail] = to_volunteer(mailoutbox, volunteer)
    assert "wachtlijst" in mail.subject


def test_agreeing_to_a_proposal_confirms_the_response(
    vacancy, volunteer, profile, mailoutbox, django_capture_on_commit_callbacks
):
    response = ResponseFactory(vacancy=vacancy, profile=profile, status=Status.PROPOSED)
    with django_capture_on_commit_callbacks(execute=True):
        services.response_transition(
            response=response, to_status=Status.OPEN, actor=Actor(volunteer)
        )
    [mail] = to_volunteer(mailoutbox, volunteer)
    assert mail.subject == "Uw reactie is verstuurd: Trainer jeugd"


def test_confirmed_start_mails_the_volunteer(
    vacancy, volunteer, profile, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    placement = PlacementFactory(
        response__vacancy=vacancy,
        response__profile=profile,
        start_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_confirm_start(placement=placement, actor=Actor(org_admin))
    [mail] = to_volunteer(mailoutbox, volunteer)
    assert mail.subject == "U bent begonnen: Trainer jeugd"
