import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CBS_CODE = re.compile(r"^GM\d{4}$")
POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})?\s*$")


def validate_cbs_code(value: str) -> None:
    if not CBS_CODE.match(value or ""):
        raise ValidationError(
            _("Enter a CBS municipality code like GM0246."), code="invalid_cbs_code"
        )


def validate_pc4(value: str) -> None:
    if not re.fullmatch(r"[1-9]\d{3}", value or ""):
        raise ValidationError(_("Enter the four digits of a postcode."), code="invalid_pc4")


def normalise_postcode(value: str) -> str:
    """'8181ab' -> '8181 AB'; '8181' stays '8181'. Raises ValidationError otherwise."""
    match = POSTCODE.match(value or "")
    if not match:
        raise ValidationError(_("Enter a Dutch postcode like 8181 AB."), code="invalid_postcode")
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}" if letters else digits
