"""Reads of organisations: the selectors (moved from omzien.volunteering.services.organisations)."""

from collections import defaultdict

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor, EditConflict  # noqa: F401 - re-exported
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.models import (
    Organisation,
    OrganisationInvitation,
    OrganisationMember,
    Vacancy,
)
from omzien.volunteering.permissions import BROKER_ROLES

# What the registering resident (and later the organisation's administrators) fill in.


def organisation_review_list(*, user):
    """Organisations awaiting review in the municipalities where the user is a broker."""
    return (
        Organisation.objects.visible_to(user)
        .filter(
            status=volunteering_constants.OrganisationStatus.PENDING,
            municipality_id__in=user.municipality_ids_for(BROKER_ROLES),
        )
        .select_related("municipality", "locality", "created_by")
        .distinct()
        .order_by("created_at", "pk")
    )


def organisation_review_get(*, user, pk: int) -> Organisation:
    """An organisation the broker may review (any status); 404 for other municipalities."""
    organisation = (
        Organisation.objects.visible_to(user)
        .select_related("municipality", "locality", "created_by", "reviewed_by")
        .filter(pk=pk)
        .distinct()
        .first()
    )
    if organisation is None or not user.has_role_in(organisation.municipality, Role.BROKER):
        raise Http404
    return organisation


def published_vacancies(*, organisation: Organisation):
    today = timezone.localdate()
    return (
        Vacancy.objects.filter(
            organisation=organisation,
            status=volunteering_constants.VacancyStatus.PUBLISHED,
            publish_from__lte=today,
        )
        .filter(Q(publish_until__isnull=True) | Q(publish_until__gte=today))
        .select_related("locality")
        .order_by("-publish_from", "pk")
    )


def organisation_public_get(*, pk: int) -> Organisation:
    """An approved organisation, for everyone; others do not exist to the public."""
    organisation = (
        Organisation.objects.filter(
            pk=pk, status=volunteering_constants.OrganisationStatus.APPROVED
        )
        .select_related("municipality", "locality")
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def organisation_public_list(*, municipality=None):
    qs = Organisation.objects.filter(
        status=volunteering_constants.OrganisationStatus.APPROVED, municipality__is_active=True
    )
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.select_related("municipality", "locality").order_by("name", "pk")


def organisation_dashboard(*, user) -> list[Organisation]:
    """The user's organisations, each with its vacancies, members and open invitations.

    Five queries whatever the number of organisations, vacancies or members.
    """
    memberships = list(
        OrganisationMember.objects.filter(user=user)
        .select_related("organisation__municipality", "organisation__locality")
        .order_by("organisation__name", "organisation_id")
    )
    organisations = []
    for membership in memberships:
        organisation = membership.organisation
        organisation.my_membership = membership
        organisation.is_admin = membership.role == volunteering_constants.MemberRole.ADMIN
        organisations.append(organisation)
    ids = [o.pk for o in organisations]
    if not ids:
        return []
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Vacancy.objects.filter(organisation_id__in=ids)
        .values("organisation_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["organisation_id"]][row["status"]] = row["n"]
    current = defaultdict(list)
    for vacancy in (
        Vacancy.objects.filter(
            organisation_id__in=ids, status__in=volunteering_constants.CURRENT_VACANCY_STATES
        )
        .annotate(
            waiting_responses=Count(
                "responses",
                filter=Q(
                    responses__sent_to_organisation=True,
                    responses__status__in=[
                        volunteering_constants.ResponseStatus.OPEN,
                        volunteering_constants.ResponseStatus.INTRODUCTION,
                    ],
                ),
                distinct=True,
            ),
            active_placements=Count(
                "placements",
                filter=Q(
                    placements__status__in=[
                        volunteering_constants.PlacementStatus.PLANNED,
                        volunteering_constants.PlacementStatus.RUNNING,
                    ]
                ),
                distinct=True,
            ),
        )
        .order_by("status", "title", "pk")
    ):
        current[vacancy.organisation_id].append(vacancy)
    members = defaultdict(list)
    for member in (
        OrganisationMember.objects.filter(organisation_id__in=ids)
        .select_related("user")
        .order_by("user__full_name", "pk")
    ):
        members[member.organisation_id].append(member)
    admin_ids = [o.pk for o in organisations if o.is_admin]
    invitations = defaultdict(list)
    for invitation in OrganisationInvitation.objects.filter(
        organisation_id__in=admin_ids, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("email", "pk"):
        invitations[invitation.organisation_id].append(invitation)
    for organisation in organisations:
        by_status = counts[organisation.pk]
        organisation.vacancy_counts = [
            (value, label, by_status.get(value, 0))
            for value, label in volunteering_constants.VacancyStatus.choices
        ]
        organisation.vacancy_total = sum(by_status.values())
        organisation.current_vacancies = current[organisation.pk]
        organisation.member_list = members[organisation.pk]
        organisation.pending_invitations = invitations[organisation.pk]
    return organisations


def organisation_members(*, organisation: Organisation) -> dict:
    """Members and open invitations of one organisation, for its administrators."""
    return {
        "members": list(
            OrganisationMember.objects.filter(organisation=organisation)
            .select_related("user")
            .order_by("user__full_name", "pk")
        ),
        "invitations": list(
            OrganisationInvitation.objects.filter(
                organisation=organisation,
                accepted_at__isnull=True,
                expires_at__gt=timezone.now(),
            ).order_by("email", "pk")
        ),
    }


def public_contact(organisation: Organisation, vacancy=None) -> dict | None:
    """What the public pages show of the contact person, as the organisation (or, for one
    vacancy, its members) chose: the name with the e-mail address, the phone number or both.
    A vacancy with its own contact person shows theirs; None when nothing is public."""
    own = vacancy is not None and bool(vacancy.contact_name)
    source = vacancy if own else organisation
    choice = (vacancy.contact_public if vacancy is not None else "") or (
        organisation.contact_public
    )
    shown = {
        "name": source.contact_name,
        "email": source.contact_email
        if choice
        in (volunteering_constants.ContactPublic.EMAIL, volunteering_constants.ContactPublic.BOTH)
        else "",
        "phone": source.contact_phone
        if choice
        in (volunteering_constants.ContactPublic.PHONE, volunteering_constants.ContactPublic.BOTH)
        else "",
    }
    if not (shown["email"] or shown["phone"]):
        return None
    return shown
