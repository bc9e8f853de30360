"""Import of carers from CSV and XLSX: format, validation per row, dry run, duplicates."""

import codecs
import datetime
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver, CaregiverEvent, CareRelationship
from omzien.caregivers.services import caregivers as services
from omzien.caregivers.services import io as importing
from omzien.caregivers.services.caregivers import Actor
from omzien.caregivers.services.io import COLUMN_NAMES, import_caregivers
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.common.phone import INVALID_MESSAGE as INVALID_PHONE
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = ["voornaam", "achternaam", "geboortedatum", "email", "telefoon", "adres", "postcode",
          "woonplaats", "contactvoorkeur", "werk_studie", "bron", "grondslag",
          "toestemming_datum", "intensief", "zorgvrager", "relatie", "soort_zorg", "samenwonend",
          "start_zorg", "uren_per_week"]  # fmt: skip
ANNA = ["Anna", "de Vries", "03-02-1961", "anna@example.org", "0578-123456", "Dorpsstraat 1",
        "8191 AB", "Wapenveld", "e-mail", "werkt", "huisarts", "toestemming", "15-01-2024", "ja",
        "M.", "ouder", "dementie", "nee", "01-06-2022", "8-16"]  # fmt: skip
BERT = ["Bert", "Jansen", "12-11-1950", "", "0578-654321", "", "8181 AB", "Heerde", "telefoon",
        "geen", "zelf", "wettelijke taak", "", "", "", "", "", "", "", ""]  # fmt: skip
# A young carer with a parent cared for; the columns in another order, in other case.
YOUNG_HEADER = ["Voornaam ", "ACHTERNAAM", "geboortedatum", "postcode", "bron", "grondslag",
                "toestemming_datum", "contactvoorkeur", "telefoon", "zorgvrager", "relatie",
                "soort_zorg", "uren_per_week", "samenwonend", "Toestemming_Door ",
                "naam_ouder_voogd"]  # fmt: skip


def csv_bytes(rows, *, delimiter=";", bom=True, encoding="utf-8") -> bytes:
    text = "\r\n".join(delimiter.join(cell for cell in row) for row in rows) + "\r\n"
    data = text.encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(municipality, data: bytes, *, filename="mantelzorgers.csv", dry_run=False, user=None):
    with translation.override("nl"):
        return import_caregivers(
            municipality=municipality,
            file=io.BytesIO(data),
            filename=filename,
            dry_run=dry_run,
            actor=Actor(user=user),
        )


def counts() -> dict:
    return {
        "carers": Caregiver.objects.count(),
        "relationships": CareRelationship.objects.count(),
        "events": CaregiverEvent.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def errors_of(result) -> dict[int, list[tuple[str, str]]]:
    return {report.row: report.errors for report in result.reports}


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [True, False])
def test_valid_csv_is_imported(heerde, wapenveld, consultant, delimiter, bom):
    result = run(heerde, csv_bytes([HEADER, ANNA, BERT], delimiter=delimiter, bom=bom),
                 user=consultant)  # fmt: skip

    assert not result.failed and result.warnings == []
    assert (result.created, result.duplicates, result.invalid) == (2, 0, 0)
    anna = Caregiver.objects.get(first_name="Anna")
    assert anna.municipality == heerde
    assert anna.date_of_birth == datetime.date(1961, 2, 3)
    assert anna.postcode == "8191 AB" and anna.locality == wapenveld
    assert (anna.reach_by, anna.work_study, anna.source, anna.legal_basis) == (
        "email",
        caregivers_constants.WorkStudy.WORKS,
        caregivers_constants.Source.GP,
        caregivers_constants.LegalBasis.CONSENT,
    )
    assert anna.consent_given_on == datetime.date(2024, 1, 15)
    assert anna.intensive_contact is True
    relationship = anna.relationships.get()
    assert (relationship.recipient_name, relationship.relationship, relationship.need_kind) == (
        "M.",
        caregivers_constants.Relationship.PARENT,
        caregivers_constants.NeedKind.DEMENTIA,
    )
    assert relationship.hours_band == caregivers_constants.HoursBand.FROM_8
    assert relationship.started_on == datetime.date(2022, 6, 1)
    assert relationship.lives_together is False
    assert anna.events.filter(
        kind=caregivers_constants.EventKind.IMPORTED, actor=consultant
    ).exists()
    bert = Caregiver.objects.get(first_name="Bert")
    assert (
        bert.legal_basis == caregivers_constants.LegalBasis.PUBLIC_TASK
        and bert.intensive_contact is False
    )
    assert not bert.relationships.exists()
    # Every carer created is audited, and so is the import as a whole.
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="caregivers.caregiver", object_id=str(anna.pk)
    ).exists()
    summary = AuditEvent.objects.get(reason="carer import")
    assert summary.actor == consultant
    data = csv_bytes([HEADER, ANNA, BERT], delimiter=delimiter, bom=bom)
    # No file name (it may name a person): a neutral reference to the file.
    assert summary.extra == {
        "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "rows": 2,
        "created": 2, "duplicates": 0, "invalid": 0,
    }  # fmt: skip


