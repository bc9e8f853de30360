"""The staff pages of applications (consultants and appreciation officers): a round's queue,
one application with its checks and log, the decision, the sample check, a correction, an
objection on paper, and the consultant's and the paper entry of an application."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omzien.accounts.constants import Role
from omzien.appreciation import constants
from omzien.appreciation.constants import ApplicationStatus
from omzien.appreciation.forms.applications import (
    ApplicationForm,
    CarerSearchForm,
    CorrectForm,
    DecideForm,
    ObjectionForm,
    PayAgainForm,
    QueueFilterForm,
)
from omzien.appreciation.permissions import appreciation_staff_required, staff_of
from omzien.appreciation.selectors import applications as selectors
from omzien.appreciation.selectors import rounds as round_selectors
from omzien.appreciation.services import applications as services
from omzien.appreciation.services import checks, payments, registrations
from omzien.caregivers.services.caregivers import DuplicateCaregiver
from omzien.common.services import Actor
from omzien.ui.actions import form_page, perform
from omzien.ui.pagination import query_without_page

STALE_DECISION = gettext_lazy(
    "Someone else decided or changed this application while you were looking at it. Nothing "
    "was changed: below is the application as it is now."
)
CHANGED = gettext_lazy(
    "Someone else changed this application while you were editing. Nothing was saved: below "
    "are the current details; make your correction again."
)
# At most this many carers are offered for a search on the consultant's page.
CARER_RESULTS = 20


@appreciation_staff_required
def application_list(request, pk):
    """The round's work queue: filter by status, a failed check, number, name or postcode."""
    round_ = round_selectors.round_get(user=request.user, pk=pk)
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    counts = selectors.round_counts(round_)
    page = selectors.application_queue(
        round=round_,
        user=request.user,
        status=filters.get("status", ""),
        check=filters.get("check", ""),
        query=filters.get("q", ""),
        offered=filters.get("offered", False),
        to_check=filters.get("sample", False),
        page=request.GET.get("page"),
        request=request,
    )
    return render(
        request,
        "appreciation/applications/list.html",
        {
            "round": round_,
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "counts": counts,
            "passed": counts["passed"] if may_decide(request.user, round_) else 0,
        },
    )


def may_decide(user, round_) -> bool:
    return staff_of(round_.municipality_id, user)


@appreciation_staff_required
@require_POST
def application_grant_passed(request, pk):
    """Grant every submitted application of the round that passed all its checks."""
    round_ = round_selectors.round_get(user=request.user, pk=pk)
    result = perform(
        request,
        lambda: services.grant_passed(round=round_, actor=Actor.from_request(request)),
    )
    if result:
        counts = result.value
        messages.success(
            request,
            _("Granted: %(granted)d. On the waiting list (the budget ran out): %(waiting)d.")
            % {"granted": counts["granted"], "waiting": counts["waiting_list"]},
        )
    return redirect("appreciation:application_list", pk=pk)


@appreciation_staff_required
@require_POST
def application_recheck(request, pk):
    """Run the automatic checks again on every submitted application of the round, in the
    background; the round's page shows the progress and the outcome."""
    round_ = round_selectors.round_get(user=request.user, pk=pk)
    result = perform(
        request, lambda: checks.start_recheck(round=round_, actor=Actor.from_request(request))
    )
    if result:
        run = result.value
        if run.finished_at is None:
            messages.success(
                request,
                _("The checks are running again. This page shows how far they are."),
            )
        else:
            messages.success(request, _("The checks have run again."))
    return redirect("appreciation:round_detail", pk=pk)


def _decided_reason(application) -> str:
    if not application.refusal_reason:
        return ""
    return constants.Check(application.refusal_reason).label


