import pytest
from django.core.exceptions import ImproperlyConfigured

from omzien.demo.registry import Registry, generators, loaders


def names(registry: Registry) -> list[str]:
    return [entry.name for entry in registry.ordered()]


def test_demo_loaders_run_accounts_first_then_installed_apps_order():
    assert names(loaders) == [
        "accounts",
        "caregivers",
        "volunteering",
        "buddies",
        "appreciation",
        "appreciation_applications",
        "directory",
        "activities",
        "newsletters",
        "monitor",
        "concerns",
        "wellbeing",
        "surveys",
        "marketplace",
        "recognition",
        "homevisits",
        "academy",
        "trajectories",
        "privacy",
    ]


def test_synthetic_generators_run_residents_first_then_installed_apps_order():
    # They share one random generator: this order is part of what a seed reproduces.
    assert names(generators) == ["residents", "caregivers", "volunteering"]


def noop(**kwargs) -> dict[str, int]:
    return {}


def other(**kwargs) -> dict[str, int]:
    return {}


def test_after_comes_before_registration_order():
    registry = Registry("demo loader")
    registry.register("late", noop, after=["accounts"])
    registry.register("first", noop)
    registry.register("accounts", noop, after=["first"])
    assert names(registry) == ["first", "accounts", "late"]


def test_an_unknown_predecessor_is_an_error():
    registry = Registry("demo loader")
    registry.register("volunteering", noop, after=["acounts"])
    with pytest.raises(ImproperlyConfigured, match="acounts"):
        registry.ordered()


def test_a_circle_is_an_error():
    registry = Registry("demo loader")
    registry.register("a", noop, after=["b"])
    registry.register("b", noop, after=["a"])
    with pytest.raises(ImproperlyConfigured, match="wait for each other"):
        registry.ordered()


def test_one_name_one_entry():
    registry = Registry("demo loader")
    registry.register("a", noop)
    registry.register("a", noop)  # a module imported twice registers the same entry again
    with pytest.raises(ImproperlyConfigured, match="called 'a' already"):
        registry.register("a", other)
    assert names(registry) == ["a"]


def test_only_some_entries_with_what_they_run_after():
    registry = Registry("demo loader")
    registry.register("accounts", noop)
    registry.register("carers", noop, after=["accounts"])
    registry.register("volunteering", noop, after=["accounts"])
    registry.register("requests", noop, after=["volunteering"])
    assert [e.name for e in registry.ordered(only=["requests"])] == [
        "accounts",
        "volunteering",
        "requests",
    ]
    with pytest.raises(ImproperlyConfigured, match="voluntering"):
        registry.ordered(only=["voluntering"])
