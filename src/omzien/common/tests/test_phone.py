"""Phone numbers as people write them (issue 10, point 13)."""

import pytest
from django.core.exceptions import ValidationError

from omzien.common.phone import PhoneField, normalise_phone


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("06-12345678", "06 12345678"),
        ("06 12 34 56 78", "06 12345678"),
        ("+31 6 1234 5678", "06 12345678"),
        ("+31 (0)6 1234 5678", "06 12345678"),
        ("0031612345678", "06 12345678"),
        ("612345678", "06 12345678"),  # Excel dropped the leading 0
        ("038-1234567", "038 123 4567"),
        ("0578-123456", "0578 123 456"),
        ("+49 30 1234567", "+49 30 1234567"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_numbers_are_read_as_people_write_them(written, stored):
    assert normalise_phone(written) == stored


@pytest.mark.parametrize("written", ["06-2", "0578-1", "12345", "bel mij", "06-123456789012"])
def test_impossible_numbers_are_refused_with_a_code(written):
    with pytest.raises(ValidationError) as raised:
        normalise_phone(written)
    assert raised.value.code == "invalid_phone"


def test_the_form_field_cleans_to_the_stored_form():
    field = PhoneField(required=False)
    assert field.clean("+31 6 1234 5678") == "06 12345678"
    assert field.clean("") == ""
    with pytest.raises(ValidationError):
        field.clean("06-2")


def test_phone_key_compares_the_ways_one_number_is_written():
    from omzien.common.phone import phone_key

    assert phone_key("06-12345678") == phone_key("+31 6 1234 5678") == "+31612345678"
    assert phone_key("612345678") == "+31612345678"  # the 0 a spreadsheet dropped
    assert phone_key("0578-123456") == phone_key("0031 578 123 456")
    assert phone_key("06-2") == phone_key("") == phone_key(None) == ""


@pytest.mark.django_db
def test_every_model_cleans_its_phone_numbers_whatever_form_or_service_saves_them():
    """Each model's phone number is a PhoneNumberField: ``full_clean`` stores the one form or
    refuses the number, and its ModelForm field is a PhoneField. No other phone columns."""
    from django import forms
    from django.apps import apps
    from django.db import models

    from omzien.common.phone import PhoneNumberField
    from omzien.tenants.tests.factories import MunicipalityFactory

    plain = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if "phone" in field.name
        and isinstance(field, models.CharField)
        and not isinstance(field, PhoneNumberField)
    ]
    assert plain == []

    municipality = MunicipalityFactory.build(contact_phone="+31 578 123 456")
    municipality.clean_fields(exclude=["logo"])
    assert municipality.contact_phone == "0578 123 456"
    municipality.contact_phone = "bel mij"
    with pytest.raises(ValidationError) as raised:
        municipality.clean_fields(exclude=["logo"])
    assert [e.code for e in raised.value.error_dict["contact_phone"]] == ["invalid_phone"]

    form_class = forms.modelform_factory(type(municipality), fields=["contact_phone"])
    assert isinstance(form_class().fields["contact_phone"], PhoneField)
    # The column is a CharField's: no migration for the field's Python behaviour.
    assert municipality._meta.get_field("contact_phone").deconstruct()[1] == (
        "django.db.models.CharField"
    )
