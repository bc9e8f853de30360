"""Test helpers for the rights providers (``privacy.rights``): does a provider cover every
model of its app, does its export find every planted row, and does its erasure leave none."""

from django.apps import apps

from omzien.privacy.rights import PersonQuery


def assert_covers_app(provider, app_label: str, excluded: dict) -> None:
    """The provider declares exactly the app's models, less ``excluded`` (model -> reason why
    it holds no personal data of a person to find). A new model fails here until the provider
    covers it or the test names why it need not."""
    app_models = set(apps.get_app_config(app_label).get_models())
    assert all(reason for reason in excluded.values())  # noqa: S101 - a test helper
    assert set(provider.models) == app_models - set(excluded), (  # noqa: S101
        "models of the app the provider does not cover: "
        f"{sorted(m.__name__ for m in app_models - set(excluded) - set(provider.models))}"
    )


def find_all(provider, municipality, query: PersonQuery) -> list:
    matches = provider.find(municipality, query)
    for match in matches:
        match.municipality = municipality
    return matches


def exported_models(provider, matches) -> set[str]:
    return {record.model for match in matches for record in provider.export(match)}


def leftovers(models, markers: list[str]) -> list[tuple[str, object, str]]:
    """Every (model, pk, field) of ``models`` whose value still holds one of ``markers``."""
    found = []
    for model in models:
        for obj in model._default_manager.all():
            for field in model._meta.concrete_fields:
                value = str(getattr(obj, field.attname))
                if any(marker.casefold() in value.casefold() for marker in markers):
                    found.append((model._meta.label_lower, obj.pk, field.name))
    return found
