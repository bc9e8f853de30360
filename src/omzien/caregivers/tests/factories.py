import datetime
import hashlib

import factory
from django.utils import timezone

from omzien.accounts.tests.factories import UserFactory
from omzien.caregivers import constants
from omzien.caregivers.models import (
    BurdenWarning,
    CampaignPage,
    Caregiver,
    CaregiverEvent,
    CaregiverSettings,
    CaregiverTransition,
    CareRelationship,
    ContactMoment,
    IncomingReferral,
    IncomingReferralTransition,
    Referral,
    ReferralTransition,
    Screening,
    ScreeningInvitation,
)
from omzien.tenants.tests.factories import MunicipalityFactory


class CaregiverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Caregiver

    municipality = factory.SubFactory(MunicipalityFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=25, maximum_age=85)
    birth_year = factory.LazyAttribute(lambda o: o.date_of_birth.year if o.date_of_birth else None)
    email = factory.Sequence(lambda n: f"mantelzorger{n}@example.org")
    phone = "0578-123456"
    street_address = factory.Sequence(lambda n: f"Dorpsstraat {n + 1}")
    postcode = "8181 AB"
    reach_by = "phone"
    source = constants.Source.SELF
    legal_basis = constants.LegalBasis.CONSENT
    consent_given_on = factory.LazyFunction(datetime.date.today)


class CareRelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareRelationship

    caregiver = factory.SubFactory(CaregiverFactory)
    recipient_name = "M."
    relationship = constants.Relationship.PARENT
    need_kind = constants.NeedKind.DEMENTIA
    hours_band = constants.HoursBand.FROM_8
    tasks = factory.LazyFunction(lambda: [constants.CareTask.HOUSEHOLD])


class ContactMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMoment

    caregiver = factory.SubFactory(CaregiverFactory)
    contact_on = factory.LazyFunction(datetime.date.today)
    channel = constants.ContactChannel.PHONE
    topic = "Hoe gaat het?"
    notes = "Vertrouwelijke aantekening"


class ScreeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Screening

    caregiver = factory.SubFactory(CaregiverFactory)
    instrument = constants.Instrument.GGD
    answers = factory.LazyFunction(lambda: [1])
    score = 1
    heavily_burdened = False


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    caregiver = factory.SubFactory(CaregiverFactory)
    target = constants.ReferralTarget.RESPITE_CARE
    reason = "Even op adem komen"


# --- Factories for the remaining models (issue 9: a factory for every model) ----------------
# Child rows follow their parent's municipality: a transition, event, invitation or warning
# belongs to the carer (or incoming referral) it hangs from.


class CaregiverSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaregiverSettings
        django_get_or_create = ["municipality"]  # one row per municipality

    municipality = factory.SubFactory(MunicipalityFactory)


class CaregiverTransitionFactory(factory.django.DjangoModelFactory):
    """The first row of a carer's status log: registered as active."""

    class Meta:
        model = CaregiverTransition

    caregiver = factory.SubFactory(CaregiverFactory)
    from_status = ""
    to_status = constants.CaregiverStatus.ACTIVE


class CaregiverEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaregiverEvent

    caregiver = factory.SubFactory(CaregiverFactory)
    kind = constants.EventKind.REGISTERED
    summary = "Aangemeld als mantelzorger"


class ScreeningInvitationFactory(factory.django.DjangoModelFactory):
    """A link valid for two weeks; pass ``token`` to know the link's secret."""

    class Meta:
        model = ScreeningInvitation

    class Params:
        token = factory.Sequence(lambda n: f"uitnodiging-screening-{n}")

    caregiver = factory.SubFactory(CaregiverFactory)
    instrument = constants.Instrument.EDIZ
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    created_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class BurdenWarningFactory(factory.django.DjangoModelFactory):
    """An open early warning raised by a heavily burdened screening of the same carer."""

    class Meta:
        model = BurdenWarning

    caregiver = factory.SubFactory(CaregiverFactory)
    screening = factory.SubFactory(
        ScreeningFactory,
        caregiver=factory.SelfAttribute("..caregiver"),
        instrument=constants.Instrument.EDIZ,
        answers=factory.LazyFunction(lambda: [1, 1, 1, 1, 1, 1, 1, 0, 0]),
        score=7,
        heavily_burdened=True,
    )
    reasons = factory.LazyFunction(lambda: [constants.AlertReason.HEAVY])


class ReferralTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralTransition

    referral = factory.SubFactory(ReferralFactory)
    from_status = ""
    to_status = constants.ReferralOutcome.PENDING


class IncomingReferralFactory(factory.django.DjangoModelFactory):
    """A carer referred by their GP; the referrer is a user with an account."""

    class Meta:
        model = IncomingReferral

    municipality = factory.SubFactory(MunicipalityFactory)
    submitted_by = factory.SubFactory(UserFactory)
    referrer_kind = constants.Source.GP
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    phone = "0578-111222"
    postcode = "8181 AB"
    suggested_target = constants.ReferralTarget.RESPITE_CARE
    reason = "Zorgt alleen voor haar man en raakt uitgeput."
    consent_confirmed = True


class IncomingReferralTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomingReferralTransition

    incoming = factory.SubFactory(IncomingReferralFactory)
    from_status = ""
    to_status = constants.IncomingStatus.NEW


class CampaignPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignPage

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = constants.CampaignKind.CARERS_WEEK
    title = "Week van de mantelzorg"
    slug = factory.Sequence(lambda n: f"campagne-{n}")
    intro = "Deze week zetten we alle mantelzorgers in het zonnetje."
    body = "Mantelzorgers doen veel.\n\nKom naar de activiteiten."
    visible_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    visible_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))
