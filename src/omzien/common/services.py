"""What every service shares: who acts, and optimistic locking (the refusal of a stale edit)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F


class EditConflict(Exception):
    """Someone else saved the record after this edit started: nothing was overwritten."""


@dataclass(frozen=True)
class Actor:
    """Who acts and through which request, passed to every service."""

    user: object = None
    request: object = None

    @classmethod
    def from_request(cls, request) -> "Actor":
        return cls(user=request.user, request=request)

    @property
    def authenticated_user(self):
        """The user to record as who did it: None for an anonymous visitor or a nightly job."""
        return self.user if getattr(self.user, "is_authenticated", False) else None


def check_version(obj, version: int | None, *, required: bool = True) -> None:
    """Refuse an edit that started from another version of the record (optimistic locking).

    Call it on the row the service has locked. ``required=False`` accepts an edit that sent no
    version at all (a form without the hidden field)."""
    if version is None and not required:
        return
    if obj.version != version:
        raise EditConflict


def apply_changes(obj, data: dict, fields) -> list[str]:
    """Set each of ``fields`` that ``data`` holds and that differs; the names of those changed."""
    changed = []
    for field in fields:
        if field in data and getattr(obj, field) != data[field]:
            setattr(obj, field, data[field])
            changed.append(field)
    return changed


def versioned_update(
    obj,
    *,
    version: int | None,
    data: dict,
    fields,
    clean: Callable[[Any], None] | None = None,
    save: Callable[[Any], None] | None = None,
    required: bool = True,
    save_unchanged: bool = True,
) -> list[str]:
    """Change a locked record that carries a ``version``: refuse a stale edit, set the changed
    fields, ``clean`` (validate; may raise), save as the next version and read it back.

    Returns the names of the changed fields, for the audit event. ``save`` replaces
    ``obj.save()`` where the service turns a constraint into a clear error; ``required``
    as :func:`check_version`'s. ``save_unchanged=False`` validates but neither saves nor moves
    the version when nothing changed (a form sent back as it was shown).
    """
    check_version(obj, version, required=required)
    changed = apply_changes(obj, data, fields)
    if clean is not None:
        clean(obj)
    if not changed and not save_unchanged:
        return changed
    obj.version = F("version") + 1
    if save is not None:
        save(obj)
    else:
        obj.save()
    obj.refresh_from_db()
    return changed
