"""Import of an existing carer registration from CSV or XLSX.

The file format (Dutch column names and value words) is defined once, in :data:`COLUMNS`;
the import, the export (``exporting.py``), the downloadable templates and the documentation
on the import page are all generated from it.

Every row goes through ``services.caregiver_register``, so an imported carer is validated
exactly like one a consultant registers by hand. A dry run does all the same work inside a
transaction and rolls it back, so it reports the same errors a real run would and writes
nothing. A real run writes every valid row in one transaction; a file-level failure writes
nothing at all.
"""

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from omzien.accounts.constants import ContactChannel as ReachBy
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver, CareRelationship
from omzien.caregivers.services import caregivers as services
from omzien.common.imports import ImportOutcome
from omzien.common.phone import normalise_phone
from omzien.common.services import Actor
from omzien.common.spreadsheets import FORMULA_START
from omzien.common.tabular import ImportFileError, read_rows
from omzien.common.text import fold
from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction
from omzien.tenants.models import Municipality
from omzien.tenants.validators import normalise_postcode

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Dates before this year are typing errors (and Python's date arithmetic ends at year 1).
MIN_YEAR = 1900
DATE_FORMAT = "dd-mm-jjjj"
DATE_PATTERN = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


class CellError(Exception):
    """A cell's value cannot be read; the message is for the user."""


# --- Reading one cell ---------------------------------------------------------------------


def cell_text(raw) -> str:
    """A cell as text: XLSX numbers, booleans and dates become what a person would type."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "ja" if raw else "nee"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return raw.strftime("%d-%m-%Y")
    text = str(raw).strip()
    # A cell the CSV export quoted (common.spreadsheets.csv_text): the quote comes off again.
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:].strip()
    return text


def parse_text(raw) -> str:
    return cell_text(raw)


def parse_date(raw) -> date:
    if isinstance(raw, datetime):
        return _sane_date(raw.date())
    if isinstance(raw, date):
        return _sane_date(raw)
    text = cell_text(raw)
    match = DATE_PATTERN.match(text)
    if not match:
        raise CellError(_("Write the date as dd-mm-jjjj, for example 03-02-1961."))
    day, month, year = (int(part) for part in match.groups())
    try:
        return _sane_date(date(year, month, day))
    except ValueError as error:
        raise CellError(_("The date %(value)s does not exist.") % {"value": text}) from error


def _sane_date(value: date) -> date:
    if value.year < MIN_YEAR:
        raise CellError(
            _("The date %(value)s is before %(year)s; check the year.")
            % {"value": value.strftime("%d-%m-%Y"), "year": MIN_YEAR}
        )
    return value


def parse_past_date(raw) -> date:
    """A date that cannot lie in the future, such as a date of birth."""
    value = parse_date(raw)
    if value > timezone.localdate():
        raise CellError(
            _("The date %(value)s lies in the future.") % {"value": value.strftime("%d-%m-%Y")}
        )
    return value


def parse_phone(raw) -> str:
    try:
        return normalise_phone(cell_text(raw))
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error


def parse_postcode(raw) -> str:
    try:
        return normalise_postcode(cell_text(raw))
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error


def _words_key(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Choice:
    """Dutch words in the file and the values they stand for; the first word is written."""

    words: tuple[tuple[str, object], ...]
    aliases: tuple[tuple[str, object], ...] = ()
    compact: bool = False  # ignore spaces inside the value, as in "8 - 16"

    def _key(self, text: str) -> str:
        key = _words_key(text)
        return key.replace(" ", "") if self.compact else key

    def __call__(self, raw):
        text = cell_text(raw)
        key = self._key(text)
        for word, value in (*self.words, *self.aliases):
            if self._key(word) == key:
                return value
        raise CellError(
            _("Unknown value “%(value)s”. Allowed: %(allowed)s.")
            % {"value": text, "allowed": ", ".join(self.allowed)}
        )

    @property
    def allowed(self) -> list[str]:
        return [word for word, _value in self.words]

    def format(self, value) -> str:
        for word, known in self.words:
            if known == value:
                return word
        return ""


YES_NO = Choice(words=(("ja", True), ("nee", False)), aliases=(("j", True), ("n", False)))
REACH_BY = Choice(
    words=(("e-mail", ReachBy.EMAIL), ("post", ReachBy.POST), ("telefoon", ReachBy.PHONE)),
    aliases=(("email", ReachBy.EMAIL), ("mail", ReachBy.EMAIL), ("tel", ReachBy.PHONE)),
)
WORK_STUDY = Choice(
    words=(
        ("werkt", caregivers_constants.WorkStudy.WORKS),
        ("studeert", caregivers_constants.WorkStudy.STUDIES),
        ("beide", caregivers_constants.WorkStudy.BOTH),
        ("geen", caregivers_constants.WorkStudy.NEITHER),
    ),
    aliases=(
        ("werk", caregivers_constants.WorkStudy.WORKS),
        ("studie", caregivers_constants.WorkStudy.STUDIES),
    ),
)
SOURCE = Choice(
    words=(
        ("zelf", caregivers_constants.Source.SELF),
        ("huisarts", caregivers_constants.Source.GP),
        ("school", caregivers_constants.Source.SCHOOL),
        ("sociaal werker", caregivers_constants.Source.SOCIAL_WORKER),
        ("wijkverpleging", caregivers_constants.Source.HOME_CARE),
        ("wmo-consulent", caregivers_constants.Source.WMO_CONSULTANT),
        ("campagne", caregivers_constants.Source.CAMPAIGN),
        ("anders", caregivers_constants.Source.OTHER),
    ),
    aliases=(
        ("wmo consulent", caregivers_constants.Source.WMO_CONSULTANT),
        ("wmoconsulent", caregivers_constants.Source.WMO_CONSULTANT),
        ("thuiszorg", caregivers_constants.Source.HOME_CARE),
    ),
)
LEGAL_BASIS = Choice(
    words=(
        ("toestemming", caregivers_constants.LegalBasis.CONSENT),
        ("wettelijke taak", caregivers_constants.LegalBasis.PUBLIC_TASK),
    ),
)
CONSENT_BY = Choice(
    words=(
        ("mantelzorger", caregivers_constants.ConsentBy.CARER),
        ("ouder of voogd", caregivers_constants.ConsentBy.GUARDIAN),
    ),
    aliases=(
        ("zelf", caregivers_constants.ConsentBy.CARER),
        ("ouder", caregivers_constants.ConsentBy.GUARDIAN),
        ("voogd", caregivers_constants.ConsentBy.GUARDIAN),
        ("ouder/voogd", caregivers_constants.ConsentBy.GUARDIAN),
    ),
)
RELATIONSHIP = Choice(
    words=(
        ("partner", caregivers_constants.Relationship.PARTNER),
        ("ouder", caregivers_constants.Relationship.PARENT),
        ("kind", caregivers_constants.Relationship.CHILD),
        ("ander familielid", caregivers_constants.Relationship.OTHER_FAMILY),
        ("vriend", caregivers_constants.Relationship.FRIEND),
        ("buur", caregivers_constants.Relationship.NEIGHBOUR),
        ("anders", caregivers_constants.Relationship.OTHER),
    ),
    # The words people use for the person cared for, mapped to the choices.
    aliases=(
        *(
            (word, caregivers_constants.Relationship.PARTNER)
            for word in ("echtgenoot", "echtgenote", "man", "vrouw", "levenspartner")
        ),
        *(
            (word, caregivers_constants.Relationship.PARENT)
            for word in ("moeder", "vader", "schoonmoeder", "schoonvader", "pleegouder", "ouders")
        ),
        *(
            (word, caregivers_constants.Relationship.CHILD)
            for word in ("zoon", "dochter", "pleegkind", "kinderen")
        ),
        *(
            (word, caregivers_constants.Relationship.OTHER_FAMILY)
            for word in (
                "familielid",
                "familie",
                "broer",
                "zus",
                "zuster",
                "opa",
                "oma",
                "grootvader",
                "grootmoeder",
                "kleinkind",
                "kleinzoon",
                "kleindochter",
                "oom",
                "tante",
                "neef",
                "nicht",
                "schoonzoon",
                "schoondochter",
                "zwager",
                "schoonzus",
            )
        ),
        ("vriendin", caregivers_constants.Relationship.FRIEND),
        ("kennis", caregivers_constants.Relationship.FRIEND),
        ("buurman", caregivers_constants.Relationship.NEIGHBOUR),
        ("buurvrouw", caregivers_constants.Relationship.NEIGHBOUR),
        ("buren", caregivers_constants.Relationship.NEIGHBOUR),
    ),
)
NEED_KIND = Choice(
    words=(
        ("lichamelijke ziekte", caregivers_constants.NeedKind.PHYSICAL_ILLNESS),
        ("dementie", caregivers_constants.NeedKind.DEMENTIA),
        ("psychisch", caregivers_constants.NeedKind.PSYCHIATRIC),
        ("beperking", caregivers_constants.NeedKind.DISABILITY),
        ("ouderdom", caregivers_constants.NeedKind.AGEING),
        ("terminaal", caregivers_constants.NeedKind.TERMINAL),
        ("verslaving", caregivers_constants.NeedKind.ADDICTION),
        ("anders", caregivers_constants.NeedKind.OTHER),
    ),
)
HOURS_BAND = Choice(
    words=(
        ("<8", caregivers_constants.HoursBand.UNDER_8),
        ("8-16", caregivers_constants.HoursBand.FROM_8),
        ("16-24", caregivers_constants.HoursBand.FROM_16),
        ("24-40", caregivers_constants.HoursBand.FROM_24),
        (">40", caregivers_constants.HoursBand.OVER_40),
    ),
    aliases=(
        ("minder dan 8", caregivers_constants.HoursBand.UNDER_8),
        ("meer dan 40", caregivers_constants.HoursBand.OVER_40),
        ("lt8", caregivers_constants.HoursBand.UNDER_8),
        ("40+", caregivers_constants.HoursBand.OVER_40),
    ),
    compact=True,
)


# --- The columns --------------------------------------------------------------------------

CAREGIVER = "caregiver"
RELATIONSHIP_PART = "relationship"
INTENSIVE = "intensive"


# eq=False: a column is one of the constants below and is used as a dict key for every cell
# read; hashing it by its fields hashed the lazily translated help texts (a translation lookup
# each: 5 % of the samples py-spy took of a 20,000-row import).
@dataclass(frozen=True, eq=False)
class Column:
    name: str  # the Dutch column name in the file
    field: str  # the model field it fills
    required: bool
    parser: Callable
    help: Promise
    example: str = ""
    part: str = CAREGIVER
    values: Promise | str = ""  # allowed values, for the documentation, unless a Choice
    default: object = None  # used when the cell is empty and the column is optional

    @property
    def allowed_values(self) -> str:
        if isinstance(self.parser, Choice):
            return ", ".join(self.parser.allowed)
        return str(self.values)

    def format(self, value):
        """The model's value as it is written to a file (dates stay dates)."""
        if isinstance(self.parser, Choice):
            return self.parser.format(value)
        if value is None:
            return ""
        return value


TEXT = gettext_lazy("Text")
DATE_VALUES = DATE_FORMAT

COLUMNS: tuple[Column, ...] = (
    Column(
        "voornaam", "first_name", True, parse_text,
        gettext_lazy("First name of the carer."), "Anna", values=TEXT,
    ),
    Column(
        "achternaam", "last_name", True, parse_text,
        gettext_lazy("Last name, with prefixes such as “de” or “van der”."), "Voorbeeld",
        values=TEXT,
    ),
    Column(
        "geboortedatum", "date_of_birth", True, parse_past_date,
        gettext_lazy("Date of birth. Carers are 8 years or older."), "03-02-1961",
        values=DATE_VALUES,
    ),
    Column(
        "email", "email", False, parse_text,
        gettext_lazy("E-mail address. Required when the preferred contact is e-mail."),
        "anna@example.org", values=gettext_lazy("An e-mail address"),
    ),
    Column(
        "telefoon", "phone", False, parse_phone,
        gettext_lazy(
            "Phone number, as you would dial it; a foreign number with its country code. "
            "Required when the preferred contact is phone."
        ),
        "0578-123456", values=gettext_lazy("For example 06-12345678 or 0578-123456"),
    ),
    Column(
        "adres", "street_address", False, parse_text,
        gettext_lazy("Street and house number. Required when the preferred contact is post."),
        "Dorpsstraat 1", values=TEXT,
    ),
    Column(
        "postcode", "postcode", False, parse_postcode,
        gettext_lazy(
            "Dutch postcode. The locality is derived from it. Without a postcode, a carer is "
            "recognised as already registered by name and date of birth alone."
        ),
        "8181 AB", values=gettext_lazy("For example 8181 AB"),
    ),
    Column(
        "woonplaats", "town", False, parse_text, gettext_lazy("Town."), "Heerde", values=TEXT
    ),
    Column(
        "contactvoorkeur", "reach_by", False, REACH_BY,
        gettext_lazy("How the carer wants to be reached. Empty means phone."), "telefoon",
        default=ReachBy.PHONE,
    ),
    Column(
        "werk_studie", "work_study", False, WORK_STUDY,
        gettext_lazy("Whether the carer works or studies."), "werkt", default="",
    ),
    Column(
        "bron", "source", True, SOURCE, gettext_lazy("How the carer came in."), "huisarts"
    ),
    Column(
        "grondslag", "legal_basis", True, LEGAL_BASIS,
        gettext_lazy("Legal basis for storing the carer's details."), "toestemming",
    ),
    Column(
        "toestemming_datum", "consent_given_on", False, parse_date,
        gettext_lazy("Date consent was given. Required when the legal basis is consent."),
        "15-01-2024", values=DATE_VALUES,
    ),
    Column(
        "toestemming_door", "consent_by", False, CONSENT_BY,
        gettext_lazy(
            "Who gave consent. A carer younger than 16 on the date of consent cannot consent "
            "themselves: then “ouder of voogd” (UAVG art. 5). Empty means the carer."
        ),
        "mantelzorger", default=caregivers_constants.ConsentBy.CARER,
    ),
    Column(
        "naam_ouder_voogd", "consent_guardian_name", False, parse_text,
        gettext_lazy("Name of the parent or guardian who gave consent; required for them."),
        "", values=TEXT,
    ),
    Column(
        "intensief", "intensive_contact", False, YES_NO,
        gettext_lazy("Intensive contact with a consultant. Empty means no."), "nee",
        part=INTENSIVE, default=False,
    ),
    Column(
        "zorgvrager", "recipient_name", False, parse_text,
        gettext_lazy(
            "First name or initials of the person cared for; nothing more. Fill in the care "
            "columns together, or leave them all empty."
        ),
        "M.", part=RELATIONSHIP_PART, values=TEXT,
    ),
    Column(
        "relatie", "relationship", False, RELATIONSHIP,
        gettext_lazy("The person cared for is the carer's partner, parent, child and so on."),
        "ouder", part=RELATIONSHIP_PART,
    ),
    Column(
        "soort_zorg", "need_kind", False, NEED_KIND,
        gettext_lazy("Kind of care the person needs."), "dementie", part=RELATIONSHIP_PART,
    ),
    Column(
        "samenwonend", "lives_together", False, YES_NO,
        gettext_lazy("Whether they live together. Empty means no."), "nee",
        part=RELATIONSHIP_PART, default=False,
    ),
    Column(
        "start_zorg", "started_on", False, parse_date,
        gettext_lazy("Date the care started."), "01-06-2022", part=RELATIONSHIP_PART,
        values=DATE_VALUES,
    ),
    Column(
        "uren_per_week", "hours_band", False, HOURS_BAND,
        gettext_lazy("Hours of care a week."), "8-16", part=RELATIONSHIP_PART,
    ),
)  # fmt: skip

COLUMN_NAMES = tuple(column.name for column in COLUMNS)
_BY_NAME = {column.name: column for column in COLUMNS}
_BY_FIELD = {column.field: column for column in COLUMNS}


def column_docs() -> list[dict]:
    """The columns as the import page and the template's second sheet document them."""
    return [
        {
            "name": column.name,
            "required": column.required,
            "values": column.allowed_values,
            "help": column.help,
        }
        for column in COLUMNS
    ]


# --- Reading the file ---------------------------------------------------------------------


@dataclass
class Table:
    columns: list[Column | None]  # per position in the file; None for an ignored column
    rows: list[tuple[int, list]]  # (spreadsheet row number, cells)
    warnings: list[str] = field(default_factory=list)
    # A file read as Windows-1252: per row number, the columns where letters were lost.
    lost_letters: dict[int, list[str]] = field(default_factory=dict)
    size: int = 0  # bytes
    sha256: str = ""


def _header_key(raw) -> str:
    return "_".join(cell_text(raw).replace("\ufeff", "").lower().split())


# What a letter becomes when it could not be written (Excel's "CSV" writes "?") or read.
LOST_LETTER = ("?", "\ufffd")


def _is_empty(cells) -> bool:
    if all(cell is None for cell in cells):  # fast: openpyxl pads gaps with empty rows
        return True
    return all(cell_text(cell) == "" for cell in cells)


def read_table(file, filename: str, columns: tuple[Column, ...] = COLUMNS) -> Table:
    """Read and check the file's structure against ``columns`` (the carers' by default; other
    imports, such as the home-visit address lists, pass their own); rows are parsed later.
    Raises ImportFileError."""
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB. Split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    rows, warnings, lossy = read_rows(data, filename, max_rows=MAX_ROWS)
    table = _table(rows, warnings, columns)
    table.size, table.sha256 = len(data), hashlib.sha256(data).hexdigest()
    if lossy:
        _find_lost_letters(table)
    return table


def _find_lost_letters(table: Table) -> None:
    """Per row, the columns holding a "?" or U+FFFD where a letter was lost."""
    for number, cells in table.rows:
        lost = [
            column.name
            for column, raw in zip(table.columns, cells, strict=True)
            if column is not None and any(mark in cell_text(raw) for mark in LOST_LETTER)
        ]
        if lost:
            table.lost_letters[number] = lost


def _table(rows: Iterable, warnings: list[str], columns_known: tuple[Column, ...]) -> Table:
    iterator = iter(rows)
    header = None
    number = 0  # the spreadsheet's row number: the header is row 1 unless blank rows precede it
    for raw in iterator:
        number += 1
        if not _is_empty(raw):
            header = list(raw)
            break
    if header is None:
        raise ImportFileError(_("The file is empty."))
    keys = [_header_key(cell) for cell in header]
    by_name = {column.name: column for column in columns_known}
    columns: list[Column | None] = []
    seen, unknown = set(), []
    for key in keys:
        if key in seen:
            raise ImportFileError(
                _("The column “%(column)s” appears more than once.") % {"column": key}
            )
        if key:
            seen.add(key)
        if key and key not in by_name:
            unknown.append(key)
        columns.append(by_name.get(key))
    missing = [
        column.name for column in columns_known if column.required and column.name not in seen
    ]
    if missing:
        raise ImportFileError(
            ngettext(
                "The file lacks the required column %(columns)s. The first row must hold the "
                "column names; the template shows them.",
                "The file lacks the required columns %(columns)s. The first row must hold the "
                "column names; the template shows them.",
                len(missing),
            )
            % {"columns": ", ".join(missing)}
        )
    if unknown:
        warnings.append(
            _("These columns are unknown and were ignored: %(columns)s.")
            % {"columns": ", ".join(unknown)}
        )
    table_rows = []
    for raw in iterator:
        number += 1
        cells = list(raw)[: len(columns)]
        if _is_empty(cells):
            continue
        if len(table_rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(rows)s rows. Split it into smaller files.")
                % {"rows": number_format(MAX_ROWS, force_grouping=True)}
            )
        table_rows.append((number, cells + [None] * (len(columns) - len(cells))))
    if not table_rows:
        raise ImportFileError(_("The file has no rows below the column names."))
    return Table(columns=columns, rows=table_rows, warnings=warnings)


# --- Importing the rows -------------------------------------------------------------------

CREATED = "created"
DUPLICATE = "duplicate"
INVALID = "invalid"


@dataclass
class RowReport:
    row: int
    status: str
    name: str
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)


