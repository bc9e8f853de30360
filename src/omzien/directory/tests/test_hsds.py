"""Open data: the HSDS 3.0 export (JSON and datapackage) and the import through the background
import job, which writes all services or none; export then import into an empty municipality
gives the same entries."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from omzien.accounts.constants import Role
from omzien.common.imports import run_import_job, start_import
from omzien.common.models import ImportJob
from omzien.directory import constants
from omzien.directory.constants import Category, EntryStatus, TargetGroup
from omzien.directory.models import Entry
from omzien.directory.services import hsds
from omzien.directory.tests.factories import EntryFactory
from omzien.tenants.tests.factories import LocalityFactory, MunicipalityFactory
from omzien.volunteering.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "hsds_3_0"


def _strict(node):
    """``additionalProperties: false`` on every object, as the specification's own example check
    does: a field HSDS does not define fails as well as a wrong one."""
    if isinstance(node, dict):
        if "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _strict(value)
    elif isinstance(node, list):
        for value in node:
            _strict(value)
    return node


def hsds_errors(service: dict) -> list[str]:
    """What the HSDS 3.0 service schema finds wrong with one exported service."""
    registry = Registry().with_resources(
        (
            path.name,
            Resource.from_contents(
                _strict(json.loads(path.read_text())), default_specification=DRAFT202012
            ),
        )
        for path in SCHEMAS.glob("*.json")
    )
    validator = Draft202012Validator({"$ref": "service.json"}, registry=registry)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(service)
    ]


COMPARED = (
    "title",
    "provider",
    "description",
    "helps_with",
    "categories",
    "target_groups",
    "access",
    "access_text",
    "cost",
    "cost_text",
    "address",
    "region_wide",
    "online",
    "opening_hours",
    "phone",
    "email",
    "website",
    "contact_name",
    "last_confirmed_on",
)


@pytest.fixture
def source(heerde):
    wapenveld = LocalityFactory(
        municipality=heerde, name="Wapenveld", latitude=52.43, longitude=6.07
    )
    EntryFactory(
        municipality=heerde,
        organisation=OrganisationFactory(municipality=heerde, name="Stip Heerde"),
        provider_name="",
        title="Mantelzorgondersteuning",
        description="Een consulent denkt met u mee.",
        helps_with="Overbelasting voorkomen.",
        categories=[Category.CARER_SUPPORT, Category.CARER_BROKER],
        target_groups=[TargetGroup.CARERS, TargetGroup.YOUNG_CARERS],
        access=constants.Access.SELF,
        access_text="Bel of mail ons.",
        email="mantelzorg@stip.example",
        website="https://stip.example/mantelzorg",
        contact_name="Anja de Vries",
        online=True,
    )
    EntryFactory(
        municipality=heerde,
        provider_name="Zorgboerderij De Hoeve",
        title="Logeerhuis De Hoeve",
        categories=[Category.RESPITE_STAY],
        target_groups=[TargetGroup.DEMENTIA],
        access=constants.Access.WMO,
        cost=constants.Cost.PAID,
        cost_text="Eigen bijdrage via het CAK",
        locality=wapenveld,
        address="Hoeveweg 3",
        region_wide=False,
        opening_hours="Weekenden, vrijdag 17:00 tot zondag 17:00",
    )
    EntryFactory(municipality=heerde, title="Concept", status=EntryStatus.DRAFT)
    return heerde


def _job(municipality, user, data: bytes, *, dry_run=False) -> ImportJob:
    job = start_import(
        kind=hsds.IMPORT_KIND,
        municipality=municipality,
        user=user,
        data=data,
        filename="hsds.json",
        dry_run=dry_run,
    )
    run_import_job.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def _value(entry, field):
    value = getattr(entry, field)
    return sorted(value) if isinstance(value, list) else value


def _snapshot(municipality) -> list[tuple]:
    return sorted(
        tuple(_value(entry, field) for field in COMPARED)
        + (entry.locality.name if entry.locality else None, entry.status)
        for entry in Entry.objects.filter(municipality=municipality, status=EntryStatus.PUBLISHED)
    )


def _empty(make_member):
    target = MunicipalityFactory(name="Hattem", slug="hattem", cbs_code="GM0244")
    LocalityFactory(municipality=target, name="Wapenveld")
    return target, make_member(Role.CONSULTANT, target)


def test_json_export_is_hsds_and_only_public(client, source):
    response = client.get(reverse("directory_public:hsds_json", args=["heerde"]))
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["total_items"] == 2 and body["last_page"] is True
    service = next(s for s in body["contents"] if s["name"] == "Logeerhuis De Hoeve")
    for required in ("id", "name", "status", "organization_id"):
        assert service[required]
    assert service["organization"]["name"] == "Zorgboerderij De Hoeve"
    assert service["status"] == "active"
    assert service["schedules"][0]["description"].startswith("Weekenden")
    location = service["service_at_locations"][0]["location"]
    assert location["location_type"] == "physical"
    assert location["addresses"][0]["address_1"] == "Hoeveweg 3"
    assert location["addresses"][0]["city"] == "Wapenveld"
    terms = {
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in service["attributes"]
    }
    assert (hsds.TAXONOMY_CATEGORY, Category.RESPITE_STAY) in terms
    # HSDS 3.0's required fields of every object, and no null where the schema types a field.
    required = {
        "organization": ("id", "name", "description"),
        "location": ("id", "location_type"),
        "address": (
            "id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
        "phone": ("id", "number"),
        "schedule": ("id",),
        "attribute": ("id", "link_id", "taxonomy_term_id", "link_entity"),
        "taxonomy_term": ("id", "name", "description"),
    }
    for service in body["contents"]:
        objects = [("organization", service["organization"])]
        objects += [("phone", p) for p in service["phones"]]
        objects += [("schedule", s) for s in service["schedules"]]
        objects += [("attribute", a) for a in service["attributes"]]
        objects += [("taxonomy_term", a["taxonomy_term"]) for a in service["attributes"]]
        for sal in service["service_at_locations"]:
            assert sal["service_id"] == service["id"] and sal["location_id"]
            objects.append(("location", sal["location"]))
            objects += [("address", a) for a in sal["location"]["addresses"]]
        for kind, obj in objects:
            assert all(field in obj for field in required[kind]), (kind, obj)
            assert None not in obj.values(), (kind, obj)
        assert service["status"] in ("active", "inactive", "defunct", "temporarily closed")
    # The same ids on every export (a stable address for others to link to).
    again = json.loads(client.get(reverse("directory_public:hsds_json", args=["heerde"])).content)
    assert again["contents"] == body["contents"]


def test_json_export_validates_against_the_hsds_3_0_schema(client, source):
    body = json.loads(client.get(reverse("directory_public:hsds_json", args=["heerde"])).content)
    assert body["contents"]
    for service in body["contents"]:
        assert hsds_errors(service) == [], service["name"]


def test_the_schema_check_finds_a_wrong_export():
    """The check can fail: a missing required field, a wrong type and an invented field."""
    errors = hsds_errors({"id": "x", "name": 3, "status": "active", "colour": "red"})
    assert any(error.startswith("name:") for error in errors)
    assert any("colour" in error for error in errors)
    assert hsds_errors({"name": "Zonder id", "status": "active"}) != []


def test_zip_export_is_a_datapackage(client, source):
    response = client.get(reverse("directory_public:hsds_zip", args=["heerde"]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    assert {r["path"] for r in package["resources"]} == {f"{t}.csv" for t in hsds.TABLES}
    services = archive.read("services.csv").decode().splitlines()
    assert services[0].startswith("id,organization_id,name")
    assert len(services) == 3


@pytest.mark.parametrize("form", ["json", "zip"])
def test_export_then_import_into_an_empty_municipality_gives_the_same_entries(
    client, source, make_member, form
):
    name = "hsds_json" if form == "json" else "hsds_zip"
    data = client.get(reverse(f"directory_public:{name}", args=["heerde"])).content
    target, consultant = _empty(make_member)
    trial = _job(target, consultant, data, dry_run=True)
    assert trial.status == ImportJob.Status.DONE
    assert trial.summary == {"services": 2, "failed": 0, "created": 0}
    assert not Entry.objects.filter(municipality=target).exists()
    job = _job(target, consultant, data)
    assert job.summary["created"] == 2
    assert [row["status"] for row in job.report] == ["ok", "ok"]
    assert _snapshot(target) == _snapshot(source)
    imported = Entry.objects.get(municipality=target, title="Logeerhuis De Hoeve")
    assert imported.locality.municipality == target
    assert imported.transitions.count() == 2


def test_one_wrong_service_imports_nothing_and_says_why(source, make_member, client):
    body = json.loads(client.get(reverse("directory_public:hsds_json", args=["heerde"])).content)
    body["contents"][1]["attributes"] = [
        a
        for a in body["contents"][1]["attributes"]
        if a["taxonomy_term"]["taxonomy"] != hsds.TAXONOMY_CATEGORY
    ]
    target, consultant = _empty(make_member)
    job = _job(target, consultant, json.dumps(body).encode())
    assert job.summary == {"services": 2, "failed": 1, "created": 0}
    assert job.report[1]["status"] == "error"
    assert any("categor" in error.lower() for error in job.report[1]["errors"])
    assert not Entry.objects.filter(municipality=target).exists()


def test_a_file_that_is_no_hsds_is_refused(heerde, make_member):
    consultant = make_member(Role.CONSULTANT, heerde)
    job = _job(heerde, consultant, b"naam;adres\nx;y\n")
    assert job.status == ImportJob.Status.FAILED
    assert job.file_errors
    job = _job(heerde, consultant, b"PK\x03\x04 broken")
    assert job.status == ImportJob.Status.FAILED
