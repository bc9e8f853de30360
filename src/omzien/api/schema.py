"""The OpenAPI description of the API's answers: every operation documents its errors as
RFC 9457 problem details (``application/problem+json``), as ``problems.problem_handler``
sends them."""

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


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            if code == "400" and not getattr(self.view, "filterset_class", None):
                continue
            response = self._get_response_for_code(
                ProblemSerializer, code, media_types=[PROBLEM_JSON]
            )
            response["description"] = description
            responses.setdefault(code, response)
        return responses
