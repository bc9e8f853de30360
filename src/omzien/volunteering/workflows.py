"""The status workflows of the volunteer platform, on the shared workflow abstraction.

Each table says which status may follow which and who may take the step; the services take
every step through ``check`` and ``record`` (see ``omzien.common.workflow``), so nothing else
changes a status.
"""

from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.common.workflow import SYSTEM, Step, Workflow
from omzien.volunteering.constants import (
    HoursStatus,
    OrganisationStatus,
    PlacementStatus,
    ResponseStatus,
    VacancyStatus,
    VogRequestStatus,
)
from omzien.volunteering.models import (
    HoursEntry,
    HoursTransition,
    Organisation,
    OrganisationTransition,
    Placement,
    PlacementTransition,
    ResponseTransition,
    Vacancy,
    VacancyResponse,
    VacancyTransition,
    VogRequest,
    VogRequestTransition,
)
from omzien.volunteering.permissions import is_member

# The parties.
MEMBER = "member"  # a member of the (vacancy's) organisation
BROKER = "broker"  # a volunteer broker of the record's municipality
VOLUNTEER = "volunteer"  # the volunteer (or a broker, for an assisted volunteer)
MEMBER_OR_BROKER = "member_or_broker"  # either of the first two (one step, two services)

__all__ = [
    "BROKER",
    "MEMBER",
    "MEMBER_OR_BROKER",
    "SYSTEM",
    "VOLUNTEER",
    "ORGANISATION",
    "VACANCY",
    "RESPONSE",
    "PLACEMENT",
    "HOURS",
    "VOG_REQUEST",
]


# --- Organisations ---------------------------------------------------------------------------


def _member_of_organisation(organisation: Organisation, user) -> bool:
    return is_member(user, organisation.pk)


def _broker_of_organisation(organisation: Organisation, user) -> bool:
    return user.has_role_in(organisation.municipality, Role.BROKER)


# A broker of the municipality reviews a registered organisation once; a rejected organisation
# whose members change its details is reviewed again.
ORGANISATION = Workflow(
    model=Organisation,
    log=OrganisationTransition,
    parties={MEMBER: _member_of_organisation, BROKER: _broker_of_organisation},
    steps=[
        Step(
            OrganisationStatus.PENDING,
            OrganisationStatus.APPROVED,
            BROKER,
            _("Approve the organisation"),
        ),
        Step(
            OrganisationStatus.PENDING,
            OrganisationStatus.REJECTED,
            BROKER,
            _("Do not approve"),
            note_required=True,
        ),
        Step(
            OrganisationStatus.REJECTED,
            OrganisationStatus.PENDING,
            MEMBER,
            _("Submit for review"),
        ),
    ],
    refused=_("An organisation that is “%(from)s” cannot become “%(to)s”."),
    # A review expects the organisation to await review: another broker may have been first.
    stale=_("This organisation has already been reviewed: it is now “%(status)s”."),
    note_required=_("Give the reason, so the organisation knows why."),
)


# --- Vacancies -------------------------------------------------------------------------------


def _member_of_vacancy(vacancy: Vacancy, user) -> bool:
    return is_member(user, vacancy.organisation_id)


def _broker_of_vacancy(vacancy: Vacancy, user) -> bool:
    return user.has_role_in(vacancy.municipality, Role.BROKER)


_close = _("Close the vacancy")
_republish = _("Publish again")

