"""The public home page: what each capability offers a visitor, without naming a capability.

A capability registers a provider in its ``AppConfig.ready()`` with :func:`register`. A provider
takes the request and returns a :class:`Block` (a template of its own and its context) or None
when it has nothing to show (no data, or a feature the municipality does not use). Providers run
a fixed number of queries: the home page is the most visited page and costs the same whatever
the number of activities or entries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Block:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


Provider = Callable[[HttpRequest], Block | None]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Ask ``provider`` for a block of the home page (registering a name again replaces its
    provider: ``ready()`` may run more than once)."""
    _providers[name] = provider


def blocks_for(request: HttpRequest) -> list[Block]:
    blocks = [block for provider in _providers.values() if (block := provider(request))]
    return sorted(blocks, key=lambda block: block.order)
