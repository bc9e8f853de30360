"""Open data: the social map of a municipality as Open Referral HSDS 3.0, at a stable public
address (JSON and the tabular datapackage). Only what the public search shows."""

import json

from django.http import HttpResponse
from django.utils import timezone

from omzien.accounts.permissions import public
from omzien.directory.selectors.entries import municipality_public_get
from omzien.directory.selectors.hsds import export_entries
from omzien.directory.services import hsds


def _name(municipality) -> str:
    return f"omzien-sociale-kaart-{municipality.slug}"


@public
def export_json(request, municipality):
    municipality = municipality_public_get(slug=municipality)
    body = hsds.export_json(export_entries(municipality=municipality))
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="{_name(municipality)}.json"'
    return response


@public
def export_zip(request, municipality):
    municipality = municipality_public_get(slug=municipality)
    content = hsds.export_zip(
        export_entries(municipality=municipality),
        name=f"{_name(municipality)}-{timezone.localdate():%Y%m%d}",
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'attachment; filename="{_name(municipality)}.zip"'
    return response
