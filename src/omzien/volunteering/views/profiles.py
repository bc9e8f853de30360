"""Volunteer profiles: the resident's own pages, the broker's pages and the hand-over link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, public, role_required
from omzien.ui.actions import form_page, perform
from omzien.ui.pagination import query_without_page
from omzien.volunteering.forms.profiles import (
    AssistedProfileForm,
    ResidentProfileForm,
    VolunteerFilterForm,
)
from omzien.volunteering.permissions import BROKER_ROLES, broker_required, resident_required
from omzien.volunteering.selectors import profiles as selectors
from omzien.volunteering.services import profiles, suggestions
from omzien.volunteering.services.profiles import Actor

PAGE_SIZE = 50


def _resident_municipalities(user) -> list:
    return user.municipalities((Role.RESIDENT,))


def _broker_municipalities(user) -> list:
    return user.municipalities(BROKER_ROLES)


PROFILE_CONFLICT = gettext_lazy(
    "This profile was changed by someone else while you were editing. Nothing was "
    "saved: below are the current details; make your change again."
)


# --- The resident's own profile --------------------------------------------------------------


@resident_required
def profile_mine(request):
    own = selectors.for_display(selectors.profiles_of(user=request.user))
    suggestions.add_for_you(own)
    taken = {profile.municipality_id for profile in own}
    available = [m for m in _resident_municipalities(request.user) if m.pk not in taken]
    return render(
        request, "volunteering/profiles/mine.html", {"profiles": own, "available": available}
    )


@role_required(Role.RESIDENT, rule=ObjectRule.MUNICIPALITY)
def profile_create(request, municipality):
    choices = {m.pk: m for m in _resident_municipalities(request.user)}
    if municipality not in choices:
        raise Http404
    municipality = choices[municipality]
    if request.method == "GET" and any(
        p.municipality_id == municipality.pk for p in selectors.profiles_of(user=request.user)
    ):
        messages.info(request, _("You already have a volunteer profile here; you can change it."))
        return redirect("volunteering:profile_mine")
    localities = selectors.profile_locality_choices(municipalities=[municipality])
    form = ResidentProfileForm(request.POST or None, localities=localities)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: profiles.profile_create(
                municipality=municipality,
                user=request.user,
                data=form.profile_data(),
                consent=form.cleaned_data["consent"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("Your volunteer profile has been saved."),
        )
        if result:
            return redirect("volunteering:profile_mine")
    return render(
        request,
        "volunteering/profiles/form.html",
        {"form": form, "municipality": municipality, "creating": True},
    )


@resident_required
def profile_edit(request, pk):
    profile = selectors.profile_get_own(user=request.user, pk=pk)
    localities = selectors.profile_locality_choices(municipalities=[profile.municipality])
    form = ResidentProfileForm(
        request.POST or None, instance=profile, localities=localities, with_consent=False
    )
    return form_page(
        request,
        form,
        _updating(profile, form, request),
        success=_("Your volunteer profile has been saved."),
        conflict=PROFILE_CONFLICT,
        done=reverse("volunteering:profile_mine"),
        conflict_to=reverse("volunteering:profile_edit", args=[pk]),
        template="volunteering/profiles/form.html",
        context={"municipality": profile.municipality, "profile": profile},
    )


def _updating(profile, form, request):
    """The profile form's service call, checked against the version it was opened with."""
    return lambda data: profiles.profile_update(
        profile=profile,
        version=data.get("version") or 0,
        data=form.profile_data(),
        actor=Actor.from_request(request),
    )


@resident_required
@require_POST
def profile_pause(request, pk):
    profile = selectors.profile_get_own(user=request.user, pk=pk)
    paused = request.POST.get("paused") == "1"
    profiles.profile_set_paused(profile=profile, paused=paused, actor=Actor.from_request(request))
    if paused:
        messages.success(request, _("Your profile is paused. Brokers do not find you for now."))
    else:
        messages.success(request, _("Your profile is active again."))
    return redirect("volunteering:profile_mine")


@resident_required
def profile_delete(request, pk):
    profile = selectors.profile_get_own(user=request.user, pk=pk)
    if request.method == "POST":
        profiles.profile_delete(profile=profile, actor=Actor.from_request(request))
        messages.success(request, _("Your volunteer profile has been deleted."))
        return redirect("volunteering:profile_mine")
    return render(request, "volunteering/profiles/delete.html", {"profile": profile})


# --- Taking over a profile a broker made -----------------------------------------------------


