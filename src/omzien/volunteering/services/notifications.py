"""Whom the volunteer platform notifies of work that waits for them (``omzien.notifications``).

Called by the services inside the transaction of their change. Each piece of work has a key:
a retried request notifies nobody twice, and the service that does the work resolves the key,
so the colleagues' notifications of it are read. A review (of an organisation or a vacancy)
can come round again after it was sent back: the key carries the round (how often the record
entered the status), so a new round notifies again and resolving a round leaves a later one.

The messages name no person: who responded is on the linked page, behind its access rule.
Confirmations and outcomes the volunteer or the organisation only reads (a response was
received, a vacancy was published) stay e-mails (``responses.mail_on_commit``).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.notifications.services import notify, notify_role, resolve
from omzien.volunteering import constants
from omzien.volunteering.models import (
    OrganisationMember,
    OrganisationTransition,
    VacancyTransition,
)
from omzien.volunteering.permissions import BROKER_ROLES


def _members(organisation_id: int, *, admins_only: bool = False) -> list:
    members = OrganisationMember.objects.filter(organisation_id=organisation_id)
    if admins_only:
        members = members.filter(role=constants.MemberRole.ADMIN)
    return [member.user for member in members.select_related("user").order_by("user_id")]


def _to_brokers(municipality, **kwargs) -> None:
    """Work for the brokers of ``municipality``: the message names only the municipality."""
    notify_role(
        municipality=municipality,
        roles=BROKER_ROLES,
        params={"municipality": municipality.name},
        **kwargs,
    )


def _organisation_round(organisation, status: str) -> int:
    return OrganisationTransition.objects.filter(
        organisation_id=organisation.pk, to_status=status
    ).count()


def _vacancy_round(vacancy, status: str) -> int:
    # A vacancy is created as a draft: only a step back to draft is a round of sending back.
    return (
        VacancyTransition.objects.filter(vacancy_id=vacancy.pk, to_status=status)
        .exclude(from_status="")
        .count()
    )


# --- Responses --------------------------------------------------------------------------------


def _response_keys(response) -> tuple[str, str]:
    return f"vacancy_response:{response.pk}", f"vacancy_response_reminder:{response.pk}"


def response_waiting(response, *, reminder: bool = False) -> None:
    """A response reached the organisation (or has waited a week): its members answer it."""
    vacancy = response.vacancy
    new, late = _response_keys(response)
    notify(
        recipients=_members(vacancy.organisation_id),
        kind="vacancy_response_reminder" if reminder else "vacancy_response",
        message=_("A response to your vacancy “%(title)s” has waited a week for your answer.")
        if reminder
        else _("A volunteer responded to your vacancy “%(title)s”: answer them."),
        params={"title": vacancy.title},
        url=reverse("volunteering:vacancy_responses", args=[vacancy.pk]),
        key=late if reminder else new,
        municipality=vacancy.municipality,
    )


def response_handled(response) -> None:
    for key in _response_keys(response):
        resolve(key=key)


def _proposal_key(response) -> str:
    return f"response_proposed:{response.pk}"


def proposal_made(response) -> None:
    """A broker proposed volunteer work: the volunteer (with an account) answers it."""
    profile = response.profile
    if profile.user_id is None:  # an assisted volunteer: the broker answers for them
        return
    vacancy = response.vacancy
    notify(
        recipients=[profile.user],
        kind="response_proposed",
        message=_(
            "The volunteer centre proposes volunteer work to you: “%(title)s” at "
            "%(organisation)s. Say whether you want to respond."
        ),
        params={"title": vacancy.title, "organisation": vacancy.organisation.name},
        url=reverse("volunteering:response_mine"),
        key=_proposal_key(response),
        municipality=vacancy.municipality,
    )


def proposal_answered(response) -> None:
    resolve(key=_proposal_key(response))


# --- Hours -------------------------------------------------------------------------------------


def hours_reviewed(entry) -> None:
    """The organisation corrected or rejected hours the volunteer logged: the volunteer (with
    an account) reads why on their hours page. Approved hours need no message."""
    profile = entry.placement.profile
    if profile.user_id is None:  # an assisted volunteer: the broker keeps their hours
        return
    corrected = entry.status == constants.HoursStatus.CORRECTED
    notify(
        recipients=[profile.user],
        kind="hours_corrected" if corrected else "hours_rejected",
        message=_("%(organisation)s corrected the hours you logged for %(day)s.")
        if corrected
        else _("%(organisation)s did not approve the hours you logged for %(day)s."),
        params={
            "organisation": entry.placement.vacancy.organisation.name,
            "day": entry.date.strftime("%d-%m-%Y"),
        },
        url=reverse("volunteering:hours_mine"),
        key=f"hours_reviewed:{entry.pk}:{entry.status}",
        municipality=entry.placement.vacancy.municipality,
    )


# --- Organisations ------------------------------------------------------------------------------


def _review_key(organisation) -> str:
    round_ = _organisation_round(organisation, constants.OrganisationStatus.PENDING)
    return f"organisation_review:{organisation.pk}:{round_}"


def _rejected_key(organisation) -> str:
    round_ = _organisation_round(organisation, constants.OrganisationStatus.REJECTED)
    return f"organisation_rejected:{organisation.pk}:{round_}"


def organisation_submitted(organisation) -> None:
    """An organisation awaits review: the brokers of its municipality review it."""
    _to_brokers(
        organisation.municipality,
        kind="organisation_review",
        message=_("An organisation in %(municipality)s awaits your review."),
        url=reverse("volunteering:organisation_review", args=[organisation.pk]),
        key=_review_key(organisation),
    )


def organisation_reviewed(organisation) -> None:
    resolve(key=_review_key(organisation))


def organisation_rejected(organisation) -> None:
    """Not approved: the organisation's administrators change the details (the reason is on
    the linked page) and so submit it again."""
    notify(
        recipients=_members(organisation.pk, admins_only=True),
        kind="organisation_rejected",
        message=_(
            "The volunteer broker did not approve your organisation “%(name)s”. Read the "
            "reason and change the details to have it reviewed again."
        ),
        params={"name": organisation.name},
        url=reverse("volunteering:organisation_mine"),
        key=_rejected_key(organisation),
        municipality=organisation.municipality,
    )


def organisation_resubmitted(organisation) -> None:
    resolve(key=_rejected_key(organisation))


# --- Vacancies --------------------------------------------------------------------------------


def _vacancy_key(kind: str, vacancy, status: str) -> str:
    return f"{kind}:{vacancy.pk}:{_vacancy_round(vacancy, status)}"


# What waits for whom in each status of a vacancy, and the page where it is done.
_VACANCY_WORK = {
    constants.VacancyStatus.AWAITING_REVIEW: "vacancy_review",
    constants.VacancyStatus.DRAFT: "vacancy_sent_back",
    constants.VacancyStatus.EXPIRED: "vacancy_expired",
}


def vacancy_left(vacancy, from_status: str) -> None:
    """The vacancy left ``from_status``: the work that status stood for is done."""
    kind = _VACANCY_WORK.get(from_status)
    if kind:
        resolve(key=_vacancy_key(kind, vacancy, from_status))


def vacancy_entered(vacancy, to_status: str) -> None:
    """Notify whoever the vacancy now waits for (called after the step is logged): the brokers
    of a vacancy to review, the members of one sent back to them (only a broker's step leads
    back to draft) or whose publication ended."""
    Status = constants.VacancyStatus
    if to_status == Status.AWAITING_REVIEW:
        _to_brokers(
            vacancy.municipality,
            kind="vacancy_review",
            message=_("A vacancy in %(municipality)s awaits your review."),
            url=reverse("volunteering:vacancy_review", args=[vacancy.pk]),
            key=_vacancy_key("vacancy_review", vacancy, to_status),
        )
        return
    if to_status == Status.DRAFT:
        message = _(
            "The volunteer broker sent your vacancy “%(title)s” back: read the reason, change "
            "it and submit it again."
        )
    elif to_status == Status.EXPIRED:
        message = _(
            "The publication of your vacancy “%(title)s” has ended: publish it again or close it."
        )
    else:
        return
    notify(
        recipients=_members(vacancy.organisation_id),
        kind=_VACANCY_WORK[to_status],
        message=message,
        params={"title": vacancy.title},
        url=reverse("volunteering:vacancy_manage", args=[vacancy.pk]),
        key=_vacancy_key(_VACANCY_WORK[to_status], vacancy, to_status),
        municipality=vacancy.municipality,
    )


# --- Placements -------------------------------------------------------------------------------


def placement_disputed(placement) -> None:
    """The volunteer says the start the organisation confirmed did not happen: the
    organisation sorts it out with them, and the brokers, who follow placements, hear of it."""
    vacancy = placement.vacancy
    key = f"placement_disputed:{placement.pk}"
    notify(
        recipients=_members(vacancy.organisation_id),
        kind="placement_disputed",
        message=_(
            "A volunteer says their start at “%(title)s” did not happen. Contact them and "
            "correct the start if needed."
        ),
        params={"title": vacancy.title},
        url=reverse("volunteering:vacancy_responses", args=[vacancy.pk]),
        key=key,
        municipality=vacancy.municipality,
    )
    _to_brokers(
        vacancy.municipality,
        kind="placement_disputed",
        message=_("A volunteer in %(municipality)s disputes the start of their placement."),
        url=reverse("volunteering:volunteer_detail", args=[placement.profile_id]),
        key=key,
    )


def placement_exception_made(placement) -> None:
    """A broker allowed a placement despite the minimum age or the VOG requirement: the
    organisation learns the volunteer may take part (a one-off task's placement has started),
    and the volunteer with an account that their place is certain."""
    vacancy = placement.vacancy
    key = f"placement_exception:{placement.pk}"
    notify(
        recipients=_members(vacancy.organisation_id),
        kind="placement_exception",
        message=_(
            "The volunteer broker made an exception for a volunteer of “%(title)s”: they may "
            "take part. The reason is on the page."
        ),
        params={"title": vacancy.title},
        url=reverse("volunteering:vacancy_responses", args=[vacancy.pk]),
        key=key,
        municipality=vacancy.municipality,
    )
    profile = placement.profile
    if profile.user_id is not None:
        notify(
            recipients=[profile.user],
            kind="placement_exception",
            message=_("You may take part in “%(title)s”: the volunteer centre arranged it."),
            params={"title": vacancy.title},
            url=reverse("volunteering:response_mine"),
            key=key,
            municipality=vacancy.municipality,
        )


# --- VOG requests and qualifications ------------------------------------------------------------


def vog_requested(request) -> None:
    """An organisation asks the volunteer to request a VOG: the volunteer (their broker, for
    an assisted volunteer) is told where to read what to do."""
    vacancy = request.response.vacancy
    profile = request.profile
    key = f"vog_request:{request.pk}"
    if profile.user_id is not None:
        notify(
            recipients=[profile.user],
            kind="vog_request",
            message=_(
                "%(organisation)s asks you to request a VOG for “%(title)s”. Read what to do."
            ),
            params={"organisation": vacancy.organisation.name, "title": vacancy.title},
            url=reverse("volunteering:vog_mine", args=[profile.pk]),
            key=key,
            municipality=vacancy.municipality,
        )
    else:
        _to_brokers(
            vacancy.municipality,
            kind="vog_request",
            message=_(
                "An organisation asks a volunteer without an account to request a VOG "
                "(%(municipality)s): help them."
            ),
            url=reverse("volunteering:qualification_broker"),
            key=key,
        )


def vog_request_answered(request) -> None:
    """The VOG arrived (the organisation may start the placement) or the request was
    withdrawn: the volunteer's notification of it is read; the members learn of an arrival."""
    resolve(key=f"vog_request:{request.pk}")
    if request.status != constants.VogRequestStatus.RECEIVED:
        return
    vacancy = request.response.vacancy
    notify(
        recipients=_members(vacancy.organisation_id),
        kind="vog_received",
        message=_("A volunteer of “%(title)s” has received the VOG: the placement can start."),
        params={"title": vacancy.title},
        url=reverse("volunteering:vacancy_responses", args=[vacancy.pk]),
        key=f"vog_received:{request.pk}",
        municipality=vacancy.municipality,
    )


def qualification_expiring(qualification, *, days: int, organisation_ids: list[int]) -> None:
    """A qualification expires within ``days``: the volunteer renews it, and the organisations
    where they are placed know (the message names the qualification, not the person)."""
    profile = qualification.profile
    params = {
        "qualification": qualification.label,
        "date": qualification.expires_on.strftime("%d-%m-%Y"),
    }
    if profile.user_id is not None:
        notify(
            recipients=[profile.user],
            kind="qualification_expiring",
            message=_("Your %(qualification)s expires on %(date)s: renew it in time."),
            params=params,
            url=reverse("volunteering:vog_mine", args=[profile.pk]),
            key=f"qualification_expiring:{qualification.pk}:{days}",
            municipality=profile.municipality,
        )
    for organisation_id in organisation_ids:
        notify(
            recipients=_members(organisation_id),
            kind="qualification_expiring",
            message=_("A volunteer's %(qualification)s expires on %(date)s."),
            params=params,
            url=reverse("volunteering:qualification_organisation", args=[organisation_id]),
            key=f"qualification_expiring:{qualification.pk}:{days}:{organisation_id}",
            municipality=profile.municipality,
        )
