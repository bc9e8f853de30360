"""The accounts' provider for access, rectification and erasure requests (``privacy.rights``;
registered in apps.py). A person is found as an account (``user:<pk>``) with a membership in
the municipality, by e-mail address (an account holds no date of birth)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import STAFF_ROLES
from omzien.accounts.models import Membership, StaffInvitation
from omzien.accounts.services import membership_erase, user_erase
from omzien.privacy.rights import (
    Erasure,
    Hold,
    KindsProvider,
    Match,
    Record,
    account_kind,
    records_of,
)

NAME = "accounts"
User = get_user_model()


def _invitations(user, municipality):
    return StaffInvitation.objects.filter(
        municipality=municipality, email__iexact=user.email
    ).order_by("pk")


def _account_records(match: Match) -> list[Record]:
    user = match.obj
    # The memberships of this municipality only: another municipality answers for its own.
    return (
        records_of([user])
        + records_of(
            Membership.objects.filter(user=user, municipality=match.municipality)
            .select_related("municipality")
            .order_by("pk")
        )
        + records_of(_invitations(user, match.municipality))
    )


def _account_erase(match: Match, actor) -> Erasure:
    user = match.obj
    label = f"{match.kind} #{user.pk}"
    if (
        user.is_superuser
        or Membership.objects.filter(user=user, role__in=STAFF_ROLES, is_active=True).exists()
    ):
        return Erasure(
            holds=[
                Hold(
                    record=label,
                    reason=str(
                        _(
                            "A staff account: the municipality keeps it while the person "
                            "holds the role, for the accountability of what they did with "
                            "personal data (AVG art. 5(2)); it ends with the role."
                        )
                    ),
                )
            ]
        )
    _invitations(user, match.municipality).delete()
    if user.memberships.exclude(municipality=match.municipality).exists():
        membership_erase(user=user, actor=actor, municipality=match.municipality)
        return Erasure(
            erased=[str(_("Memberships of the municipality")) + f" ({label})"],
            holds=[
                Hold(
                    record=label,
                    reason=str(
                        _(
                            "The account is also used in another municipality: it stays "
                            "for that municipality, which answers a request for its own "
                            "part."
                        )
                    ),
                )
            ],
        )
    user_erase(user=user, actor=actor, municipality=match.municipality)
    return Erasure(erased=[label])


class AccountsProvider(KindsProvider):
    name = NAME
    label = _("Accounts")
    # StaffInvitation: the invitations sent to the account's address in the municipality.
    models = (User, Membership, StaffInvitation)
    kinds = (
        account_kind(
            label=_("Account"),
            rows=lambda municipality: User.objects.filter(
                memberships__municipality=municipality
            ).distinct(),
            export=_account_records,
            erase=_account_erase,
        ),
    )
