"""The policy monitor's public measures as open data: what the programme's public page shows
(a published programme, the measures the municipality marked public; a value hidden for small
numbers stays hidden)."""

from rest_framework import serializers

from omzien.api.serializers.common import CodeField, MunicipalitySerializer, absolute
from omzien.monitor import constants as monitor_constants


class ProgrammeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    name = serializers.CharField(read_only=True)
    municipality = MunicipalitySerializer(read_only=True)
    period_start = serializers.DateField(read_only=True)
    period_end = serializers.DateField(read_only=True)

    def get_url(self, programme) -> str:
        return absolute(self, "api:indicator_detail", programme.pk)

    def get_page_url(self, programme) -> str:
        return absolute(self, "monitor_public:programme", programme.pk)


class MeasureSerializer(serializers.Serializer):
    """One public measure (``monitor.selectors.dashboard.MeasureView``)."""

    id = serializers.IntegerField(read_only=True, source="measure.pk")
    name = serializers.CharField(read_only=True)
    unit = serializers.CharField(read_only=True)
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True, coerce_to_string=False
    )
    hidden = serializers.BooleanField(
        read_only=True, help_text="Too few people to show the value (small numbers)."
    )
    target = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        source="measure.target_value",
        coerce_to_string=False,
    )
    direction = CodeField(monitor_constants.Direction.choices, source="measure.direction")
    deadline = serializers.DateField(read_only=True, source="measure.deadline")
    light = serializers.CharField(read_only=True)
    sentence = serializers.CharField(read_only=True)
    source = serializers.CharField(read_only=True)


class ProgrammeIndicatorsSerializer(ProgrammeSerializer):
    measures = MeasureSerializer(many=True, read_only=True)
