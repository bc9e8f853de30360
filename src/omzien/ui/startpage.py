"""The start page ("Mijn Omzien"): what needs the user now, per role.

Each capability registers a provider in its ``AppConfig.ready()`` with :func:`register`; the
platform names no capability. A provider takes the user and returns the :class:`Section` s it
has for them (none when the user has no role it serves). Each provider runs a fixed number of
queries (counts, not lists), so the page costs the same whatever the size of the municipality.
Counts are no reads of personal data: who is behind a count is on the linked page, behind its
own access rule and read audit.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class Todo:
    """One thing to do, with where it is done. ``count`` None: a next step, not a queue."""

    label: str | Promise
    url: str
    count: int | None = None
    hint: str | Promise = ""

    @property
    def waiting(self) -> bool:
        return self.count is None or self.count > 0


@dataclass(frozen=True)
class Section:
    title: str | Promise
    todos: list[Todo] = field(default_factory=list)
    order: int = 100

    @property
    def waiting(self) -> int:
        return sum(1 for todo in self.todos if todo.waiting)


Provider = Callable[[object], list[Section]]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Ask ``provider`` for the start page of every user (registering a name again replaces
    its provider: ``ready()`` may run more than once)."""
    _providers[name] = provider


def sections_for(user) -> list[Section]:
    sections = [section for provider in _providers.values() for section in provider(user)]
    return sorted(sections, key=lambda section: section.order)
