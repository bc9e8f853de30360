"""Every model of every ``omzien`` app has a factory_boy factory in ``<app>.tests.factories``,
and what the factory makes is a valid row that sits in one municipality.

A new model without a factory fails here by name; so does a factory whose row does not pass
``full_clean()`` or whose parents belong to different municipalities.
"""

import importlib
import inspect

import factory
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from omzien.tenants.models import Municipality


def omzien_models() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("omzien.")
        for model in config.get_models()
    ]


def factories_of(config) -> dict[type[models.Model], type[factory.django.DjangoModelFactory]]:
    """The factories in ``<app>.tests.factories`` by the model they make (none if no module)."""
    try:
        module = importlib.import_module(f"{config.name}.tests.factories")
    except ModuleNotFoundError:
        return {}
    found = {}
    for _name, value in inspect.getmembers(module, inspect.isclass):
        if issubclass(value, factory.django.DjangoModelFactory) and value._meta.model:
            found.setdefault(value._meta.model, value)
    return found


def factory_for(model):
    return factories_of(apps.get_app_config(model._meta.app_label)).get(model)


def municipalities_of(row: models.Model, seen: set | None = None) -> set[int]:
    """The municipalities of ``row`` and of every row it points at (its tenancy, followed)."""
    seen = set() if seen is None else seen
    key = (row._meta.label, row.pk)
    if key in seen:
        return set()
    seen.add(key)
    if isinstance(row, Municipality):
        return {row.pk}
    found = set()
    for field in row._meta.concrete_fields:
        if field.many_to_one or field.one_to_one:
            parent = getattr(row, field.name)
            if parent is not None:
                found |= municipalities_of(parent, seen)
    return found


MODELS = omzien_models()


def test_the_walk_sees_every_app():
    labels = {model._meta.app_label for model in MODELS}
    assert {"tenants", "accounts", "privacy", "caregivers", "volunteering", "buddies"} <= labels


def written_by_someone_since_deleted(row: models.Model) -> set[str]:
    """Who made or handled a row (``created_by``, ``invited_by``, ...): a foreign key to an
    account that is ``SET_NULL`` when the account is removed, so empty is a state the model
    itself produces. ``full_clean`` would call it required (it is not ``blank``), and the
    older factories leave it empty; the other fields are checked in full."""
    return {
        field.name
        for field in row._meta.concrete_fields
        if field.many_to_one
        and field.related_model is apps.get_model(settings.AUTH_USER_MODEL)
        and field.remote_field.on_delete is models.SET_NULL
        and getattr(row, field.attname) is None
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_every_model_has_a_factory(model):
    assert factory_for(model) is not None, (
        f"{model._meta.label} has no factory in {model._meta.app_config.name}.tests.factories"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_the_factory_makes_a_valid_row_in_one_municipality(model):
    made = factory_for(model)
    if made is None:
        pytest.fail(f"{model._meta.label} has no factory")
    row = made.create()
    row.refresh_from_db()
    row.full_clean(exclude=written_by_someone_since_deleted(row))
    # A second one, so sequences and get-or-create rows do not clash on unique fields.
    second = made.create()
    second.full_clean(exclude=written_by_someone_since_deleted(second))
    assert len(municipalities_of(row)) <= 1, f"{model._meta.label}: parents in two municipalities"


def test_the_walk_fails_for_a_model_without_a_factory(monkeypatch):
    """The check of the check: take one factory away and its model is reported."""
    campaign = apps.get_model("volunteering", "Campaign")
    module = importlib.import_module("omzien.volunteering.tests.factories")
    monkeypatch.delattr(module, factory_for(campaign).__name__)
    with pytest.raises(AssertionError, match="volunteering.Campaign has no factory"):
        test_every_model_has_a_factory(campaign)


@pytest.mark.django_db
def test_the_walk_finds_a_row_in_two_municipalities(dalfsen):
    """The check of the tenancy check: a placement of Dalfsen made from a response (and so a
    vacancy and volunteer) of another municipality is found out."""
    placement = factory_for(apps.get_model("volunteering", "Placement"))
    assert len(municipalities_of(placement())) == 1
    assert len(municipalities_of(placement(municipality=dalfsen))) == 2
