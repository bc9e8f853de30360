"""Open data: the social map as Open Referral HSDS 3.0, out and in.

Export: the published entries of a municipality (those in the public search) as HSDS services,
each with its organization, locations (with address), service_at_locations, phones, contacts,
schedules (opening hours as text, HSDS ``schedule.description``), service areas, cost options
and attributes. Omzien's controlled vocabulary travels as attributes with taxonomy terms
(taxonomies ``omzien-category``, ``omzien-target-group``, ``omzien-access``, ``omzien-cost``);
"what it helps with" as an attribute of the term ``omzien-helps-with`` with the text as its
value. Two forms: JSON (the HSDS API's paginated ``/services`` answer, all on one page) and the
tabular datapackage (a zip of ``datapackage.json`` and one CSV per table).

Import: the same two forms, into one municipality, as a background import job
(``common.imports``) with a per-row (per-service) report. Every service is checked first; when
any is wrong nothing is written. Imported services become published entries of named providers
(the receiving municipality's staff keep them), confirmed on their ``assured_date``.
"""

import csv
import io
import json
import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from omzien.common import tabular
from omzien.common.imports import ImportOutcome
from omzien.common.services import Actor
from omzien.common.tabular import ImportFileError
from omzien.common.text import without_control_characters
from omzien.directory import constants
from omzien.directory.constants import EntryStatus
from omzien.directory.models import Entry
from omzien.directory.services.entries import _set_confirmed, _tidy, _validate
from omzien.directory.workflows import ENTRY
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.tenants.models import Locality

IMPORT_KIND = "directory_hsds"
HSDS_VERSION = "3.0"
MAX_BYTES = 20 * 1024 * 1024
MAX_SERVICES = 10_000

TAXONOMY_CATEGORY = "omzien-category"
TAXONOMY_TARGET = "omzien-target-group"
TAXONOMY_ACCESS = "omzien-access"
TAXONOMY_COST = "omzien-cost"
TERM_HELPS_WITH = "omzien-helps-with"
OMZIEN_NS = uuid.UUID("5b0c6a8e-0d8f-4c59-9c1a-3b7c2f0a9d11")


def _id(*parts) -> str:
    """A stable UUID for a row derived from an entry (the same on every export)."""
    return str(uuid.uuid5(OMZIEN_NS, ":".join(str(p) for p in parts)))


# --- Export ----------------------------------------------------------------------------------


def _term(taxonomy: str, code: str, label: str) -> dict:
    return {
        "id": _id("term", taxonomy, code),
        "code": code,
        "name": str(label),
        "description": str(label),
        "taxonomy": taxonomy,
        "language": "nl",
    }


def _attribute(service_id: str, term: dict, value: str = "") -> dict:
    return {
        "id": _id("attribute", service_id, term["taxonomy"], term["code"]),
        "link_id": service_id,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
        "value": value,
    }


def _organization(entry: Entry) -> dict:
    if entry.organisation_id is not None:
        org = entry.organisation
        return {
            "id": _id("organisation", org.pk),
            "name": org.name,
            "description": org.description or org.name,
            "email": org.contact_email or None,
            "website": org.website or None,
        }
    return {
        "id": _id("provider", entry.municipality_id, entry.provider_name),
        "name": entry.provider_name,
        "description": entry.provider_name,
        "email": None,
        "website": None,
    }


