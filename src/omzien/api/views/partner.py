"""The partner endpoints (``/api/v1/partner/...``): a key's system works through the same
selectors and services as the pages, as the key's account. A key needs the scope of the call
(403 without); what its role cannot reach answers 404, as on the pages. Every call is audited
(``services.keys.api_key_used``)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.response import Response

from omzien.accounts.permissions import public
from omzien.api import scopes
from omzien.api.authentication import ApiKeyAuthentication
from omzien.api.models import ApiKey
from omzien.api.permissions import HasScope
from omzien.api.serializers.partner import (
    CarerCreatedSerializer,
    CarerCreateSerializer,
    PartnerVacancySerializer,
    ReferralStatusSerializer,
    ResponseSerializer,
    ResponseStatusSerializer,
    VacancyChangeSerializer,
    VacancyStatusSerializer,
    VacancyWriteSerializer,
)
from omzien.api.services.keys import api_key_used
from omzien.api.throttling import KeyRateThrottle
from omzien.api.views.base import cursor
from omzien.caregivers.selectors.referrals import referral_statuses
from omzien.caregivers.services.caregivers import DuplicateCaregiver, caregiver_register
from omzien.common.services import Actor, EditConflict
from omzien.volunteering.models import Organisation, Vacancy
from omzien.volunteering.selectors.responses import response_for_member, responses_of_member
from omzien.volunteering.selectors.vacancies import vacancies_of_member, vacancy_for_member
from omzien.volunteering.services.responses import response_transition
from omzien.volunteering.services.vacancies import (
    vacancy_create,
    vacancy_transition,
    vacancy_update,
)

CARERS, VOLUNTEERING = "partner: mantelzorg", "partner: vrijwilligerswerk"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = _("Someone else changed this record first: read it again and retry.")


class Duplicate(Conflict):
    default_code = "duplicate"
    default_detail = _(
        "Someone with the same name, date of birth and postcode is registered already. "
        "Send allow_duplicate to register this carer all the same."
    )


def perform(call):
    """A service's refusals in the API's shape: its validation errors per field (400), a stale
    version or a step someone else took first (409)."""
    try:
        return call()
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise exceptions.ValidationError(error.message_dict) from error
        raise exceptions.ValidationError({"non_field_errors": error.messages}) from error
    except EditConflict as error:
        raise Conflict() from error


class PartnerView:
    """A key (``Authorization: Bearer``), the scope per method (``scopes``), every call in the
    audit trail. The session is ignored: on the web the pages are the way in."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [KeyRateThrottle]
    scopes: dict[str, str] = {}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(request.auth, ApiKey):
            api_key_used(key=request.auth, request=request, status=response.status_code)
        return response

    def actor(self) -> Actor:
        return Actor(user=self.request.user, request=self.request)


# --- Carers and referrals -------------------------------------------------------------------


@public  # to the session walk: the key decides (401 without one); docs/api.md
@extend_schema_view(
    post=extend_schema(
        tags=[CARERS],
        summary="Register a carer",
        request=CarerCreateSerializer,
        responses={201: CarerCreatedSerializer},
    )
)
class CarerCreate(PartnerView, generics.GenericAPIView):
    """Registers a carer in the key's municipality, as the consultant's registration page does
    (the same checks of consent, contact and duplicates). The carer has no consultant yet: the
    consultants take them on from their list."""

    scopes = {"POST": scopes.CARERS_WRITE}
    serializer_class = CarerCreateSerializer

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        allow_duplicate = data.pop("allow_duplicate", False)
        try:
            caregiver = perform(
                lambda: caregiver_register(
                    municipality=request.auth.municipality,
                    data=data,
                    actor=self.actor(),
                    allow_duplicate=allow_duplicate,
                )
            )
        except DuplicateCaregiver as error:
            raise Duplicate() from error
        return Response(CarerCreatedSerializer(caregiver).data, status=status.HTTP_201_CREATED)


@public
@extend_schema_view(get=extend_schema(tags=[CARERS], summary="Referrals and their outcome"))
class ReferralList(PartnerView, generics.ListAPIView):
    """The referrals of the municipality's carers with their outcome, newest first."""

    scopes = {"GET": scopes.REFERRALS_READ}
    serializer_class = ReferralStatusSerializer
    pagination_class = cursor("-pk")

    def get_queryset(self):
        return referral_statuses(user=self.request.user)


@public
@extend_schema_view(get=extend_schema(tags=[CARERS], summary="One referral's outcome"))
class ReferralDetail(PartnerView, generics.RetrieveAPIView):
    scopes = {"GET": scopes.REFERRALS_READ}
    serializer_class = ReferralStatusSerializer

    def get_queryset(self):
        return referral_statuses(user=self.request.user)


# --- Vacancies and responses ------------------------------------------------------------------


def _organisations(user):
    return Organisation.objects.filter(members__user=user)


