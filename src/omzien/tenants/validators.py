import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omzien.common.images import ImageTooLarge, UnusableImage, inspect_image

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


# --- A municipality's look (docs/administration.md) -------------------------------------------

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# WCAG 2.1 AA for normal text: white text on the primary colour needs at least this contrast.
MIN_CONTRAST = 4.5
LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_PIXELS = 4096 * 4096  # a larger image is refused before it is decoded
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of ``#rrggbb`` as WCAG 2.1 defines it (0 black .. 1 white)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 .. 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_primary_colour(value: str) -> None:
    """A ``#rrggbb`` colour on which white text reaches WCAG AA contrast (4.5:1)."""
    if not value:
        return
    if not HEX_COLOUR.match(value):
        raise ValidationError(
            _("Enter a colour as # followed by six hexadecimal digits, such as #1a5e8c."),
            code="invalid_colour",
        )
    ratio = contrast_ratio(value, "#ffffff")
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "White text on this colour is too hard to read (contrast %(ratio)s:1, at least "
                "4.5:1 is needed). Choose a darker colour."
            ),
            code="low_contrast",
            params={"ratio": f"{ratio:.1f}".replace(".", ",")},
        )


def validate_logo(file) -> str:
    """Check an uploaded logo: a real PNG or JPEG image of at most 512 KB. Returns its
    content type. Anything else (SVG, HTML, a damaged or huge image) is refused."""
    if file.size is not None and file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo is too large: at most 512 KB."), code="logo_too_large")
    try:
        found, _width, _height = inspect_image(
            file, formats=LOGO_FORMATS, max_pixels=LOGO_MAX_PIXELS
        )
    except ImageTooLarge:
        raise ValidationError(
            _("The logo is too large: at most 4096 by 4096 pixels."), code="logo_too_large"
        ) from None
    except UnusableImage:
        raise ValidationError(
            _("Upload the logo as a PNG or JPEG image."), code="invalid_logo"
        ) from None
    return LOGO_FORMATS[found]
