"""What every service shares: who acts, and the refusal of a stale edit."""

from dataclasses import dataclass


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
