"""Decision letters and invitations: by e-mail or on paper as the carer prefers, each decision
mailed once, paper letters as one PDF sorted by postcode, invitation codes stored as a hash."""

import datetime
import re
import sys
import types
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.appreciation import codes, constants
from omzien.appreciation.models import Invitation, Letter
from omzien.appreciation.services import letters
from omzien.appreciation.tests.factories import AgeBandFactory, ApplicationFactory, RoundFactory
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.pdf import PdfUnavailable, html_to_pdf
from omzien.common.services import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.APPRECIATION_OFFICER, heerde, totp=True)


@pytest.fixture
def round_(heerde):
    round_ = RoundFactory(
        municipality=heerde,
        name="Mantelzorgwaardering 2026",
        year=2026,
        payment_on=datetime.date(2026, 11, 15),
        letter_signatory="A. de Wit",
        letter_signatory_title="wethouder",
    )
    AgeBandFactory(round=round_, min_age=18, amount=Decimal("100.00"))
    return round_


def decided(round_, **kwargs):
    defaults = {
        "round": round_,
        "status": constants.ApplicationStatus.GRANTED,
        "amount": Decimal("100.00"),
        "decided_at": timezone.now(),
        "objection_until": datetime.date(2026, 12, 31),
        "reach_by": "email",
    }
    return ApplicationFactory(**{**defaults, **kwargs})


def test_channel_follows_the_registry_then_the_applicant_and_needs_an_address(round_, heerde):
    by_post = CaregiverFactory(municipality=heerde, reach_by="post")
    assert letters.channel_for(decided(round_, caregiver=by_post)) == "post"
    assert letters.channel_for(decided(round_, reach_by="email")) == "email"
    assert letters.channel_for(decided(round_, reach_by="email", email="")) == "post"
    assert letters.channel_for(decided(round_, reach_by="phone")) == "post"


def test_each_decision_is_mailed_once(
    round_, officer, mailoutbox, django_capture_on_commit_callbacks
):
    granted = decided(round_, first_name="Els", last_name="Bos", iban="NL91ABNA0417164300")
    refused = decided(
        round_,
        status=constants.ApplicationStatus.REFUSED,
        amount=None,
        refusal_reason=constants.Check.HOURS,
        decision_note="U gaf 4 uur per week op.",
    )
    decided(round_, reach_by="post")
    ApplicationFactory(round=round_)  # not decided: no letter
    with django_capture_on_commit_callbacks(execute=True):
        counts = letters.record_decision_letters(round=round_, actor=Actor(officer))
    assert counts == {"email": 2, "post": 1}
    assert len(mailoutbox) == 2
    by_to = {m.to[0]: m for m in mailoutbox}
    grant_mail = by_to[granted.email]
    assert "toegekend" in grant_mail.subject
    assert "€\u00a0100,00" in grant_mail.body and "4300" in grant_mail.body
    assert "A. de Wit, wethouder" in grant_mail.body
    refusal_mail = by_to[refused.email]
    assert "Minder uren zorg per week" in refusal_mail.body
    assert "U gaf 4 uur per week op." in refusal_mail.body

    with django_capture_on_commit_callbacks(execute=True):
        again = letters.record_decision_letters(round=round_, actor=Actor(officer))
    assert again == {"email": 0, "post": 0}
    assert len(mailoutbox) == 2

    # A new decision (after an objection) gets its own letter.
    refused.status = constants.ApplicationStatus.GRANTED
    refused.amount = Decimal("100.00")
    refused.decided_at = timezone.now() + datetime.timedelta(days=1)
    refused.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert letters.record_decision_letters(round=round_, actor=Actor(officer))["email"] == 1
    assert len(mailoutbox) == 3
    assert Letter.objects.filter(application=refused).count() == 2


def test_paper_letters_print_as_one_pdf_sorted_by_postcode(round_, officer, monkeypatch):
    made = []

    def capture(html, **kwargs):
        made.append(html)
        return html_to_pdf(html, **kwargs)

    monkeypatch.setattr(letters, "html_to_pdf", capture)
    for postcode in ("8181 ZZ", "8181 AA", "8191 AB"):
        decided(round_, reach_by="post", postcode=postcode)
    letters.record_decision_letters(round=round_, actor=Actor(officer))
    to_print = list(letters.letters_to_print(round_))
    assert [x.application.postcode for x in to_print] == ["8181 AA", "8181 ZZ", "8191 AB"]
    pdf = letters.print_letters_pdf(round=round_, actor=Actor(officer))
    assert pdf.startswith(b"%PDF")
    # One letter (page) per application, in postcode order.
    assert re.findall(r"8181 AA|8181 ZZ|8191 AB", made[0]) == ["8181 AA", "8181 ZZ", "8191 AB"]
    assert made[0].count('<section class="letter">') == 3
    assert (
        letters.mark_printed(
            round=round_, letter_ids=[x.pk for x in to_print], actor=Actor(officer)
        )
        == 3
    )
    assert list(letters.letters_to_print(round_)) == []


