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