def test_intensive_row_gets_the_importer_as_consultant_and_its_timeline_in_order(
    heerde, consultant
):
    run(heerde, csv_bytes([HEADER, ANNA]), user=consultant)

    anna = Caregiver.objects.get(first_name="Anna")
    assert anna.intensive_contact is True and anna.consultant == consultant
    kinds = list(anna.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [
        caregivers_constants.EventKind.IMPORTED,
        caregivers_constants.EventKind.RELATIONSHIP_ADDED,
        caregivers_constants.EventKind.INTENSIVE,
    ]


def test_queries_per_imported_row_do_not_grow_with_the_file(heerde, consultant):
    """A 20,000-row import runs row by row: each row costs the same few queries (the carer,
    its care, its timeline and audit events, the duplicate check)."""

    def rows(n: int) -> list[list[str]]:
        out = [HEADER]
        for i in range(n):
            row = [*ANNA]
            row[0], row[3], row[2] = f"Anna{n}x{i}", f"anna{n}x{i}@example.org", f"0{1 + i}-02-1961"
            out.append(row)
        return out

    def statements(n: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            result = run(heerde, csv_bytes(rows(n)), user=consultant)
        assert result.created == n
        return len(queries)

    small, large = statements(2), statements(6)
    # Per row: the carer, its transition, its care, three timeline events (imported, care
    # added, intensive contact), two audit events, the duplicate check, and three savepoints
    # (two statements each) that keep a bad row from leaving half a carer: 15. The village
    # comes from memory (``tenants.reference``). Setting intensive contact in a second save,
    # checking that the municipality exists and reading the village cost eight more.
    assert (large - small) / 4 <= 15


def test_header_is_matched_without_regard_to_case_order_or_spaces(heerde):
    young_dob = (timezone.localdate() - datetime.timedelta(days=365 * 14)).strftime("%d-%m-%Y")
    row = ["Sam", "Bakker", young_dob, "8181 AB", "school", "toestemming", "01-09-2024",
           "telefoon", "06-12345678", "P.", "ouder", "psychisch", "<8", "ja", "Ouder of voogd",
           "Petra Bakker"]  # fmt: skip
    result = run(heerde, csv_bytes([YOUNG_HEADER, row]))
    assert result.created == 1, result.reports
    sam = Caregiver.objects.get(first_name="Sam")
    assert sam.age_group == caregivers_constants.AgeGroup.YOUNG
    assert (sam.consent_by, sam.consent_guardian_name) == ("guardian", "Petra Bakker")
    relationship = sam.relationships.get()
    assert (
        relationship.hours_band == caregivers_constants.HoursBand.UNDER_8
        and relationship.lives_together
    )


def test_xlsx_with_date_cells_is_imported(heerde):
    anna = [*ANNA]
    # A real date cell, as Excel stores it: naive, as spreadsheets have no time zones.
    anna[2] = datetime.datetime(1961, 2, 3)  # noqa: DTZ001
    anna[12] = datetime.date(2024, 1, 15)
    bert = [*BERT]
    bert[6] = "8181ab"
    result = run(heerde, xlsx_bytes([HEADER, anna, bert]), filename="lijst.xlsx")
    assert (result.created, result.invalid) == (2, 0), result.reports
    assert Caregiver.objects.get(first_name="Anna").date_of_birth == datetime.date(1961, 2, 3)
    assert Caregiver.objects.get(first_name="Bert").postcode == "8181 AB"


def test_windows_1252_file_is_read_with_a_warning(heerde):
    row = [*BERT]
    row[0] = "Renée"
    result = run(heerde, csv_bytes([HEADER, row], bom=False, encoding="cp1252"))
    assert result.created == 1
    assert Caregiver.objects.filter(first_name="Renée").exists()
    assert any("UTF-8" in warning for warning in result.warnings)


MALFORMED = [
    [*HEADER, "lievelingskleur"],
    # row 2: fine
    [*ANNA, "blauw"],
    # row 3: date that does not exist, bad postcode, unknown contact preference and source
    ["Bert", "Jansen", "31-02-1950", "", "0578-654321", "", "81811 AB", "", "fax", "", "buurman",
     "wettelijke taak", "", "", "", "", "", "", "", "", ""],
    # row 4: no first name, no legal basis, date in the wrong format, unknown hours
    ["", "Smit", "1970-05-04", "", "0578-111111", "", "8181 AB", "", "", "", "zelf", "", "", "",
     "K.", "partner", "dementie", "ja", "", "veel", ""],
    # row 5: consent without date; e-mail preferred without address; care columns half filled
    ["Carla", "Mulder", "04-05-1980", "", "", "", "8181 AB", "", "e-mail", "", "campagne",
     "toestemming", "", "misschien", "Jo", "", "", "", "", "", ""],
]  # fmt: skip


def test_malformed_file_reports_every_row_in_dutch_and_a_dry_run_writes_nothing(heerde):
    before = counts()
    result = run(heerde, csv_bytes([[*row] for row in MALFORMED]), dry_run=True)

    assert counts() == before
    assert result.dry_run and not result.failed
    assert (result.created, result.duplicates, result.invalid) == (1, 0, 3)
    assert result.warnings == ["Deze kolommen zijn onbekend en zijn genegeerd: lievelingskleur."]
    errors = errors_of(result)
    assert 2 not in errors
    assert errors[3] == [
        ("geboortedatum", "De datum 31-02-1950 bestaat niet."),
        ("postcode", "Vul een Nederlandse postcode in, zoals 8181 AB."),
        ("contactvoorkeur", "Onbekende waarde “fax”. Toegestaan: e-mail, post, telefoon."),
        ("bron", "Onbekende waarde “buurman”. Toegestaan: zelf, huisarts, school, sociaal "
                 "werker, wijkverpleging, wmo-consulent, campagne, anders."),
    ]  # fmt: skip
    columns_4 = dict(errors[4])
    assert columns_4["voornaam"] == "Deze kolom is verplicht."
    assert columns_4["grondslag"] == "Deze kolom is verplicht."
    assert columns_4["geboortedatum"] == (
        "Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 03-02-1961."
    )
    assert columns_4["uren_per_week"].startswith("Onbekende waarde “veel”.")
    columns_5 = {column for column, _message in errors[5]}
    assert {"email", "toestemming_datum", "intensief"} <= columns_5
    # The care columns are checked as well: the relationship and need are missing.
    assert {"relatie", "soort_zorg", "uren_per_week"} <= columns_5


def test_real_run_writes_valid_rows_and_reports_the_rest_like_the_dry_run(heerde):
    data = csv_bytes(MALFORMED)
    dry = run(heerde, data, dry_run=True)
    real = run(heerde, data)
    assert (real.created, real.invalid) == (1, 3)
    assert errors_of(real) == errors_of(dry)
    assert list(Caregiver.objects.values_list("first_name", flat=True)) == ["Anna"]
    assert CareRelationship.objects.count() == 1


def test_row_whose_care_relationship_fails_leaves_no_carer_behind(heerde):
    row = [*BERT]
    row[14:20] = ["Jo", "ouder", "dementie", "nee", "01-01-2999", "8-16"]
    result = run(heerde, csv_bytes([HEADER, row]))
    assert result.invalid == 1
    assert errors_of(result)[2] == [("start_zorg", "Het begin van de zorg ligt in de toekomst.")]
    assert counts()["carers"] == 0 and counts()["events"] == 0


def test_service_rules_are_reported_on_their_column(heerde):
    child = (timezone.localdate() - datetime.timedelta(days=365 * 5)).strftime("%d-%m-%Y")
    rows = [
        HEADER,
        ["Kim", "Kok", child, "", "0578-1", "", "8181 AB", "", "", "", "zelf", "wettelijke taak",
         "", "", "", "", "", "", "", ""],
        ["Piet", "Post", "01-01-1960", "", "", "", "", "", "post", "", "zelf", "wettelijke taak",
         "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    errors = errors_of(run(heerde, csv_bytes(rows), dry_run=True))
    assert errors[2] == [
        ("geboortedatum", "Mantelzorgers die hier worden geregistreerd zijn 8 jaar of ouder."),
        ("telefoon", str(INVALID_PHONE)),
    ]
    assert errors[3] == [("adres", "Vul het adres in, of kies een andere manier van contact.")]


def test_missing_required_column_fails_the_whole_file(heerde):
    header = [name for name in HEADER if name not in ("geboortedatum", "bron")]
    rows = [header, [value for name, value in zip(HEADER, ANNA, strict=True) if name in header]]
    before = counts()
    result = run(heerde, csv_bytes(rows))
    assert result.failed and result.total == 0
    assert result.file_errors == [
        "In het bestand ontbreken de verplichte kolommen geboortedatum, bron. De eerste rij moet "
        "de kolomnamen bevatten; het sjabloon laat ze zien."
    ]
    assert counts() == before


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "leeg.csv", "Het bestand is leeg."),
        (";".join(HEADER).encode(), "alleen-kop.csv", "Het bestand heeft geen rijen onder"),
        (b"\xd0\xcf\x11\xe0rest", "oud.xls", "Oude Excel-bestanden (.xls)"),
        (b"PK\x03\x04broken", "kapot.xlsx", "Het bestand kan niet worden gelezen als Excel"),
        (b"voornaam", "lijst.pdf", "Upload een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."),
        ((b"voornaam;voornaam\r\n"), "dubbel.csv", "De kolom “voornaam” komt meer dan"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(heerde, data, filename, message):
    result = run(heerde, data, filename=filename)
    assert result.failed
    assert result.file_errors[0].startswith(message), result.file_errors
    assert Caregiver.objects.count() == 0


def test_size_and_row_limits(heerde, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 1)
    result = run(heerde, csv_bytes([HEADER, ANNA, BERT]))
    assert result.file_errors == [
        "Het bestand heeft meer dan 1 rijen. Splits het in kleinere bestanden."
    ]
    assert Caregiver.objects.count() == 0
    monkeypatch.setattr(importing, "MAX_BYTES", 1024 * 1024)
    big = csv_bytes([HEADER, ANNA]) + b" " * (1024 * 1024)
    result = run(heerde, big)
    assert result.file_errors == [
        "Het bestand is groter dan 1 MB. Splits het in kleinere bestanden."
    ]


def test_importing_the_same_file_twice_creates_nothing_the_second_time(heerde):
    data = csv_bytes([HEADER, ANNA, BERT])
    assert run(heerde, data).created == 2
    before = counts()
    second = run(heerde, data)
    assert (second.created, second.duplicates, second.invalid) == (0, 2, 0)
    anna = Caregiver.objects.get(first_name="Anna")
    assert errors_of(second)[2] == [("", f"Al geregistreerd (mantelzorger nummer {anna.pk}).")]
    after = counts()
    assert after["carers"] == before["carers"] and after["events"] == before["events"]


def test_carer_without_postcode_is_recognised_on_name_and_date_of_birth(heerde):
    row = [*BERT]
    row[6] = ""
    data = csv_bytes([HEADER, row])
    assert run(heerde, data).created == 1
    assert run(heerde, data).duplicates == 1
    assert Caregiver.objects.count() == 1


def test_duplicate_within_the_file_is_skipped(heerde):
    again = [*ANNA]
    again[0] = "ANNA"  # the same person, written differently
    again[6] = "8191ab"
    result = run(heerde, csv_bytes([HEADER, ANNA, BERT, again]), dry_run=True)
    assert (result.created, result.duplicates) == (2, 1)
    assert errors_of(result)[4] == [
        ("", "Al geregistreerd: dezelfde mantelzorger als rij 2 van dit bestand.")
    ]


def test_carer_of_another_municipality_is_no_duplicate(heerde, epe):
    CaregiverFactory(municipality=epe, first_name="Bert", last_name="Jansen",
                     date_of_birth=datetime.date(1950, 11, 12), postcode="8181 AB")  # fmt: skip
    assert run(heerde, csv_bytes([HEADER, BERT])).created == 1


def test_registered_carer_is_skipped_even_when_the_row_has_other_errors(heerde):
    existing = services.caregiver_register(
        municipality=heerde,
        data={"first_name": "Bert", "last_name": "Jansen",
              "date_of_birth": datetime.date(1950, 11, 12), "postcode": "8181 AB",
              "phone": "0578-123456", "source": "self", "legal_basis": "public_task"},
        actor=Actor(),
    )  # fmt: skip
    row = [*BERT]
    row[10] = "onbekend"
    result = run(heerde, csv_bytes([HEADER, row]))
    assert result.duplicates == 1 and result.invalid == 0
    assert errors_of(result)[2] == [("", f"Al geregistreerd (mantelzorger nummer {existing.pk}).")]


def test_row_numbers_follow_the_spreadsheet(heerde):
    bad = [*BERT]
    bad[10] = "?"
    rows = [[""] * len(HEADER), HEADER, ANNA, [""] * len(HEADER), bad]
    result = run(heerde, csv_bytes(rows), dry_run=True)
    assert [report.row for report in result.reports] == [5]


def test_quote_before_a_formula_character_is_taken_off(heerde):
    row = [*BERT]
    row[4] = "'+31 578 654321"
    assert run(heerde, csv_bytes([HEADER, row])).created == 1
    assert Caregiver.objects.get().phone == "0578 654 321"


def test_templates_hold_every_column_and_a_valid_example(heerde):
    csv_template = importing.template_csv()
    assert csv_template.startswith(codecs.BOM_UTF8)
    header = csv_template[3:].decode().splitlines()[0].split(";")
    assert header == list(COLUMN_NAMES)
    assert run(heerde, csv_template, dry_run=True).created == 1
    workbook = load_workbook(io.BytesIO(importing.template_xlsx()), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMN_NAMES) and len(rows) == 2
    explained = [row[0] for row in workbook.worksheets[1].iter_rows(values_only=True)][1:]
    assert explained == list(COLUMN_NAMES)
    assert run(heerde, importing.template_xlsx(), filename="s.xlsx", dry_run=True).created == 1


def test_columns_fill_only_fields_the_services_accept():
    for column in importing.COLUMNS:
        allowed = {
            importing.CAREGIVER: services.CAREGIVER_FIELDS,
            importing.RELATIONSHIP_PART: services.RELATIONSHIP_FIELDS,
            importing.INTENSIVE: ("intensive_contact",),
        }[column.part]
        assert column.field in allowed, column.name


# --- The pages ----------------------------------------------------------------------------


def upload(client, data, *, filename="mantelzorgers.csv", dry_run=True):
    payload = {"file": SimpleUploadedFile(filename, data)}
    if dry_run:
        payload["dry_run"] = "on"
    # The import runs as a background task (immediately in tests); the page follows it.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("caregivers:import"), payload)
    assert response.status_code == 302
    return client.get(response.url)


def test_import_page_documents_every_column(consultant_client):
    response = consultant_client.get(reverse("caregivers:import"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in COLUMN_NAMES:
        assert f'<code class="utrecht-code">{name}</code>' in html
    assert "wettelijke taak" in html and "dd-mm-jjjj" in html
    assert 'enctype="multipart/form-data"' in html
    assert reverse("caregivers:import_template") + "?format=csv" in html
    # The trial import is ticked by default.
    assert response.context["form"]["dry_run"].value() is True


def test_dry_run_page_lists_errors_and_offers_the_real_import(consultant_client, heerde):
    before = counts()
    response = upload(consultant_client, csv_bytes(MALFORMED))
    assert counts() == before
    html = response.content.decode()
    assert "Resultaat van de proefimport" in html
    assert "De datum 31-02-1950 bestaat niet." in html
    assert "1 rij kan worden geïmporteerd" in html
    # The form is ready for the real run of the same file.
    assert response.context["form"]["dry_run"].value() is False


def test_real_import_through_the_page(consultant_client, consultant, heerde):
    response = upload(consultant_client, csv_bytes([HEADER, ANNA, BERT]), dry_run=False)
    assert response.status_code == 200
    assert "2 mantelzorgers geïmporteerd" in response.content.decode()
    assert Caregiver.objects.filter(municipality=heerde).count() == 2
    assert AuditEvent.objects.filter(reason="carer import", actor=consultant).count() == 1


def test_file_error_is_shown_and_nothing_written(consultant_client):
    response = upload(consultant_client, b"naam;plaats\r\nA;B\r\n", dry_run=False)
    assert "ontbreken de verplichte kolommen" in response.content.decode()
    assert Caregiver.objects.count() == 0


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_template_download(consultant_client, fmt):
    response = consultant_client.get(reverse("caregivers:import_template"), {"format": fmt})
    assert response.status_code == 200
    assert f"mantelzorgers-sjabloon.{fmt}" in response["Content-Disposition"]


@pytest.mark.parametrize("name", ["caregivers:import", "caregivers:import_template"])
def test_broker_is_refused_and_anonymous_sent_to_login(client, make_member, heerde, name):
    from omzien.testing.login import login_verified

    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    broker = make_member(Role.BROKER, heerde, totp=True)
    login_verified(client, broker)
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": SimpleUploadedFile("a.csv", b"x")}).status_code == 403


def test_epe_consultant_imports_into_epe(client, make_member, epe, heerde):
    from omzien.testing.login import login_verified

    login_verified(client, make_member(Role.CONSULTANT, epe, totp=True))
    upload(client, csv_bytes([HEADER, BERT]), dry_run=False)
    assert Caregiver.objects.get().municipality == epe


def test_invisible_differences_make_no_new_carer(heerde):
    """Issue 10, point 12: a decomposed accent (as macOS exports), a double space and the ĳ
    ligature are the same name, against the registry and within the file."""
    CaregiverFactory(municipality=heerde, first_name="José", last_name="IJsselmuiden",
                     date_of_birth=datetime.date(1961, 2, 3), postcode="8191 AB")  # fmt: skip
    same = [*ANNA]
    same[0], same[1] = "Jose\u0301", "\u0132sselmuiden"  # decomposed é, the ĳ ligature
    other = [*BERT]
    again = [*BERT]
    other[1], again[1] = "van  Dijk", "Van D\u0133k"
    result = run(heerde, csv_bytes([HEADER, same, other, again]))
    assert (result.created, result.duplicates) == (1, 2)
    assert Caregiver.objects.count() == 2


def test_a_child_under_16_is_not_imported_on_their_own_consent(heerde):
    """Issue 10, point 10: under 16 on the date of consent a parent or guardian consents
    (UAVG art. 5); the file says who in the column toestemming_door."""
    consent_on = timezone.localdate() - datetime.timedelta(days=30)
    born = consent_on.replace(year=consent_on.year - 15)  # 15 on the date of consent
    header = [*HEADER, "toestemming_door", "naam_ouder_voogd"]
    own = [*BERT, "", ""]
    own[0], own[2], own[11], own[12] = "Sem", born.strftime("%d-%m-%Y"), "toestemming", \
        consent_on.strftime("%d-%m-%Y")  # fmt: skip
    nameless = [*own]
    nameless[0], nameless[-2] = "Noor", "ouder of voogd"
    guardian = [*own]
    guardian[0], guardian[-2], guardian[-1] = "Lina", "ouder", "Karin de Boer"
    result = run(heerde, csv_bytes([header, own, nameless, guardian]))
    assert (result.created, result.invalid) == (1, 2), result.reports
    errors = errors_of(result)
    assert [column for column, _message in errors[2]] == ["toestemming_door"]
    assert "ouder of voogd" in errors[2][0][1]
    assert [column for column, _message in errors[3]] == ["naam_ouder_voogd"]
    lina = Caregiver.objects.get()
    assert (lina.first_name, lina.consent_by, lina.consent_guardian_name) == (
        "Lina",
        caregivers_constants.ConsentBy.GUARDIAN,
        "Karin de Boer",
    )
