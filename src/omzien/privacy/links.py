"""Links from the audit trail to the records its events concern.

Each app registers, in its ``AppConfig.ready()``, the page that shows a record of a model
(its label, ``app_label.model``, as the audit event stores it)::

    from omzien.privacy.links import register_link

    register_link("caregivers.caregiver", "caregivers:detail")

The platform never names a capability. The audit trail links an event only when the viewer
may open that page (the view's declared audience admits them) and may see that very record
(the model's ``visible_to(viewer)``, or the registration's own ``visible``): an event never
leads to a record of another municipality. One query per record type on a page.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, resolve, reverse

from omzien.accounts.permissions import audience_of


def _pk_kwargs(event) -> dict:
    return {"pk": int(event.object_id)}


@dataclass(frozen=True)
class RecordLink:
    url_name: str
    # The URL's keyword arguments for an event (by default ``pk``: the event's object id).
    kwargs: Callable = _pk_kwargs
    # ``visible(viewer, events)``: the pks of the events whose record the viewer may open (one
    # query for all); by default the records among the model's ``visible_to(viewer)``.
    visible: Callable | None = None


_links: dict[str, RecordLink] = {}


def register_link(label: str, url_name: str, *, kwargs=None, visible=None) -> None:
    """Link audit events about records of the model ``label`` to the page ``url_name``.
    Registering a label again replaces its entry (``ready()`` may run more than once)."""
    _links[label] = RecordLink(url_name, kwargs or _pk_kwargs, visible)


def registered() -> dict[str, RecordLink]:
    return dict(_links)


def _visible_events(label: str, link: RecordLink, viewer, events: list) -> set[int]:
    if link.visible is not None:
        return set(link.visible(viewer, events))
    ids = {event.object_id for event in events}
    model = apps.get_model(label)
    manager = model._default_manager
    if not hasattr(manager, "visible_to"):
        return set()
    numeric = [int(pk) for pk in ids if pk.isdigit()]
    found = manager.visible_to(viewer).filter(pk__in=numeric).values_list("pk", flat=True)
    found = {str(pk) for pk in found}
    return {event.pk for event in events if event.object_id in found}


def record_links(events, viewer) -> dict[int, str]:
    """The URL of the record each event concerns, by event pk, where ``viewer`` may open it."""
    by_label: dict[str, list] = defaultdict(list)
    for event in events:
        if event.object_type in _links and event.object_id:
            by_label[event.object_type].append(event)
    visible = set()
    for label, labelled in by_label.items():
        visible |= _visible_events(label, _links[label], viewer, labelled)
    urls = {}
    for event in events:
        if event.pk not in visible:
            continue
        link = _links[event.object_type]
        try:
            url = reverse(link.url_name, kwargs=link.kwargs(event))
        except (NoReverseMatch, ValueError, TypeError):
            continue
        audience = audience_of(resolve(url).func)
        if audience is None or not audience.admits(viewer):
            continue
        urls[event.pk] = url
    return urls


def record_label(label: str) -> str:
    """The model's name for a label (``caregivers.caregiver`` -> 'carer'), or the label."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label
