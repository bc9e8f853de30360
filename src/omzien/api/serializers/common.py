"""Fields the API's serializers share: codes with their label, places, links."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

CODE_SCHEMA = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
    "required": ["code", "label"],
}


def _label(choices, code) -> dict:
    return {"code": code, "label": str(dict(choices).get(code, code))}


@extend_schema_field({**CODE_SCHEMA, "nullable": True})
class CodeField(serializers.Field):
    """A stored code with its label in the request's language (Dutch by default)."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return _label(self.choices, value) if value else None


@extend_schema_field({"type": "array", "items": CODE_SCHEMA})
class CodeListField(serializers.Field):
    """A stored list of codes, each with its label; unknown codes are left out."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        names = dict(self.choices)
        return [_label(self.choices, code) for code in value or [] if code in names]


class MunicipalitySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)


class LocalitySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ContactSerializer(serializers.Serializer):
    """What the public page shows of a contact person, as the organisation chose."""

    name = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)


def absolute(serializer, name: str, *args) -> str:
    """The full address of the URL ``name`` (the request's host)."""
    path = reverse(name, args=args)
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path
