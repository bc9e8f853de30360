"""The main navigation: each app registers its entries in ``AppConfig.ready()``.

An entry names a label, a URL name, a place (``order``, lower first, across all apps) and the
task group it belongs to (``group``: one of the group labels below, or None for a top-level link
such as Home). Staff see the entries by group (a row of group buttons, each opening its list);
residents and visitors see their few entries as one short list. Who sees an entry is not
written here: it is the audience the view behind the URL declares
(``omzien.accounts.permissions``), so a menu entry and its page never disagree.
"""

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omzien.accounts.permissions import Audience, audience_of

# The task groups of the staff navigation; a group's place is that of its first entry.
CARERS = pgettext_lazy("navigation group", "Carer support")  # short: "Mantelzorg"
VOLUNTEERING = _("Volunteering")
BUDDIES = _("Buddies")
WELFARE = _("Welfare")  # the welfare team: concerns, welzijn op recept
MANAGEMENT = _("Management")
ACCOUNT = _("My account")
# What residents find nearby (the social map and the activity calendar): for staff one group,
# so their menu fits one line on a desktop.
LOCAL_OFFER = pgettext_lazy("navigation group", "Local offer")  # "Aanbod"


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int
    group: str | Promise | None = None


_ENTRIES: dict[str, NavItem] = {}


def register(
    label: str | Promise, url_name: str, *, order: int, group: str | Promise | None = None
) -> None:
    """Add the page ``url_name`` to the main navigation at place ``order``, in task group
    ``group`` (None: a top-level link).

    Registering a URL name again replaces its entry (``ready()`` may run more than once).
    """
    _ENTRIES[url_name] = NavItem(label, url_name, order, group)


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


def may_open(user, target: str) -> bool:
    """Whether ``user`` is in the audience the view of ``target`` declares (a URL name without
    arguments, or a path): a page links to another only for those it would not answer 403. A
    view that declares none (Django's admin, the two-factor pages) guards itself: True."""
    if not target.startswith("/"):
        return audience(target).admits(user)
    declared = audience_of(resolve(target).func)
    return declared is None or declared.admits(user)


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
        items.append({"label": item.label, "url": url, "current": False, "group": item.group})
    # The current entry: the one whose URL is the longest start of the path (on the caseload,
    # /carers/caseload/, not also the registry /carers/); Home only on the home page itself.
    matches = [
        item
        for item in items
        if (current_path == "/" if item["url"] == "/" else current_path.startswith(item["url"]))
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True
    return items


def group_navigation(items: list[dict]) -> list[dict]:
    """``items`` (from :func:`navigation_for`) by task group, in the order of each group's first
    entry: a top-level link is ``{"label", "url", "current"}``; a group is ``{"label",
    "items", "current"}`` (current: it holds the current page). A group with one entry is
    shown as that entry's link."""
    groups: list[dict] = []
    by_label: dict[str, dict] = {}
    for item in items:
        if item["group"] is None:
            groups.append({**item, "items": None})
            continue
        key = str(item["group"])
        if key not in by_label:
            by_label[key] = {"label": item["group"], "items": [], "current": False}
            groups.append(by_label[key])
        by_label[key]["items"].append(item)
        by_label[key]["current"] |= item["current"]
    return [
        {**group["items"][0], "items": None}
        if group["items"] is not None and len(group["items"]) == 1
        else group
        for group in groups
    ]
