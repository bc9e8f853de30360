"""The carer import page in headless Chromium, checked with axe-core (WCAG 2.1 AA)."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from playwright.sync_api import expect

from omzien.accounts.constants import Role
from omzien.caregivers.models import Caregiver
from omzien.common.models import ExportJob, ImportJob, JobStatus
from omzien.common.tests.factories import ExportJobFactory
from omzien.testing.browser import (
    BROWSER_MARKS,
    PHONE,
    assert_fits_a_phone,
    axe_violations,
    log_in,
)

pytestmark = BROWSER_MARKS

MALFORMED_CSV = (
    b"voornaam;achternaam;geboortedatum;bron;grondslag;telefoon;kleur\r\n"
    b"Anna;de Vries;03-02-1961;huisarts;wettelijke taak;0578-123456;blauw\r\n"
    b"Bert;Jansen;31-02-1950;buurman;wettelijke taak;0578-654321;rood\r\n"
)


def test_import_page_and_its_report_have_no_axe_violations(live_server, page, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("caregivers:import"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mantelzorgers importeren")
    assert page.get_by_label("Alleen controleren (proefimport)").is_checked()
    assert axe_violations(page) == []

    page.get_by_label("Bestand", exact=True).set_input_files(
        files=[{"name": "lijst.csv", "mimeType": "text/csv", "buffer": MALFORMED_CSV}]
    )
    page.get_by_role("button", name="Bestand uploaden").click()
    expect(page.get_by_role("heading", name="Resultaat van de proefimport")).to_be_visible()
    report = page.get_by_role("table", name="Rijen die niet zijn geïmporteerd")
    assert "De datum 31-02-1950 bestaat niet." in report.inner_text()
    assert Caregiver.objects.count() == 0
    assert axe_violations(page) == []


def test_the_progress_page_of_a_running_import_has_no_axe_violations(
    live_server, page, make_member, heerde
):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    job = ImportJob.objects.create(
        kind="caregivers",
        municipality=heerde,
        created_by=consultant,
        status=ImportJob.Status.RUNNING,
        dry_run=False,
        rows_total=400,
        rows_done=100,
    )
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("caregivers:import_job", kwargs={"pk": job.pk}))
    expect(page.get_by_role("heading", name="Het bestand wordt geïmporteerd")).to_be_visible()
    assert (
        page.get_by_role("progressbar", name="Voortgang van de import").get_attribute("value")
        == "25"
    )
    assert axe_violations(page) == []
    # When the worker is done, the polling reloads the page with the report.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE, summary={"created": 400, "duplicates": 0, "invalid": 0}
    )
    page.get_by_role("heading", name="Resultaat van de import").wait_for(timeout=10_000)
    assert "400 mantelzorgers geïmporteerd" in page.content()
    assert axe_violations(page) == []


def test_the_page_of_a_background_export_has_no_axe_violations(
    live_server, page, make_member, heerde
):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    job = ExportJobFactory(
        municipality=heerde, created_by=consultant, status=JobStatus.RUNNING, rows_done=5_000
    )
    log_in(page, live_server, consultant)
    page.goto(live_server.url + reverse("common:export_job", kwargs={"pk": job.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Export")
    progress = page.get_by_role("progressbar", name="Voortgang van de export")
    assert progress.get_attribute("value") == "25"
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    assert_fits_a_phone(page, "the export job page")
    # When the worker is done, the polling reloads the page with the download link.
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        rows_done=20_000,
        filename="mantelzorgers-heerde.xlsx",
        size=1_500_000,
        file=default_storage.save("exports/browser.xlsx", ContentFile(b"PK")),
    )
    link = page.get_by_role("link", name="mantelzorgers-heerde.xlsx downloaden (1,4 MB)")
    link.wait_for(timeout=10_000)
    assert axe_violations(page) == []
