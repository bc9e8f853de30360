"""Optimistic locking as every service uses it: ``versioned_update``."""

import pytest
from django.core.exceptions import ValidationError

from omzien.common.services import EditConflict, versioned_update
from omzien.tenants.models import Municipality
from omzien.tenants.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

FIELDS = ("welcome_text",)


def _locked(municipality):
    return Municipality.objects.select_for_update().get(pk=municipality.pk)


def _reject_shouting(obj):
    if obj.welcome_text.isupper():
        raise ValidationError({"welcome_text": ValidationError("no shouting", code="shouting")})


@pytest.mark.parametrize("save_unchanged", [True, False])
def test_a_change_is_saved_as_the_next_version(save_unchanged):
    municipality = MunicipalityFactory(welcome_text="Welkom")
    locked = _locked(municipality)

    changed = versioned_update(
        locked,
        version=1,
        data={"welcome_text": "Hallo"},
        fields=FIELDS,
        save_unchanged=save_unchanged,
    )

    assert changed == ["welcome_text"]
    municipality.refresh_from_db()
    assert (municipality.welcome_text, municipality.version) == ("Hallo", 2)
    assert locked.version == 2


def test_an_edit_from_an_older_version_is_refused_and_nothing_changes():
    municipality = MunicipalityFactory(welcome_text="Welkom", version=3)

    with pytest.raises(EditConflict):
        versioned_update(
            _locked(municipality), version=2, data={"welcome_text": "x"}, fields=FIELDS
        )

    municipality.refresh_from_db()
    assert (municipality.welcome_text, municipality.version) == ("Welkom", 3)


def test_a_form_sent_back_unchanged_moves_the_version_only_where_the_service_wants_it():
    municipality = MunicipalityFactory(welcome_text="Welkom")
    same = {"welcome_text": "Welkom"}

    assert versioned_update(_locked(municipality), version=1, data=same, fields=FIELDS) == []
    municipality.refresh_from_db()
    assert municipality.version == 2

    kept = versioned_update(
        _locked(municipality), version=2, data=same, fields=FIELDS, save_unchanged=False
    )
    assert kept == []
    municipality.refresh_from_db()
    assert municipality.version == 2


def test_an_unchanged_form_is_still_validated():
    municipality = MunicipalityFactory(welcome_text="WELKOM")

    with pytest.raises(ValidationError) as raised:
        versioned_update(
            _locked(municipality),
            version=1,
            data={"welcome_text": "WELKOM"},
            fields=FIELDS,
            clean=_reject_shouting,
            save_unchanged=False,
        )
    assert raised.value.error_dict["welcome_text"][0].code == "shouting"


def test_without_a_version_a_settings_form_may_save_when_not_required():
    municipality = MunicipalityFactory(welcome_text="Welkom", version=4)

    versioned_update(
        _locked(municipality),
        version=None,
        data={"welcome_text": "Hoi"},
        fields=FIELDS,
        required=False,
    )

    municipality.refresh_from_db()
    assert (municipality.welcome_text, municipality.version) == ("Hoi", 5)
    with pytest.raises(EditConflict):
        versioned_update(_locked(municipality), version=None, data={}, fields=FIELDS)
