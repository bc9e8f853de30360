"""How the authorization walk (ui/tests/test_authorization.py) requests accounts' URLs."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.accounts.tests.factories import StaffInvitationFactory, UserFactory
from omzien.accounts.tokens import email_verification_token
from omzien.ui.tests.access import Page, action


def _uid(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def build(side) -> None:
    side.newcomer = UserFactory(is_active=False)  # signed up, address not confirmed yet
    side.forgetful = UserFactory()  # asked for a new password
    side.verify_token = email_verification_token.make_token(side.newcomer)
    side.reset_token = default_token_generator.make_token(side.forgetful)
    # Staff administration: the side's broker, and an open invitation of its municipality.
    side.broker_membership = Membership.objects.get(
        user=side.broker, municipality=side.municipality, role=Role.BROKER
    )
    side.staff_invitation_token = f"walk-{side.name}-token"
    side.staff_invitation = StaffInvitationFactory(
        municipality=side.municipality, token=side.staff_invitation_token
    )


def _person(side) -> dict:
    return {"municipality_id": side.municipality.pk, "pk": side.broker.pk}


PAGES = {
    # Logged-in users are sent on to My Omzien.
    "accounts:sign_up": Page(signed_in=302),
    "accounts:sign_up_done": Page(),
    "accounts:verify_email": Page(
        kwargs=lambda s: {"uidb64": _uid(s.newcomer), "token": s.verify_token}
    ),
    "accounts:settings": Page(),
    "accounts:logout": action(),
    "accounts:password_reset": Page(),
    "accounts:password_reset_done": Page(),
    # A valid link moves on to its set-password address (Django keeps the token out of it).
    "accounts:password_reset_confirm": Page(
        kwargs=lambda s: {"uidb64": _uid(s.forgetful), "token": s.reset_token}, success=302
    ),
    "accounts:password_reset_complete": Page(),
    "accounts:password_change": Page(),
    "accounts:staff_list": Page(),
    "accounts:staff_invite": Page(lambda s: {"municipality_id": s.municipality.pk}),
    "accounts:staff_invitation_resend": action(lambda s: {"pk": s.staff_invitation.pk}),
    "accounts:staff_invitation_cancel": action(lambda s: {"pk": s.staff_invitation.pk}),
    "accounts:staff_person": Page(_person),
    "accounts:staff_role_grant": action(_person, data=lambda s: {"role": Role.CONSULTANT}),
    "accounts:staff_role_revoke": action(lambda s: {"pk": s.broker_membership.pk}),
    "accounts:staff_deactivate": action(_person),
    "accounts:staff_two_factor_reset": action(_person, data=lambda s: {"reason": "Walk"}),
    "accounts:staff_invitation": Page(lambda s: {"token": s.staff_invitation_token}),
}
