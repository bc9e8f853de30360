"""The volunteer platform's rights provider (privacy.rights): find, export and erase a person."""

import datetime
import uuid

import pytest
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.rights import PersonQuery, providers
from omzien.testing.rights import assert_covers_app, exported_models, find_all, leftovers
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
    OrganisationInvitation,
    OrganisationMember,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    Qualification,
    ResponseTransition,
    SuggestionInvitation,
    VacancyTransition,
    Vog,
    VogRequest,
    VogRequestTransition,
    VolunteeringSettings,
)
from omzien.volunteering.rights import VolunteeringProvider
from omzien.volunteering.services.rights import vacancy_contact_erase
from omzien.volunteering.tests.factories import (
    OrganisationFactory,
    QualificationFactory,
    ResponseFactory,
    VacancyFactory,
    VogFactory,
    VogRequestFactory,
    VolunteerProfileFactory,
)

MARKER = "Zwaluwstaart"
EMAIL = "marja.zwaluwstaart@example.test"
PHONE = "0612345678"
DOB = datetime.date(1961, 4, 3)
MARKERS = [MARKER, EMAIL, PHONE, DOB.isoformat()]

ACCOUNT_LINK = "records of an organisation or the municipality; who made them is an account"
EXCLUDED = {
    OrganisationMember: "the link of an account to an organisation: the accounts provider",
    VacancyTransition: ACCOUNT_LINK,
    Campaign: ACCOUNT_LINK,
    VolunteeringSettings: "the municipality's tax-free maxima: no person",
    MatchingChange: "the matching engine's change log: record ids only",
}


def plant(municipality):
    """The marker person in every model of the app that holds personal data."""
    profile = VolunteerProfileFactory(
        municipality=municipality,
        user=None,
        full_name=f"Marja {MARKER}",
        email=EMAIL,
        phone=PHONE,
        date_of_birth=DOB,
        tasks_liked=f"{MARKER} tuiniert graag",
        motivation=f"Ik ben {MARKER} uit Wapenveld",
    )
    vacancy = VacancyFactory(
        municipality=municipality,
        organisation__municipality=municipality,
        contact_name=f"Marja {MARKER}",
        contact_email=EMAIL,
        contact_phone=PHONE,
    )
    HiddenSuggestion.objects.create(profile=profile, vacancy=vacancy)
    SuggestionInvitation.objects.create(profile=profile, vacancy=vacancy)
    response = ResponseFactory(
        vacancy=vacancy,
        profile=profile,
        message=f"Groet, {MARKER}",
        decline_reason=f"{MARKER} kan niet",
    )
    ResponseTransition.objects.create(response=response, to_status="open", note=MARKER)
    placement = Placement.objects.create(
        municipality=municipality,
        response=response,
        vacancy=vacancy,
        profile=profile,
        evaluation=f"{MARKER} deed het goed",
        override_reason=f"VOG van {MARKER} volgt",
    )
    PlacementTransition.objects.create(placement=placement, to_status="planned", note=MARKER)
    VogFactory(profile=profile)
    vog_request = VogRequestFactory(response=response)
    VogRequestTransition.objects.create(request=vog_request, to_status="withdrawn", note=MARKER)
    QualificationFactory(
        profile=profile, kind=constants.QualificationKind.TRAINING, name=f"Cursus van {MARKER}"
    )
    CheckIn.objects.create(
        placement=placement, due_on=timezone.localdate(), notes=f"{MARKER} is tevreden"
    )
    entry = HoursEntry.objects.create(
        municipality=municipality,
        placement=placement,
        date=timezone.localdate(),
        hours=2,
        note=f"{MARKER} gaf training",
        token=uuid.uuid4(),
    )
    HoursTransition.objects.create(entry=entry, to_status="corrected", note=f"{MARKER} ging eerder")
    Allowance.objects.create(
        municipality=municipality,
        placement=placement,
        date=timezone.localdate(),
        amount=10,
        note=f"Reiskosten {MARKER}",
        token=uuid.uuid4(),
    )
    campaign = Campaign.objects.create(
        municipality=municipality,
        name="NL Doet",
        kind=constants.CampaignKind.NL_DOET,
        description="Klussen",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    CampaignSignup.objects.create(
        campaign=campaign, vacancy=vacancy, name=f"M. {MARKER}", email=EMAIL, phone="06 1234 5678"
    )
    organisation = OrganisationFactory(
        municipality=municipality,
        contact_name=f"Marja {MARKER}",
        contact_email=EMAIL,
        review_note=f"Gebeld met {MARKER}",
    )
    OrganisationTransition.objects.create(
        organisation=organisation, to_status="approved", note=f"{MARKER} bevestigde"
    )
    OrganisationInvitation.objects.create(
        organisation=organisation,
        email=EMAIL,
        token_hash="a" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    return profile


@pytest.fixture
def officer(make_member, heerde):
    return make_member(Role.PRIVACY_OFFICER, heerde, totp=True)


def test_the_provider_is_registered_and_covers_every_model_of_the_app():
    provider = providers()["volunteering"]
    assert isinstance(provider, VolunteeringProvider)
    assert_covers_app(provider, "volunteering", EXCLUDED)


def test_find_by_name_and_date_of_birth_or_phone(heerde, dalfsen):
    profile = plant(heerde)
    provider = VolunteeringProvider()
    by_name = find_all(provider, heerde, PersonQuery(name="marja zwaluwstaart", date_of_birth=DOB))
    assert [m.key for m in by_name] == [f"profile:{profile.pk}"]
    by_phone = find_all(provider, heerde, PersonQuery(phone="+31612345678"))
    assert {m.key.split(":")[0] for m in by_phone} == {"profile", "signup", "vacancy"}
    assert find_all(provider, dalfsen, PersonQuery(email=EMAIL)) == []


def test_export_finds_every_planted_row_and_erasure_leaves_none(heerde, officer):
    plant(heerde)
    provider = VolunteeringProvider()
    query = PersonQuery(name=f"Marja {MARKER}", date_of_birth=DOB, email=EMAIL, phone=PHONE)
    matches = find_all(provider, heerde, query)
    assert {m.key.split(":")[0] for m in matches} == {
        "profile",
        "signup",
        "organisation",
        "vacancy",
        "invitation",
    }
    assert exported_models(provider, matches) == {m._meta.label_lower for m in provider.models}
    assert leftovers(provider.models, MARKERS)

    for match in matches:
        assert provider.erase(match, Actor(user=officer)).holds == []

    assert leftovers(provider.models, MARKERS) == []
    assert find_all(provider, heerde, query) == []
    # The VOG, its requests and the certificates are gone, not only their texts.
    assert not (
        Vog.objects.exists() or VogRequest.objects.exists() or Qualification.objects.exists()
    )


def test_erasing_a_vacancys_contact_person_keeps_the_vacancy_in_a_new_version(heerde, officer):
    """The organisation's form, opened before the erasure, cannot save the contact back."""
    vacancy = VacancyFactory(
        municipality=heerde,
        organisation__municipality=heerde,
        contact_name=f"Marja {MARKER}",
        contact_email=EMAIL,
    )
    seen = vacancy.version
    vacancy_contact_erase(vacancy=vacancy, actor=Actor(user=officer))
    vacancy.refresh_from_db()
    assert (vacancy.contact_name, vacancy.contact_email, vacancy.version) == ("", "", seen + 1)
    assert vacancy.title  # the vacancy itself stays
