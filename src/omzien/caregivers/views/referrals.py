"""Referrals: the consultant's referrals and incoming queue, the referrer's form and list,
and the carer figures for consultants and policy advisors. Thin: the work is in
``services.referrals``, ``selectors.referrals`` and ``selectors.figures``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, staff_required
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.forms.referrals import (
    CandidateSearchForm,
    DeclineForm,
    FiguresForm,
    IncomingFilterForm,
    IncomingRegisterForm,
    LinkForm,
    OutcomeForm,
    ReferralForm,
    ReferrerForm,
)
from omzien.caregivers.models import Caregiver, IncomingReferral, Referral
from omzien.caregivers.permissions import consultant_required
from omzien.caregivers.selectors import referrals as selectors
from omzien.caregivers.selectors.caregivers import caregiver_get
from omzien.caregivers.selectors.figures import caregiver_stats
from omzien.caregivers.services import referrals as services
from omzien.caregivers.services.caregivers import Actor, DuplicateCaregiver
from omzien.caregivers.views.returning import safe_next
from omzien.common.replica import use_replica
from omzien.ui.actions import form_page, perform
from omzien.ui.pagination import paginate, query_without_page

# Referrers follow only what they submitted themselves.
referrer_required = staff_required(Role.REFERRER, rule=ObjectRule.OWN)
figures_required = staff_required(Role.CONSULTANT, Role.POLICY_ADVISOR)
PAGE_SIZE = 25


# --- The consultant's referrals of one carer -------------------------------------------------


@consultant_required
def referral_new(request, pk):
    caregiver = caregiver_get(user=request.user, pk=pk, request=request)
    return form_page(
        request,
        ReferralForm(
            request.POST or None,
            initial={"referred_on": timezone.localdate()},
            municipality=caregiver.municipality,
        ),
        lambda data: services.referral_create(
            caregiver=caregiver, actor=Actor.from_request(request), **data
        ),
        success=_("The referral has been recorded."),
        done=reverse("caregivers:detail", args=[pk]),
        template="caregivers/referrals/referral_form.html",
        context={"carer": caregiver},
    )


@consultant_required
def referral_outcome(request, pk, ref):
    caregiver = caregiver_get(user=request.user, pk=pk, request=request)
    referral = get_object_or_404(Referral, pk=ref, caregiver=caregiver)
    form = OutcomeForm(
        request.POST or None,
        referral=referral,
        initial={"follow_up_on": referral.follow_up_on},
    )
    return form_page(
        request,
        form,
        lambda data: services.referral_update_outcome(
            referral=referral, actor=Actor.from_request(request), **data
        ),
        success=_("The outcome of the referral has been saved."),
        done=reverse("caregivers:detail", args=[pk]),
        template="caregivers/referrals/outcome_form.html",
        context={
            "carer": caregiver,
            "referral": referral,
            "final": not services.allowed_outcomes(referral.outcome),
        },
    )


# --- Incoming referrals, for consultants -----------------------------------------------------


@consultant_required
def incoming_list(request):
    """Incoming referrals: new ones first, the newest first; filtered by status and by who
    handled them, searched by the carer's name. A row leads to the referral, and declining it
    comes back to this same filtered page."""
    form = IncomingFilterForm(request.GET or None)
    page = selectors.incoming_page(
        actor=Actor.from_request(request),
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
        **form.filters(),
    )
    return render(
        request,
        "caregivers/referrals/incoming_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "narrowed": form.narrowed(),
        },
    )


def _back_to_list(request) -> str:
    """The filtered page of incoming referrals the consultant came from (``next``)."""
    return safe_next(request, reverse("caregivers:incoming_list"))


def _incoming(request, pk) -> IncomingReferral:
    return selectors.incoming_get(actor=Actor.from_request(request), pk=pk)


def _still_new(request, incoming) -> bool:
    if incoming.status == caregivers_constants.IncomingStatus.NEW:
        return True
    messages.error(request, _("This referral has already been handled."))
    return False


@consultant_required
def incoming_detail(request, pk):
    incoming = _incoming(request, pk)
    search = CandidateSearchForm(request.GET or None)
    candidates = []
    if incoming.status == caregivers_constants.IncomingStatus.NEW:
        q = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
        candidates = selectors.incoming_candidates(incoming=incoming, user=request.user, q=q)
    return render(
        request,
        "caregivers/referrals/incoming_detail.html",
        {
            "incoming": incoming,
            "search": search,
            "candidates": candidates,
            "decline_form": DeclineForm(),
            "back": _back_to_list(request),
        },
    )


@consultant_required
@require_POST
def incoming_link(request, pk):
    incoming = _incoming(request, pk)
    form = LinkForm(request.POST)
    caregiver = None
    if form.is_valid():
        caregiver = (
            Caregiver.objects.visible_to(request.user)
            .registered()
            .filter(pk=form.cleaned_data["caregiver"])
            .first()
        )
    if caregiver is None:
        messages.error(request, _("Choose a carer registered in this municipality."))
        return redirect("caregivers:incoming_detail", pk=pk)
    result = perform(
        request,
        lambda: services.incoming_accept(
            incoming=incoming, caregiver=caregiver, actor=Actor.from_request(request)
        ),
        success=_("The referral has been taken on and linked to the carer."),
    )
    if result:
        return redirect("caregivers:detail", pk=caregiver.pk)
    return redirect("caregivers:incoming_detail", pk=pk)


@consultant_required
def incoming_register(request, pk):
    incoming = _incoming(request, pk)
    if not _still_new(request, incoming):
        return redirect("caregivers:incoming_detail", pk=pk)
    form = IncomingRegisterForm(
        request.POST or None, initial=IncomingRegisterForm.initial_from(incoming)
    )
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(
                request,
                lambda: services.incoming_accept(
                    incoming=incoming,
                    register_data=form.cleaned_data,
                    actor=Actor.from_request(request),
                ),
                form=form,
                success=_("The carer is registered and the referral taken on."),
            )
        except DuplicateCaregiver as duplicate:
            duplicates = duplicate.existing
        else:
            if result:
                return redirect("caregivers:detail", pk=result.value.caregiver_id)
    return render(
        request,
        "caregivers/referrals/incoming_register.html",
        {"incoming": incoming, "form": form, "duplicates": duplicates},
    )


@consultant_required
def incoming_decline(request, pk):
    incoming = _incoming(request, pk)
    if not _still_new(request, incoming):
        return redirect("caregivers:incoming_detail", pk=pk)
    return form_page(
        request,
        DeclineForm(request.POST or None),
        lambda data: services.incoming_decline(
            incoming=incoming, reason=data["reason"], actor=Actor.from_request(request)
        ),
        success=_("The referral has been declined."),
        done=_back_to_list(request),
        template="caregivers/referrals/incoming_decline.html",
        context={"incoming": incoming, "back": _back_to_list(request)},
    )


# --- For referrers ---------------------------------------------------------------------------


@referrer_required
def refer(request):
    municipalities = selectors.referrer_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    return form_page(
        request,
        ReferrerForm(request.POST or None, municipalities=municipalities),
        lambda data: services.incoming_submit(
            municipality=data["municipality"],
            submitted_by=request.user,
            data={k: v for k, v in data.items() if k != "municipality"},
            request=request,
        ),
        success=_(
            "Thank you. A carer consultant will contact the carer. "
            "Below you can follow the status of your referral."
        ),
        done=reverse("caregivers:my_referrals"),
        template="caregivers/referrals/refer.html",
    )


@referrer_required
def my_referrals(request):
    page, query = paginate(request, selectors.incoming_mine(user=request.user), per_page=PAGE_SIZE)
    return render(request, "caregivers/referrals/mine.html", {"page": page, "query": query})


# --- Figures for consultants and policy advisors ---------------------------------------------


def _figure_municipalities(user) -> list:
    return user.municipalities((Role.CONSULTANT, Role.POLICY_ADVISOR))


@figures_required
@use_replica
def figures(request):
    municipalities = _figure_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    form = FiguresForm(request.GET or None, municipalities=municipalities)
    municipality, period = form.chosen()
    figures = caregiver_stats(municipality=municipality, period=period)
    return render(
        request,
        "caregivers/referrals/figures.html",
        {"form": form, "figures": figures},
    )