VACANCY = Workflow(
    model=Vacancy,
    log=VacancyTransition,
    parties={MEMBER: _member_of_vacancy, BROKER: _broker_of_vacancy},
    steps=[
        Step(VacancyStatus.DRAFT, VacancyStatus.AWAITING_REVIEW, MEMBER, _("Submit for review")),
        Step(VacancyStatus.AWAITING_REVIEW, VacancyStatus.PUBLISHED, BROKER, _("Publish")),
        Step(
            VacancyStatus.AWAITING_REVIEW,
            VacancyStatus.DRAFT,
            BROKER,
            _("Send back to the organisation"),
            note_required=True,
        ),
        Step(
            VacancyStatus.PUBLISHED,
            VacancyStatus.DRAFT,
            BROKER,
            _("Take offline and send back"),
            note_required=True,
        ),
        Step(VacancyStatus.PUBLISHED, VacancyStatus.FILLED, MEMBER, _("Mark as filled")),
        Step(VacancyStatus.FILLED, VacancyStatus.PUBLISHED, MEMBER, _republish),
        Step(VacancyStatus.EXPIRED, VacancyStatus.PUBLISHED, MEMBER, _republish),
        Step(VacancyStatus.PUBLISHED, VacancyStatus.EXPIRED, SYSTEM, _("Expire")),
        Step(VacancyStatus.DRAFT, VacancyStatus.CLOSED, MEMBER, _close),
        Step(VacancyStatus.AWAITING_REVIEW, VacancyStatus.CLOSED, MEMBER, _close),
        Step(VacancyStatus.PUBLISHED, VacancyStatus.CLOSED, MEMBER, _close),
        Step(VacancyStatus.FILLED, VacancyStatus.CLOSED, MEMBER, _close),
        Step(VacancyStatus.EXPIRED, VacancyStatus.CLOSED, MEMBER, _close),
    ],
    refused=_("A vacancy that is “%(from)s” cannot become “%(to)s”."),
    note_required=_("Give the reason, so the organisation knows what to change."),
)
# A vacancy goes to review or online only for an organisation the broker has approved.
NEEDS_APPROVED_ORGANISATION = frozenset({VacancyStatus.AWAITING_REVIEW, VacancyStatus.PUBLISHED})


# --- Responses -------------------------------------------------------------------------------


def _member_of_response(response: VacancyResponse, user) -> bool:
    return is_member(user, response.vacancy.organisation_id)


def _volunteer_of_response(response: VacancyResponse, user) -> bool:
    profile = response.profile
    if profile.user_id is not None:
        return profile.user_id == user.pk
    # An assisted volunteer without an account: the broker acts on their behalf.
    return user.has_role_in(response.municipality, Role.BROKER)


_withdraw = _("Withdraw my response")
_accept = _("Accept")
_decline = _("Decline")

RESPONSE = Workflow(
    model=VacancyResponse,
    log=ResponseTransition,
    log_parent="response",
    parties={MEMBER: _member_of_response, VOLUNTEER: _volunteer_of_response},
    steps=[
        Step(ResponseStatus.PROPOSED, ResponseStatus.OPEN, VOLUNTEER, _("Agree to the proposal")),
        Step(
            ResponseStatus.PROPOSED,
            ResponseStatus.WITHDRAWN,
            VOLUNTEER,
            _("Say no to the proposal"),
        ),
        Step(
            ResponseStatus.OPEN, ResponseStatus.INTRODUCTION, MEMBER, _("Invite to an introduction")
        ),
        Step(ResponseStatus.OPEN, ResponseStatus.ACCEPTED, MEMBER, _accept),
        Step(ResponseStatus.INTRODUCTION, ResponseStatus.ACCEPTED, MEMBER, _accept),
        Step(ResponseStatus.OPEN, ResponseStatus.DECLINED, MEMBER, _decline, note_required=True),
        Step(
            ResponseStatus.INTRODUCTION,
            ResponseStatus.DECLINED,
            MEMBER,
            _decline,
            note_required=True,
        ),
        Step(ResponseStatus.OPEN, ResponseStatus.WITHDRAWN, VOLUNTEER, _withdraw),
        Step(ResponseStatus.INTRODUCTION, ResponseStatus.WITHDRAWN, VOLUNTEER, _withdraw),
        Step(ResponseStatus.OPEN, ResponseStatus.NO_REPLY, SYSTEM, _("No reply")),
    ],
    refused=_("A response that is “%(from)s” cannot become “%(to)s”."),
    stale=_(
        "Someone else already changed this response: it is now “%(status)s”. Nothing was changed."
    ),
    note_required=_("Give the reason, so the volunteer knows why."),
)
# Statuses in which the organisation has answered the volunteer.
ANSWERED = frozenset(
    {ResponseStatus.INTRODUCTION, ResponseStatus.ACCEPTED, ResponseStatus.DECLINED}
)


# --- Placements ------------------------------------------------------------------------------


def _member_of_placement(placement: Placement, user) -> bool:
    return is_member(user, placement.vacancy.organisation_id)


def _broker_of_placement(placement: Placement, user) -> bool:
    return user.has_role_in(placement.municipality, Role.BROKER)