@dataclass
class ImportResult:
    filename: str
    dry_run: bool
    created: int = 0
    duplicates: int = 0
    invalid: int = 0
    file_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reports: list[RowReport] = field(default_factory=list)  # rows not (to be) created

    @property
    def total(self) -> int:
        return self.created + self.duplicates + self.invalid

    @property
    def failed(self) -> bool:
        return bool(self.file_errors)


@dataclass
class ParsedRow:
    caregiver: dict
    relationship: dict | None
    intensive: bool
    errors: dict[str, list[str]]  # column name -> messages

    @property
    def name(self) -> str:
        return f"{self.caregiver.get('first_name', '')} {self.caregiver.get('last_name', '')}"

    def identity(self) -> tuple | None:
        """Name, date of birth and postcode, when all could be read: how duplicates are found."""
        first = self.caregiver.get("first_name") or ""
        last = self.caregiver.get("last_name") or ""
        born = self.caregiver.get("date_of_birth")
        if not (first and last and born) or "postcode" in self.errors:
            return None
        return _identity(first, last, born, self.caregiver.get("postcode") or "")


def parse_row(columns: list[Column | None], cells: list) -> ParsedRow:
    """Read one row's cells into the services' data; cells that cannot be read are errors."""
    values: dict[Column, object] = {}
    for column, raw in zip(columns, cells, strict=True):
        if column is not None:
            values[column] = raw
    data = {CAREGIVER: {}, RELATIONSHIP_PART: {}, INTENSIVE: {}}
    errors: dict[str, list[str]] = {}
    has_relationship = any(
        cell_text(raw) != "" for column, raw in values.items() if column.part == RELATIONSHIP_PART
    )
    for column in COLUMNS:
        if column not in values:
            if column.default is not None:
                data[column.part][column.field] = column.default
            continue
        raw = values[column]
        if cell_text(raw) == "":
            if column.required:
                errors[column.name] = [_("This column is required.")]
                if column.parser is parse_text:
                    data[column.part][column.field] = ""
            else:
                data[column.part][column.field] = (
                    column.default if column.default is not None else _empty(column)
                )
            continue
        try:
            data[column.part][column.field] = column.parser(raw)
        except CellError as error:
            errors[column.name] = [str(error)]
    return ParsedRow(
        caregiver=data[CAREGIVER],
        relationship=data[RELATIONSHIP_PART] if has_relationship else None,
        intensive=bool(data[INTENSIVE].get("intensive_contact")),
        errors=errors,
    )


