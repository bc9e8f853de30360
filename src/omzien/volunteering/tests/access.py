"""How the authorization walk (ui/tests/test_authorization.py) requests the volunteering URLs."""

import datetime
import secrets

from django.utils import timezone

from omzien.common.services import Actor
from omzien.ui.tests.access import Page, action
from omzien.volunteering import constants
from omzien.volunteering.models import Campaign, OrganisationInvitation, Placement
from omzien.volunteering.services.organisations import _token_hash
from omzien.volunteering.services.profiles import profile_invite_owner
from omzien.volunteering.tests.factories import (
    HoursEntryFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    QualificationFactory,
    ResponseFactory,
    VacancyFactory,
    VogRequestFactory,
    VolunteerProfileFactory,
)


def build(side) -> None:
    municipality = side.municipality
    today = timezone.localdate()
    side.organisation = OrganisationFactory(municipality=municipality)
    OrganisationMemberFactory(organisation=side.organisation, user=side.member)
    side.colleague = OrganisationMemberFactory(
        organisation=side.organisation, role=constants.MemberRole.MEMBER
    )
    side.invitation_token = secrets.token_urlsafe(32)
    side.invitation = OrganisationInvitation.objects.create(
        organisation=side.organisation,
        email=f"nieuw-{side.name}@example.org",
        token_hash=_token_hash(side.invitation_token),
        invited_by=side.member,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    side.vacancy = VacancyFactory(organisation=side.organisation)
    side.profile = VolunteerProfileFactory(municipality=municipality, user=side.resident)
    side.response = ResponseFactory(vacancy=side.vacancy, profile=side.profile)
    # A placement comes from an accepted response (one per vacancy and volunteer).
    placed = ResponseFactory(
        vacancy=VacancyFactory(organisation=side.organisation),
        profile=side.profile,
        status=constants.ResponseStatus.ACCEPTED,
    )
    side.placement = Placement.objects.create(
        response=placed,
        vacancy=placed.vacancy,
        profile=side.profile,
        municipality=municipality,
        status=constants.PlacementStatus.RUNNING,
        start_date=today,
    )
    side.check_in = side.placement.check_ins.create(due_on=today)
    side.hours = HoursEntryFactory(placement=side.placement, date=today)
    # A profile the broker keeps for a resident without an account, and its hand-over link.
    side.assisted = VolunteerProfileFactory(
        municipality=municipality, user=None, email=f"zonder-account-{side.name}@example.org"
    )
    link = profile_invite_owner(profile=side.assisted, actor=Actor(user=side.broker))
    side.claim_token = link.rstrip("/").rsplit("/", 1)[-1]
    # VOG requests: of the resident (answered by them) and of the assisted volunteer (answered
    # by the broker); a certificate of the resident.
    side.vog_request = VogRequestFactory(response=placed)
    side.assisted_vog_request = VogRequestFactory(
        response=ResponseFactory(
            vacancy=side.vacancy, profile=side.assisted, status=constants.ResponseStatus.ACCEPTED
        )
    )
    side.qualification = QualificationFactory(profile=side.profile)
    side.campaign = Campaign.objects.create(
        municipality=municipality,
        name=f"NL Doet {side.name}",
        kind=constants.CampaignKind.NL_DOET,
        description="Klussen op één dag.",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        is_public=True,
    )


def _organisation(side) -> dict:
    return {"pk": side.organisation.pk}


def _vacancy(side) -> dict:
    return {"pk": side.vacancy.pk}


def _profile(side) -> dict:
    return {"pk": side.profile.pk}


def _assisted(side) -> dict:
    return {"pk": side.assisted.pk}


def _placement(side) -> dict:
    return {"pk": side.placement.pk}


def _campaign(side) -> dict:
    return {"pk": side.campaign.pk}


def _chosen_vacancy(side) -> dict:
    return {"vacancy": side.vacancy.pk}


PAGES = {
    # Public.
    "volunteering:organisation_public_list": Page(),
    "volunteering:organisation_public": Page(_organisation),
    "volunteering:vacancy_search": Page(),
    "volunteering:vacancy_search_localities": Page(),
    "volunteering:vacancy_detail": Page(_vacancy),
    "volunteering:campaign_public_list": Page(),
    "volunteering:campaign_public": Page(_campaign),
    "volunteering:campaign_thanks": Page(_campaign),
    "volunteering:organisation_invitation": Page(lambda s: {"token": s.invitation_token}),
    "volunteering:profile_claim": Page(lambda s: {"token": s.claim_token}),
    # Residents: their own profile and responses.
    "volunteering:profile_mine": Page(),
    # The resident already has a profile in their municipality: sent to it.
    "volunteering:profile_create": Page(lambda s: {"municipality": s.municipality.pk}, success=302),
    "volunteering:profile_edit": Page(_profile),
    "volunteering:profile_pause": action(_profile),
    "volunteering:profile_delete": Page(_profile),
    "volunteering:suggestion_hide": action(_profile, data=_chosen_vacancy),
    "volunteering:suggestion_show_hidden": action(_profile),
    "volunteering:response_create": Page(_vacancy),
    "volunteering:response_mine": Page(),
    "volunteering:response_volunteer_status": action(lambda s: {"pk": s.response.pk}),
    "volunteering:placement_volunteer_answer": action(_placement),
    "volunteering:organisation_register": Page(),
    # Organisation members: their organisation's records.
    "volunteering:organisation_mine": Page(),
    "volunteering:organisation_edit": Page(_organisation),
    "volunteering:organisation_members": Page(_organisation),
    "volunteering:organisation_member_role": action(
        lambda s: {"pk": s.organisation.pk, "member": s.colleague.pk}
    ),
    "volunteering:organisation_member_remove": action(
        lambda s: {"pk": s.organisation.pk, "member": s.colleague.pk}
    ),
    "volunteering:organisation_invitation_cancel": action(
        lambda s: {"pk": s.organisation.pk, "invitation": s.invitation.pk}
    ),
    "volunteering:organisation_leave": Page(_organisation),
    "volunteering:vacancy_mine": Page(),
    "volunteering:response_waiting": Page(),
    "volunteering:vacancy_create": Page(lambda s: {"organisation": s.organisation.pk}),
    "volunteering:vacancy_manage": Page(_vacancy),
    "volunteering:vacancy_edit": Page(_vacancy),
    "volunteering:vacancy_status": action(_vacancy),
    "volunteering:vacancy_responses": Page(_vacancy),
    "volunteering:vacancy_volunteers": Page(_vacancy),
    "volunteering:response_status": action(lambda s: {"pk": s.response.pk}),
    "volunteering:placement_start_date": action(_placement),
    "volunteering:placement_start": action(_placement),
    "volunteering:placement_end": action(_placement),
    "volunteering:placement_move_up": action(_placement),
    "volunteering:check_in_done": action(lambda s: {"pk": s.check_in.pk}),
    # Brokers: their municipality's records.
    "volunteering:work_queue": Page(),
    "volunteering:queue_welcomed": action(_profile),
    "volunteering:queue_check_in_done": action(lambda s: {"pk": s.check_in.pk}),
    "volunteering:figures": Page(),
    "volunteering:organisation_review_list": Page(),
    "volunteering:organisation_review": Page(_organisation),
    "volunteering:organisation_approve": action(_organisation),
    "volunteering:vacancy_review_list": Page(),
    "volunteering:vacancy_review": Page(_vacancy),
    "volunteering:broker_vacancy_responses": Page(_vacancy),
    "volunteering:broker_propose_picker": Page(_vacancy),
    "volunteering:broker_record_agreement": action(lambda s: {"pk": s.response.pk}),
    "volunteering:placement_override": action(_placement),
    "volunteering:volunteer_list": Page(),
    "volunteering:volunteer_new": Page(),
    "volunteering:volunteer_detail": Page(_profile),
    "volunteering:volunteer_propose": action(_profile, data=_chosen_vacancy),
    "volunteering:volunteer_edit": Page(_assisted),
    "volunteering:volunteer_pause": action(_assisted),
    "volunteering:volunteer_invite": action(_assisted),
    "volunteering:volunteer_delete": Page(_assisted),
    "volunteering:campaign_list": Page(),
    "volunteering:campaign_create": Page(),
    "volunteering:campaign_manage": Page(_campaign),
    "volunteering:campaign_edit": Page(_campaign),
    "volunteering:campaign_add_task": action(_campaign),
    "volunteering:campaign_remove_task": action(_campaign),
    "volunteering:campaign_signups": Page(_campaign),
    # Hours: the volunteer's own placements, the organisation's, the broker's municipality.
    "volunteering:hours_mine": Page(),
    "volunteering:hours_log": Page(_placement),
    "volunteering:hours_inbox": Page(),
    "volunteering:hours_review": Page(lambda s: {"pk": s.hours.pk}),
    "volunteering:hours_group": Page(_vacancy),
    "volunteering:hours_organisation": Page(_organisation),
    "volunteering:hours_organisation_export": Page(_organisation),
    "volunteering:hours_broker": Page(),
    "volunteering:hours_broker_export": Page(),
    # Allowances: the organisation's placements; the maxima for the functional administrator.
    "volunteering:allowance_placement": Page(_placement),
    "volunteering:allowance_organisation": Page(_organisation),
    "volunteering:volunteering_settings": Page(),
    # VOG and certificates: the resident's own, the organisation's responses and volunteers,
    # the broker's municipality (the receive action: an assisted volunteer's request).
    "volunteering:vog_mine": Page(_profile),
    "volunteering:qualification_remove": action(lambda s: {"pk": s.qualification.pk}),
    "volunteering:vog_request_start": Page(lambda s: {"pk": s.response.pk}),
    "volunteering:vog_request_withdraw": action(lambda s: {"pk": s.vog_request.pk}),
    "volunteering:qualification_organisation": Page(_organisation),
    "volunteering:qualification_broker": Page(),
    "volunteering:broker_vog_request_receive": action(lambda s: {"pk": s.assisted_vog_request.pk}),
}
