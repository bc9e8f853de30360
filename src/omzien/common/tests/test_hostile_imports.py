"""Hostile files through every import: each importer registered with ``common.imports`` gets
each file, as the worker runs an uploaded job. None may fail with our generic "error on our
side": every file is either read or refused with a Dutch error that says what is wrong, and an
archive that unpacks to more than we read is refused before it is unpacked."""

import functools
import io
import json
import logging
import zipfile

import pytest
from openpyxl import Workbook

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.common import imports
from omzien.common.models import ImportJob
from omzien.homevisits.tests.factories import VisitPlanFactory

pytestmark = pytest.mark.django_db


def _zip(files: dict[str, bytes], *, level: int = 1) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _workbook(rows, *, dimension: str = "") -> bytes:
    workbook = Workbook()
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if not dimension:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    files[sheet] = files[sheet].replace(
        b'<dimension ref="A1:C2"/>', f'<dimension ref="{dimension}"/>'.encode()
    )
    return _zip(files)


@functools.cache
def _bomb(name: str) -> bytes:
    """A zip of 300 kB whose one member unpacks to 250 MB."""
    return _zip({name: b" " * (250 * 1024 * 1024)})


HEADER = ["indicator", "datum", "waarde"]

HOSTILE = {
    "empty": ("lijst.csv", lambda: b""),
    "blank": ("lijst.csv", lambda: b" \r\n\t\n"),
    "binary named .csv": ("lijst.csv", lambda: bytes(range(256)) * 64),
    "NUL in a cell": ("lijst.csv", lambda: b"indicator;datum;waarde\nx;\x00;1\n"),
    "a field of 1 MB": ("lijst.csv", lambda: b"indicator;datum;waarde\n" + b"x" * 1_000_000),
    "quote never closed": ("lijst.csv", lambda: b'indicator;datum;waarde\n"x;1;2\n' * 200),
    "UTF-16 without BOM": ("lijst.csv", lambda: "indicator;datum;waarde\n".encode("utf-16-le")),
    "PK but no zip": ("lijst.xlsx", lambda: b"PK\x03\x04" + b"\x00" * 200),
    "zip without a workbook": ("lijst.xlsx", lambda: _zip({"hallo.txt": b"hallo"})),
    "xlsx zip bomb": ("lijst.xlsx", lambda: _bomb("xl/worksheets/sheet1.xml")),
    "sheet declared huge": (
        "lijst.xlsx",
        lambda: _workbook([HEADER, ["x", "1-1-2026", 1]], dimension="A1:XFD1048576"),
    ),
    "old .xls": ("lijst.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500),
    "JSON nested 100,000 deep": ("diensten.json", lambda: b"[" * 100_000),
    "JSON of one number": ("diensten.json", lambda: b"42"),
    "JSON with a NUL": ("diensten.json", lambda: b'[{"name": "So\\u0000ep", "email": "\\u0000"}]'),
    "JSON list of numbers": ("diensten.json", lambda: b"[1, 2, 3]"),
    "HSDS zip without services": ("hsds.zip", lambda: _zip({"organizations.csv": b"id\n1\n"})),
    "HSDS services without id": ("hsds.zip", lambda: _zip({"services.csv": b"name\nSoep\n"})),
    "HSDS in Latin-1": ("hsds.zip", lambda: _zip({"services.csv": b"id,name\n1,Caf\xe9\n"})),
    "HSDS with a NUL": ("hsds.zip", lambda: _zip({"services.csv": b"id,name\n1,\x00\n"})),
    "HSDS field of 1 MB": (
        "hsds.zip",
        lambda: _zip({"services.csv": b"id,name\n1," + b"x" * 1_000_000 + b"\n"}),
    ),
    "HSDS organizations without id": (
        "hsds.zip",
        lambda: _zip(
            {
                "services.csv": b"id,name,organization_id\n1,Soep,9\n",
                "organizations.csv": b"name\nStip\n",
                "locations.csv": b"name\nDorpshuis\n",
            }
        ),
    ),
    "HSDS zip bomb": ("hsds.zip", lambda: _bomb("services.csv")),
    "HSDS service with odd values": (
        "diensten.json",
        lambda: json.dumps(
            [
                {"name": "Soep", "assured_date": "2026-02-30", "phones": "0612345678"},
                {"name": {"nl": "Soep"}, "description": ["a"], "email": 12},
                {"name": "Soep", "service_at_locations": [{"location": {"latitude": "noord"}}]},
                {"name": "Soep", "service_at_locations": "Dorpshuis", "attributes": [None, 3]},
                {"name": "x" * 100_000, "url": "javascript:alert(1)", "status": None},
                None,
                "Soep",
            ]
        ).encode(),
    ),
}
BOMBS = {"xlsx zip bomb", "HSDS zip bomb"}
# What an import may unpack of a bomb: the guard reads only the sizes the zip declares.
UNPACKED_AT_MOST = 10 * 1024 * 1024


@pytest.fixture
def job_for(heerde, make_member):
    user = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    for role in (Role.CONSULTANT, Role.WELFARE_WORKER, Role.POLICY_ADVISOR):  # whom each needs
        MembershipFactory(user=user, municipality=heerde, role=role)
    plan = VisitPlanFactory(municipality=heerde)

    def make(kind: str, filename: str, data: bytes) -> ImportJob:
        return ImportJob.objects.create(
            kind=kind,
            municipality=heerde,
            created_by=user,
            dry_run=False,
            language="en",
            filename=filename,
            data=data,
            size=len(data),
            sha256="",
            options={"plan": plan.pk},
        )

    return make


@pytest.mark.parametrize("case", HOSTILE)
def test_every_import_refuses_a_hostile_file_with_a_clear_error(job_for, case, caplog, monkeypatch):
    filename, make_data = HOSTILE[case]
    data = make_data()
    unpacked = []
    read = zipfile.ZipExtFile._read1  # every read of a zip member's content goes through it

    def counted(self, n):
        chunk = read(self, n)
        unpacked.append(len(chunk))
        return chunk

    monkeypatch.setattr(zipfile.ZipExtFile, "_read1", counted)
    problems = []
    for kind in sorted(imports._importers):
        job = job_for(kind, filename, data)
        unpacked.clear()
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="omzien.common.imports"):
            imports.import_job_run(job_id=job.pk, task_id=f"hostile-{kind}")
        job.refresh_from_db()
        if caplog.records:
            problems.append(f"{kind}: {caplog.records[0].exc_text.splitlines()[-1]}")
        elif not job.finished:
            problems.append(f"{kind}: {job.status}")
        elif sum(unpacked) > UNPACKED_AT_MOST:
            problems.append(f"{kind}: unpacked {sum(unpacked):,} bytes")
        elif case in BOMBS and job.status != ImportJob.Status.FAILED:
            problems.append(f"{kind}: {job.status} {job.file_errors}")
    assert problems == []


def test_a_job_whose_outcome_cannot_be_stored_still_ends(job_for, monkeypatch, caplog):
    """Whatever an importer returns, its job ends: a job left running keeps its page waiting."""

    def unstorable(**kwargs):
        return imports.ImportOutcome(report=[{"row": 1, "name": object()}])

    monkeypatch.setitem(imports._importers, "caregivers", unstorable)
    job = job_for("caregivers", "lijst.csv", b"voornaam\nAnna\n")
    with caplog.at_level(logging.ERROR, logger="omzien.common.imports"):
        assert imports.import_job_run(job_id=job.pk, task_id="t") == ImportJob.Status.FAILED
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.data is None and job.report == []
    assert job.file_errors == ["The import stopped because of an error on our side."]
    assert "could not be saved" in caplog.text