def _empty(column: Column):
    return None if column.parser in (parse_date, parse_past_date) else ""


def _identity(first_name: str, last_name: str, date_of_birth, postcode: str) -> tuple:
    try:
        postcode = normalise_postcode(postcode) if postcode else ""
    except ValidationError:
        postcode = postcode.strip().upper()
    return (fold(first_name), fold(last_name), date_of_birth, postcode)


def _registered_identities(municipality) -> dict[tuple, int]:
    """Name, date of birth and postcode of every registered carer, read once per import.

    The same rule as ``services.caregiver_find_duplicates`` (which ``caregiver_register``
    still applies to every row), extended to carers without a postcode, who are matched
    on name and date of birth among the carers registered without one.
    """
    found = {}
    rows = (
        Caregiver.objects.registered()
        .filter(municipality=municipality, date_of_birth__isnull=False)
        .order_by("-pk")
        .values_list("pk", "first_name", "last_name", "date_of_birth", "postcode")
        .iterator(chunk_size=2000)
    )
    for pk, first_name, last_name, date_of_birth, postcode in rows:
        found[_identity(first_name, last_name, date_of_birth, postcode)] = pk
    return found


class _Discard(Exception):
    """Undo a row that passed the services but had cells that could not be read."""


class _DryRun(Exception):
    """Undo the whole import after a dry run."""