def service_of(entry: Entry) -> dict:
    """One entry as an HSDS 3.0 service with its nested objects."""
    sid = str(entry.uuid)
    organization = _organization(entry)
    category_labels = dict(constants.Category.choices)
    target_labels = dict(constants.TargetGroup.choices)
    attributes = [
        _attribute(sid, _term(TAXONOMY_CATEGORY, code, category_labels.get(code, code)))
        for code in entry.categories
    ]
    attributes += [
        _attribute(sid, _term(TAXONOMY_TARGET, code, target_labels.get(code, code)))
        for code in entry.target_groups
    ]
    attributes.append(
        _attribute(
            sid,
            _term(TAXONOMY_ACCESS, entry.access, constants.Access(entry.access).label),
            entry.access_text,
        )
    )
    attributes.append(
        _attribute(
            sid,
            _term(TAXONOMY_COST, entry.cost, constants.Cost(entry.cost).label),
            entry.cost_text,
        )
    )
    if entry.helps_with:
        attributes.append(
            _attribute(
                sid, _term(TERM_HELPS_WITH, "helps_with", _("What it helps with")), entry.helps_with
            )
        )
    locations = []
    if entry.locality_id or entry.address:
        location_id = _id("location", sid, "physical")
        locality = entry.locality
        locations.append(
            {
                "id": location_id,
                "location_type": "physical",
                "name": locality.name if locality else entry.title,
                "latitude": locality.latitude if locality else None,
                "longitude": locality.longitude if locality else None,
                "external_identifier": str(locality.pk) if locality else None,
                "external_identifier_type": "omzien-locality" if locality else None,
                "addresses": [
                    {
                        "id": _id("address", sid),
                        "location_id": location_id,
                        "address_1": entry.address,
                        "city": locality.name if locality else "",
                        "region": entry.municipality.name,
                        "state_province": "",
                        "postal_code": "",
                        "country": "NL",
                        "address_type": "physical",
                    }
                ],
            }
        )
    if entry.online:
        locations.append(
            {
                "id": _id("location", sid, "virtual"),
                "location_type": "virtual",
                "name": entry.title,
                "url": entry.website or None,
                "addresses": [],
            }
        )
    service_at_locations = [
        {
            "id": _id("service_at_location", sid, location["id"]),
            "service_id": sid,
            "location_id": location["id"],
            "location": location,
        }
        for location in locations
    ]
    return {
        "id": sid,
        "organization_id": organization["id"],
        "organization": organization,
        "name": entry.title,
        "description": entry.description,
        "url": entry.website or None,
        "email": entry.email or None,
        "status": "active",
        "application_process": entry.access_text or str(constants.Access(entry.access).label),
        "fees_description": entry.cost_text or str(constants.Cost(entry.cost).label),
        "eligibility_description": ", ".join(
            str(target_labels.get(code, code)) for code in entry.target_groups
        )
        or None,
        "assured_date": entry.last_confirmed_on.isoformat() if entry.last_confirmed_on else None,
        "phones": [{"id": _id("phone", sid), "service_id": sid, "number": entry.phone}]
        if entry.phone
        else [],
        "contacts": [{"id": _id("contact", sid), "service_id": sid, "name": entry.contact_name}]
        if entry.contact_name
        else [],
        "schedules": [
            {
                "id": _id("schedule", sid),
                "service_id": sid,
                "description": entry.opening_hours,
            }
        ]
        if entry.opening_hours
        else [],
        "service_areas": [
            {
                "id": _id("service_area", sid),
                "service_id": sid,
                "name": entry.municipality.name,
                "description": _("The whole municipality or region"),
            }
        ]
        if entry.region_wide
        else [],
        "cost_options": [
            {"id": _id("cost_option", sid), "service_id": sid, "option": entry.cost_text}
        ]
        if entry.cost == constants.Cost.PAID
        else [],
        "service_at_locations": service_at_locations,
        "attributes": attributes,
    }


def _without_nulls(value):
    """HSDS types its fields (a string is a string): an empty optional field is left out."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def export_json(entries) -> dict:
    """The HSDS API's paginated ``/services`` answer, every service on one page."""
    contents = [_without_nulls(service_of(entry)) for entry in entries]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


