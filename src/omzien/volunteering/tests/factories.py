import datetime
import hashlib
import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from omzien.accounts.tests.factories import UserFactory
from omzien.tenants.tests.factories import MunicipalityFactory
from omzien.volunteering import constants
from omzien.volunteering.models import (
    Allowance,
    Campaign,
    CampaignSignup,
    CheckIn,
    HiddenSuggestion,
    HoursEntry,
    HoursTransition,
    MatchingChange,
    Organisation,
    OrganisationInvitation,
    OrganisationMember,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    Qualification,
    ResponseTransition,
    SuggestionInvitation,
    Vacancy,
    VacancyResponse,
    VacancyTransition,
    Vog,
    VogRequest,
    VogRequestTransition,
    VolunteeringSettings,
    VolunteerProfile,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Vereniging {n}")
    kind = constants.OrganisationKind.ASSOCIATION
    domains = factory.LazyFunction(lambda: [constants.Domain.SPORT])
    description = "Een actieve vereniging in het dorp."
    contact_name = "Piet Pietersen"
    contact_email = factory.Sequence(lambda n: f"info{n}@vereniging.example.org")
    status = constants.OrganisationStatus.APPROVED


class OrganisationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMember

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = constants.MemberRole.ADMIN


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    title = factory.Sequence(lambda n: f"Vrijwilliger gezocht {n}")
    description = "Help mee op zaterdagochtend."
    domains = factory.LazyFunction(lambda: [constants.Domain.SPORT])
    kind = constants.VacancyKind.STRUCTURAL
    address = "Sportlaan 1, Heerde"
    day_parts = factory.LazyFunction(lambda: ["sat_morning"])
    hours_per_week = 3
    status = constants.VacancyStatus.PUBLISHED
    publish_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerProfile

    municipality = factory.SubFactory(MunicipalityFactory)
    user = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(lambda o: o.user.full_name if o.user else "Vera Vrijwilliger")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "")
    interests = factory.LazyFunction(lambda: [constants.Domain.NATURE])
    availability = factory.LazyFunction(lambda: ["tue_morning", "sat_morning"])
    commitments = factory.LazyFunction(lambda: [constants.VacancyKind.STRUCTURAL])
    date_of_birth = datetime.date(1990, 1, 1)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyResponse

    vacancy = factory.SubFactory(VacancyFactory)
    municipality = factory.LazyAttribute(lambda o: o.vacancy.municipality)
    profile = factory.SubFactory(
        VolunteerProfileFactory, municipality=factory.SelfAttribute("..municipality")
    )
    message = "Ik help graag mee."
    status = constants.ResponseStatus.OPEN
    # As the services do: a broker's proposal reaches the organisation only once agreed to.
    sent_to_organisation = factory.LazyAttribute(
        lambda o: o.status != constants.ResponseStatus.PROPOSED
    )


# --- Factories for the remaining models (issue 9: a factory for every model) ----------------
# Child rows follow their parent's municipality: a placement is made from an accepted response
# and takes its vacancy, volunteer and municipality; a sign-up's task is in its campaign's
# municipality.


class OrganisationTransitionFactory(factory.django.DjangoModelFactory):
    """The organisation was approved by a broker."""

    class Meta:
        model = OrganisationTransition

    organisation = factory.SubFactory(OrganisationFactory)
    from_status = constants.OrganisationStatus.PENDING
    to_status = constants.OrganisationStatus.APPROVED


class OrganisationInvitationFactory(factory.django.DjangoModelFactory):
    """An invitation valid for two weeks; pass ``token`` to know the link's secret."""

    class Meta:
        model = OrganisationInvitation

    class Params:
        token = factory.Sequence(lambda n: f"uitnodiging-organisatie-{n}")

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"nieuw-lid{n}@vereniging.example.org")
    role = constants.MemberRole.MEMBER
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class VacancyTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyTransition

    vacancy = factory.SubFactory(VacancyFactory)
    from_status = constants.VacancyStatus.AWAITING_REVIEW
    to_status = constants.VacancyStatus.PUBLISHED


class HiddenSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HiddenSuggestion

    profile = factory.SubFactory(VolunteerProfileFactory)
    vacancy = factory.SubFactory(
        VacancyFactory, organisation__municipality=factory.SelfAttribute("...profile.municipality")
    )


class SuggestionInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuggestionInvitation

    vacancy = factory.SubFactory(VacancyFactory)
    profile = factory.SubFactory(
        VolunteerProfileFactory, municipality=factory.SelfAttribute("..vacancy.municipality")
    )
    invited_by = factory.SubFactory(UserFactory)


class ResponseTransitionFactory(factory.django.DjangoModelFactory):
    """The first row of a response's log: sent by the volunteer."""

    class Meta:
        model = ResponseTransition

    response = factory.SubFactory(ResponseFactory)
    from_status = ""
    to_status = constants.ResponseStatus.OPEN


class PlacementFactory(factory.django.DjangoModelFactory):
    """A planned placement made from an accepted response (its vacancy, volunteer, municipality);
    no start date, as for a structural vacancy."""

    class Meta:
        model = Placement

    response = factory.SubFactory(ResponseFactory, status=constants.ResponseStatus.ACCEPTED)
    vacancy = factory.SelfAttribute("response.vacancy")
    profile = factory.SelfAttribute("response.profile")
    municipality = factory.SelfAttribute("response.municipality")
    status = constants.PlacementStatus.PLANNED


