import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction

SESSION_KEY = "omzien_last_activity"
# When the user logged in (epoch seconds); the session ends a fixed time later, however active.
LOGIN_AT_SESSION_KEY = "omzien_login_at"


def _role_key(user) -> str:
    return "staff" if user.is_staff_member else "default"


def idle_timeout_seconds(user) -> int:
    return int(settings.OMZIEN_IDLE_TIMEOUT_MINUTES[_role_key(user)]) * 60


def session_lifetime_seconds(user) -> int:
    """How long a session may last from the login, whatever the activity."""
    return int(settings.OMZIEN_SESSION_LIFETIME_HOURS[_role_key(user)]) * 3600


def record_login_time(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver: the start of the session's absolute lifetime."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT_SESSION_KEY] = now
        request.session[SESSION_KEY] = now


class IdleTimeoutMiddleware:
    """End a session that has been idle longer than the user's roles allow, or that has lasted
    longer than its absolute lifetime.

    The idle check writes the session once a minute, which also renews the session cookie; the
    absolute lifetime, counted from the login, is what makes an active session end at last.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            login_at = request.session.get(LOGIN_AT_SESSION_KEY)
            if login_at is None:
                # A session from before this check existed: its lifetime starts now.
                request.session[LOGIN_AT_SESSION_KEY] = login_at = now
            if now - int(login_at) > session_lifetime_seconds(user):
                return self._end(
                    request,
                    user,
                    "session lifetime",
                    _(
                        "For your security you were logged out because you have been logged in "
                        "for a long time. Please log in again."
                    ),
                )
            last = request.session.get(SESSION_KEY)
            if last is not None and now - int(last) > idle_timeout_seconds(user):
                return self._end(
                    request,
                    user,
                    "idle",
                    _("You were logged out because you were inactive for a while."),
                )
            # Write at most once a minute to spare the session store.
            if last is None or now - int(last) >= 60:
                request.session[SESSION_KEY] = now
        return self.get_response(request)

    @staticmethod
    def _end(request, user, reason, message):
        audit_log(
            action=AuditAction.SESSION_EXPIRED, actor=user, obj=user, request=request, reason=reason
        )
        logout(request)
        messages.info(request, message)
        return redirect_to_login(request.get_full_path())
