"""The referrer's form and the carer figures in headless Chromium, checked with axe-core."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.caregivers.models import IncomingReferral
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.dates import years_before
from omzien.privacy.statistics import Period
from omzien.testing.browser import BROWSER_MARKS, axe_violations, log_in, open_menu_group

pytestmark = BROWSER_MARKS


def test_referrer_form_and_list_have_no_axe_violations(
    live_server,
    page,
    make_member,
    heerde,
):
    referrer = make_member(Role.REFERRER, heerde, totp=True)
    log_in(page, live_server, referrer)
    open_menu_group(page, "Mantelzorg")
    page.get_by_role("link", name="Mantelzorger verwijzen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mantelzorger verwijzen")
    assert axe_violations(page) == []
    # Sent without consent: the errors are accessible too.
    page.get_by_label("Voornaam van de mantelzorger").fill("Bea")
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Verbeter het volgende")
    assert axe_violations(page) == []
    assert not IncomingReferral.objects.exists()
    page.get_by_label("Achternaam van de mantelzorger").fill("Bakker")
    page.get_by_label("U verwijst als").select_option("gp")
    page.get_by_label("Postcode van de mantelzorger").fill("8181 AB")
    page.get_by_label("Telefoonnummer van de mantelzorger").fill("0578-111222")
    page.get_by_label("Waarom u deze mantelzorger verwijst").fill("Raakt overbelast.")
    page.get_by_label("De mantelzorger stemt in", exact=False).check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn verwijzingen")
    assert IncomingReferral.objects.get().submitted_by == referrer
    assert axe_violations(page) == []


def test_figures_page_has_no_axe_violations(
    live_server,
    page,
    make_member,
    heerde,
):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    period = Period.last_complete(timezone.localdate())  # what the page shows by default
    CaregiverFactory.create_batch(7, municipality=heerde, registered_on=period.start)
    CaregiverFactory.create_batch(
        2,
        municipality=heerde,
        registered_on=period.start,
        date_of_birth=years_before(period.end, 12),
    )
    log_in(page, live_server, advisor)
    # The advisor's figures of carers and newsletters share the carer support group.
    open_menu_group(page, "Mantelzorg")
    page.get_by_role("navigation").get_by_role("link", name="Cijfers mantelzorg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cijfers mantelzorg")
    expect(page.get_by_text("afgeschermd", exact=True).first).to_be_visible()
    assert axe_violations(page) == []
    # A wrong period: the default figures and an accessible error message.
    page.get_by_role("textbox", name="Periode").fill("1999")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een maand")
    assert axe_violations(page) == []


def test_consultant_referral_pages_have_no_axe_violations(
    live_server,
    page,
    make_member,
    heerde,
):
    from omzien.caregivers import constants
    from omzien.caregivers.tests.factories import ReferralFactory

    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    referrer = make_member(Role.REFERRER, heerde)
    carer = CaregiverFactory(municipality=heerde, first_name="Bea", last_name="Bakker")
    referral = ReferralFactory(caregiver=carer)
    incoming = IncomingReferral.objects.create(
        municipality=heerde,
        submitted_by=referrer,
        referrer_kind=constants.Source.GP,
        first_name="Bea",
        last_name="Bakker",
        phone="0578-111222",
        postcode="8181 AB",
        reason="Raakt overbelast.",
        consent_confirmed=True,
    )
    log_in(page, live_server, consultant)
    open_menu_group(page, "Mantelzorg")
    page.get_by_role("navigation").get_by_role("link", name="Binnengekomen verwijzingen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("verwijzingen")
    assert axe_violations(page) == []
    for url in (
        reverse("caregivers:incoming_detail", args=[incoming.pk]),
        reverse("caregivers:incoming_register", args=[incoming.pk]),
        reverse("caregivers:incoming_decline", args=[incoming.pk]),
        reverse("caregivers:referral_new", args=[carer.pk]),
        reverse("caregivers:referral_outcome", args=[carer.pk, referral.pk]),
    ):
        page.goto(live_server.url + url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert axe_violations(page) == [], url
