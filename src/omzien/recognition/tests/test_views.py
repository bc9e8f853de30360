"""The pages: the public form (once per form key, nothing shown back), the public page only
after the announcement and only for nominees who agreed, the jury pages of one's own round
only, audited reads, and the broker's and jury's pages at a bounded number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent
from omzien.recognition import constants
from omzien.recognition.models import JuryMember, Nomination, Round
from omzien.recognition.tests.conftest import NOMINATION
from omzien.recognition.tests.factories import (
    JuryMemberFactory,
    NominationFactory,
    ReviewFactory,
    RoundFactory,
    ScoreFactory,
)
from omzien.testing.login import login_verified

pytestmark = pytest.mark.django_db


def test_a_double_submit_of_the_public_form_nominates_once(client, round_):
    NominationFactory(round=round_, nominee_name="Een eerdere voordracht")
    url = reverse("recognition:nominate", args=[round_.pk])
    form = {**NOMINATION, "submission_key": "abc123"}
    first, second = client.post(url, form), client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("recognition:nominated")
    assert Nomination.objects.filter(nominee_name="Gerda Jansen").count() == 1
    thanks = client.get(first["Location"])
    assert b"Een eerdere voordracht" not in thanks.content
    assert b"Gerda Jansen" not in thanks.content


def test_the_public_form_needs_the_nominators_email(client, round_):
    response = client.post(
        reverse("recognition:nominate", args=[round_.pk]),
        {**NOMINATION, "nominator_email": ""},
    )
    assert response.status_code == 200
    assert "nominator_email" in response.context["form"].errors
    assert not Nomination.objects.exists()


def _announce(round_, days_ago=0):
    Round.objects.filter(pk=round_.pk).update(
        nominations_open=timezone.localdate() - datetime.timedelta(days=90),
        nominations_close=timezone.localdate() - datetime.timedelta(days=60),
        announce_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def test_the_public_page_shows_only_awarded_nominees_who_agreed_after_the_announcement(
    client, round_
):
    for name, status, consent in (
        ("Wilma Winnaar", constants.NominationStatus.WINNER, constants.Consent.GIVEN),
        ("Piet Pluim", constants.NominationStatus.PLUIM, constants.Consent.GIVEN),
        ("Dora Declined", constants.NominationStatus.PLUIM, constants.Consent.DECLINED),
        ("Anne Asked", constants.NominationStatus.PLUIM, constants.Consent.ASKED),
    ):
        NominationFactory(round=round_, nominee_name=name, status=status, consent=consent)
    NominationFactory(round=round_, nominee_name="Alex Accepted", consent=constants.Consent.GIVEN)
    url = reverse("recognition:results", args=[round_.pk])
    assert client.get(url).status_code == 404  # before the announcement nothing is public
    _announce(round_)
    page = client.get(url).content.decode()
    assert "Wilma Winnaar" in page and "Piet Pluim" in page
    for hidden in (
        "Dora Declined",
        "Anne Asked",
        "Alex Accepted",
        "@example.org",  # no nominator contact
    ):
        assert hidden not in page


def test_a_jury_member_of_another_round_gets_404(client, heerde, make_member, round_):
    other = RoundFactory(municipality=heerde, year=round_.year - 1)
    user = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    JuryMemberFactory(round=other, user=user)
    nomination = NominationFactory(round=round_)
    client = login_verified(client, user)
    assert client.get(reverse("recognition:jury", args=[other.pk])).status_code == 200
    assert client.get(reverse("recognition:jury", args=[round_.pk])).status_code == 404
    assert (
        client.get(reverse("recognition:score", args=[round_.pk, nomination.pk])).status_code == 404
    )
    assert (
        client.get(reverse("recognition:score", args=[other.pk, nomination.pk])).status_code == 404
    )
    # The broker's pages are not the jury's.
    assert client.get(reverse("recognition:round", args=[round_.pk])).status_code == 403


def test_a_jury_member_sees_only_their_own_scores(client, round_, criteria, chair, juror):
    nomination = NominationFactory(round=round_)
    ScoreFactory(review__juror=chair, review__nomination=nomination, criterion=criteria[0], value=9)
    ScoreFactory(review__juror=juror, review__nomination=nomination, criterion=criteria[0], value=3)
    client = login_verified(client, juror.user)
    page = client.get(reverse("recognition:score", args=[round_.pk, nomination.pk]))
    assert page.context["form"].fields[f"criterion_{criteria[0].pk}"].initial == 3
    sheet = client.get(reverse("recognition:jury", args=[round_.pk]))
    assert [row["review"].juror_id for row in sheet.context["sheet"]] == [juror.pk]
    assert sheet.context["ranking"] is None  # the ranking is the chair's


def _fill(round_, criteria, jurors, n):
    for _ in range(n):
        nomination = NominationFactory(round=round_)
        for juror in jurors:
            review = ReviewFactory(juror=juror, nomination=nomination)
            for criterion in criteria:
                ScoreFactory(review=review, criterion=criterion)
    JuryMember.objects.filter(pk__in=[j.pk for j in jurors]).update(submitted_at=timezone.now())


def test_the_broker_reads_nominations_audited_at_a_bounded_number_of_queries(
    broker_client, round_, criteria, chair, juror
):
    url = reverse("recognition:round", args=[round_.pk])
    _fill(round_, criteria, [chair, juror], 1)
    with CaptureQueriesContext(connection) as few:
        assert broker_client.get(url).status_code == 200
    _fill(round_, criteria, [chair, juror], 6)
    with CaptureQueriesContext(connection) as many:
        response = broker_client.get(url)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["ranking"].rows) == 7
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, reason="volunteer prize nominations"
    ).exists()
    nomination = Nomination.objects.first()
    broker_client.get(reverse("recognition:nomination", args=[nomination.pk]))
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(nomination.pk), reason="volunteer prize nomination"
    ).exists()


def test_the_chairs_page_at_a_bounded_number_of_queries(client, round_, criteria, chair, juror):
    client = login_verified(client, chair.user)
    url = reverse("recognition:jury", args=[round_.pk])
    _fill(round_, criteria, [chair, juror], 1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(round_, criteria, [chair, juror], 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.context["ranking"].complete
    assert response.context["tie_form"] is not None  # every score is the same: all tied


def test_the_nomination_form_marks_the_nominators_own_details_not_the_nominees():
    from omzien.recognition.forms import NominationForm

    form = NominationForm()
    purpose = {name: field.widget.attrs.get("autocomplete") for name, field in form.fields.items()}
    assert (purpose["nominator_name"], purpose["nominator_email"]) == ("name", "email")
    assert purpose["nominator_phone"] == "tel" and purpose["nominee_name"] is None
