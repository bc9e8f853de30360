"""Phone numbers as people write them, checked and stored in one form.

Dutch numbers are read the way residents and spreadsheets write them (``06-12345678``,
``+31 6 1234 5678``, ``0031 6 12345678``, ``038-1234567``, and ``612345678``: a mobile number
whose leading 0 a spreadsheet dropped) and stored in the national notation
(``06 12345678``, ``038 123 4567``); foreign numbers keep their country code
(``+49 30 1234567``). Every place that takes a phone number (forms, imports) uses
:func:`normalise_phone` or :class:`PhoneField`, so the registry holds one form only.
"""

import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "NL"
_SEPARATORS = re.compile(r"[\s\-./()]")
INVALID_MESSAGE = _(
    "This is not a valid phone number. Write it as you would dial it, for example "
    "06-12345678 or 0578-123456; a foreign number with its country code, such as +49."
)


def normalise_phone(value) -> str:
    """The number in its stored form; an empty value stays empty.

    Raises ``ValidationError`` with code ``invalid_phone`` for a number that does not exist.
    """
    text = str(value if value is not None else "").strip()
    if not text:
        return ""
    compact = _SEPARATORS.sub("", text)
    if compact.isdigit() and len(compact) == 9 and compact.startswith("6"):
        # A spreadsheet stored 06-12345678 as the number 612345678.
        text = "0" + compact
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    if phonenumbers.region_code_for_number(number) == REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_key(value) -> str:
    """The form to compare two numbers by (E.164, ``+31612345678``): ``06-12345678`` and
    ``+31 6 1234 5678`` compare equal. Empty for no number or one that does not exist, so
    an invalid number never matches another."""
    try:
        text = normalise_phone(value)
    except ValidationError:
        return ""
    if not text:
        return ""
    number = phonenumbers.parse(text, REGION)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class TelInput(forms.TextInput):
    """``<input type="tel">``: a phone shows its number keypad."""

    input_type = "tel"


class PhoneField(forms.CharField):
    """A form field that accepts a phone number as people write it and cleans it to the
    stored form. Use it in a ModelForm with ``Meta.field_classes = {"phone": PhoneField}``."""

    widget = TelInput

    def to_python(self, value):
        return normalise_phone(super().to_python(value))