class PlacementTransitionFactory(factory.django.DjangoModelFactory):
    """The first row of a placement's log: the start is planned."""

    class Meta:
        model = PlacementTransition

    placement = factory.SubFactory(PlacementFactory)
    from_status = ""
    to_status = constants.PlacementStatus.PLANNED


class CheckInFactory(factory.django.DjangoModelFactory):
    """The check-in a month after the placement started."""

    class Meta:
        model = CheckIn

    placement = factory.SubFactory(PlacementFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class CampaignFactory(factory.django.DjangoModelFactory):
    """NL Doet: a public campaign over the coming ten days."""

    class Meta:
        model = Campaign

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"NL Doet {n}")
    kind = constants.CampaignKind.NL_DOET
    description = "Samen klussen bij verenigingen in het dorp."
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=10))
    is_public = True
    created_by = factory.SubFactory(UserFactory)


class CampaignSignupFactory(factory.django.DjangoModelFactory):
    """A resident signed up for a one-off task of the campaign, in its municipality."""

    class Meta:
        model = CampaignSignup

    campaign = factory.SubFactory(CampaignFactory)
    vacancy = factory.SubFactory(
        VacancyFactory,
        organisation__municipality=factory.SelfAttribute("...campaign.municipality"),
        campaign=factory.SelfAttribute("..campaign"),
        kind=constants.VacancyKind.ONE_OFF,
        day_parts=factory.LazyFunction(list),
        hours_per_week=None,
        starts_at=factory.LazyAttribute(
            lambda o: timezone.make_aware(
                datetime.datetime.combine(o.campaign.starts_on, datetime.time(10))
            )
        ),
    )
    name = factory.Sequence(lambda n: f"Jan Jansen {n}")
    email = factory.Sequence(lambda n: f"klusser{n}@example.org")
    phone = "06-12345678"


class RunningPlacementFactory(PlacementFactory):
    """A placement whose start the organisation confirmed a month ago."""

    status = constants.PlacementStatus.RUNNING
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    started_confirmed_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=30)
    )


class HoursEntryFactory(factory.django.DjangoModelFactory):
    """Three hours logged by the volunteer yesterday (on 1 January today, so that they count
    in this year's figures, which the pages show first), awaiting approval."""

    class Meta:
        model = HoursEntry

    placement = factory.SubFactory(RunningPlacementFactory)
    municipality = factory.SelfAttribute("placement.municipality")
    date = factory.LazyFunction(
        lambda: max(
            timezone.localdate() - datetime.timedelta(days=1),
            timezone.localdate().replace(month=1, day=1),
        )
    )
    hours = Decimal("3.00")
    status = constants.HoursStatus.SUBMITTED
    token = factory.LazyFunction(uuid.uuid4)


class HoursTransitionFactory(factory.django.DjangoModelFactory):
    """The first row of the hours' log: logged by the volunteer."""

    class Meta:
        model = HoursTransition

    entry = factory.SubFactory(HoursEntryFactory)
    from_status = ""
    to_status = constants.HoursStatus.SUBMITTED


class AllowanceFactory(factory.django.DjangoModelFactory):
    """A volunteer allowance of EUR 25 paid yesterday."""

    class Meta:
        model = Allowance

    placement = factory.SubFactory(RunningPlacementFactory)
    municipality = factory.SelfAttribute("placement.municipality")
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    amount = Decimal("25.00")
    kind = constants.AllowanceKind.ALLOWANCE
    token = factory.LazyFunction(uuid.uuid4)


class VolunteeringSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteeringSettings
        django_get_or_create = ("municipality",)

    municipality = factory.SubFactory(MunicipalityFactory)


class VogFactory(factory.django.DjangoModelFactory):
    """A VOG issued a year ago for care of people in need (function aspect 85)."""

    class Meta:
        model = Vog

    profile = factory.SubFactory(VolunteerProfileFactory)
    municipality = factory.LazyAttribute(lambda o: o.profile.municipality)
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    aspects = factory.LazyFunction(lambda: [constants.VogAspect.CARE_FOR_PEOPLE_IN_NEED])


class VogRequestFactory(factory.django.DjangoModelFactory):
    """An open VOG request of an accepted volunteer."""

    class Meta:
        model = VogRequest

    response = factory.SubFactory(ResponseFactory, status=constants.ResponseStatus.ACCEPTED)
    municipality = factory.LazyAttribute(lambda o: o.response.municipality)
    profile = factory.LazyAttribute(lambda o: o.response.profile)
    aspects = factory.LazyFunction(lambda: [constants.VogAspect.CARE_FOR_MINORS])
    status = constants.VogRequestStatus.REQUESTED


class VogRequestTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VogRequestTransition

    request = factory.SubFactory(VogRequestFactory)
    from_status = ""
    to_status = constants.VogRequestStatus.REQUESTED


class QualificationFactory(factory.django.DjangoModelFactory):
    """A first aid certificate valid for another year."""

    class Meta:
        model = Qualification

    profile = factory.SubFactory(VolunteerProfileFactory)
    municipality = factory.LazyAttribute(lambda o: o.profile.municipality)
    kind = constants.QualificationKind.FIRST_AID
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))


class MatchingChangeFactory(factory.django.DjangoModelFactory):
    """A change-log row (the triggers write the real ones)."""

    class Meta:
        model = MatchingChange

    kind = MatchingChange.Kind.PROFILE
    record_id = factory.Sequence(lambda n: n + 1)
    changed_at = factory.LazyFunction(timezone.now)
