"""The volunteer platform's provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py).

A person is found as a volunteer (``profile:<pk>``, with their responses, placements, check-ins,
suggestions, VOG, VOG requests and certificates), as a campaign sign-up (``signup:<pk>``), as
the contact person of an organisation (``organisation:<pk>``) or of one of its vacancies
(``vacancy:<pk>``, by e-mail address or phone number), or as someone invited to join an
organisation (``invitation:<pk>``).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.rights import KindsProvider, Match, Record, RecordKind, by_email, records_of
from omzien.volunteering.models import (
    Allowance,
    CampaignSignup,
    CheckIn,
    HiddenSuggestion,
    HoursEntry,
    HoursTransition,
    Organisation,
    OrganisationInvitation,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    Qualification,
    ResponseTransition,
    SuggestionInvitation,
    Vacancy,
    VacancyResponse,
    Vog,
    VogRequest,
    VogRequestTransition,
    VolunteerProfile,
)
from omzien.volunteering.services.rights import (
    organisation_contact_erase,
    organisation_invitation_erase,
    profile_erase,
    signup_erase,
    vacancy_contact_erase,
)

NAME = "volunteering"


def _profile_records(match: Match) -> list[Record]:
    profile = match.obj
    responses = VacancyResponse.objects.filter(profile=profile).order_by("pk")
    placements = Placement.objects.filter(profile=profile).order_by("pk")
    vog_requests = VogRequest.objects.filter(profile=profile).order_by("pk")
    return (
        records_of([profile])
        + records_of(HiddenSuggestion.objects.filter(profile=profile).order_by("pk"))
        + records_of(SuggestionInvitation.objects.filter(profile=profile).order_by("pk"))
        + records_of(responses)
        + records_of(ResponseTransition.objects.filter(response__in=responses))
        + records_of(placements)
        + records_of(PlacementTransition.objects.filter(placement__in=placements))
        + records_of(CheckIn.objects.filter(placement__in=placements).order_by("pk"))
        + records_of(HoursEntry.objects.filter(placement__in=placements).order_by("pk"))
        + records_of(HoursTransition.objects.filter(entry__placement__in=placements))
        + records_of(Allowance.objects.filter(placement__in=placements).order_by("pk"))
        + records_of(Vog.objects.filter(profile=profile))
        + records_of(vog_requests)
        + records_of(VogRequestTransition.objects.filter(request__in=vog_requests))
        + records_of(Qualification.objects.filter(profile=profile).order_by("pk"))
    )


def _organisation_records(match: Match) -> list[Record]:
    return records_of([match.obj]) + records_of(
        OrganisationTransition.objects.filter(organisation=match.obj).order_by("pk")
    )


def _the_record(match: Match) -> list[Record]:
    return records_of([match.obj])


class VolunteeringProvider(KindsProvider):
    name = NAME
    label = _("Volunteering")
    models = (
        VolunteerProfile,
        HiddenSuggestion,
        SuggestionInvitation,
        VacancyResponse,
        ResponseTransition,
        Placement,
        PlacementTransition,
        CheckIn,
        HoursEntry,
        HoursTransition,
        Allowance,
        Vog,
        VogRequest,
        VogRequestTransition,
        Qualification,
        CampaignSignup,
        Organisation,
        OrganisationTransition,
        OrganisationInvitation,
        Vacancy,
    )
    kinds = (
        RecordKind(
            key="profile",
            label=_("Volunteer profile"),
            rows=lambda municipality: VolunteerProfile.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.exclude(full_name=ANONYMOUS_NAME).select_related(
                "user"
            ),
            name=lambda profile: profile.full_name,
            details=lambda profile: {
                "name": profile.full_name,
                "date_of_birth": profile.date_of_birth,
                "email": profile.email or (profile.user.email if profile.user else ""),
                "phone": profile.phone,
            },
            edit_url=lambda profile: reverse(
                "volunteering:volunteer_edit", kwargs={"pk": profile.pk}
            ),
            export=_profile_records,
            erase=lambda match, actor: profile_erase(profile=match.obj, actor=actor),
        ),
        RecordKind(
            key="signup",
            label=_("Campaign sign-up"),
            rows=lambda municipality: CampaignSignup.objects.filter(
                campaign__municipality=municipality
            ),
            findable=lambda rows, query: rows.exclude(name=ANONYMOUS_NAME),
            name=lambda signup: signup.name,
            details=lambda signup: {"email": signup.email, "phone": signup.phone},
            edit_url=lambda signup: reverse(
                "volunteering:campaign_signups", kwargs={"pk": signup.campaign_id}
            ),
            export=_the_record,
            erase=lambda match, actor: signup_erase(signup=match.obj, actor=actor),
        ),
        RecordKind(
            key="organisation",
            label=_("Contact person of an organisation"),
            rows=lambda municipality: Organisation.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.exclude(contact_name=ANONYMOUS_NAME),
            name=lambda organisation: organisation.contact_name,
            details=lambda organisation: {
                "email": organisation.contact_email,
                "phone": organisation.contact_phone,
            },
            edit_url=lambda organisation: reverse(
                "volunteering:organisation_review", kwargs={"pk": organisation.pk}
            ),
            export=_organisation_records,
            erase=lambda match, actor: organisation_contact_erase(
                organisation=match.obj, actor=actor
            ),
        ),
        RecordKind(
            key="vacancy",
            label=_("Contact person of a vacancy"),
            rows=lambda municipality: Vacancy.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.exclude(
                contact_name="", contact_email="", contact_phone=""
            ),
            name=lambda vacancy: vacancy.contact_name or vacancy.contact_email,
            details=lambda vacancy: {
                "name": vacancy.contact_name,
                "email": vacancy.contact_email,
                "phone": vacancy.contact_phone,
            },
            edit_url=lambda vacancy: reverse(
                "volunteering:vacancy_review", kwargs={"pk": vacancy.pk}
            ),
            export=_the_record,
            erase=lambda match, actor: vacancy_contact_erase(vacancy=match.obj, actor=actor),
        ),
        RecordKind(
            key="invitation",
            label=_("Invitation to join an organisation"),
            rows=lambda municipality: OrganisationInvitation.objects.filter(
                organisation__municipality=municipality
            ),
            findable=by_email,
            name=lambda invitation: invitation.email,
            details=lambda invitation: {"email": invitation.email},
            export=_the_record,
            erase=lambda match, actor: organisation_invitation_erase(
                invitation=match.obj, actor=actor
            ),
        ),
    )