# The CSV tables of the datapackage: name -> columns (HSDS 3.0 tabular fields we fill).
TABLES = {
    "organizations": ["id", "name", "description", "email", "website"],
    "services": [
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "fees_description",
        "eligibility_description",
        "assured_date",
    ],
    "locations": [
        "id",
        "location_type",
        "name",
        "url",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
    ],
    "addresses": [
        "id",
        "location_id",
        "address_1",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "service_at_locations": ["id", "service_id", "location_id"],
    "phones": ["id", "service_id", "number"],
    "contacts": ["id", "service_id", "name"],
    "schedules": ["id", "service_id", "description"],
    "service_areas": ["id", "service_id", "name", "description"],
    "cost_options": ["id", "service_id", "option"],
    "taxonomy_terms": ["id", "code", "name", "description", "taxonomy", "language"],
    "attributes": [
        "id",
        "link_id",
        "link_type",
        "link_entity",
        "taxonomy_term_id",
        "value",
    ],
}
NUMBER_COLUMNS = {"latitude", "longitude"}


def _tables(services: list[dict]) -> dict[str, list[dict]]:
    rows: dict[str, dict[str, dict]] = {name: {} for name in TABLES}

    def add(table, row):
        rows[table][row["id"]] = {col: row.get(col) for col in TABLES[table]}

    for service in services:
        add("organizations", service["organization"])
        add("services", service)
        for sal in service["service_at_locations"]:
            add("locations", sal["location"])
            for address in sal["location"].get("addresses", []):
                add("addresses", address)
            add("service_at_locations", sal)
        for table in ("phones", "contacts", "schedules", "service_areas", "cost_options"):
            for row in service[table]:
                add(table, row)
        for attribute in service["attributes"]:
            add("taxonomy_terms", attribute["taxonomy_term"])
            add("attributes", attribute)
    return {name: list(found.values()) for name, found in rows.items()}


def export_zip(entries, *, name: str) -> bytes:
    """The HSDS tabular datapackage: ``datapackage.json`` and one CSV per table."""
    tables = _tables([service_of(entry) for entry in entries])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        resources = []
        for table, columns in TABLES.items():
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\r\n")
            writer.writeheader()
            for row in tables[table]:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
            archive.writestr(f"{table}.csv", text.getvalue())
            resources.append(
                {
                    "name": table,
                    "path": f"{table}.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": {
                        "fields": [
                            {"name": col, "type": "number" if col in NUMBER_COLUMNS else "string"}
                            for col in columns
                        ],
                        "primaryKey": "id",
                    },
                }
            )
        package = {
            "name": name,
            "title": name,
            "profile": "tabular-data-package",
            "version": HSDS_VERSION,
            "created": timezone.now().isoformat(timespec="seconds"),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False))
    return buffer.getvalue()


# --- Import ----------------------------------------------------------------------------------


def _services_from_zip(data: bytes, warnings: list[str]) -> list[dict]:
    """Rebuild nested services from the tabular datapackage."""
    with tabular.open_zip(data) as archive:
        return _services_from_tables(archive, warnings)


def _services_from_tables(archive: zipfile.ZipFile, warnings: list[str]) -> list[dict]:
    names = {name.rsplit("/", 1)[-1]: name for name in archive.namelist()}
    if "services.csv" not in names:
        raise ImportFileError(_("The zip file has no services.csv: it is not an HSDS datapackage."))

    def read(table: str) -> list[dict]:
        name = names.get(f"{table}.csv")
        if name is None:
            return []
        try:
            member = archive.read(name)
        except Exception as error:  # a damaged, encrypted or oddly packed member
            raise ImportFileError(
                _("The file %(name)s in the zip file could not be read.") % {"name": name}
            ) from error
        text, noticed, _lossy = tabular.decode(member)
        warnings.extend(warning for warning in noticed if warning not in warnings)
        rows = tabular.csv_rows(text)
        header = [key.lstrip("\ufeff") for key in next(rows, [])]
        return [
            {k: (v if v != "" else None) for k, v in zip(header, row, strict=False)} for row in rows
        ]

    def by(rows, key):
        grouped: dict[str, list] = {}
        for row in rows:
            grouped.setdefault(row.get(key), []).append(row)
        return grouped

    organizations = {row.get("id"): row for row in read("organizations")}
    locations = {row.get("id"): row for row in read("locations")}
    addresses = by(read("addresses"), "location_id")
    for location_id, location in locations.items():
        location["addresses"] = addresses.get(location_id, [])
        for number in NUMBER_COLUMNS:
            if location.get(number) is not None:
                try:
                    location[number] = float(location[number])
                except ValueError:
                    location[number] = None
    terms = {row.get("id"): row for row in read("taxonomy_terms")}
    attributes = by(read("attributes"), "link_id")
    per_service = {
        table: by(read(table), "service_id")
        for table in (
            "phones",
            "contacts",
            "schedules",
            "service_areas",
            "cost_options",
            "service_at_locations",
        )
    }
    services = []
    for service in read("services"):
        sid = service.get("id")
        service["organization"] = organizations.get(service.get("organization_id"))
        for table, grouped in per_service.items():
            service[table] = grouped.get(sid, [])
        for sal in service["service_at_locations"]:
            sal["location"] = locations.get(sal.get("location_id"))
        service["attributes"] = [
            {**attribute, "taxonomy_term": terms.get(attribute.get("taxonomy_term_id"))}
            for attribute in attributes.get(sid, [])
        ]
        services.append(service)
    return services


