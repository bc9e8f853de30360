"""Organisations: registration, the members' pages, the broker's review and the public page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.permissions import public
from omzien.ui.actions import form_page, perform
from omzien.ui.pagination import paginate
from omzien.volunteering import constants
from omzien.volunteering.forms.organisations import (
    InvitationForm,
    MemberRoleForm,
    OrganisationForm,
    OrganisationRegisterForm,
    PublicListFilterForm,
    RejectForm,
)
from omzien.volunteering.models import OrganisationInvitation, OrganisationMember
from omzien.volunteering.permissions import (
    broker_required,
    member_organisation,
    member_required,
    resident_required,
)
from omzien.volunteering.selectors import organisations as selectors
from omzien.volunteering.services import organisations as services
from omzien.volunteering.services.organisations import Actor

PAGE_SIZE = 50


def _url_or_empty(name: str, *args) -> str:
    """The URL if that page exists (vacancy pages are built in their own part), else ''."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _domain_labels(organisation) -> list[str]:
    labels = dict(constants.Domain.choices)
    return [labels[code] for code in organisation.domains or [] if code in labels]


# --- Registration and the members' pages ------------------------------------------------------


@resident_required
def organisation_register(request):
    initial = {}
    resident_of = [m.municipality for m in request.user.active_memberships]
    if resident_of:
        initial["municipality"] = resident_of[0].pk
    form = OrganisationRegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.organisation_register(
                municipality=form.cleaned_data["municipality"],
                data=form.service_data(),
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            messages.success(
                request,
                _(
                    "%s is registered. The volunteer broker checks the registration; you "
                    "receive an e-mail when it is approved."
                )
                % result.value.name,
            )
            return redirect("volunteering:organisation_mine")
    return render(
        request, "volunteering/organisations/form.html", {"form": form, "organisation": None}
    )


@member_required
def organisation_mine(request):
    organisations = selectors.organisation_dashboard(user=request.user)
    for organisation in organisations:
        organisation.domain_labels = _domain_labels(organisation)
        organisation.new_vacancy_url = _url_or_empty("volunteering:vacancy_create", organisation.pk)
        for vacancy in organisation.current_vacancies:
            vacancy.manage_url = _url_or_empty("volunteering:vacancy_manage", vacancy.pk)
    return render(request, "volunteering/organisations/mine.html", {"organisations": organisations})


@member_required
def organisation_edit(request, pk):
    organisation = member_organisation(request.user, pk, admin=True)
    form = OrganisationForm(request.POST or None, instance=organisation)
    return form_page(
        request,
        form,
        lambda data: services.organisation_update(
            organisation=organisation,
            version=data.get("version") or 0,
            data=form.service_data(),
            actor=Actor.from_request(request),
        ),
        success=_("The changes have been saved."),
        conflict=_(
            "Someone else changed the details of this organisation while you were "
            "editing. Nothing was saved: below are the current details; make your "
            "change again."
        ),
        done=reverse("volunteering:organisation_mine"),
        conflict_to=reverse("volunteering:organisation_edit", args=[pk]),
        template="volunteering/organisations/form.html",
        context={"organisation": organisation},
    )


@member_required
def organisation_members(request, pk):
    organisation = member_organisation(request.user, pk, admin=True)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The invitation has been sent to %s.") % form.cleaned_data["email"],
        )
        if result:
            return redirect("volunteering:organisation_members", pk=pk)
    context = {
        "organisation": organisation,
        "form": form,
        "role_choices": constants.MemberRole.choices,
        **selectors.organisation_members(organisation=organisation),
    }
    return render(request, "volunteering/organisations/members.html", context)


@member_required
@require_POST
def organisation_member_role(request, pk, member):
    organisation = member_organisation(request.user, pk, admin=True)
    target = get_object_or_404(OrganisationMember, pk=member, organisation=organisation)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
    else:
        perform(
            request,
            lambda: services.member_set_role(
                member=target, role=form.cleaned_data["role"], actor=Actor.from_request(request)
            ),
            success=_("The role has been changed."),
        )
    return redirect("volunteering:organisation_members", pk=pk)


@member_required
@require_POST
def organisation_member_remove(request, pk, member):
    organisation = member_organisation(request.user, pk, admin=True)
    target = get_object_or_404(OrganisationMember, pk=member, organisation=organisation)
    result = perform(
        request, lambda: services.member_remove(member=target, actor=Actor.from_request(request))
    )
    if not result:
        return redirect("volunteering:organisation_members", pk=pk)
    if target.user_id == request.user.pk:
        messages.success(request, _("You are no longer a member of %s.") % organisation.name)
        return redirect("volunteering:organisation_mine")
    messages.success(request, _("The member has been removed."))
    return redirect("volunteering:organisation_members", pk=pk)


