"""Phone numbers as people write them, checked and stored in one form.

Dutch numbers are read the way residents and spreadsheets write them (``06-12345678``,
``+31 6 1234 5678``, ``0031 6 12345678``, ``038-1234567``, and ``612345678``: a mobile number
whose leading 0 a spreadsheet dropped) and stored in the national notation
(``06 12345678``, ``038 123 4567``); foreign numbers keep their country code
(``+49 30 1234567``). Every model stores a number in a :class:`PhoneNumberField`, which
cleans it (``full_clean``, a ModelForm) and offers :class:`PhoneField` in forms; imports and
other bulk writes call :func:`normalise_phone`: the registry holds one form only.
"""

import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
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


class PhoneNumberField(models.CharField):
    """A model's phone number: ``full_clean`` (a service, a ModelForm) stores it in the one
    form or refuses it (``invalid_phone``); its form field is :class:`PhoneField`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        # Here and not in to_python, which every save and query also calls: an old number
        # stored before this check must not make an unrelated save or a search fail.
        return normalise_phone(super().clean(value, model_instance))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhoneField, **kwargs})

    def deconstruct(self):
        # The column is a CharField's: migrations see one, and need none for this field.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