def read_services(data: bytes) -> tuple[list[dict], list[str]]:
    """The services of an HSDS JSON file (a list, a paginated answer or one service) or of a
    datapackage zip, and the warnings about the file."""
    warnings: list[str] = []
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 20 MB."))
    if data[:2] == b"PK":
        services = _services_from_zip(data, warnings)
    else:
        try:
            parsed = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ImportFileError(
                _("The file is neither HSDS JSON nor an HSDS zip file.")
            ) from error
        except RecursionError as error:
            raise ImportFileError(
                _("The JSON file is nested far deeper than HSDS is: it is not an HSDS file.")
            ) from error
        if isinstance(parsed, dict) and isinstance(parsed.get("contents"), list):
            services = parsed["contents"]
        elif isinstance(parsed, list):
            services = parsed
        elif isinstance(parsed, dict) and "name" in parsed:
            services = [parsed]
        else:
            raise ImportFileError(_("The JSON file holds no HSDS services."))
    if not services:
        raise ImportFileError(_("The file holds no services."))
    if len(services) > MAX_SERVICES:
        raise ImportFileError(_("The file holds more than 10,000 services."))
    return services, warnings


def _text(value, limit: int) -> str:
    """A value of the file as text of at most ``limit`` characters: a short one on one line,
    and never with control characters (PostgreSQL refuses a NUL)."""
    text = without_control_characters(str(value or ""))
    return " ".join(text.split())[:limit] if limit < 1000 else text[:limit]


def _object(value) -> dict:
    """A JSON object of the file, or an empty one where the file has something else there."""
    return value if isinstance(value, dict) else {}


def _objects(value) -> list[dict]:
    """The objects of a JSON list of the file; anything else in their place is left out."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _assured_date(service: dict):
    try:
        return parse_date(str(service.get("assured_date") or ""))
    except ValueError:  # well formed but no date, such as 2026-02-30
        return None


def entry_data(service: dict, *, localities: dict) -> tuple[dict, list[str]]:
    """The entry fields of one HSDS service, and the problems that are no field's. The file
    is not trusted to have HSDS's shape: where it has something else, the value is left out.
    ``localities``: the receiving municipality's, by lower-case name (read once per import)."""
    if not isinstance(service, dict):
        return {}, [_("This is not an HSDS service.")]
    problems = []
    organization = _object(service.get("organization"))
    data = {
        "title": _text(service.get("name"), 150),
        "provider_name": _text(organization.get("name"), 150),
        "description": _text(service.get("description"), 4000),
        "website": _text(service.get("url"), 200),
        "email": _text(service.get("email"), 254),
        "categories": [],
        "target_groups": [],
        "access": constants.Access.SELF,
        "access_text": "",
        "cost": constants.Cost.FREE,
        "cost_text": "",
        "helps_with": "",
        "phone": "",
        "contact_name": "",
        "opening_hours": "",
        "region_wide": bool(service.get("service_areas")),
        "online": False,
        "address": "",
        "locality": None,
    }
    for attribute in _objects(service.get("attributes")):
        term = _object(attribute.get("taxonomy_term"))
        taxonomy, code = _text(term.get("taxonomy"), 100), _text(term.get("code"), 100)
        value = _text(attribute.get("value"), 2000)
        if taxonomy == TAXONOMY_CATEGORY:
            data["categories"].append(code)
        elif taxonomy == TAXONOMY_TARGET:
            data["target_groups"].append(code)
        elif taxonomy == TAXONOMY_ACCESS:
            data["access"], data["access_text"] = code, value[:300]
        elif taxonomy == TAXONOMY_COST:
            data["cost"], data["cost_text"] = code, value[:200]
        elif taxonomy == TERM_HELPS_WITH:
            data["helps_with"] = value[:2000]
    if data["access"] not in constants.Access.values:
        problems.append(_("Unknown way to get it: %s") % data["access"])
        data["access"] = constants.Access.SELF
    if data["cost"] not in constants.Cost.values:
        problems.append(_("Unknown cost: %s") % data["cost"])
        data["cost"] = constants.Cost.FREE
    phones = _objects(service.get("phones"))
    if phones:
        data["phone"] = _text(phones[0].get("number"), 30)
    contacts = _objects(service.get("contacts"))
    if contacts:
        data["contact_name"] = _text(contacts[0].get("name"), 150)
    schedules = _objects(service.get("schedules"))
    data["opening_hours"] = "\n".join(
        _text(s.get("description"), 500) for s in schedules if s.get("description")
    )[:500]
    for sal in _objects(service.get("service_at_locations")):
        location = _object(sal.get("location"))
        if location.get("location_type") == "virtual":
            data["online"] = True
            continue
        addresses = _objects(location.get("addresses"))
        city = (addresses[0].get("city") if addresses else None) or location.get("name") or ""
        data["locality"] = localities.get(str(city).lower())
        if addresses:
            data["address"] = _text(addresses[0].get("address_1"), 200)
        if data["locality"] is None and city:
            # A village the receiving municipality does not have: keep it in the address.
            data["address"] = ", ".join(p for p in (data["address"], str(city)) if p)[:200]
    return data, problems