@member_required
@require_POST
def organisation_invitation_cancel(request, pk, invitation):
    organisation = member_organisation(request.user, pk, admin=True)
    target = get_object_or_404(OrganisationInvitation, pk=invitation, organisation=organisation)
    perform(
        request,
        lambda: services.invitation_cancel(invitation=target, actor=Actor.from_request(request)),
        success=_("The invitation has been withdrawn; its link no longer works."),
    )
    return redirect("volunteering:organisation_members", pk=pk)


@member_required
def organisation_leave(request, pk):
    organisation = member_organisation(request.user, pk)
    membership = get_object_or_404(OrganisationMember, organisation=organisation, user=request.user)
    error = ""
    if request.method == "POST":
        try:
            services.member_remove(member=membership, actor=Actor.from_request(request))
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("You are no longer a member of %s.") % organisation.name)
            return redirect("volunteering:organisation_mine")
    return render(
        request,
        "volunteering/organisations/leave.html",
        {"organisation": organisation, "error": error},
        status=400 if error else 200,
    )


@public
def organisation_invitation(request, token):
    """GET explains and asks to confirm (mail scanners follow links); POST joins."""
    try:
        invitation = services.invitation_get(token=token)
    except ValidationError as error:
        return render(
            request,
            "volunteering/organisations/invitation.html",
            {"error": error.messages[0]},
            status=400,
        )
    error = ""
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(
                token=token, user=request.user, actor=Actor.from_request(request)
            )
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(
                request, _("Welcome! You are now a member of %s.") % invitation.organisation.name
            )
            return redirect("volunteering:organisation_mine")
    return render(
        request,
        "volunteering/organisations/invitation.html",
        {"invitation": invitation, "error": error},
        status=400 if error else 200,
    )


# --- Brokers ----------------------------------------------------------------------------------


@broker_required
def organisation_review_list(request):
    qs = selectors.organisation_review_list(user=request.user)
    page, query = paginate(request, qs, per_page=PAGE_SIZE)
    return render(
        request, "volunteering/organisations/review_list.html", {"page": page, "query": query}
    )


@broker_required
def organisation_review(request, pk):
    organisation = selectors.organisation_review_get(user=request.user, pk=pk)
    organisation.domain_labels = _domain_labels(organisation)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.organisation_reject(
                organisation=organisation,
                reason=form.cleaned_data["reason"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("%s has not been approved; the organisation is told why.")
            % organisation.name,
        )
        if result:
            return redirect("volunteering:organisation_review_list")
        if result.error is not None and not hasattr(result.error, "error_dict"):
            # Refused as a whole, not for the reason given: back to the list, saying why.
            messages.error(request, " ".join(result.error.messages))
            return redirect("volunteering:organisation_review_list")
    return render(
        request,
        "volunteering/organisations/review_detail.html",
        {"organisation": organisation, "form": form},
        status=400 if form.errors else 200,
    )


@broker_required
@require_POST
def organisation_approve(request, pk):
    organisation = selectors.organisation_review_get(user=request.user, pk=pk)
    perform(
        request,
        lambda: services.organisation_approve(
            organisation=organisation, actor=Actor.from_request(request)
        ),
        success=_("%s is approved and can publish vacancies.") % organisation.name,
    )
    return redirect("volunteering:organisation_review_list")


# --- Public -----------------------------------------------------------------------------------


@public
def organisation_public(request, pk):
    organisation = selectors.organisation_public_get(pk=pk)
    organisation.domain_labels = _domain_labels(organisation)
    vacancies = list(selectors.published_vacancies(organisation=organisation))
    for vacancy in vacancies:
        vacancy.public_url = _url_or_empty("volunteering:vacancy_detail", vacancy.pk)
    return render(
        request,
        "volunteering/organisations/public_detail.html",
        {
            "organisation": organisation,
            "vacancies": vacancies,
            "contact": selectors.public_contact(organisation),
        },
    )


@public
def organisation_public_list(request):
    form = PublicListFilterForm(request.GET or None)
    municipality = form.cleaned_data.get("municipality") if form.is_valid() else None
    qs = selectors.organisation_public_list(municipality=municipality)
    page, query = paginate(request, qs, per_page=PAGE_SIZE)
    for organisation in page.object_list:
        organisation.domain_labels = _domain_labels(organisation)
    return render(
        request,
        "volunteering/organisations/public_list.html",
        {"form": form, "page": page, "query": query},
    )
