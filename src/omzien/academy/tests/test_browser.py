"""The academy in headless Chromium with axe-core: the broker records on a phone who came to a
held meeting and turns the certificate into a qualification; the volunteer downloads the
certificate on a phone."""

import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from omzien.academy.models import Enrolment
from omzien.academy.tests.factories import EnrolmentFactory, held_date
from omzien.activities.tests.factories import SignUpFactory
from omzien.testing.browser import BROWSER_MARKS, PHONE, assert_fits_a_phone, axe_violations, log_in
from omzien.volunteering.models import VolunteerProfile

pytestmark = BROWSER_MARKS


def test_the_broker_records_attendance_and_the_volunteer_downloads_the_certificate(
    live_server, page, course, broker, volunteer
):
    enrolment = EnrolmentFactory(
        course=course,
        profile=VolunteerProfile.objects.get(user=volunteer),
        signup=SignUpFactory(
            occurrence=held_date(course), user=volunteer, name="Vera Vrijwilliger"
        ),
    )

    # The broker, on a phone, after the meeting.
    page.set_viewport_size(PHONE)
    log_in(page, live_server, broker)
    # The list shows the courses of a year: the course's (next year's on New Year's Eve).
    year = timezone.localtime(course.activity.starts_at).year
    page.goto(live_server.url + reverse("academy:courses") + f"?jaar={year}")
    assert axe_violations(page) == []
    page.get_by_role("link", name=course.activity.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.activity.title)
    assert axe_violations(page) == []
    assert_fits_a_phone(page, "course page")
    page.get_by_role("button", name=re.compile("^Aanwezig.*Vera Vrijwilliger")).click()
    expect(page.get_by_text("De aanwezigheid van Vera Vrijwilliger is vastgelegd.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Vastleggen als kwalificatie van Vera Vrijwilliger").click()
    expect(
        page.get_by_text("Het certificaat van Vera Vrijwilliger is nu een kwalificatie.")
    ).to_be_visible()
    enrolment.refresh_from_db()
    assert enrolment.attended_at is not None
    assert enrolment.qualification is not None
    assert enrolment.qualification.expires_on is not None  # the course's 36 months
    page.context.clear_cookies()

    # The volunteer, on a phone.
    log_in(page, live_server, volunteer, totp=False)
    page.goto(live_server.url + reverse("academy:mine"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn opleidingen")
    assert axe_violations(page) == []
    assert_fits_a_phone(page, "my training")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Certificaat downloaden")).click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert Enrolment.objects.get().pk == enrolment.pk
