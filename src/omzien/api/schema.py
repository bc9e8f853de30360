"""The OpenAPI description of the API's answers: every operation documents its errors as
RFC 9457 problem details (``application/problem+json``), as ``problems.problem_handler``
sends them."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from omzien.api.problems import PROBLEM_JSON


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField(required=False)
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


ERRORS = {
    "400": "The query parameters are not valid (with errors per parameter).",
    "404": "Nothing published at this address.",
    "429": "Too many requests from this address (see Retry-After).",
}
# The partner endpoints' answers besides these (docs/api.md, "Partner keys").
PARTNER_ERRORS = {
    "400": "The request is not valid (with errors per field).",
    "401": "No key, or a key that is unknown, expired or revoked.",
    "403": "The key lacks the scope, or its role may not take this step.",
    "404": "Nothing the key's role reaches at this address.",
    "409": "A duplicate, or someone else changed the record first.",
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        partner = bool(getattr(self.view, "scopes", None))
        for code, description in (
            PARTNER_ERRORS | {"429": ERRORS["429"]} if partner else ERRORS
        ).items():
            if code == "400" and not partner and not getattr(self.view, "filterset_class", None):
                continue
            response = self._get_response_for_code(
                ProblemSerializer, code, media_types=[PROBLEM_JSON]
            )
            response["description"] = description
            responses.setdefault(code, response)
        return responses


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The partner endpoints' key, as ``Authorization: Bearer omz_<prefix>_<secret>``."""

    target_class = "omzien.api.authentication.ApiKeyAuthentication"
    name = "partnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A partner key (docs/api.md): omz_<prefix>_<secret>.",
        }
