"""Reads of referrals: the consultants' queue of incoming referrals, what a referrer sent, and
the carers an incoming referral may be linked to. The writes are in ``services.referrals``."""

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Q, Value, When

from omzien.accounts.constants import Role
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import Caregiver, IncomingReferral, Referral
from omzien.caregivers.permissions import consultant_municipalities
from omzien.caregivers.services.caregivers import caregiver_find_duplicates
from omzien.common.services import Actor
from omzien.common.text import fold
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.tenants.query import get_visible_or_404


def referrer_municipalities(user) -> list:
    """The municipalities a user may refer carers to (their referrer memberships)."""
    return user.municipalities((Role.REFERRER,))


def incoming_page(*, actor: Actor, page_number, per_page: int, **filters) -> Page:
    """One page of the incoming referrals (``incoming_queue`` with ``filters``); the read is
    audited with the referrals it shows."""
    page = Paginator(incoming_queue(user=actor.user, **filters), per_page).get_page(page_number)
    audit_read(
        actor,
        reason="incoming referrals list",
        shown=page.object_list,
        municipalities=consultant_municipalities(actor.user),
        extra={"page": page.number},
    )
    return page


def incoming_get(*, actor: Actor, pk: int) -> IncomingReferral:
    """One incoming referral for a consultant of its municipality (404 otherwise), with the
    read written to the audit trail."""
    incoming = get_visible_or_404(
        IncomingReferral.objects.select_related(
            "municipality", "submitted_by", "handled_by", "caregiver"
        ),
        actor.user,
        pk=pk,
    )
    audit_by(AuditAction.VIEW, incoming, actor)
    return incoming


MINE, UNHANDLED = "mine", "unhandled"


def incoming_queue(*, user, status: str = "", handler: str = "", q: str = ""):
    """Incoming referrals for the consultant: new ones first, the newest first; filtered by
    status, by who handled them (``MINE``: the viewer; ``UNHANDLED``: nobody yet) and by the
    carer's name."""
    qs = IncomingReferral.objects.visible_to(user).select_related(
        "municipality", "submitted_by", "handled_by"
    )
    if status:
        qs = qs.filter(status=status)
    if handler == MINE:
        qs = qs.filter(handled_by=user)
    elif handler == UNHANDLED:
        qs = qs.filter(handled_by__isnull=True)
    for word in q.split()[:4]:
        qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return qs.annotate(
        is_new=Case(
            When(status=caregivers_constants.IncomingStatus.NEW, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("is_new", "-created_at", "-pk")


def incoming_mine(*, user):
    """What a referrer sent, and nothing else: only rows they submitted themselves."""
    return (
        IncomingReferral.objects.owned_by(user)
        .select_related("municipality")
        .only(
            "pk",
            "municipality__name",
            "first_name",
            "last_name",
            "suggested_target",
            "status",
            "created_at",
            "handled_at",
        )
        .order_by("-created_at", "-pk")
    )


def incoming_candidates(*, incoming: IncomingReferral, user, q: str = "") -> list[Caregiver]:
    """Registered carers of the referral's municipality the consultant may link it to.

    Without a search: the likely duplicates (same name, date of birth and postcode) and
    carers with the same name. With a search: name or postcode matches.
    """
    base = (
        Caregiver.objects.visible_to(user)
        .registered()
        .filter(municipality_id=incoming.municipality_id)
        .select_related("locality")
        .order_by("last_name", "first_name", "pk")
    )
    words = fold(q).split()[:4] if q else [fold(incoming.first_name), fold(incoming.last_name)]
    for word in words:
        base = base.filter(Q(search_name__contains=word) | Q(postcode__icontains=word))
    found = list(base[:20])
    if not q and user.has_role_in(incoming.municipality, Role.CONSULTANT):
        exact = caregiver_find_duplicates(
            municipality=incoming.municipality,
            first_name=incoming.first_name,
            last_name=incoming.last_name,
            date_of_birth=incoming.date_of_birth,
            postcode=incoming.postcode,
        )
        seen = {carer.pk for carer in found}
        found = [carer for carer in exact if carer.pk not in seen] + found
    return found


def referral_statuses(*, user):
    """The referrals of the carers of the consultant's municipalities with their outcome only
    (the status a welfare organisation's system follows through the API)."""
    return (
        Referral.objects.visible_to(user)
        .only("pk", "caregiver_id", "target", "referred_on", "outcome", "updated_at")
        .order_by("-pk")
    )
