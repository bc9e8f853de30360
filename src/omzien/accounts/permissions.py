"""Who may open a view, declared once on the view, and the gates that enforce it.

Every view reachable through a URL is wrapped by one of :func:`public`, :func:`authenticated`,
:func:`role_required` or :func:`staff_required`. Each records what it enforces as
``view.audience`` (an :class:`Audience`); the main navigation shows an entry to the users the
view behind it admits, and ``ui/tests/test_authorization.py`` requests every URL as every role
and compares the answer with the declaration.

Which *records* a user reaches on a page is not a role question: the view finds them through
``visible_to(user)`` on staff pages (the staff rule: never what the user owns) or
``owned_by(user)`` on the pages of one's own records (the owner rule: never what a staff role
reaches), and answers 404 for anything else, whether it is missing or forbidden. The audience
names that rule (:class:`ObjectRule`) so the test knows which records must answer 404.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django_otp import user_has_device


class ObjectRule:
    """Which records of a page's URL the admitted user may reach; others answer 404."""

    # Records of a municipality where the user holds one of the roles (``visible_to``), never
    # the records the user owns there as a resident.
    MUNICIPALITY = "municipality"
    # Records of an organisation the user is a member of.
    ORGANISATION = "organisation"
    # The user's own records (their profile, registration, responses; ``owned_by``).
    OWN = "own"
    # Records anyone may see once published (a vacancy): the page answers for any of them.
    PUBLISHED = "published"


@dataclass(frozen=True)
class Audience:
    """Who may open a view. ``roles`` None: no role needed (with ``login``: any logged-in user).

    ``two_factor``: staff pages, which also need a verified second factor. ``rule``: which
    records of the URL the user may reach (an :class:`ObjectRule`), if the URL names any.
    """

    login: bool
    roles: frozenset[str] | None = None
    two_factor: bool = False
    rule: str = ""

    @property
    def is_public(self) -> bool:
        return not self.login

    def admits(self, user) -> bool:
        """Whether ``user`` may open the view at all (the records are checked by the view)."""
        if not self.login:
            return True
        if not user.is_authenticated:
            return False
        return self.roles is None or user.has_role(*self.roles)


PUBLIC = Audience(login=False)
AUTHENTICATED = Audience(login=True)


def audience_of(view) -> Audience | None:
    """The audience a view (a function, or what a class's ``as_view()`` returned) declares."""
    audience = getattr(view, "audience", None)
    if audience is None:
        audience = getattr(getattr(view, "view_class", None), "audience", None)
    return audience


def _declare(audience: Audience, gate=None):
    """A decorator for function and class-based views: ``gate(request)`` returns None to let
    the request through, or the response to send instead."""

    def gated(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = gate(request)
            return response or view(request, *args, **kwargs)

        return wrapped

    def decorator(view):
        if gate is not None:
            if isinstance(view, type):
                view = method_decorator(gated, name="dispatch")(view)
            else:
                view = gated(view)
        view.audience = audience
        return view

    return decorator


def public(view):
    """Anyone, logged in or not."""
    return _declare(PUBLIC)(view)


def _login_gate(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def authenticated(view):
    """Any logged-in user (anonymous users go to the login)."""
    return _declare(AUTHENTICATED, _login_gate)(view)


def owner_required(view):
    """Any logged-in user, on a page of a record of their own (a job they started): the view
    finds it through its owner and answers 404 for anybody else's."""
    return _declare(Audience(login=True, rule=ObjectRule.OWN), _login_gate)(view)


def role_required(*roles: str, rule: str = ""):
    """Logged-in users with one of ``roles`` in some municipality (residents, organisation
    members); others get 403. ``rule`` says which records of the URL they reach."""
    audience = Audience(login=True, roles=frozenset(roles), rule=rule)

    def gate(request):
        response = _login_gate(request)
        if response is None and not audience.admits(request.user):
            raise PermissionDenied
        return response

    return _declare(audience, gate)


def user_is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def staff_gate(request, roles):
    """None when the request may continue to a staff page, else the response to send.

    Anonymous: to the login page. Without one of ``roles``: 403. Staff without a verified
    second factor: to the set-up (no device yet) or to the login (device not used).
    """
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.has_role(*roles):
        raise PermissionDenied
    if not user_is_verified(user):
        if user_has_device(user, confirmed=True):
            return redirect_to_login(request.get_full_path())
        messages.warning(
            request, _("Set up two-factor authentication before you continue to this page.")
        )
        return redirect("two_factor:setup")
    return None


def staff_job_gate(roles, reach):
    """The gate of a background job (``common.exports``) for staff of ``roles``: ``staff_gate``,
    then ``reach(request, job)``, which raises Http404 when the job's object is out of the
    person's reach now (another municipality, or gone)."""

    def gate(request, job):
        response = staff_gate(request, roles)
        if response is None:
            reach(request, job)
        return response

    return gate


def staff_required(*roles: str, rule: str = ObjectRule.MUNICIPALITY):
    """Staff with one of ``roles`` and a verified second factor. Staff reach the records of
    the municipalities where they hold the role, unless ``rule`` says otherwise."""
    audience = Audience(login=True, roles=frozenset(roles), two_factor=True, rule=rule)
    return _declare(audience, lambda request: staff_gate(request, roles))


class StaffRequiredMixin:
    """Class-based counterpart of :func:`staff_required`; set ``roles``.

    Prefer decorating the class with :func:`staff_required`, which also declares the audience.
    """

    roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        response = staff_gate(request, self.roles)
        return response or super().dispatch(request, *args, **kwargs)
