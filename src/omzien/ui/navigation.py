"""The main navigation: each app registers its entries in ``AppConfig.ready()``.

An entry names a label, a URL name and a place (``order``, lower first, across all apps). Who
sees it is not written here: it is the audience the view behind the URL declares
(``omzien.accounts.permissions``), so a menu entry and its page never disagree.
"""

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import resolve, reverse
from django.utils.functional import Promise

from omzien.accounts.permissions import Audience, audience_of


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int


_ENTRIES: dict[str, NavItem] = {}


def register(label: str | Promise, url_name: str, *, order: int) -> None:
    """Add the page ``url_name`` to the main navigation at place ``order``.

    Registering a URL name again replaces its entry (``ready()`` may run more than once).
    """
    _ENTRIES[url_name] = NavItem(label, url_name, order)


def entries() -> list[NavItem]:
    return sorted(_ENTRIES.values(), key=lambda item: (item.order, item.url_name))


@cache
def audience(url_name: str) -> Audience:
    """The audience of the view ``url_name`` resolves to."""
    view = resolve(reverse(url_name)).func
    declared = audience_of(view)
    if declared is None:
        raise ImproperlyConfigured(f"The view of {url_name!r} declares no audience.")
    return declared


@receiver(setting_changed)
def _forget_audiences(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        audience.cache_clear()


def navigation_for(*, user, current_path: str) -> list[dict]:
    items = []
    for item in entries():
        if not audience(item.url_name).admits(user):
            continue
        url = reverse(item.url_name)
        current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return items
