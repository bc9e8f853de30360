"""What the carer registry puts on people's start page, and whom it notifies of new work."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers import constants
from omzien.caregivers.services import caregivers as services
from omzien.caregivers.services.referrals import incoming_submit
from omzien.caregivers.tests.factories import (
    BurdenWarningFactory,
    CaregiverFactory,
    IncomingReferralFactory,
)
from omzien.caregivers.tests.test_caregivers import carer_data
from omzien.common.services import Actor
from omzien.notifications.models import Notification
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def todos(response) -> dict[str, object]:
    return {
        str(todo.label): todo for section in response.context["sections"] for todo in section.todos
    }


def test_a_self_registration_notifies_the_consultants_of_its_municipality(
    heerde, dalfsen, make_member, django_capture_on_commit_callbacks, mailoutbox
):
    here = [make_member(Role.CONSULTANT, heerde) for _ in range(2)]
    make_member(Role.CONSULTANT, dalfsen)
    make_member(Role.BROKER, heerde)
    with django_capture_on_commit_callbacks(execute=True):
        carer = services.caregiver_register(
            municipality=heerde,
            data=carer_data(source=constants.Source.SELF),
            actor=Actor(user=None),
        )
    notified = Notification.objects.filter(key=f"caregiver_registered:{carer.pk}")
    assert sorted(n.recipient_id for n in notified) == sorted(u.pk for u in here)
    assert {n.url for n in notified} == {reverse("caregivers:detail", args=[carer.pk])}
    assert "Jan" not in notified[0].message  # the message names no one
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in here)


def test_a_carer_registered_by_a_consultant_notifies_no_one(heerde, consultant):
    services.caregiver_register(
        municipality=heerde,
        data=carer_data(),
        consultant=consultant,
        actor=Actor(user=consultant),
    )
    services.caregiver_register(
        municipality=heerde, data=carer_data(first_name="Piet"), actor=Actor(user=consultant)
    )  # by a GP, registered by the consultant: they know of it
    assert not Notification.objects.exists()


def test_imported_self_registrations_notify_no_one(
    heerde, consultant, make_member, django_capture_on_commit_callbacks, mailoutbox
):
    make_member(Role.CONSULTANT, heerde)
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("Jan", "Piet"):
            services.caregiver_register(
                municipality=heerde,
                data=carer_data(first_name=name, source=constants.Source.SELF),
                actor=Actor(user=consultant),
                event_kind=constants.EventKind.IMPORTED,
            )
    assert not Notification.objects.exists() and not mailoutbox


def test_an_incoming_referral_notifies_the_consultants(heerde, consultant, make_member):
    referrer = make_member(Role.REFERRER, heerde)
    incoming = incoming_submit(
        municipality=heerde,
        submitted_by=referrer,
        data={
            "referrer_kind": constants.Source.GP,
            "first_name": "Jan",
            "last_name": "Jansen",
            "phone": "0578-123456",
            "postcode": "8191 AB",
            "reason": "Overbelast",
            "consent_confirmed": True,
        },
    )
    notification = Notification.objects.get(recipient=consultant)
    assert notification.url == reverse("caregivers:incoming_detail", args=[incoming.pk])
    assert notification.message == (
        "Er is een mantelzorger verwezen naar de consulenten van Heerde."
    )


def _work(heerde, consultant, n):
    today = timezone.localdate()
    for _ in range(n):
        CaregiverFactory(municipality=heerde)  # no consultant yet
        mine = CaregiverFactory(
            municipality=heerde,
            consultant=consultant,
            next_contact_on=today - datetime.timedelta(days=3),
        )
        BurdenWarningFactory(caregiver=mine)
        IncomingReferralFactory(municipality=heerde)


def test_the_consultants_start_page_counts_their_work(heerde, dalfsen, consultant, client):
    _work(heerde, consultant, 2)
    _work(dalfsen, None, 3)  # another municipality's work is not theirs
    other = CaregiverFactory(municipality=heerde, consultant=CaregiverFactory().consultant)
    BurdenWarningFactory(caregiver=other, assigned_to=None)  # nobody's: everyone's
    login_verified(client, consultant)
    found = todos(client.get(reverse("ui:dashboard")))
    assert found["Nieuwe mantelzorgers zonder consulent"].count == 3
    assert found["Open vroegsignalen van uw mantelzorgers"].count >= 2
    assert found["Contactmomenten over tijd"].count == 2
    assert found["Binnengekomen verwijzingen om af te handelen"].count == 2


@pytest.mark.parametrize("n", [1, 5])
def test_the_start_page_runs_a_fixed_number_of_queries(
    heerde, consultant, client, django_assert_num_queries, n
):
    _work(heerde, consultant, n)
    login_verified(client, consultant)
    client.get(reverse("ui:dashboard"))
    # session, user, device, memberships, 3 counts of the carer work (+ caregiver settings),
    # one of the appreciation round's work (appreciation.selectors.todos), two of the social
    # map's (entries to review, to confirm), two of the newsletters' (drafts, sends to check)
    # and one of the volunteer prize's (nominations to score, to check)
    with django_assert_num_queries(15):
        client.get(reverse("ui:dashboard"))


def test_a_referrer_sees_what_waits_and_a_carer_their_registration(heerde, make_member, client):
    referrer = make_member(Role.REFERRER, heerde, totp=True)
    IncomingReferralFactory.create_batch(2, municipality=heerde, submitted_by=referrer)
    IncomingReferralFactory(municipality=heerde)  # someone else's
    login_verified(client, referrer)
    assert (
        todos(client.get(reverse("ui:dashboard")))["Verwijzingen die nog niet zijn opgepakt"].count
        == 2
    )

    resident = make_member(Role.RESIDENT, heerde)
    CaregiverFactory(municipality=heerde, user=resident)
    client.force_login(resident)
    found = todos(client.get(reverse("ui:dashboard")))
    assert found["Mijn mantelzorgregistratie"].url == reverse("carer:mine")


def test_taking_a_carer_on_clears_the_colleagues_notifications(heerde, make_member):
    anna, bert = (make_member(Role.CONSULTANT, heerde) for _ in range(2))
    carer = services.caregiver_register(
        municipality=heerde, data=carer_data(source=constants.Source.SELF), actor=Actor(user=None)
    )
    assert Notification.objects.unread().count() == 2
    services.caregiver_take_on(caregiver=carer, actor=Actor(user=anna))
    assert Notification.objects.unread().count() == 0
    assert todos_for_user(bert)["Nieuwe mantelzorgers zonder consulent"].count == 0


def todos_for_user(user) -> dict[str, object]:
    from omzien.caregivers.selectors.todos import todos_for

    return {str(todo.label): todo for section in todos_for(user) for todo in section.todos}
