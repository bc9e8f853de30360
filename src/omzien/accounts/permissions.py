"""Access checks for views: roles in a municipality, and two-factor login for staff."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_otp import user_has_device


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
    if not (user.is_superuser or user.has_role(*roles)):
        raise PermissionDenied
    if not user_is_verified(user):
        if user_has_device(user, confirmed=True):
            return redirect_to_login(request.get_full_path())
        messages.warning(
            request, _("Set up two-factor authentication before you continue to this page.")
        )
        return redirect("two_factor:setup")
    return None


def staff_required(*roles):
    """Decorator for function views that only staff with one of ``roles`` may open."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = staff_gate(request, roles)
            return response or view(request, *args, **kwargs)

        return wrapped

    return decorator


class StaffRequiredMixin:
    """Class-based counterpart of :func:`staff_required`; set ``roles``."""

    roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        response = staff_gate(request, self.roles)
        return response or super().dispatch(request, *args, **kwargs)
