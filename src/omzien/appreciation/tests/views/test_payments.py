"""The payment pages as an appreciation officer (the walk covers the other roles)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.models import PaymentBatch
from omzien.appreciation.tests.factories import (
    AgeBandFactory,
    ApplicationFactory,
    PaymentBatchFactory,
    PaymentFactory,
    RoundFactory,
)
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, make_member, heerde):
    return login_verified(client, make_member(Role.APPRECIATION_OFFICER, heerde, totp=True))


@pytest.fixture
def round_(heerde):
    return RoundFactory(municipality=heerde, name="Waardering Heerde")


def granted(round_, **kwargs):
    return ApplicationFactory(
        round=round_, status=ApplicationStatus.GRANTED, amount=Decimal("100.00"), **kwargs
    )


def test_a_double_click_makes_one_batch_and_the_batch_page_shows_it(officer_client, round_):
    first = granted(round_, first_name="Anna", last_name="Jansen", iban="NL91ABNA0417164300")
    granted(round_)
    page = officer_client.get(reverse("appreciation:payment_list", args=[round_.pk]))
    assert "2 toegekende bankoverschrijvingen wachten op de volgende betaalopdracht." in (
        page.content.decode()
    )
    key = page.context["form"]["request_key"].value()
    url = reverse("appreciation:batch_create", args=[round_.pk])
    one = officer_client.post(url, {"request_key": key})
    two = officer_client.post(url, {"request_key": key})
    batch = PaymentBatch.objects.get()
    detail = reverse("appreciation:batch_detail", args=[round_.pk, batch.number])
    assert one["Location"] == two["Location"] == detail
    html = officer_client.get(detail).content.decode()
    assert "Anna Jansen" in html
    assert "NL•• •••• … 4300" in html
    assert "NL91ABNA0417164300" not in html
    assert "€\u00a0200,00" in html and "Totaal van 2 betalingen" in html
    assert AuditEvent.objects.filter(reason="payment batch", action="view").exists()
    assert first.payments.count() == 1


def test_nothing_to_pay_is_said(officer_client, round_):
    response = officer_client.post(
        reverse("appreciation:batch_create", args=[round_.pk]), {"request_key": "x"}, follow=True
    )
    assert "Er is niets te betalen" in response.content.decode()
    assert not PaymentBatch.objects.exists()


def test_the_file_sent_paid_and_a_returned_payment(officer_client, round_):
    returned = granted(round_, first_name="Bert", last_name="Visser")
    granted(round_)
    officer_client.post(
        reverse("appreciation:batch_create", args=[round_.pk]), {"request_key": "k"}
    )
    batch = PaymentBatch.objects.get()
    args = [round_.pk, batch.number]
    download = officer_client.get(reverse("appreciation:batch_file", args=args))
    assert download["Content-Type"] == "application/xml"
    assert download["Content-Disposition"] == (
        f'attachment; filename="betaalbestand-{round_.pk}-{batch.number}.xml"'
    )
    assert b"<CtrlSum>200.00</CtrlSum>" in download.content
    # A payment cannot be returned before the batch went to the bank.
    payment = returned.payments.get()
    fail_url = reverse("appreciation:payment_failed", args=[*args, payment.pk])
    early = officer_client.post(fail_url, {"reason": "Rekening opgeheven"})
    assert "Een betaling kan pas mislukken" in early.content.decode()
    payment.refresh_from_db()
    assert payment.status == constants.PaymentStatus.IN_BATCH
    officer_client.post(reverse("appreciation:batch_sent", args=args))
    batch.refresh_from_db()
    assert batch.status == constants.BatchStatus.SENT
    assert officer_client.post(fail_url, {"reason": ""}).status_code == 200  # reason required
    response = officer_client.post(fail_url, {"reason": "Rekening opgeheven"})
    assert response["Location"] == reverse("appreciation:batch_detail", args=args)
    paid_url = reverse("appreciation:batch_paid", args=args)
    assert officer_client.get(paid_url).status_code == 200
    today = timezone.localdate()
    assert officer_client.post(paid_url, {"paid_on": today.isoformat()}).status_code == 302
    batch.refresh_from_db()
    returned.refresh_from_db()
    assert batch.status == constants.BatchStatus.PAID
    assert returned.status == ApplicationStatus.PAYMENT_FAILED
    listing = officer_client.get(reverse("appreciation:payment_list", args=[round_.pk]))
    html = listing.content.decode()
    assert "Bert Visser" in html and "Rekening opgeheven" in html
    # The returned payment leads to its application, where the account number is corrected.
    detail = reverse("appreciation:application_detail", args=[returned.pk])
    assert f'href="{detail}"' in html
    batch_page = officer_client.get(reverse("appreciation:batch_detail", args=args))
    assert f'href="{detail}"' in batch_page.content.decode()


def test_a_returned_payment_is_paid_again_from_its_application(officer_client, round_):
    payment = PaymentFactory(
        batch=PaymentBatchFactory(round=round_, status=constants.BatchStatus.PAID),
        application=ApplicationFactory(
            round=round_,
            status=ApplicationStatus.PAYMENT_FAILED,
            amount=Decimal("100.00"),
            payment_failure="Rekening opgeheven",
            iban="NL91ABNA0417164300",
        ),
        iban="NL91ABNA0417164300",
        status=constants.PaymentStatus.FAILED,
        failure_reason="Rekening opgeheven",
    )
    application = payment.application
    detail = reverse("appreciation:application_detail", args=[application.pk])
    html = officer_client.get(detail).content.decode()
    assert "Betaling teruggestort door de bank" in html
    assert "naar de rekening eindigend op 4300 terug: Rekening opgeheven" in html
    assert "Het rekeningnummer in de aanvraag eindigt nu op 4300." in html
    url = reverse("appreciation:application_pay_again", args=[application.pk])
    assert officer_client.get(url).status_code == 405
    answer = officer_client.post(url, {"version": application.version}, follow=True)
    assert "De aanvraag gaat mee in de volgende betaalopdracht." in answer.content.decode()
    assert "Betaling teruggestort door de bank" not in answer.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED
    # A second click (the page shown before) changes nothing and says why.
    again = officer_client.post(url, {"version": application.version - 1}, follow=True)
    assert "Iemand anders heeft" in again.content.decode()
    assert application.transitions.filter(to_status=ApplicationStatus.GRANTED).count() == 1


def test_settle_after_the_window_with_the_summary(officer_client, heerde):
    year = timezone.localdate().year - 1
    round_ = RoundFactory(
        municipality=heerde,
        year=year,
        amount_mode=constants.AmountMode.BUDGET_DIVIDED,
        budget=Decimal("1000"),
        closes_on=datetime.date(year, 12, 31),
    )
    AgeBandFactory(round=round_)
    for _ in range(3):
        granted(round_)
    page = officer_client.get(reverse("appreciation:payment_list", args=[round_.pk]))
    assert reverse("appreciation:round_settle", args=[round_.pk]) in page.content.decode()
    done = officer_client.post(reverse("appreciation:round_settle", args=[round_.pk]), follow=True)
    assert "3 aanvragen, €\u00a0999,99 in totaal" in done.content.decode()
    again = officer_client.post(reverse("appreciation:round_settle", args=[round_.pk]), follow=True)
    assert "al vastgesteld" in again.content.decode()


def test_a_fixed_amount_round_has_nothing_to_settle(officer_client, round_):
    page = officer_client.get(reverse("appreciation:payment_list", args=[round_.pk]))
    assert reverse("appreciation:round_settle", args=[round_.pk]) not in page.content.decode()
    assert "Bedragen vaststellen" not in page.content.decode()


def test_settle_is_refused_while_the_round_is_open(officer_client, round_):
    response = officer_client.post(
        reverse("appreciation:round_settle", args=[round_.pk]), follow=True
    )
    round_.refresh_from_db()
    assert round_.closed_at is None
    assert "aanvraagperiode is nog niet voorbij" in response.content.decode()


def test_the_batch_page_gives_one_pdf_of_its_paper_letters(officer_client, round_, monkeypatch):
    """One print-ready PDF per payment batch: the paper grant letters of the batch's carers,
    sorted by postcode; letters by e-mail, and carers in another batch, are not in it."""
    from omzien.appreciation.services import letters, payments
    from omzien.common.services import Actor

    made = []

    def capture(html, **kwargs):
        made.append(html)
        return b"%PDF-1.7 test"

    monkeypatch.setattr(letters, "html_to_pdf", capture)
    now = timezone.now()
    on_paper = [
        granted(round_, reach_by="post", postcode=postcode, decided_at=now)
        for postcode in ("8181 ZZ", "8181 AA")
    ]
    granted(round_, reach_by="email", decided_at=now)
    officer = officer_client.get(reverse("appreciation:round_list")).wsgi_request.user
    staff = Actor(user=officer)
    batch = payments.create_batch(round=round_, actor=staff)
    later = granted(round_, reach_by="post", postcode="8181 AB", decided_at=now)
    url = reverse("appreciation:batch_letters", args=[round_.pk, batch.number])

    # Before the decision letters are made there is nothing to print: back with a message.
    answer = officer_client.get(url, follow=True)
    assert "geen brieven op papier" in answer.content.decode()

    letters.record_decision_letters(round=round_, actor=staff)
    answer = officer_client.get(url)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    html = made[-1]
    assert html.count('<section class="letter">') == 2
    assert html.index("8181 AA") < html.index("8181 ZZ")
    assert later.postcode not in html
    # Names as the template writes them (a generated "'t Hart" is escaped).
    assert all(escape(a.full_name) in html for a in on_paper)
    assert AuditEvent.objects.filter(
        reason="batch letters", object_id=str(batch.pk), action="export"
    ).exists()
    page = officer_client.get(reverse("appreciation:batch_detail", args=[round_.pk, batch.number]))
    assert url in page.content.decode()
