"""Retention is code: every capability registers the function that applies its rules.

An app registers its rules from its ``AppConfig.ready()`` with :func:`register_rule`, so the
platform never names a capability. ``manage.py apply_retention`` (run nightly by cron or a
systemd timer, see docs/deployment.md) queues :func:`apply_retention_task`, which runs each
rule in the worker, in the order the apps registered them (``INSTALLED_APPS`` order). The
rules are independent of each other: none relies on another having run first.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django_tasks import task

# A rule takes no arguments and returns how many records it handled.
RetentionRule = Callable[[], int]

_rules: dict[str, RetentionRule] = {}


def register_rule(name: str, rule: RetentionRule) -> None:
    """Run ``rule`` with every retention run; ``name`` is its key in the run's report.

    Registering the same rule again is harmless; another rule under a taken name is an error.
    """
    registered = _rules.get(name)
    if registered is not None and registered is not rule:
        raise ImproperlyConfigured(f"Two retention rules are called {name!r}.")
    _rules[name] = rule


def rules() -> dict[str, RetentionRule]:
    """The registered rules by name, in the order they run."""
    return dict(_rules)


def apply_retention() -> dict[str, int]:
    return {name: rule() for name, rule in _rules.items()}


@task()
def apply_retention_task() -> dict[str, int]:
    return apply_retention()