def municipality_localities(municipality) -> dict:
    return {loc.name.lower(): loc for loc in Locality.objects.filter(municipality=municipality)}


def _row_errors(error: ValidationError) -> list[str]:
    messages = []
    for field, errors in error.message_dict.items():
        label = str(Entry._meta.get_field(field).verbose_name) if field != "__all__" else ""
        messages += [f"{label}: {message}" if label else message for message in errors]
    return messages


def run_hsds_import(*, job, data: bytes, progress) -> ImportOutcome:
    """The importer (common.imports): check every service, then write all or nothing."""
    try:
        services, warnings = read_services(data)
    except ImportFileError as error:
        return ImportOutcome(file_errors=[str(error)])
    municipality = job.municipality
    localities = municipality_localities(municipality)
    actor = Actor(user=job.created_by)
    report, prepared = [], []
    for number, service in enumerate(services, start=1):
        fields, problems = entry_data(service, localities=localities)
        entry = Entry(municipality=municipality, created_by=job.created_by)
        for key, value in _tidy(fields).items():
            setattr(entry, key, value)
        errors = list(problems)
        if fields:
            try:
                _validate(entry)
            except ValidationError as error:
                errors += _row_errors(error)
        assured = _assured_date(service) if fields else None
        report.append(
            {
                "row": number,
                "status": "error" if errors else "ok",
                "name": fields.get("title", ""),
                "errors": errors,
            }
        )
        prepared.append((entry, assured))
        progress(number, len(services))
    failed = sum(1 for row in report if row["errors"])
    summary = {"services": len(services), "failed": failed, "created": 0}
    if failed or job.dry_run:
        return ImportOutcome(
            summary=summary, report=report, warnings=warnings, rows_total=len(services)
        )
    today = timezone.localdate()
    with transaction.atomic():
        for entry, assured in prepared:
            entry.save()
            ENTRY.log_step(entry, source="", target=EntryStatus.DRAFT, actor=actor)
            step, _note = ENTRY.check(entry, target=EntryStatus.PUBLISHED, actor=actor)
            fields = _set_confirmed(entry, min(assured, today) if assured else today)
            entry.first_published_at = timezone.now()
            ENTRY.record(
                entry,
                step=step,
                actor=actor,
                note=_("Imported from HSDS"),
                fields=[*fields, "first_published_at"],
                audit=False,
            )
            audit_by(AuditAction.CREATE, entry, actor, reason="hsds import")
    summary["created"] = len(prepared)
    return ImportOutcome(
        summary=summary, report=report, warnings=warnings, rows_total=len(services)
    )
