"""VOG and certificates: the volunteer records their VOG and qualifications and answers an
organisation's VOG request; the organisation asks a selected volunteer for a VOG and sees the
qualifications of the volunteers at work with it; the broker sees expired ones."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.common.services import Actor
from omzien.ui.actions import perform
from omzien.ui.pagination import query_without_page
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering.forms.vog import (
    ExpiredFilterForm,
    OrganisationQualificationForm,
    QualificationForm,
    VogForm,
    VogReceivedForm,
    VogRequestForm,
)
from omzien.volunteering.permissions import (
    broker_required,
    member_organisation,
    member_required,
    resident_required,
)
from omzien.volunteering.selectors import vog as selectors
from omzien.volunteering.selectors.profiles import profile_get_own
from omzien.volunteering.selectors.responses import response_for_member
from omzien.volunteering.services import vog as services

RECEIVED = volunteering_constants.VogRequestStatus.RECEIVED
WITHDRAWN = volunteering_constants.VogRequestStatus.WITHDRAWN


def _qualification_args(data: dict) -> dict:
    return {
        "kind": data["kind"],
        "licence_category": data["licence_category"],
        "name": data["name"],
        "expires_on": data["expires_on"],
    }


# --- The volunteer ---------------------------------------------------------------------------


@resident_required
def vog_mine(request, pk):
    """The volunteer's VOG, the organisations' open requests, and their qualifications."""
    profile = profile_get_own(user=request.user, pk=pk)
    page = selectors.vog_page(profile=profile)
    vog = page["vog"]
    vog_form = VogForm(
        request.POST if request.POST.get("form") == "vog" else None,
        initial={"issued_on": vog.issued_on, "aspects": vog.aspects} if vog else None,
    )
    qualification_form = QualificationForm(
        request.POST if request.POST.get("form") == "qualification" else None
    )
    received_forms = {
        r.pk: VogReceivedForm(
            request.POST if request.POST.get("form") == f"received-{r.pk}" else None,
            initial={"expected": r.status},
            prefix=f"r{r.pk}",
        )
        for r in page["requests"]
    }
    actor = Actor.from_request(request)
    done = redirect("volunteering:vog_mine", pk=profile.pk)
    if request.method == "POST":
        kind = request.POST.get("form", "")
        if kind == "vog" and vog_form.is_valid():
            if perform(
                request,
                lambda: services.vog_record(
                    profile=profile,
                    issued_on=vog_form.cleaned_data["issued_on"],
                    aspects=vog_form.cleaned_data["aspects"],
                    actor=actor,
                ),
                form=vog_form,
                success=_("Your VOG has been saved."),
            ):
                return done
        elif kind == "qualification" and qualification_form.is_valid():
            if perform(
                request,
                lambda: services.qualification_add(
                    profile=profile,
                    actor=actor,
                    **_qualification_args(qualification_form.cleaned_data),
                ),
                form=qualification_form,
                success=_("The certificate has been saved."),
            ):
                return done
        elif kind.startswith("received-"):
            request_row = next((r for r in page["requests"] if f"received-{r.pk}" == kind), None)
            form = received_forms.get(request_row.pk) if request_row else None
            if (
                form is not None
                and form.is_valid()
                and perform(
                    request,
                    lambda: services.vog_request_transition(
                        request=request_row,
                        to_status=RECEIVED,
                        expected=form.cleaned_data["expected"],
                        issued_on=form.cleaned_data["issued_on"],
                        actor=actor,
                    ),
                    form=form,
                    success=_("Thank you: the organisation can now start your placement."),
                )
            ):
                return done
    for request_row in page["requests"]:
        request_row.form = received_forms[request_row.pk]
    today = timezone.localdate()
    for qualification in page["qualifications"]:
        qualification.expired = bool(qualification.expires_on and qualification.expires_on < today)
    context = {
        "profile": profile,
        **page,
        "vog_form": vog_form,
        "qualification_form": qualification_form,
    }
    return render(request, "volunteering/vog/mine.html", context)


@resident_required
@require_POST
def qualification_remove(request, pk):
    qualification = selectors.qualification_for_volunteer(user=request.user, pk=pk)
    perform(
        request,
        lambda: services.qualification_remove(
            qualification=qualification, actor=Actor.from_request(request)
        ),
        success=_("The certificate has been removed."),
    )
    return redirect("volunteering:vog_mine", pk=qualification.profile_id)


# --- The organisation ------------------------------------------------------------------------


@member_required
def vog_request_start(request, pk):
    """Ask the selected volunteer to request a VOG, for the vacancy's screening profile."""
    response = response_for_member(user=request.user, pk=pk)
    vacancy = response.vacancy
    form = VogRequestForm(request.POST or None, initial={"aspects": vacancy.vog_aspects})
    if (
        request.method == "POST"
        and form.is_valid()
        and perform(
            request,
            lambda: services.vog_request_start(
                response=response,
                aspects=form.cleaned_data["aspects"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The VOG request has been recorded and the volunteer has been told."),
        )
    ):
        return redirect("volunteering:vacancy_responses", pk=vacancy.pk)
    context = {
        "response": response,
        "vacancy": vacancy,
        "organisation": vacancy.organisation,
        "form": form,
        "max_age": selectors.vacancy_vog_max_age(vacancy),
    }
    return render(request, "volunteering/vog/request.html", context)


@member_required
@require_POST
def vog_request_withdraw(request, pk):
    vog_request = selectors.vog_request_for_member(user=request.user, pk=pk)
    perform(
        request,
        lambda: services.vog_request_transition(
            request=vog_request,
            to_status=WITHDRAWN,
            expected=request.POST.get("expected", ""),
            actor=Actor.from_request(request),
        ),
        success=_("The VOG request has been withdrawn."),
    )
    return redirect("volunteering:vacancy_responses", pk=vog_request.response.vacancy_id)


@member_required
def qualification_organisation(request, pk):
    """The qualifications of the volunteers at work with the organisation (expired ones
    marked, and a filter for them); a member records one for a volunteer placed here."""
    organisation = member_organisation(request.user, pk)
    profiles = selectors.placed_profiles(organisation=organisation)
    form = OrganisationQualificationForm(request.POST or None, profiles=profiles)
    if (
        request.method == "POST"
        and form.is_valid()
        and perform(
            request,
            lambda: services.qualification_add(
                profile=form.cleaned_data["profile"],
                organisation=organisation,
                actor=Actor.from_request(request),
                **_qualification_args(form.cleaned_data),
            ),
            form=form,
            success=_("The certificate has been saved."),
        )
    ):
        return redirect("volunteering:qualification_organisation", pk=organisation.pk)
    filters = ExpiredFilterForm(request.GET)
    expired = filters.is_valid() and filters.cleaned_data["expired"]
    page = selectors.qualification_page_for_organisation(
        actor=Actor.from_request(request),
        organisation=organisation,
        page_number=request.GET.get("page"),
        expired=expired,
    )
    context = {
        "organisation": organisation,
        "page": page,
        "query": query_without_page(request),
        "filters": filters,
        "form": form,
        "has_volunteers": profiles.exists(),
        "action": reverse("volunteering:qualification_organisation", args=[organisation.pk]),
    }
    return render(request, "volunteering/vog/organisation.html", context)


# --- The broker ------------------------------------------------------------------------------


@broker_required
def qualification_broker(request):
    """The municipality's open VOG requests and the qualifications of its volunteers, the first
    to expire first (expired ones marked, and a filter for them)."""
    actor = Actor.from_request(request)
    filters = ExpiredFilterForm(request.GET)
    expired = filters.is_valid() and filters.cleaned_data["expired"]
    context = {
        "requests": selectors.open_vog_requests_for_broker(actor=actor),
        "page": selectors.qualification_page_for_broker(
            actor=actor, page_number=request.GET.get("page"), expired=expired
        ),
        "query": query_without_page(request),
        "filters": filters,
        "action": reverse("volunteering:qualification_broker"),
    }
    return render(request, "volunteering/vog/broker.html", context)


@broker_required
@require_POST
def broker_vog_request_receive(request, pk):
    """The broker records the issue date for an assisted volunteer (no account)."""
    vog_request = selectors.vog_request_for_broker(user=request.user, pk=pk)
    form = VogReceivedForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.vog_request_transition(
                request=vog_request,
                to_status=RECEIVED,
                expected=form.cleaned_data["expected"],
                issued_on=form.cleaned_data["issued_on"],
                actor=Actor.from_request(request),
            ),
            success=_("The issue date of the VOG has been recorded."),
        )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("volunteering:qualification_broker")
