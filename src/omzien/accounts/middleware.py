import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from omzien.privacy.audit import audit_log
from omzien.privacy.constants import AuditAction

SESSION_KEY = "omzien_last_activity"


def idle_timeout_seconds(user) -> int:
    minutes = settings.OMZIEN_IDLE_TIMEOUT_MINUTES
    key = "staff" if user.is_staff_member else "default"
    return int(minutes[key]) * 60


class IdleTimeoutMiddleware:
    """End a session that has been idle longer than the user's roles allow."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_KEY)
            if last is not None and now - int(last) > idle_timeout_seconds(user):
                audit_log(action=AuditAction.SESSION_EXPIRED, actor=user, obj=user, request=request)
                logout(request)
                messages.info(
                    request, _("You were logged out because you were inactive for a while.")
                )
                return redirect_to_login(request.get_full_path())
            # Write at most once a minute to spare the session store.
            if last is None or now - int(last) >= 60:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