@public
def profile_claim(request, token):
    """GET explains and asks to confirm (mail scanners follow links); POST takes it over."""
    try:
        profile = profiles.profile_invitation_get(token=token)
    except ValidationError as error:
        return render(
            request, "volunteering/profiles/claim.html", {"error": error.messages[0]}, status=400
        )
    error = ""
    if request.method == "POST" and request.user.is_authenticated:
        try:
            profiles.profile_claim(
                token=token, user=request.user, actor=Actor.from_request(request)
            )
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, _("The volunteer profile is now yours."))
            return redirect("volunteering:profile_mine")
    return render(
        request,
        "volunteering/profiles/claim.html",
        {"profile": profile, "error": error},
        status=400 if error else 200,
    )


# --- Brokers ---------------------------------------------------------------------------------


@broker_required
def volunteer_list(request):
    form = VolunteerFilterForm(request.GET or None)
    page = selectors.profile_page(
        actor=Actor.from_request(request),
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
        **form.filters(),
    )
    query = query_without_page(request)
    return render(
        request,
        "volunteering/profiles/broker_list.html",
        {"form": form, "page": page, "query": query},
    )


@broker_required
def volunteer_new(request):
    municipalities = _broker_municipalities(request.user)
    if not municipalities:  # the broker role only in switched-off municipalities
        raise Http404
    form = AssistedProfileForm(
        request.POST or None,
        municipalities=municipalities,
        localities=selectors.profile_locality_choices(municipalities=municipalities),
    )
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: profiles.profile_register_assisted(
                municipality=form.cleaned_data.get("municipality") or municipalities[0],
                data=form.profile_data(),
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            profile = result.value
            messages.success(request, _("The volunteer profile of %s is saved.") % profile)
            return redirect("volunteering:volunteer_detail", pk=profile.pk)
    return render(request, "volunteering/profiles/broker_form.html", {"form": form})


@broker_required
def volunteer_detail(request, pk):
    profile = selectors.profile_get(user=request.user, pk=pk, request=request)
    selectors.for_display([profile])
    context = {
        "profile": profile,
        "may_manage": profiles.may_manage(profile, request.user),
        "suggestions": suggestions.vacancies_for_broker(
            profile=profile, actor=Actor.from_request(request)
        ),
        "history": selectors.profile_history(profile=profile, actor=Actor.from_request(request)),
    }
    return render(request, "volunteering/profiles/broker_detail.html", context)


def _managed(request, pk):
    """A profile the broker keeps on behalf of a resident (404 otherwise)."""
    profile = selectors.profile_get(user=request.user, pk=pk, request=request)
    if not profiles.may_manage(profile, request.user):
        raise Http404
    return profile


@broker_required
def volunteer_edit(request, pk):
    profile = _managed(request, pk)
    form = AssistedProfileForm(
        request.POST or None,
        instance=profile,
        localities=selectors.profile_locality_choices(municipalities=[profile.municipality]),
    )
    return form_page(
        request,
        form,
        _updating(profile, form, request),
        success=_("The changes have been saved."),
        conflict=PROFILE_CONFLICT,
        done=reverse("volunteering:volunteer_detail", args=[pk]),
        conflict_to=reverse("volunteering:volunteer_edit", args=[pk]),
        template="volunteering/profiles/broker_form.html",
        context={"municipality": profile.municipality, "profile": profile},
    )


@broker_required
@require_POST
def volunteer_pause(request, pk):
    profile = _managed(request, pk)
    paused = request.POST.get("paused") == "1"
    profiles.profile_set_paused(profile=profile, paused=paused, actor=Actor.from_request(request))
    messages.success(
        request, _("The profile is paused.") if paused else _("The profile is active again.")
    )
    return redirect("volunteering:volunteer_detail", pk=pk)


@broker_required
@require_POST
def volunteer_invite(request, pk):
    profile = _managed(request, pk)
    perform(
        request,
        lambda: profiles.profile_invite_owner(profile=profile, actor=Actor.from_request(request)),
        success=_("The invitation has been sent to %s.") % profile.email,
    )
    return redirect("volunteering:volunteer_detail", pk=pk)


@broker_required
def volunteer_delete(request, pk):
    profile = _managed(request, pk)
    if request.method == "POST":
        profiles.profile_delete(profile=profile, actor=Actor.from_request(request))
        messages.success(request, _("The volunteer profile has been deleted."))
        return redirect("volunteering:volunteer_list")
    return render(
        request, "volunteering/profiles/delete.html", {"profile": profile, "broker": True}
    )