def _member_or_broker_of_placement(placement: Placement, user) -> bool:
    return _member_of_placement(placement, user) or _broker_of_placement(placement, user)


_end = _("End the placement")

# A placement is created by accepting a response (``log_step`` from "": planned, on the
# waiting list when the places are taken, or running for a one-off task). The volunteer and
# the system take no step: the volunteer's answer about the start changes no status.
PLACEMENT = Workflow(
    model=Placement,
    log=PlacementTransition,
    parties={
        MEMBER: _member_of_placement,
        BROKER: _broker_of_placement,
        MEMBER_OR_BROKER: _member_or_broker_of_placement,
    },
    steps=[
        Step(
            PlacementStatus.WAITING_LIST,
            PlacementStatus.PLANNED,
            MEMBER,
            _("Move up from the waiting list"),
        ),
        # The organisation confirms the start (placement_confirm_start); a broker's exception
        # starts a one-off task that waited only for it (placement_override).
        Step(
            PlacementStatus.PLANNED,
            PlacementStatus.RUNNING,
            MEMBER_OR_BROKER,
            _("Confirm the volunteer has started"),
        ),
        Step(PlacementStatus.WAITING_LIST, PlacementStatus.ENDED, MEMBER, _end),
        Step(PlacementStatus.PLANNED, PlacementStatus.ENDED, MEMBER, _end),
        Step(PlacementStatus.RUNNING, PlacementStatus.ENDED, MEMBER, _end),
    ],
    refused=_("A placement that is “%(from)s” cannot become “%(to)s”."),
)


# --- Hours -----------------------------------------------------------------------------------


def _member_of_hours(entry: HoursEntry, user) -> bool:
    return is_member(user, entry.placement.vacancy.organisation_id)


# Hours are created submitted (logged by the volunteer) or approved (recorded by the
# organisation, ``log_step`` from ""). The organisation reviews what the volunteer logged: a
# correction keeps the volunteer's hours beside the organisation's and says why, as does a
# rejection.
HOURS = Workflow(
    model=HoursEntry,
    log=HoursTransition,
    log_parent="entry",
    parties={MEMBER: _member_of_hours},
    steps=[
        Step(HoursStatus.SUBMITTED, HoursStatus.APPROVED, MEMBER, _("Approve")),
        Step(
            HoursStatus.SUBMITTED,
            HoursStatus.CORRECTED,
            MEMBER,
            _("Correct the hours"),
            note_required=True,
        ),
        Step(HoursStatus.SUBMITTED, HoursStatus.REJECTED, MEMBER, _("Reject"), note_required=True),
    ],
    refused=_("Hours that are “%(from)s” cannot become “%(to)s”."),
    stale=_("Someone else already reviewed these hours: they are now “%(status)s”."),
    note_required=_("Give the reason, so the volunteer knows why."),
)


# --- VOG requests ----------------------------------------------------------------------------


def _member_of_vog_request(request: VogRequest, user) -> bool:
    return is_member(user, request.response.vacancy.organisation_id)


def _volunteer_of_vog_request(request: VogRequest, user) -> bool:
    """The volunteer; for an assisted volunteer (no account) a broker of the municipality."""
    profile = request.profile
    if profile.user_id is not None:
        return user is not None and user.pk == profile.user_id
    return bool(user and user.has_role_in(request.municipality, Role.BROKER))


# An organisation asks a selected volunteer to request a VOG (created ``requested``,
# ``log_step`` from ""). The volunteer records the issue date when it arrives (received); the
# organisation withdraws a request it no longer needs.
VOG_REQUEST = Workflow(
    model=VogRequest,
    log=VogRequestTransition,
    log_parent="request",
    parties={MEMBER: _member_of_vog_request, VOLUNTEER: _volunteer_of_vog_request},
    steps=[
        Step(
            VogRequestStatus.REQUESTED,
            VogRequestStatus.RECEIVED,
            VOLUNTEER,
            _("Record the issue date of the VOG"),
        ),
        Step(
            VogRequestStatus.REQUESTED,
            VogRequestStatus.WITHDRAWN,
            MEMBER,
            _("Withdraw the VOG request"),
        ),
    ],
    refused=_("A VOG request that is “%(from)s” cannot become “%(to)s”."),
    stale=_("Someone else already changed this VOG request: it is now “%(status)s”."),
)