def _service_errors(error: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if hasattr(error, "error_dict"):
        for field_name, messages in error.message_dict.items():
            column = _BY_FIELD.get(field_name)
            key = column.name if column is not None and field_name != NON_FIELD_ERRORS else ""
            errors.setdefault(key, []).extend(messages)
    else:
        errors[""] = list(error.messages)
    return errors


def _register(*, municipality, parsed: ParsedRow, actor) -> dict[str, list[str]]:
    """Register the row's carer in a savepoint; the errors the services raise, per column.

    Raises ``DuplicateCaregiver`` when the service finds the carer registered already.
    """
    try:
        with transaction.atomic():
            services.caregiver_register(
                municipality=municipality,
                data=parsed.caregiver,
                relationships=[parsed.relationship] if parsed.relationship else None,
                actor=actor,
                event_kind=caregivers_constants.EventKind.IMPORTED,
                intensive=parsed.intensive,
            )
            if parsed.errors:
                raise _Discard
    except _Discard:
        return {}
    except ValidationError as error:
        errors = _service_errors(error)
        # The service stops at the carer's own details; check the care columns too, so
        # that the row's report is complete.
        if parsed.relationship and not any(
            _BY_NAME[name].part == RELATIONSHIP_PART for name in errors if name
        ):
            for name, messages in _relationship_errors(parsed.relationship).items():
                errors.setdefault(name, []).extend(messages)
        return errors
    return {}


def _relationship_errors(data: dict) -> dict[str, list[str]]:
    relationship = CareRelationship(**data)
    try:
        relationship.full_clean(exclude=["caregiver"])
    except ValidationError as error:
        return _service_errors(error)
    return {}


def _merge(parsed: dict[str, list[str]], service: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Errors in column order; a column whose cell could not be read keeps only that error."""
    merged = {name: list(messages) for name, messages in parsed.items()}
    for name, messages in service.items():
        if name in parsed:
            continue
        for message in messages:
            if message not in merged.setdefault(name, []):
                merged[name].append(message)
    order = {name: index for index, name in enumerate(COLUMN_NAMES)}
    return [
        (name, message)
        for name in sorted(merged, key=lambda n: order.get(n, len(order)))
        for message in merged[name]
    ]


def _import_rows(*, table: Table, municipality, actor, result: ImportResult, progress) -> None:
    registered = _registered_identities(municipality)
    created_in_file: dict[tuple, int] = {}
    for done, (number, cells) in enumerate(table.rows):
        progress(done, len(table.rows))
        parsed = parse_row(table.columns, cells)
        for column_name in table.lost_letters.get(number, ()):
            parsed.errors.setdefault(column_name, []).append(
                _(
                    "A letter was lost here (“?”): the file is not in UTF-8. Save it as “CSV "
                    "UTF-8” and upload it again, or correct the letter after the import."
                )
            )
        name = parsed.name.strip()
        key = parsed.identity()
        if key is not None and key in created_in_file:
            message = _("Already registered: the same carer as row %(row)s of this file.") % {
                "row": created_in_file[key]
            }
            result.duplicates += 1
            result.reports.append(RowReport(number, DUPLICATE, name, [("", message)]))
            continue
        existing = registered.get(key) if key is not None else None
        if existing is None:
            try:
                service_errors = _register(municipality=municipality, parsed=parsed, actor=actor)
            except services.DuplicateCaregiver as duplicate:
                existing = duplicate.existing[0].pk
        if existing is not None:
            message = _("Already registered (carer number %(number)s).") % {"number": existing}
            result.duplicates += 1
            result.reports.append(RowReport(number, DUPLICATE, name, [("", message)]))
            continue
        errors = _merge(parsed.errors, service_errors)
        if errors:
            result.invalid += 1
            result.reports.append(RowReport(number, INVALID, name, errors))
            continue
        result.created += 1
        if key is not None:
            created_in_file[key] = number


def import_caregivers(
    *,
    municipality,
    file,
    filename: str,
    dry_run: bool,
    actor,
    progress: Callable[[int, int], None] | None = None,
    audit_extra: dict | None = None,
) -> ImportResult:
    """Import carers from an uploaded CSV or XLSX file into ``municipality``.

    ``actor`` is a ``services.Actor``. A dry run writes nothing; a real run writes every
    valid row in one transaction and reports the others; a file that cannot be read as a
    whole writes nothing. ``progress(done, total)`` is called as rows are done;
    ``audit_extra`` is added to the audit event (such as the import job's number).
    """

    def audit(table: Table, result: ImportResult) -> None:
        audit_log(
            action=AuditAction.CREATE,
            actor=actor.user,
            municipality=municipality,
            request=actor.request,
            reason="carer import",
            # No file name: it often holds a name ("aanmelding_jansen.csv") and the audit
            # trail outlives the carers. The hash identifies the file without it.
            extra=import_summary(table, result, audit_extra),
        )

    return import_table(
        read=lambda: read_table(file, filename),
        filename=filename,
        dry_run=dry_run,
        # One import per municipality at a time, so two uploads of the same file cannot both
        # pass the duplicate check.
        lock=lambda: Municipality.objects.select_for_update().filter(pk=municipality.pk).exists(),
        import_rows=lambda table, result: _import_rows(
            table=table,
            municipality=municipality,
            actor=actor,
            result=result,
            progress=progress or (lambda done, total: None),
        ),
        audit=audit,
    )


def import_table(
    *,
    read: Callable[[], Table],
    filename: str,
    dry_run: bool,
    lock: Callable[[], object],
    import_rows: Callable[[Table, ImportResult], None],
    audit: Callable[[Table, ImportResult], None],
) -> ImportResult:
    """The frame of every tabular import (carers, home-visit addresses): ``read()`` the file (a
    file that cannot be read as a whole gives its errors and writes nothing), then in one
    transaction ``lock()`` what the import may only do once at a time, ``import_rows`` (which
    reports each bad row on the result) and ``audit`` — or, for a dry run, undo it all."""
    result = ImportResult(filename=filename, dry_run=dry_run)
    try:
        table = read()
    except ImportFileError as error:
        result.file_errors.append(str(error))
        return result
    result.warnings.extend(table.warnings)
    try:
        with transaction.atomic():
            lock()
            import_rows(table, result)
            if dry_run:
                raise _DryRun
            audit(table, result)
    except _DryRun:
        pass
    return result


def import_summary(table: Table, result: ImportResult, extra: dict | None = None) -> dict:
    """What an import's audit event records of the file and its outcome (never its name)."""
    return {
        **(extra or {}),
        "size": table.size,
        "sha256": table.sha256,
        "rows": len(table.rows),
        "created": result.created,
        "duplicates": result.duplicates,
        "invalid": result.invalid,
    }


# --- In the background (common.imports) -------------------------------------------------

IMPORT_KIND = "caregivers"


def run_caregiver_import(*, job, data: bytes, progress) -> ImportOutcome:
    """The importer registered with ``common.imports``: runs one stored upload."""
    result = import_caregivers(
        municipality=job.municipality,
        file=io.BytesIO(data),
        filename=job.filename,
        dry_run=job.dry_run,
        actor=Actor(user=job.created_by),
        progress=progress,
        audit_extra={"import_job": job.pk},
    )
    return ImportOutcome(
        summary={
            "created": result.created,
            "duplicates": result.duplicates,
            "invalid": result.invalid,
        },
        file_errors=result.file_errors,
        warnings=result.warnings,
        report=[
            {"row": r.row, "status": r.status, "name": r.name, "errors": r.errors}
            for r in result.reports
        ],
        rows_total=result.total,
    )


def result_of_job(job) -> ImportResult:
    """A finished job as the result the import page shows."""
    return ImportResult(
        filename=job.filename,
        dry_run=job.dry_run,
        created=job.summary.get("created", 0),
        duplicates=job.summary.get("duplicates", 0),
        invalid=job.summary.get("invalid", 0),
        file_errors=list(job.file_errors),
        warnings=list(job.warnings),
        reports=[
            RowReport(r["row"], r["status"], r["name"], [tuple(e) for e in r["errors"]])
            for r in job.report
        ],
    )


# --- The template -------------------------------------------------------------------------


def template_rows() -> list[list[str]]:
    return [list(COLUMN_NAMES), [column.example for column in COLUMNS]]


def template_csv() -> bytes:
    """The CSV template: UTF-8 with BOM (so Excel reads the letters right), semicolons."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(template_rows())
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def template_xlsx() -> bytes:
    """The Excel template: the columns with one example row, and a sheet explaining them."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mantelzorgers")
    bold = Font(bold=True)
    header = []
    for name in COLUMN_NAMES:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    example = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.example)
        cell.number_format = "@"  # text, so Excel does not turn "8-16" into a date
        example.append(cell)
    sheet.append(example)
    notes = workbook.create_sheet(_("Explanation")[:31])
    notes.append([_("Column"), _("Required"), _("Allowed values"), _("Explanation")])
    for doc in column_docs():
        notes.append(
            [doc["name"], _("yes") if doc["required"] else _("no"), doc["values"], str(doc["help"])]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
