"""The letters page: decision letters by e-mail and post, the PDF to print, mark printed,
invitations (their PDF in the answer)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.models import Invitation, Letter
from omzien.appreciation.tests.factories import AgeBandFactory, ApplicationFactory, RoundFactory
from omzien.appreciation.views import letters as views
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.pdf import PdfUnavailable
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, make_member, heerde):
    return login_verified(client, make_member(Role.APPRECIATION_OFFICER, heerde, totp=True))


@pytest.fixture
def round_(heerde):
    round_ = RoundFactory(municipality=heerde)
    AgeBandFactory(round=round_)
    return round_


def decided(round_, **kwargs):
    return ApplicationFactory(
        round=round_,
        status=constants.ApplicationStatus.GRANTED,
        amount=Decimal("100.00"),
        decided_at=timezone.now(),
        **kwargs,
    )


def test_letters_made_printed_and_marked(
    officer_client, round_, mailoutbox, django_capture_on_commit_callbacks
):
    decided(round_, reach_by="email")
    decided(round_, reach_by="post", postcode="8191 AA")
    decided(round_, reach_by="post", postcode="8181 AA")
    letters = reverse("appreciation:letter_list", args=[round_.pk])
    assert "3 besluiten hebben nog geen brief." in officer_client.get(letters).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reverse("appreciation:letters_make", args=[round_.pk]), follow=True
        )
    assert "Besluitbrieven gemaakt: 1 per e-mail, 2 op papier om te printen." in (
        response.content.decode()
    )
    assert len(mailoutbox) == 1
    page = officer_client.get(letters)
    assert "2 papieren brieven wachten om geprint te worden." in page.content.decode()
    assert "Elk besluit heeft zijn brief." in page.content.decode()
    assert reverse("appreciation:letters_make", args=[round_.pk]) not in page.content.decode()
    upto = page.context["upto"]
    # A decision made after the page was shown is not in this print run.
    late = decided(round_, reach_by="post", postcode="8196 AA")
    officer_client.post(reverse("appreciation:letters_make", args=[round_.pk]))
    pdf = officer_client.get(reverse("appreciation:letters_pdf", args=[round_.pk]), {"upto": upto})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    officer_client.post(reverse("appreciation:letters_printed", args=[round_.pk]), {"upto": upto})
    assert list(
        Letter.objects.filter(channel="post", printed_at__isnull=True).values_list(
            "application", flat=True
        )
    ) == [late.pk]


def test_no_pdf_machine_gets_a_message(officer_client, round_, monkeypatch):
    decided(round_, reach_by="post")
    officer_client.post(reverse("appreciation:letters_make", args=[round_.pk]))

    def broken(**kwargs):
        raise PdfUnavailable("no Pango")

    monkeypatch.setattr(views.services, "print_letters_pdf", broken)
    response = officer_client.get(
        reverse("appreciation:letters_pdf", args=[round_.pk]), follow=True
    )
    assert "De pdf kan nu niet worden gemaakt" in response.content.decode()


def test_paper_invitations_come_back_as_the_pdf(
    officer_client, round_, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    CaregiverFactory(municipality=heerde, reach_by="post", date_of_birth=datetime.date(1950, 1, 1))
    CaregiverFactory(
        municipality=heerde,
        reach_by="email",
        email="els@example.org",
        date_of_birth=datetime.date(1960, 1, 1),
    )
    url = reverse("appreciation:invitations_send", args=[round_.pk])
    with_code = reverse("appreciation_public:code", args=[round_.pk])
    page = officer_client.get(reverse("appreciation:letter_list", args=[round_.pk]))
    assert with_code in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert Invitation.objects.count() == 2
    assert [m.to for m in mailoutbox] == [["els@example.org"]]
    assert f"http://testserver{with_code}" in mailoutbox[0].body


def test_invitations_are_undone_when_the_pdf_cannot_be_made(
    officer_client, round_, heerde, monkeypatch
):
    CaregiverFactory(municipality=heerde, reach_by="post", date_of_birth=datetime.date(1950, 1, 1))

    def broken(html, **kwargs):
        raise PdfUnavailable("no Pango")

    monkeypatch.setattr(views.services, "html_to_pdf", broken)
    response = officer_client.post(
        reverse("appreciation:invitations_send", args=[round_.pk]), follow=True
    )
    assert "De pdf kan nu niet worden gemaakt" in response.content.decode()
    assert not Invitation.objects.exists()
