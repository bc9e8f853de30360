"""A consultant adds an applicant who consented to the carer registry from the application's
page, or links them to the namesake already registered; the start page counts them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.tests.factories import (
    ApplicationFactory,
    LetterFactory,
    PaymentBatchFactory,
    PaymentFactory,
    RoundFactory,
    VoucherFactory,
)
from omzien.caregivers.models import Caregiver
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.testing.login import login_verified
from omzien.ui.startpage import sections_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(heerde):
    return ApplicationFactory(
        round=RoundFactory(municipality=heerde, name="Mantelzorgwaardering Heerde"),
        first_name="Fenna",
        last_name="Bosch",
        date_of_birth=datetime.date(1970, 3, 4),
        postcode="8181 AB",
        consent_registry=True,
        registration_offered=True,
    )


@pytest.fixture
def consultant(make_member, heerde):
    return make_member(Role.CONSULTANT, heerde, totp=True)


def test_register_from_the_application_page(client, consultant, offered):
    login_verified(client, consultant)
    queue = reverse("appreciation:application_list", args=[offered.round_id])
    listed = client.get(queue, {"offered": "on"})
    assert offered.number in listed.content.decode()
    page = client.get(reverse("appreciation:application_detail", args=[offered.pk]))
    assert "Inschrijven als mantelzorger" in page.content.decode()
    client.post(reverse("appreciation:application_register", args=[offered.pk]))
    offered.refresh_from_db()
    assert offered.caregiver == Caregiver.objects.get(last_name="Bosch")
    assert offered.number not in client.get(queue, {"offered": "on"}).content.decode()


def test_a_namesake_is_offered_to_link(client, consultant, offered, heerde):
    existing = CaregiverFactory(
        municipality=heerde,
        first_name="Fenna",
        last_name="Bosch",
        date_of_birth=datetime.date(1970, 3, 4),
        postcode="8181 AB",
    )
    login_verified(client, consultant)
    url = reverse("appreciation:application_register", args=[offered.pk])
    answer = client.post(url)
    assert answer.status_code == 200
    assert f'value="{existing.pk}"' in answer.content.decode()
    client.post(url, {"caregiver": existing.pk})
    offered.refresh_from_db()
    assert offered.caregiver == existing
    assert Caregiver.objects.count() == 1


def test_an_appreciation_officer_sees_but_does_not_register(client, make_member, heerde, offered):
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    login_verified(client, officer)
    page = client.get(reverse("appreciation:application_detail", args=[offered.pk]))
    assert "Inschrijven als mantelzorger" not in page.content.decode()
    client.post(reverse("appreciation:application_register", args=[offered.pk]))
    offered.refresh_from_db()
    assert offered.caregiver is None


def test_start_page_counts_the_round_work(consultant, offered, make_member, heerde):
    ApplicationFactory(round=offered.round)  # submitted: to decide
    labels = {
        str(todo.label): todo.count
        for section in sections_for(consultant)
        for todo in section.todos
    }
    assert (
        labels["Mantelzorgwaardering Heerde: aanvragers om in te schrijven als mantelzorger"] == 1
    )
    assert labels["Mantelzorgwaardering Heerde: aanvragen om over te beslissen"] == 2
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    officer_labels = {str(t.label) for s in sections_for(officer) for t in s.todos}
    assert not any("mantelzorger" in label for label in officer_labels)


def test_an_objection_is_counted_apart_and_leads_to_the_objections(make_member, heerde):
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    round_ = RoundFactory(municipality=heerde, name="Waardering 2026")
    ApplicationFactory(round=round_)
    ApplicationFactory(round=round_, status=ApplicationStatus.OBJECTED)
    queue = reverse("appreciation:application_list", args=[round_.pk])
    assert {
        str(todo.label): (todo.count, todo.url)
        for section in sections_for(officer)
        for todo in section.todos
    } == {
        "Waardering 2026: aanvragen om over te beslissen": (1, f"{queue}?status=submitted"),
        "Waardering 2026: bezwaren om over te beslissen": (1, f"{queue}?status=objected"),
    }


def test_start_page_counts_the_work_after_the_decisions(make_member, heerde):
    """What is left once applications are decided: a returned payment, a voucher to issue, a
    decision without its letter, a paper letter to print. Each to-do leaves the list when the
    work is done."""
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    round_ = RoundFactory(municipality=heerde, name="Waardering 2026")
    granted = {"status": ApplicationStatus.GRANTED, "amount": Decimal("100.00")}
    returned = PaymentFactory(
        batch=PaymentBatchFactory(round=round_),
        application=ApplicationFactory(
            round=round_, status=ApplicationStatus.PAYMENT_FAILED, amount=Decimal("100.00")
        ),
        status=constants.PaymentStatus.FAILED,
    ).application
    voucher = ApplicationFactory(round=round_, form=constants.AppreciationForm.VOUCHER, **granted)
    VoucherFactory(application=ApplicationFactory(round=round_, **granted, form="voucher"))
    paid = {"status": ApplicationStatus.PAID, "amount": Decimal("100.00")}
    unlettered = ApplicationFactory(round=round_, decided_at=timezone.now(), **paid)
    printed = LetterFactory(
        application__round=round_, application__status=paid["status"], printed_at=timezone.now()
    )
    to_print = LetterFactory(application__round=round_, application__status=paid["status"])

    def todos():
        return {
            str(todo.label).removeprefix("Waardering 2026: "): (todo.count, todo.url)
            for section in sections_for(officer)
            for todo in section.todos
        }

    letters = reverse("appreciation:letter_list", args=[round_.pk])
    queue = reverse("appreciation:application_list", args=[round_.pk])
    assert todos() == {
        "betalingen die de bank terugstuurde": (1, f"{queue}?status=payment_failed"),
        "toegekende waardebonnen die nog niet zijn uitgegeven": (
            1,
            reverse("appreciation:voucher_list", args=[round_.pk]),
        ),
        "besluiten zonder brief": (1, letters),
        "besluitbrieven om te printen": (1, letters),
    }
    returned.status = ApplicationStatus.GRANTED
    returned.save()
    VoucherFactory(application=voucher)
    LetterFactory(application=unlettered)
    to_print.printed_at = printed.printed_at
    to_print.save()
    # the returned payment, granted again, waits for the next batch; the new letter to print
    assert todos() == {
        "toegekende overboekingen die nog niet in een betaalbestand staan": (
            1,
            reverse("appreciation:payment_list", args=[round_.pk]),
        ),
        "besluitbrieven om te printen": (1, letters),
    }


def test_an_officer_of_two_municipalities_tells_rounds_of_the_same_name_apart(
    make_member, heerde, dalfsen
):
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    MembershipFactory(user=officer, municipality=dalfsen, role=Role.APPRECIATION_OFFICER)
    officer = type(officer).objects.get(pk=officer.pk)  # its roles read afresh
    for municipality in (heerde, dalfsen):
        ApplicationFactory(round=RoundFactory(municipality=municipality, name="Waardering 2026"))
    labels = sorted(str(todo.label) for section in sections_for(officer) for todo in section.todos)
    assert labels == [
        "Dalfsen: Waardering 2026: aanvragen om over te beslissen",
        "Heerde: Waardering 2026: aanvragen om over te beslissen",
    ]


@pytest.mark.parametrize("n", [1, 6])
def test_the_start_page_counts_with_one_query_whatever_the_work(
    client, make_member, heerde, django_assert_num_queries, n
):
    officer = make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)
    round_ = RoundFactory(municipality=heerde)
    for _ in range(n):
        ApplicationFactory(round=round_)
    login_verified(client, officer)
    client.get(reverse("ui:dashboard"))
    # session, user, device, memberships, the appreciation round's one count and the
    # volunteer prize's (recognition: nominations to score or check)
    with django_assert_num_queries(7):
        client.get(reverse("ui:dashboard"))
