"""The reads of referrals: the broker's incoming list and one referral (audited), and what a
client manager sent (their own rows, status only)."""

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Value, When

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by, audit_read
from omzien.privacy.constants import AuditAction
from omzien.tenants.query import get_visible_or_404
from omzien.trajectories import constants
from omzien.trajectories.models import Referral


def referrer_municipalities(user) -> list:
    """The municipalities a user may refer residents to (their referrer memberships)."""
    return user.municipalities((Role.REFERRER,))


def referral_page(*, actor: Actor, page_number, per_page: int) -> Page:
    """The incoming referrals: new ones first, the newest first (audited with what it shows)."""
    rows = (
        Referral.objects.visible_to(actor.user)
        .filter(anonymised_at__isnull=True)
        .select_related("submitted_by", "trajectory")
        .annotate(
            is_new=Case(
                When(status=constants.ReferralStatus.NEW, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_new", "-created_at", "-pk")
    )
    page = Paginator(rows, per_page).get_page(page_number)
    audit_read(
        actor,
        reason="trajectory referrals list",
        shown=page.object_list,
        municipalities=actor.user.municipalities((Role.BROKER,)),
        extra={"page": page.number},
    )
    return page


def referral_get(*, actor: Actor, pk: int) -> Referral:
    referral = get_visible_or_404(
        Referral.objects.select_related("municipality", "submitted_by", "handled_by", "trajectory"),
        actor.user,
        pk=pk,
    )
    audit_by(AuditAction.VIEW, referral, actor)
    return referral


def referrals_mine(*, user):
    """What a client manager sent, and nothing else: their own rows, the status only."""
    return (
        Referral.objects.owned_by(user)
        .select_related("municipality")
        .only("pk", "municipality__name", "full_name", "kind", "status", "created_at", "handled_at")
        .order_by("-created_at", "-pk")
    )


def new_referral_count(*, user) -> int:
    return Referral.objects.visible_to(user).filter(status=constants.ReferralStatus.NEW).count()
