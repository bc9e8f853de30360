import datetime
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults, i18n
from django.views.decorators.csrf import requires_csrf_token

from omzien.accounts import services as account_services
from omzien.accounts.constants import STAFF_ROLES
from omzien.accounts.permissions import authenticated, public, staff_gate, user_is_verified
from omzien.privacy.constants import PRIVACY_STATEMENT_VERSION
from omzien.tenants.selectors import municipality_list
from omzien.ui.homepage import blocks_for
from omzien.ui.startpage import sections_for


@public
def home(request):
    municipalities = municipality_list().order_by("region__name", "name")
    return render(
        request,
        "ui/home.html",
        {"municipalities": municipalities, "blocks": blocks_for(request)},
    )


@public
def set_language(request):
    """The language switch in the header. Django's view sets the language cookie of this
    device; for a logged-in user the choice is also their account's language, in which their
    notifications and e-mails come and which a new device starts in."""
    response = i18n.set_language(request)
    language = request.POST.get("language") if request.method == "POST" else None
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and language != user.preferred_language
    ):
        account_services.user_set_language(user=user, language=language)
    return response


@public
def privacy_statement(request):
    version = datetime.date.fromisoformat(PRIVACY_STATEMENT_VERSION)
    return render(request, "ui/privacy.html", {"version": version})


@authenticated
def dashboard(request):
    """'My Omzien': what needs the user now, from every capability (``ui.startpage``).

    Staff go through the two-factor gate first."""
    user = request.user
    if user.is_staff_member:
        response = staff_gate(request, STAFF_ROLES)
        if response is not None:
            return response
    return render(
        request,
        "ui/dashboard.html",
        {
            "memberships": user.active_memberships,
            "verified": user_is_verified(user),
            "sections": sections_for(user),
        },
    )


@requires_csrf_token
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


RETRY_AFTER_SECONDS = 10


def error_500(request):
    """Django's 500 page; but when the database cannot be answered (a restart, a failover, a
    lock that timed out) a 503 with ``Retry-After``, so a balancer or a client tries again, and a
    page that says it is temporary. Neither page may touch the database: both render without a
    request context."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
