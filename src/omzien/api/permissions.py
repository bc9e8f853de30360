"""A partner endpoint needs a key (401 without) with the scope of the method (403 without)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from omzien.api.models import ApiKey


class HasScope(BasePermission):
    """The view's ``scopes``: {HTTP method: scope}; a method not listed is not allowed to any
    key (DRF answers 405 before this for a method the view has no handler for)."""

    message = _("This key does not have the scope for this request.")

    def has_permission(self, request, view) -> bool:
        key = request.auth
        if not isinstance(key, ApiKey):
            return False
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        scope = view.scopes.get(method)
        return scope is not None and scope in key.scopes