def test_a_letter_escapes_what_the_applicant_typed(round_, officer):
    application = decided(round_, reach_by="post", first_name="<script>alert(1)</script>")
    body = letters.decision_body(application, constants.LetterKind.GRANT)
    assert "<script>" in body.text  # the e-mail is plain text
    letters.record_decision_letters(round=round_, actor=Actor(officer))
    from django.template.loader import render_to_string

    html = render_to_string(
        "appreciation/letters/letters_pdf.html",
        {
            "round": round_,
            "municipality": round_.municipality,
            "pages": [letters._page(letters._addressee(application), body)],
        },
    )
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_staff_of_another_municipality_may_not_make_letters(round_, make_member, dalfsen):
    outsider = make_member(Role.APPRECIATION_OFFICER, dalfsen, totp=True)
    with pytest.raises(PermissionDenied):
        letters.record_decision_letters(round=round_, actor=Actor(outsider))
    with pytest.raises(PermissionDenied):
        letters.print_letters_pdf(round=round_, actor=Actor(outsider))


def test_invitations_by_email_and_on_paper_once_with_hashed_codes(
    round_, officer, heerde, mailoutbox, django_capture_on_commit_callbacks
):
    adult_mail = CaregiverFactory(
        municipality=heerde,
        reach_by="email",
        email="a@example.org",
        date_of_birth=datetime.date(1960, 1, 1),
    )
    adult_post = CaregiverFactory(
        municipality=heerde, reach_by="post", date_of_birth=datetime.date(1950, 1, 1)
    )
    CaregiverFactory(municipality=heerde, date_of_birth=datetime.date(2012, 1, 1))  # too young
    with django_capture_on_commit_callbacks(execute=True):
        run = letters.invite(
            round=round_, apply_url="https://omzien.test/code/", actor=Actor(officer)
        )
    assert (run.emailed, run.posted) == (1, 1)
    assert run.pdf.startswith(b"%PDF")
    assert [m.to for m in mailoutbox] == [["a@example.org"]]
    body = mailoutbox[0].body
    assert "https://omzien.test/code/" in body
    typed = body.split("persoonlijke code in: ")[1].split(".")[0]
    invitation = letters.invitation_for_code(round_, typed.lower().replace("-", " "))
    assert invitation.caregiver == adult_mail
    assert codes.normalise_code(typed) not in invitation.code_hash
    assert set(Invitation.objects.values_list("caregiver", flat=True)) == {
        adult_mail.pk,
        adult_post.pk,
    }
    # Running it again invites nobody twice.
    again = letters.invite(
        round=round_, apply_url="https://omzien.test/code/", actor=Actor(officer)
    )
    assert (again.emailed, again.posted, again.pdf) == (0, 0, None)
    assert letters.invitation_for_code(round_, "ABCD-EFGH-JK") is None


def test_a_machine_without_pango_gets_a_clear_message(monkeypatch):
    broken = types.ModuleType("weasyprint")

    def missing(name):
        raise OSError("cannot load library 'libpango-1.0-0'")

    broken.__getattr__ = missing
    monkeypatch.setitem(sys.modules, "weasyprint", broken)
    with pytest.raises(PdfUnavailable, match="Pango"):
        html_to_pdf("<p>x</p>")


def test_making_letters_runs_the_same_queries_for_more_decisions(round_, officer):
    """The existing letters are read in one query and the band descriptions once per run, so
    a run costs a fixed number of queries plus the inserts and audit events per new letter."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run(n):
        for _ in range(n):
            decided(round_, reach_by="email")
        with CaptureQueriesContext(connection) as ctx:
            made = letters.record_decision_letters(round=round_, actor=Actor(officer))
        sqls = [q["sql"].lstrip().upper() for q in ctx.captured_queries]
        return made["email"], sum(sql.startswith("SELECT") for sql in sqls)

    made_small, selects_small = run(2)
    made_large, selects_large = run(10)
    assert (made_small, made_large) == (2, 10)
    assert selects_large == selects_small
