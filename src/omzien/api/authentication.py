"""``Authorization: Bearer omz_<prefix>_<secret>``: a partner key (docs/api.md). The request
runs as the key's own account, so the pages' selectors and services apply their rules to it."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from omzien.api.services.keys import api_key_find


class ApiKeyAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key as: Authorization: Bearer <key>.")
            )
        try:
            raw = parts[1].decode("ascii")
        except UnicodeError:
            raw = ""
        key = api_key_find(raw)
        if key is None:
            raise exceptions.AuthenticationFailed(
                _("The key is not valid: unknown, expired or revoked.")
            )
        return key.account, key

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
