"""What ``load_demo`` and ``generate_synthetic`` run: each app registers its own part.

An app's ``demo.py`` calls :func:`register_loader` and its ``synthetic.py`` calls
:func:`register_generator` when imported. The demo app imports those modules of every installed
app when Django starts (``DemoConfig.ready``), after registering its own accounts and residents.
The demo app is installed in development and tests only, so production never imports them.

Order: an entry runs after the entries it names in ``after``; otherwise in the order of
registration, which is ``INSTALLED_APPS`` order. Generators share one random generator, so
their order is part of what makes a seed reproducible.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Entry:
    name: str
    run: Callable[..., dict[str, int]]
    after: tuple[str, ...]


class Registry:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, Entry] = {}

    def register(
        self, name: str, run: Callable[..., dict[str, int]], *, after: Iterable[str] = ()
    ) -> None:
        """Run ``run`` after the entries named in ``after``; the same entry again is harmless."""
        entry = Entry(name=name, run=run, after=tuple(after))
        registered = self._entries.get(name)
        if registered is not None and registered != entry:
            raise ImproperlyConfigured(f"Another {self.kind} is called {name!r} already.")
        self._entries[name] = entry

    def ordered(self, only: Iterable[str] = ()) -> list[Entry]:
        """Every entry, each after the ones it names, otherwise in registration order; with
        ``only``, just those entries and the ones they run after."""
        for entry in self._entries.values():
            unknown = [name for name in entry.after if name not in self._entries]
            if unknown:
                raise ImproperlyConfigured(
                    f"The {self.kind} {entry.name!r} runs after {', '.join(unknown)}, "
                    "which nothing registered."
                )
        done: list[Entry] = []
        waiting = list(self._entries.values())
        while waiting:
            names = {entry.name for entry in done}
            ready = next((e for e in waiting if names.issuperset(e.after)), None)
            if ready is None:
                circle = ", ".join(entry.name for entry in waiting)
                raise ImproperlyConfigured(f"These {self.kind}s wait for each other: {circle}.")
            done.append(ready)
            waiting.remove(ready)
        if only:
            return [entry for entry in done if entry.name in self._needed(only)]
        return done

    def _needed(self, names: Iterable[str]) -> set[str]:
        needed: set[str] = set()
        pending = list(names)
        while pending:
            name = pending.pop()
            if name not in self._entries:
                known = ", ".join(self._entries)
                raise ImproperlyConfigured(f"No {self.kind} is called {name!r} (known: {known}).")
            if name not in needed:
                needed.add(name)
                pending.extend(self._entries[name].after)
        return needed


# load() -> counts; called in order inside one transaction, each idempotent.
loaders = Registry("demo loader")
# generate(*, rng, scale) -> counts; each replaces its own earlier synthetic rows.
generators = Registry("synthetic generator")

register_loader = loaders.register
register_generator = generators.register