@appreciation_staff_required
def application_detail(request, pk):
    application = selectors.application_for(request.user, pk, request=request)
    return render(
        request,
        "appreciation/applications/detail.html",
        {
            "application": application,
            "transitions": application.transitions.select_related("actor"),
            "refusal_reason": _decided_reason(application),
            "may_correct": application.status in services.CORRECTABLE_STATUSES,
            # The payment the bank returned, while the application waits to be paid again.
            "returned": (
                application.payments.filter(status=constants.PaymentStatus.FAILED)
                .order_by("-pk")
                .first()
                if application.status == ApplicationStatus.PAYMENT_FAILED
                else None
            ),
            "may_decide": application.status
            in (
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.WAITING_LIST,
                ApplicationStatus.OBJECTED,
            ),
            "may_object": application.status
            in (ApplicationStatus.GRANTED, ApplicationStatus.REFUSED),
            # A consultant adds the applicant who consented to the carer registry.
            "may_register": (
                application.registration_offered
                and application.caregiver_id is None
                and application.consent_registry
                and application.personal_data_removed_at is None
                and request.user.has_role_in(application.municipality_id, Role.CONSULTANT)
            ),
        },
    )


def _back(application) -> str:
    return reverse("appreciation:application_detail", args=[application.pk])


@appreciation_staff_required
def application_decide(request, pk):
    """Grant, refuse (a reason from the list and a note) or put on the waiting list. The full
    IBAN is shown here only, where staff must check it before granting."""
    application = selectors.application_for(request.user, pk, request=request)
    form = DecideForm(
        request.POST or None,
        initial={"expected": application.status, "version": application.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = perform(
            request,
            lambda: services.decide(
                application=application,
                target=data["decision"],
                actor=Actor.from_request(request),
                expected=data["expected"],
                version=data["version"],
                reason=data["reason"],
                note=data["note"],
            ),
            form=form,
            success=_("The decision has been saved."),
            conflict=STALE_DECISION,
        )
        if result:
            return redirect(_back(application))
        if result.error is not None and _is_stale(result.error):
            # The workflow's Dutch "someone else already decided" message, on the page as it
            # is now (the form's hidden status is the old one).
            messages.error(request, " ".join(result.error.messages))
            return redirect(_back(application))
        if result.conflict:
            return redirect(_back(application))
    return render(
        request,
        "appreciation/applications/decide.html",
        {"application": application, "form": form},
    )


def _is_stale(error) -> bool:
    return any(getattr(e, "code", "") == "stale" for e in getattr(error, "error_list", [error]))


@appreciation_staff_required
def application_sample_checked(request, pk):
    """POST: the sampled application's documents have been checked; it may be granted."""
    application = selectors.application_for(request.user, pk, request=request)
    if request.method == "POST":
        perform(
            request,
            lambda: services.mark_sample_checked(
                application=application, actor=Actor.from_request(request)
            ),
            success=_("The sample check has been recorded."),
        )
    return redirect(_back(application))


@appreciation_staff_required
@require_POST
def application_pay_again(request, pk):
    """POST: the account number was corrected after the bank returned the payment; the
    application goes into the next payment batch."""
    application = selectors.application_for(request.user, pk, request=request)
    form = PayAgainForm(request.POST)
    perform(
        request,
        lambda: payments.pay_again(
            application=application,
            actor=Actor.from_request(request),
            version=form.cleaned_data["version"] if form.is_valid() else None,
        ),
        success=_("The application goes into the next payment batch."),
    )
    return redirect(_back(application))


@appreciation_staff_required
def application_correct(request, pk):
    application = selectors.application_for(request.user, pk, request=request)
    form = CorrectForm(request.POST or None, instance=application, round_=application.round)
    return form_page(
        request,
        form,
        lambda data: services.correct(
            application=application,
            data=form.service_data(),
            actor=Actor.from_request(request),
            version=data["version"],
        ),
        success=_("The details have been corrected and checked again."),
        done=_back(application),
        conflict=CHANGED,
        conflict_to=request.path,
        template="appreciation/applications/correct.html",
        context={"application": application},
    )


@appreciation_staff_required
def application_objection(request, pk):
    """Record an objection that came in on paper (or by phone) for the applicant."""
    application = selectors.application_for(request.user, pk, request=request)
    form = ObjectionForm(request.POST or None, initial={"expected": application.status})
    form.fields["objection"].label = _("The objection, as the applicant wrote it")
    return form_page(
        request,
        form,
        lambda data: services.object_to(
            application=application,
            actor=Actor.from_request(request),
            objection=data["objection"],
            expected=data["expected"],
        ),
        success=_("The objection has been recorded."),
        done=_back(application),
        template="appreciation/applications/objection.html",
        context={"application": application},
    )


def _staff_entry(request, round_, form, *, channel, caregiver=None, template, context):
    """The consultant's and the paper entry: one service call, then the new application."""

    def submit(data):
        return services.submit(
            round=round_,
            data=form.service_data(),
            channel=channel,
            actor=Actor.from_request(request),
            filled_in_by=data["filled_in_by"],
            helper_name=data.get("helper_name") or "",
            caregiver=caregiver,
            received_on=data.get("received_on"),
            submission_key=data.get("submission_key") or "",
        )

    return form_page(
        request,
        form,
        submit,
        success=_("The application has been recorded and checked."),
        done=_back,
        template=template,
        context={**context, "round": round_},
    )


@appreciation_staff_required
def application_for_carer(request, pk):
    """A consultant applies for a carer in the registry: search the carer (or come with
    ?caregiver=<pk>), then one prefilled form."""
    round_ = round_selectors.round_get(user=request.user, pk=pk)
    caregiver_pk = request.POST.get("caregiver") or request.GET.get("caregiver")
    if not caregiver_pk or not str(caregiver_pk).isdigit():
        search = CarerSearchForm(request.GET or None)
        carers = []
        if search.is_valid():
            carers = selectors.registry_carers(
                round=round_, user=request.user, q=search.cleaned_data["q"], limit=CARER_RESULTS
            )
        return render(
            request,
            "appreciation/applications/carer_search.html",
            {"round": round_, "search": search, "carers": carers},
        )
    caregiver = selectors.registry_carer(user=request.user, pk=int(caregiver_pk), request=request)
    form = ApplicationForm(
        request.POST or None,
        round_=round_,
        staff=True,
        initial={**services.prefill(caregiver), "filled_in_by": constants.FilledInBy.STAFF},
    )
    return _staff_entry(
        request,
        round_,
        form,
        channel=constants.Channel.CONSULTANT,
        caregiver=caregiver,
        template="appreciation/applications/entry.html",
        context={
            "heading": _("Apply for %(name)s") % {"name": caregiver.full_name},
            "caregiver": caregiver,
        },
    )


@appreciation_staff_required
def application_paper(request, pk):
    """Enter a paper form: the same form, with the day it came in."""
    round_ = round_selectors.round_get(user=request.user, pk=pk)
    form = ApplicationForm(request.POST or None, round_=round_, staff=True, paper=True)
    return _staff_entry(
        request,
        round_,
        form,
        channel=constants.Channel.PAPER,
        template="appreciation/applications/entry.html",
        context={"heading": _("Enter a paper application")},
    )


@appreciation_staff_required
def application_register(request, pk):
    """A consultant adds an applicant who consented to the carer registry, or links them to the
    namesake already registered (the registry's duplicate check finds them)."""
    application = selectors.application_for(request.user, pk, request=request)
    if request.method != "POST":
        return redirect(_back(application))
    actor = Actor.from_request(request)
    chosen = request.POST.get("caregiver", "")
    duplicates = []
    try:
        if chosen:
            if not chosen.isdigit():
                return redirect(_back(application))
            carer = selectors.registry_carer(user=request.user, pk=int(chosen), request=request)
            result = perform(
                request,
                lambda: registrations.link_applicant(
                    application=application, caregiver=carer, actor=actor
                ),
                success=_("The application is linked to the registered carer."),
            )
        else:
            result = perform(
                request,
                lambda: registrations.register_applicant(application=application, actor=actor),
                success=_("The applicant is registered as a carer."),
            )
    except DuplicateCaregiver as found:
        duplicates, result = found.existing, None
    if result or not duplicates:
        return redirect(_back(application))
    return render(
        request,
        "appreciation/applications/register.html",
        {"application": application, "duplicates": duplicates},
    )
