"""The volunteer platform's provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py).

A person is found as a volunteer (``profile:<pk>``, with their responses, placements, check-ins
and suggestions), as a campaign sign-up (``signup:<pk>``), as the contact person of an
organisation (``organisation:<pk>``) or as someone invited to join one (``invitation:<pk>``).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.privacy.constants import ANONYMOUS_NAME
from omzien.privacy.rights import (
    Erasure,
    Match,
    PersonQuery,
    Record,
    match_reasons,
    parse_key,
    records_of,
)
from omzien.volunteering.models import (
    CampaignSignup,
    CheckIn,
    HiddenSuggestion,
    Organisation,
    OrganisationInvitation,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    ResponseTransition,
    SuggestionInvitation,
    VacancyResponse,
    VolunteerProfile,
)
from omzien.volunteering.services.rights import (
    organisation_contact_erase,
    organisation_invitation_erase,
    profile_erase,
    signup_erase,
)

NAME = "volunteering"


class VolunteeringProvider:
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
        CampaignSignup,
        Organisation,
        OrganisationTransition,
        OrganisationInvitation,
    )

    # --- One match per kind of record ---------------------------------------------------------

    def _profile(self, profile: VolunteerProfile, reasons) -> Match:
        return Match(
            provider=NAME,
            key=f"profile:{profile.pk}",
            kind=str(_("Volunteer profile")),
            name=profile.full_name,
            matched_on=reasons,
            obj=profile,
            edit_url=reverse("volunteering:volunteer_edit", kwargs={"pk": profile.pk}),
        )

    def _signup(self, signup: CampaignSignup, reasons) -> Match:
        return Match(
            provider=NAME,
            key=f"signup:{signup.pk}",
            kind=str(_("Campaign sign-up")),
            name=signup.name,
            matched_on=reasons,
            obj=signup,
            edit_url=reverse("volunteering:campaign_signups", kwargs={"pk": signup.campaign_id}),
        )

    def _organisation(self, organisation: Organisation, reasons) -> Match:
        return Match(
            provider=NAME,
            key=f"organisation:{organisation.pk}",
            kind=str(_("Contact person of an organisation")),
            name=organisation.contact_name,
            matched_on=reasons,
            obj=organisation,
            edit_url=reverse("volunteering:organisation_review", kwargs={"pk": organisation.pk}),
        )

    def _invitation(self, invitation: OrganisationInvitation, reasons) -> Match:
        return Match(
            provider=NAME,
            key=f"invitation:{invitation.pk}",
            kind=str(_("Invitation to join an organisation")),
            name=invitation.email,
            matched_on=reasons,
            obj=invitation,
        )

    def find(self, municipality, query: PersonQuery) -> list[Match]:
        found = []
        profiles = (
            VolunteerProfile.objects.filter(municipality=municipality)
            .exclude(full_name=ANONYMOUS_NAME)
            .select_related("user")
            .order_by("pk")
        )
        for profile in profiles.iterator():
            reasons = match_reasons(
                query,
                name=profile.full_name,
                date_of_birth=profile.date_of_birth,
                email=profile.email or (profile.user.email if profile.user else ""),
                phone=profile.phone,
            )
            if reasons:
                found.append(self._profile(profile, reasons))
        signups = (
            CampaignSignup.objects.filter(campaign__municipality=municipality)
            .exclude(name=ANONYMOUS_NAME)
            .order_by("pk")
        )
        for signup in signups.iterator():
            reasons = match_reasons(query, email=signup.email, phone=signup.phone)
            if reasons:
                found.append(self._signup(signup, reasons))
        organisations = (
            Organisation.objects.filter(municipality=municipality)
            .exclude(contact_name=ANONYMOUS_NAME)
            .order_by("pk")
        )
        for organisation in organisations.iterator():
            reasons = match_reasons(
                query, email=organisation.contact_email, phone=organisation.contact_phone
            )
            if reasons:
                found.append(self._organisation(organisation, reasons))
        if query.email:
            invitations = OrganisationInvitation.objects.filter(
                organisation__municipality=municipality, email__iexact=query.email.strip()
            ).order_by("pk")
            found += [self._invitation(invitation, ["email"]) for invitation in invitations]
        return found

    def get(self, municipality, key: str) -> Match | None:
        kind, pk = parse_key(key)
        if pk is None:
            return None
        if kind == "profile":
            found = VolunteerProfile.objects.filter(municipality=municipality, pk=pk).first()
            return self._profile(found, []) if found else None
        if kind == "signup":
            found = CampaignSignup.objects.filter(
                campaign__municipality=municipality, pk=pk
            ).first()
            return self._signup(found, []) if found else None
        if kind == "organisation":
            found = Organisation.objects.filter(municipality=municipality, pk=pk).first()
            return self._organisation(found, []) if found else None
        if kind == "invitation":
            found = OrganisationInvitation.objects.filter(
                organisation__municipality=municipality, pk=pk
            ).first()
            return self._invitation(found, []) if found else None
        return None

    def export(self, match: Match) -> list[Record]:
        obj = match.obj
        if isinstance(obj, VolunteerProfile):
            responses = VacancyResponse.objects.filter(profile=obj).order_by("pk")
            placements = Placement.objects.filter(profile=obj).order_by("pk")
            return (
                records_of([obj])
                + records_of(HiddenSuggestion.objects.filter(profile=obj).order_by("pk"))
                + records_of(SuggestionInvitation.objects.filter(profile=obj).order_by("pk"))
                + records_of(responses)
                + records_of(ResponseTransition.objects.filter(response__in=responses))
                + records_of(placements)
                + records_of(PlacementTransition.objects.filter(placement__in=placements))
                + records_of(CheckIn.objects.filter(placement__in=placements).order_by("pk"))
            )
        if isinstance(obj, Organisation):
            return records_of([obj]) + records_of(
                OrganisationTransition.objects.filter(organisation=obj).order_by("pk")
            )
        return records_of([obj])

    def erase(self, match: Match, actor) -> Erasure:
        obj = match.obj
        if isinstance(obj, VolunteerProfile):
            profile_erase(profile=obj, actor=actor)
        elif isinstance(obj, CampaignSignup):
            signup_erase(signup=obj, actor=actor)
        elif isinstance(obj, Organisation):
            organisation_contact_erase(organisation=obj, actor=actor)
        else:
            organisation_invitation_erase(invitation=obj, actor=actor)
        return Erasure(erased=[f"{match.kind} #{obj.pk}"])
