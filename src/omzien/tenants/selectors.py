from omzien.tenants.models import Locality, Municipality, Postcode
from omzien.tenants.validators import normalise_postcode


def locality_for_postcode(*, postcode: str) -> Locality | None:
    """The locality of a Dutch postcode ('8181 AB' or '8181'), or None if unknown."""
    pc4 = normalise_postcode(postcode)[:4]
    found = Postcode.objects.select_related("locality__municipality").filter(code=pc4).first()
    return found.locality if found else None


def municipality_list(*, active_only: bool = True):
    qs = Municipality.objects.select_related("region")
    return qs.filter(is_active=True) if active_only else qs
