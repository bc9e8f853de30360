"""What partner systems send and get back (docs/api.md, "Partner keys"). The writes are
checked here for their shape only; the capability's service checks them as the page's form
would be (duplicates, consent, publication dates, the workflow's steps)."""

from rest_framework import serializers

from omzien.api.serializers.common import CodeField, absolute
from omzien.api.serializers.volunteering import VacancySerializer
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver
from omzien.caregivers.services.caregivers import CAREGIVER_FIELDS
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import Vacancy
from omzien.volunteering.services.responses import first_name

# --- Carers and referrals (a welfare organisation's system, as a carer consultant) ------------


class CarerCreateSerializer(serializers.ModelSerializer):
    allow_duplicate = serializers.BooleanField(
        default=False,
        write_only=True,
        help_text="Register even when someone with the same name, date of birth and postcode "
        "is registered already (answered with 409 otherwise).",
    )

    class Meta:
        model = Caregiver
        fields = [*CAREGIVER_FIELDS, "allow_duplicate"]
        extra_kwargs = {"first_name": {"required": True}, "last_name": {"required": True}}


class CarerCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    status = CodeField(caregivers_constants.CaregiverStatus.choices)


class ReferralStatusSerializer(serializers.Serializer):
    """A referral's status only: no reason, no names."""

    id = serializers.IntegerField(read_only=True)
    carer = serializers.IntegerField(read_only=True, source="caregiver_id")
    target = CodeField(caregivers_constants.ReferralTarget.choices)
    referred_on = serializers.DateField(read_only=True)
    outcome = CodeField(caregivers_constants.ReferralOutcome.choices)
    updated_at = serializers.DateTimeField(read_only=True)


# --- Vacancies and responses (a volunteer centre's system, for its organisations) -------------


class PartnerVacancySerializer(VacancySerializer):
    """A vacancy as its organisation sees it: with its status and version (send the version
    back with a change)."""

    status = CodeField(volunteering_constants.VacancyStatus.choices)
    version = serializers.IntegerField(read_only=True)

    def get_url(self, vacancy) -> str:
        return absolute(self, "api:partner_vacancy_detail", vacancy.pk)


def _codes(choices, **kwargs):
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices), required=False, max_length=30, **kwargs
    )


class VacancyWriteSerializer(serializers.ModelSerializer):
    """A new vacancy (a draft) or a change. ``organisation``: one of the key's organisations."""

    domains = _codes(volunteering_constants.Domain.choices)
    target_groups = _codes(volunteering_constants.TargetGroup.choices)
    day_parts = _codes(volunteering_constants.DAY_PARTS)

    class Meta:
        model = Vacancy
        fields = [
            "organisation",
            "title",
            "description",
            "tasks",
            "kind",
            "domains",
            "target_groups",
            "day_parts",
            "hours_per_week",
            "starts_at",
            "ends_at",
            "places",
            "location_kind",
            "locality",
            "address",
            "min_age",
            "publish_from",
            "publish_until",
        ]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class VacancyChangeSerializer(VacancyWriteSerializer):
    version = serializers.IntegerField(help_text="The version you read (optimistic locking).")

    class Meta(VacancyWriteSerializer.Meta):
        fields = [f for f in VacancyWriteSerializer.Meta.fields if f != "organisation"]
        fields.append("version")


class VacancyStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=volunteering_constants.VacancyStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class ResponseSerializer(serializers.Serializer):
    """A response to one of the organisations' vacancies, as the organisation's inbox shows it."""

    id = serializers.IntegerField(read_only=True)
    vacancy = serializers.IntegerField(read_only=True, source="vacancy_id")
    volunteer_first_name = serializers.SerializerMethodField()
    message = serializers.CharField(read_only=True)
    status = CodeField(volunteering_constants.ResponseStatus.choices)
    created_at = serializers.DateTimeField(read_only=True)
    answered_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_volunteer_first_name(self, response) -> str:
        return first_name(response.profile)


class ResponseStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=volunteering_constants.ResponseStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    expected = serializers.ChoiceField(
        choices=volunteering_constants.ResponseStatus.choices,
        required=False,
        help_text="The status you read: refused with 409 when someone acted first.",
    )
