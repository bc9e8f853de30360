"""The staff administration of a municipality's functional administrator, and the page where
an invited person accepts a staff invitation (docs/administration.md)."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from omzien.accounts.constants import Role
from omzien.accounts.forms import (
    InvitationSignUpForm,
    RoleGrantForm,
    StaffFilterForm,
    StaffInviteForm,
    TwoFactorResetForm,
)
from omzien.accounts.models import Membership, StaffInvitation
from omzien.accounts.permissions import public, staff_required
from omzien.accounts.selectors import (
    admin_municipalities,
    admin_municipality_or_404,
    open_invitations,
    staff_person_get,
)
from omzien.accounts.selectors import (
    staff_list as select_staff,
)
from omzien.accounts.services import staff as services
from omzien.common.services import Actor
from omzien.tenants.query import get_visible_or_404
from omzien.ui.actions import perform
from omzien.ui.municipality import working_municipality
from omzien.ui.pagination import paginate

admin_required = staff_required(Role.MUNICIPALITY_ADMIN)
User = get_user_model()


def _chosen_municipality(request):
    """The municipality the list shows: ``?municipality=`` among those the user administers,
    else the first."""
    municipalities = admin_municipalities(request.user)
    return working_municipality(request, municipalities), municipalities


def _person_url(municipality, user) -> str:
    return reverse("accounts:staff_person", args=[municipality.pk, user.pk])


@admin_required
def staff_list(request):
    municipality, municipalities = _chosen_municipality(request)
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = select_staff(
        municipality=municipality,
        role=filters.get("role", ""),
        search=filters.get("q", ""),
        active=filters.get("active", ""),
    )
    page, query = paginate(request, people)
    return render(
        request,
        "accounts/staff/list.html",
        {
            "municipality": municipality,
            "municipalities": municipalities,
            "form": form,
            "page": page,
            "query": query,
            "invitations": open_invitations(municipality=municipality)[:50],
        },
    )


@admin_required
def staff_invite(request, municipality_id):
    municipality = admin_municipality_or_404(request.user, municipality_id)
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.staff_invite(
                municipality=municipality,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            _invitation, token = result.value
            if token is None:
                messages.info(
                    request,
                    _("An invitation for this address and role is already open: no new mail."),
                )
            else:
                messages.success(request, _("The invitation has been sent."))
            return redirect(f"{reverse('accounts:staff_list')}?municipality={municipality.pk}")
    return render(
        request, "accounts/staff/invite.html", {"form": form, "municipality": municipality}
    )


def _invitation_or_404(request, pk) -> StaffInvitation:
    return get_visible_or_404(
        StaffInvitation.objects.select_related("municipality"), request.user, pk=pk
    )


def _back_to_list(invitation):
    return redirect(f"{reverse('accounts:staff_list')}?municipality={invitation.municipality_id}")


@admin_required
@require_POST
def staff_invitation_resend(request, pk):
    invitation = _invitation_or_404(request, pk)
    perform(
        request,
        lambda: services.staff_invitation_resend(
            invitation=invitation, actor=Actor.from_request(request)
        ),
        success=_("The invitation has been sent again with a new link."),
    )
    return _back_to_list(invitation)


@admin_required
@require_POST
def staff_invitation_cancel(request, pk):
    invitation = _invitation_or_404(request, pk)
    perform(
        request,
        lambda: services.staff_invitation_cancel(
            invitation=invitation, actor=Actor.from_request(request)
        ),
        success=_("The invitation has been cancelled."),
    )
    return _back_to_list(invitation)


@admin_required
def staff_person(request, municipality_id, pk):
    municipality = admin_municipality_or_404(request.user, municipality_id)
    person = staff_person_get(municipality=municipality, pk=pk)
    return render(
        request,
        "accounts/staff/person.html",
        {
            "municipality": municipality,
            "person": person,
            "is_self": person.pk == request.user.pk,
            "grant_form": RoleGrantForm(),
            "reset_form": TwoFactorResetForm(),
        },
    )


@admin_required
@require_POST
def staff_role_grant(request, municipality_id, pk):
    municipality = admin_municipality_or_404(request.user, municipality_id)
    person = staff_person_get(municipality=municipality, pk=pk)
    form = RoleGrantForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.membership_grant(
                municipality=municipality,
                user=person,
                role=form.cleaned_data["role"],
                actor=Actor.from_request(request),
            ),
            success=_("The role has been given."),
        )
    else:
        messages.error(request, _("Choose a staff role."))
    return redirect(_person_url(municipality, person))


@admin_required
@require_POST
def staff_role_revoke(request, pk):
    membership = get_visible_or_404(
        Membership.objects.select_related("municipality", "user"), request.user, pk=pk
    )
    perform(
        request,
        lambda: services.membership_revoke(
            membership=membership, actor=Actor.from_request(request)
        ),
        success=_("The role has been taken."),
    )
    return redirect(_person_url(membership.municipality, membership.user))


@admin_required
@require_POST
def staff_deactivate(request, municipality_id, pk):
    municipality = admin_municipality_or_404(request.user, municipality_id)
    person = staff_person_get(municipality=municipality, pk=pk)
    perform(
        request,
        lambda: services.account_deactivate(
            municipality=municipality, user=person, actor=Actor.from_request(request)
        ),
        success=_("All roles of this person in the municipality have been switched off."),
    )
    return redirect(_person_url(municipality, person))


@admin_required
@require_POST
def staff_two_factor_reset(request, municipality_id, pk):
    municipality = admin_municipality_or_404(request.user, municipality_id)
    person = staff_person_get(municipality=municipality, pk=pk)
    form = TwoFactorResetForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.two_factor_reset(
                municipality=municipality,
                user=person,
                reason=form.cleaned_data["reason"],
                actor=Actor.from_request(request),
            ),
            success=_(
                "The second factor has been reset: this person sets it up again at the next login."
            ),
        )
    else:
        messages.error(request, _("Give the reason for the reset."))
    return redirect(_person_url(municipality, person))


# --- The invited person -----------------------------------------------------------------------


def _after_accept(request, user):
    """Staff go through the two-factor set-up (or the second-factor login) first."""
    if not user_has_device(user, confirmed=True):
        messages.success(
            request,
            _("Welcome. Your role requires two-factor authentication: set it up now."),
        )
        return redirect("two_factor:setup")
    messages.success(request, _("You have accepted the invitation."))
    return redirect("ui:dashboard")


@public
def staff_invitation(request, token):
    """GET shows the invitation (mail scanners follow links); POST accepts it: with the
    current account when it has the invited address, or with a new account for it."""
    try:
        invitation = services.staff_invitation_get(token=token)
    except ValidationError as error:
        return render(
            request,
            "accounts/staff/invitation_invalid.html",
            {"message": " ".join(error.messages), "code": error.code},
            status=410 if error.code in ("used", "cancelled", "expired") else 404,
        )
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    user = request.user
    own = user.is_authenticated and user.email.lower() == invitation.email.lower()
    form = None
    if not has_account:
        form = InvitationSignUpForm(request.POST or None, email=invitation.email)
    if request.method == "POST":
        if own:
            result = perform(
                request,
                lambda: services.staff_invitation_accept(
                    token=token, user=user, actor=Actor.from_request(request)
                ),
            )
            if result:
                return _after_accept(request, user)
        elif form is not None and not user.is_authenticated and form.is_valid():
            result = perform(
                request,
                lambda: services.staff_invitation_sign_up(
                    token=token,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                    request=request,
                ),
                form=form,
            )
            if result:
                login(request, result.value, backend="django.contrib.auth.backends.ModelBackend")
                return _after_accept(request, result.value)
    login_url = f"{reverse('two_factor:login')}?next={request.path}"
    return render(
        request,
        "accounts/staff/invitation.html",
        {
            "invitation": invitation,
            "has_account": has_account,
            "own": own,
            "form": form,
            "login_url": login_url,
        },
    )
