"""How the authorization walk (ui/tests/test_authorization.py) requests accounts' URLs."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from omzien.accounts.tests.factories import UserFactory
from omzien.accounts.tokens import email_verification_token
from omzien.ui.tests.access import Page, action


def _uid(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def build(side) -> None:
    side.newcomer = UserFactory(is_active=False)  # signed up, address not confirmed yet
    side.forgetful = UserFactory()  # asked for a new password
    side.verify_token = email_verification_token.make_token(side.newcomer)
    side.reset_token = default_token_generator.make_token(side.forgetful)


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
}