@public
@extend_schema_view(
    get=extend_schema(tags=[VOLUNTEERING], summary="The organisations' vacancies"),
    post=extend_schema(
        tags=[VOLUNTEERING],
        summary="Write a new vacancy (a draft)",
        request=VacancyWriteSerializer,
        responses={201: PartnerVacancySerializer},
    ),
)
class PartnerVacancyList(PartnerView, generics.ListAPIView):
    """Every vacancy of the key's organisations, whatever its status, newest first; a new one
    starts as a draft (``status/`` sends it for review)."""

    scopes = {"GET": scopes.VACANCIES_READ, "POST": scopes.VACANCIES_WRITE}
    serializer_class = PartnerVacancySerializer
    pagination_class = cursor("-pk")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's generation: no key
            return Vacancy.objects.none()
        return vacancies_of_member(user=self.request.user)

    def post(self, request):
        serializer = VacancyWriteSerializer(
            data=request.data, organisations=_organisations(request.user)
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        vacancy = perform(
            lambda: vacancy_create(organisation=organisation, data=data, actor=self.actor())
        )
        return Response(
            PartnerVacancySerializer(vacancy, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


@public
@extend_schema_view(
    get=extend_schema(tags=[VOLUNTEERING], summary="One of the organisations' vacancies"),
    patch=extend_schema(
        tags=[VOLUNTEERING],
        summary="Change a vacancy",
        request=VacancyChangeSerializer,
        responses={200: PartnerVacancySerializer},
    ),
)
class PartnerVacancyDetail(PartnerView, generics.GenericAPIView):
    scopes = {"GET": scopes.VACANCIES_READ, "PATCH": scopes.VACANCIES_WRITE}
    serializer_class = PartnerVacancySerializer

    def get(self, request, pk):
        vacancy = vacancy_for_member(user=request.user, pk=pk)
        return Response(self.get_serializer(vacancy).data)

    def patch(self, request, pk):
        vacancy = vacancy_for_member(user=request.user, pk=pk)
        serializer = VacancyChangeSerializer(vacancy, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        if version is None:
            raise exceptions.ValidationError({"version": [_("Send the version you read.")]})
        vacancy = perform(
            lambda: vacancy_update(vacancy=vacancy, version=version, data=data, actor=self.actor())
        )
        return Response(self.get_serializer(vacancy).data)


@public
@extend_schema_view(
    post=extend_schema(
        tags=[VOLUNTEERING],
        summary="Take a step in a vacancy's workflow",
        request=VacancyStatusSerializer,
        responses={200: PartnerVacancySerializer},
    )
)
class PartnerVacancyStatus(PartnerView, generics.GenericAPIView):
    """Send for review, withdraw, mark filled, ...: the steps a member may take on the page."""

    scopes = {"POST": scopes.VACANCIES_WRITE}
    serializer_class = VacancyStatusSerializer

    def post(self, request, pk):
        vacancy = vacancy_for_member(user=request.user, pk=pk)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vacancy = perform(
            lambda: vacancy_transition(
                vacancy=vacancy,
                to_status=serializer.validated_data["status"],
                note=serializer.validated_data["note"],
                actor=self.actor(),
            )
        )
        return Response(PartnerVacancySerializer(vacancy, context={"request": request}).data)


@public
@extend_schema_view(get=extend_schema(tags=[VOLUNTEERING], summary="Responses to the vacancies"))
class PartnerResponseList(PartnerView, generics.ListAPIView):
    """The responses volunteers sent to the organisations' vacancies, newest first."""

    scopes = {"GET": scopes.RESPONSES_READ}
    serializer_class = ResponseSerializer
    pagination_class = cursor("-created_at", "-pk")

    def get_queryset(self):
        return responses_of_member(user=self.request.user)


@public
@extend_schema_view(get=extend_schema(tags=[VOLUNTEERING], summary="One response"))
class PartnerResponseDetail(PartnerView, generics.GenericAPIView):
    scopes = {"GET": scopes.RESPONSES_READ}
    serializer_class = ResponseSerializer

    def get(self, request, pk):
        return Response(self.get_serializer(response_for_member(user=request.user, pk=pk)).data)


@public
@extend_schema_view(
    post=extend_schema(
        tags=[VOLUNTEERING],
        summary="Answer a response",
        request=ResponseStatusSerializer,
        responses={200: ResponseSerializer},
    )
)
class PartnerResponseStatus(PartnerView, generics.GenericAPIView):
    """Accept, decline, ...: the steps a member may take on the page (the volunteer is mailed
    as from the page)."""

    scopes = {"POST": scopes.RESPONSES_WRITE}
    serializer_class = ResponseStatusSerializer

    def post(self, request, pk):
        response = response_for_member(user=request.user, pk=pk)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        response = perform(
            lambda: response_transition(
                response=response,
                to_status=data["status"],
                note=data["note"],
                expected=data.get("expected", ""),
                actor=self.actor(),
            )
        )
        return Response(ResponseSerializer(response).data)
