"""Reads of the staff administration (accounts.services.staff for the writes)."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.accounts.constants import STAFF_ROLES, Role
from omzien.accounts.models import Membership, StaffInvitation
from omzien.tenants.models import Municipality

User = get_user_model()


def admin_municipalities(user) -> list:
    """The active municipalities ``user`` administers (every one for a superuser), by name."""
    return user.municipalities([Role.MUNICIPALITY_ADMIN])


def admin_municipality_or_404(user, municipality_id) -> Municipality:
    """A municipality ``user`` administers, else 404 (also when it does not exist)."""
    for municipality in admin_municipalities(user):
        if municipality.pk == municipality_id:
            return municipality
    raise Http404


def _with_second_factor(qs):
    return qs.annotate(
        has_second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        | Exists(StaticDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


def _municipality_memberships(municipality):
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(municipality=municipality).order_by("role"),
        to_attr="municipality_memberships",
    )


def staff_list(*, municipality, role: str = "", search: str = "", active: str = ""):
    """The people with a staff role (on or off) in ``municipality``, by name, with their
    memberships there (``municipality_memberships``) and ``has_second_factor``. Bounded: two
    queries a page, whatever the number of people or roles."""
    in_municipality = Membership.objects.filter(
        user=OuterRef("pk"), municipality=municipality, role__in=STAFF_ROLES
    )
    if role:
        in_municipality = in_municipality.filter(role=role, is_active=True)
    if active == "yes":
        in_municipality = in_municipality.filter(is_active=True)
    # A partner key's account (its role is the key's, docs/api.md) is managed with the key.
    qs = User.objects.filter(Exists(in_municipality), api_key__isnull=True)
    if active == "no":
        qs = qs.exclude(
            Exists(
                Membership.objects.filter(
                    user=OuterRef("pk"), municipality=municipality, is_active=True
                )
            )
        )
    search = (search or "").strip()
    if search:
        qs = qs.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    qs = _with_second_factor(qs).prefetch_related(_municipality_memberships(municipality))
    return qs.order_by("full_name", "email", "pk")


def staff_person_get(*, municipality, pk: int):
    """A person with a membership (any role) of ``municipality``, else 404."""
    qs = User.objects.filter(
        Exists(Membership.objects.filter(user=OuterRef("pk"), municipality=municipality))
    )
    qs = _with_second_factor(qs).prefetch_related(_municipality_memberships(municipality))
    person = qs.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def open_invitations(*, municipality):
    """The invitations of ``municipality`` neither accepted nor cancelled, newest first: the
    pending ones and the expired ones to send again (``is_expired``)."""
    return (
        StaffInvitation.objects.filter(
            municipality=municipality, accepted_at__isnull=True, cancelled_at__isnull=True
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )
