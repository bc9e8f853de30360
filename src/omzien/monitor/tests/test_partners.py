"""Figures a partner reports itself (performance agreement, seed 002 Dalfsen): the form for the
last quarter that is over, the draft, the submission, the advisor's answer, the workflow."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor, EditConflict
from omzien.common.tests.workflows import DENIED, STEP, WorkflowMachine, run_machine
from omzien.monitor.constants import Frequency, ReportStatus
from omzien.monitor.models import ExternalValue, PartnerReport, PartnerReportTransition
from omzien.monitor.selectors.partners import todos_for
from omzien.monitor.services import partners as services
from omzien.monitor.tests.factories import ExternalIndicatorFactory
from omzien.notifications.models import Notification
from omzien.privacy.statistics import QUARTER, Period
from omzien.testing.login import login_verified
from omzien.volunteering.tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
Q3 = Period.parse("2026-Q3")


@pytest.fixture
def stip(dalfsen):
    return OrganisationFactory(municipality=dalfsen, name="Stip Dalfsen")


@pytest.fixture
def agreed(stip):
    """Two figures of the performance agreement with Stip, every quarter (seed 002: carers
    reached, and information meetings held)."""
    return [
        ExternalIndicatorFactory(
            municipality=stip.municipality,
            name="Mantelzorgers in beeld",
            unit="",
            partner=stip,
        ),
        ExternalIndicatorFactory(
            municipality=stip.municipality,
            name="Voorlichtingsbijeenkomsten",
            unit="",
            partner=stip,
        ),
    ]


@pytest.fixture
def partner(stip, make_member):
    user = make_member(Role.ORGANISATION_MEMBER, stip.municipality, full_name="Anne Stip")
    OrganisationMemberFactory(organisation=stip, user=user)
    return user


@pytest.fixture
def dalfsen_advisor(make_member, dalfsen):
    return make_member(Role.POLICY_ADVISOR, dalfsen, totp=True)


def _save(stip, agreed, user, values, *, submit=False, version=None, period=Q3):
    return services.report_save(
        organisation=stip,
        period=period,
        values=dict(zip([i.pk for i in agreed], values, strict=True)),
        version=version,
        submit=submit,
        actor=Actor(user=user),
        today=TODAY,
    )


def test_a_draft_then_the_submission_then_accepted(stip, agreed, partner, dalfsen_advisor):
    report = _save(stip, agreed, partner, [Decimal(812), None])
    assert report.status == ReportStatus.DRAFT
    with pytest.raises(ValidationError) as error:
        _save(stip, agreed, partner, [Decimal(812), None], submit=True, version=report.version)
    assert error.value.code == "incomplete"
    report = _save(stip, agreed, partner, [Decimal(812), Decimal(6)], submit=True, version=2)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == partner
    assert Notification.objects.filter(
        recipient=dalfsen_advisor, kind="monitor_partner_submitted"
    ).exists()
    with pytest.raises(ValidationError) as error:  # submitted: no longer changed by the partner
        _save(stip, agreed, partner, [Decimal(1), Decimal(1)], version=report.version)
    assert error.value.code == "not_editable"

    services.report_review(
        report=report,
        target=ReportStatus.ACCEPTED,
        note="",
        expected=ReportStatus.SUBMITTED,
        actor=Actor(user=dalfsen_advisor),
    )
    values = {v.indicator_id: v for v in ExternalValue.objects.all()}
    assert values[agreed[0].pk].value == Decimal(812)
    assert values[agreed[0].pk].measured_on == datetime.date(2026, 9, 30)
    assert values[agreed[0].pk].source == "opgegeven door Stip Dalfsen"
    assert values[agreed[1].pk].value == Decimal(6)
    assert Notification.objects.filter(recipient=partner, kind="monitor_partner_accepted").exists()


def test_sent_back_with_a_note_then_corrected(stip, agreed, partner, dalfsen_advisor):
    report = _save(stip, agreed, partner, [Decimal(81), Decimal(6)], submit=True)
    with pytest.raises(ValidationError):  # a note is required
        services.report_review(
            report=report,
            target=ReportStatus.RETURNED,
            note=" ",
            expected=ReportStatus.SUBMITTED,
            actor=Actor(user=dalfsen_advisor),
        )
    report = services.report_review(
        report=report,
        target=ReportStatus.RETURNED,
        note="812 bedoeld?",
        expected=ReportStatus.SUBMITTED,
        actor=Actor(user=dalfsen_advisor),
    )
    assert report.status == ReportStatus.RETURNED and report.note == "812 bedoeld?"
    notice = Notification.objects.get(recipient=partner, kind="monitor_partner_returned")
    assert "812 bedoeld?" in notice.message
    assert not ExternalValue.objects.exists()
    with pytest.raises(EditConflict):  # the form of before the answer
        _save(stip, agreed, partner, [Decimal(812), Decimal(6)], submit=True, version=1)
    report = _save(
        stip, agreed, partner, [Decimal(812), Decimal(6)], submit=True, version=report.version
    )
    assert report.status == ReportStatus.SUBMITTED
    assert [f.value for f in report.figures.order_by("indicator__name")] == [812, 6]
    with pytest.raises(ValidationError) as error:  # answered after a colleague sent it back
        services.report_review(
            report=report,
            target=ReportStatus.ACCEPTED,
            note="",
            expected=ReportStatus.RETURNED,
            actor=Actor(user=dalfsen_advisor),
        )
    assert error.value.code == "stale"


def test_only_the_partners_members_and_only_a_period_that_is_over(
    stip, agreed, partner, make_member, heerde
):
    other = make_member(Role.ORGANISATION_MEMBER, stip.municipality)
    OrganisationMemberFactory(
        organisation=OrganisationFactory(municipality=stip.municipality), user=other
    )
    with pytest.raises(PermissionDenied):
        _save(stip, agreed, other, [1, 2])
    elsewhere = make_member(Role.ORGANISATION_MEMBER, heerde)  # a member without the role there
    OrganisationMemberFactory(organisation=stip, user=elsewhere)
    with pytest.raises(PermissionDenied):
        _save(stip, agreed, elsewhere, [1, 2])
    with pytest.raises(ValidationError) as error:
        _save(stip, agreed, partner, [1, 2], period=Period.parse("2026-Q4"))
    assert error.value.code == "period_not_over"
    with pytest.raises(ValidationError) as error:  # nothing agreed per year
        _save(stip, agreed, partner, [1, 2], period=Period.parse("2025"))
    assert error.value.code == "no_agreement"


def test_a_yearly_figure_is_asked_for_the_last_year(stip, partner):
    yearly = ExternalIndicatorFactory(
        municipality=stip.municipality, partner=stip, partner_frequency=Frequency.YEAR
    )
    report = _save(stip, [yearly], partner, [Decimal(3)], period=Period.parse("2025"))
    assert (report.period_start, report.period_end) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    )
    assert services.report_period(report) == Period.parse("2025")
    assert services.due_period(Frequency.YEAR, TODAY) == Period.parse("2025")
    assert services.due_period(Frequency.QUARTER, TODAY) == Q3


def test_the_start_page_asks_for_the_figures(stip, agreed, partner, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        sections = todos_for(partner, TODAY)
    (todo,) = sections[0].todos
    assert str(todo.label) == "Cijfers Q3 2026 invullen"
    assert todo.url == reverse("monitor:partner_report", args=[stip.pk, "2026-Q3"])
    assert todo.waiting
    _save(stip, agreed, partner, [1, 2], submit=True)
    (todo,) = todos_for(partner, TODAY)[0].todos
    assert not todo.waiting


def test_the_pages(client, stip, agreed, partner, dalfsen_advisor, make_member):
    client.force_login(partner)
    period = Period.last_complete(timezone.localdate())
    url = reverse("monitor:partner_report", args=[stip.pk, period.code])
    page = client.get(url)
    assert page.status_code == 200
    assert "Mantelzorgers in beeld" in page.text
    answer = client.post(url, {f"figure_{agreed[0].pk}": "812", "submit": "1"})
    assert answer.status_code == 200  # the second figure is missing
    assert "Vul elk cijfer in" in answer.text
    answer = client.post(url, {f"figure_{agreed[0].pk}": "812", "submit": "0"})
    assert answer.status_code == 302
    report = PartnerReport.objects.get()
    answer = client.post(
        url,
        {
            f"figure_{agreed[0].pk}": "812",
            f"figure_{agreed[1].pk}": "6",
            "version": report.version,
            "submit": "1",
        },
    )
    assert answer.status_code == 302
    today = timezone.localdate()
    running = Period(today.year, QUARTER, (today.month - 1) // 3 + 1).code  # not over: no report
    assert client.get(reverse("monitor:partner_report", args=[stip.pk, running])).status_code == 404
    other = make_member(Role.ORGANISATION_MEMBER, stip.municipality)
    client.force_login(other)
    assert client.get(url).status_code == 404

    advisor = login_verified(client, dalfsen_advisor)
    assert "Stip Dalfsen" in advisor.get(reverse("monitor:partner_reports")).text
    review = reverse("monitor:partner_review", args=[report.pk])
    answer = advisor.post(
        review, {"decision": ReportStatus.ACCEPTED, "seen": ReportStatus.SUBMITTED}
    )
    assert answer.status_code == 302
    assert ExternalValue.objects.filter(indicator=agreed[1], value=6).exists()


class ReportMachine(WorkflowMachine):
    steps = {
        (ReportStatus.DRAFT, ReportStatus.SUBMITTED): {"partner"},
        (ReportStatus.RETURNED, ReportStatus.SUBMITTED): {"partner"},
        (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED): {"advisor", "admin"},
        (ReportStatus.SUBMITTED, ReportStatus.RETURNED): {"advisor", "admin"},
    }
    notes_required = frozenset({(ReportStatus.SUBMITTED, ReportStatus.RETURNED)})
    targets = [ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED]
    notes = ("", "Klopt het aantal?")
    log_model, log_parent = PartnerReportTransition, "report"
    stip: object
    agreed: list

    def create(self):
        # A report per period: each new record is a quarter earlier.
        index = Q3.year * 4 + Q3.number - 1 - PartnerReport.objects.count()
        self.period = Period(index // 4, Q3.kind, index % 4 + 1)
        return _save(self.stip, self.agreed, self.users["partner"], [1, 2], period=self.period)

    def expect(self, to, who, note):
        # Submitting is saving the form: anyone but the partner is refused first; the
        # partner's form is closed once the figures are submitted or accepted.
        if to == ReportStatus.SUBMITTED:
            if who != "partner":
                return DENIED
            return (
                STEP
                if self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
                else "not_editable"
            )
        return super().expect(to, who, note)

    def expected_note(self, to, note):
        return "" if to == ReportStatus.SUBMITTED else super().expected_note(to, note)

    def service(self, to, actor, note, seen):
        if to == ReportStatus.SUBMITTED:
            version = PartnerReport.objects.values_list("version", flat=True).get(pk=self.record.pk)
            _save(
                self.stip,
                self.agreed,
                actor.user,
                [1, 2],
                submit=True,
                version=version,
                period=self.period,
            )
        else:
            services.report_review(
                report=PartnerReport(pk=self.record.pk),
                target=to,
                note=note,
                expected=seen,
                actor=actor,
            )


def test_report_steps(stip, agreed, partner, make_member, heerde, dalfsen):
    users = {
        "partner": partner,
        "advisor": make_member(Role.POLICY_ADVISOR, dalfsen),
        "admin": make_member(Role.MUNICIPALITY_ADMIN, dalfsen),
        "other_advisor": make_member(Role.POLICY_ADVISOR, heerde),
        "broker": make_member(Role.BROKER, dalfsen),
        "system": None,
    }
    run_machine(ReportMachine, users=users, stip=stip, agreed=agreed)
