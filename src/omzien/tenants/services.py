import json
from pathlib import Path

from django.db import transaction

from omzien.tenants.models import Locality, Municipality, Postcode, Region

REFERENCE_FILE = Path(__file__).parent / "data" / "municipalities.json"


@transaction.atomic
def reference_data_load(*, path: Path = REFERENCE_FILE) -> dict[str, int]:
    """Create or update regions, municipalities, localities and postcodes. Idempotent."""
    data = json.loads(path.read_text(encoding="utf-8"))
    region_of: dict[str, Region] = {}
    for item in data["regions"]:
        region, _ = Region.objects.update_or_create(
            slug=item["slug"], defaults={"name": item["name"]}
        )
        for code in item["municipalities"]:
            region_of[code] = region
    coordinates = data.get("coordinates", {})
    counts = {"municipalities": 0, "localities": 0, "postcodes": 0}
    for item in data["municipalities"]:
        municipality, _ = Municipality.objects.update_or_create(
            cbs_code=item["cbs_code"],
            defaults={
                "name": item["name"],
                "slug": item["slug"],
                "inhabitants": item["inhabitants"],
                "welfare_partner": item["welfare_partner"],
                "region": region_of.get(item["cbs_code"]),
            },
        )
        municipality.full_clean()
        counts["municipalities"] += 1
        for name, codes in item["localities"].items():
            latitude, longitude = coordinates.get(name, (None, None))
            locality, _ = Locality.objects.update_or_create(
                municipality=municipality,
                name=name,
                defaults={"latitude": latitude, "longitude": longitude},
            )
            counts["localities"] += 1
            for code in codes:
                Postcode.objects.update_or_create(code=code, defaults={"locality": locality})
                counts["postcodes"] += 1
    return counts


# --- The municipality's texts and look, edited by its functional administrator ---------------

TEXT_FIELDS = (
    "welcome_text",
    "volunteer_insurance_text",
    "contact_name",
    "contact_email",
    "contact_phone",
    "primary_colour",
)


@transaction.atomic
def municipality_update_texts(
    *, municipality, version: int | None, data: dict, actor, logo=None, remove_logo=False
):
    """Save the municipality's texts, contact details and look.

    Refuses a stale edit (``common.services.EditConflict``: someone saved since the form was
    opened). ``logo``: an uploaded file, checked with ``validate_logo`` (PNG or JPEG, 512 KB);
    ``remove_logo`` removes the current one. Writes an audit event naming the changed fields.
    """
    from django.core.files.storage import default_storage

    from omzien.common.services import versioned_update
    from omzien.privacy.audit import audit_by
    from omzien.privacy.constants import AuditAction
    from omzien.tenants.validators import validate_logo

    locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
    old_logo = locked.logo.name if locked.logo else ""
    data = {key: (value or "").strip() for key, value in data.items() if key in TEXT_FIELDS}
    if data.get("primary_colour"):
        data["primary_colour"] = data["primary_colour"].lower()
    new_logo_name = ""
    if logo is not None:
        extension = "png" if validate_logo(logo) == "image/png" else "jpg"
        new_logo_name = default_storage.save(f"municipality-logos/{locked.slug}.{extension}", logo)

    def clean(obj):
        if new_logo_name:
            obj.logo.name = new_logo_name
        elif remove_logo:
            obj.logo.name = ""
        obj.full_clean()

    try:
        changed = versioned_update(
            locked, version=version, data=data, fields=TEXT_FIELDS, clean=clean
        )
    except Exception:
        if new_logo_name:
            default_storage.delete(new_logo_name)
        raise
    if new_logo_name or (remove_logo and old_logo):
        changed.append("logo")
        if old_logo and old_logo != new_logo_name:
            transaction.on_commit(lambda: default_storage.delete(old_logo))
    audit_by(
        AuditAction.UPDATE,
        locked,
        actor,
        municipality=locked,
        reason="municipality texts",
        extra={"fields": changed},
    )
    return locked
