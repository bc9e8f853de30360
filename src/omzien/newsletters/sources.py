"""Where newsletter sections of kind "source" get their items: a registry other capabilities
fill from their ``AppConfig.ready()`` (the activity calendar, the social map), so newsletters
never imports them.

    register_source(Source(
        key="activities",
        label=_("Activities from the calendar"),
        choices=lambda municipality: [("12", "Lotgenotenbijeenkomst, 3 maart"), ...],
        items=lambda municipality, ids: [Item(title=..., when=..., where=..., text=..., url=...)],
    ))

A section stores the source's key and the chosen ids; rendering asks the source once per
section for the items of those ids (so a newsletter costs one call per section). ``items``
returns the items that still exist, in the order of ``ids``; ``url`` is absolute or a path on
this site. A section whose source is no longer registered renders nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise


@dataclass(frozen=True)
class Item:
    title: str
    when: str = ""
    where: str = ""
    text: str = ""
    url: str = ""


@dataclass(frozen=True)
class Source:
    key: str
    label: str | Promise
    choices: Callable[[object], list[tuple[str, str]]]
    items: Callable[[object, list[str]], list[Item]]


_sources: dict[str, Source] = {}


def register_source(source: Source) -> None:
    """Offer ``source`` to newsletter sections (registering the same key again replaces it:
    ``ready()`` may run more than once)."""
    if not source.key or not source.key.replace("_", "").replace("-", "").isalnum():
        raise ImproperlyConfigured(f"A newsletter source key must be a slug: {source.key!r}")
    _sources[source.key] = source


def unregister_source(key: str) -> None:
    _sources.pop(key, None)


def source(key: str) -> Source | None:
    return _sources.get(key)


def sources() -> list[Source]:
    """The registered sources, in the order they were registered."""
    return list(_sources.values())
