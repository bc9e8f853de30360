"""The pages of the preventive home visits: plans and their visits for the welfare team (import,
assignment, follow-ups), the visitor's own visits (phone first), and the figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omzien.accounts.constants import Role
from omzien.caregivers.services import io as tabular
from omzien.common.imports import start_import
from omzien.common.models import ImportJob
from omzien.common.services import Actor
from omzien.homevisits import constants, selectors, services
from omzien.homevisits.forms import (
    AssignForm,
    BulkAssignForm,
    CarerFollowUpForm,
    ConcernFollowUpForm,
    ImportForm,
    PlanForm,
    RecordForm,
    ReferralFollowUpForm,
    VisitFilterForm,
)
from omzien.homevisits.permissions import figures_required, visitor_required, worker_required
from omzien.homevisits.workflows import VISIT
from omzien.ui.actions import form_page, perform
from omzien.ui.forms import PeriodForm
from omzien.ui.pagination import paginate, query_without_page

PAGE_SIZE = 25
REPORT_ROWS_SHOWN = 500


# --- Plans ------------------------------------------------------------------------------------


@worker_required
def plans(request):
    page, query = paginate(request, selectors.plan_list(user=request.user), per_page=PAGE_SIZE)
    return render(
        request,
        "homevisits/plans.html",
        {
            "page": page,
            "query": query,
            "may_create": bool(selectors.worker_municipalities(request.user)),
        },
    )


@worker_required
def plan_new(request):
    municipalities = selectors.worker_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    form = PlanForm(request.POST or None, municipalities=municipalities)
    return form_page(
        request,
        form,
        lambda data: services.plan_create(
            municipality=data.get("municipality") or municipalities[0],
            data=data,
            actor=Actor.from_request(request),
        ),
        success=_("The plan has been made. Import the addresses next."),
        done=lambda plan: reverse("homevisits:import", kwargs={"pk": plan.pk}),
        template="homevisits/plan_new.html",
    )


@worker_required
def plan_detail(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    form = VisitFilterForm(request.GET or None)
    show = form.show_value()
    page = selectors.visit_page(
        actor=Actor.from_request(request),
        plan=plan,
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
        show=show,
    )
    planned = [v for v in page.object_list if v.status == constants.Status.PLANNED]
    assign_form = None
    if planned:
        assign_form = BulkAssignForm(
            visitors=selectors.visitors(municipality=plan.municipality), visits=planned
        )
    return render(
        request,
        "homevisits/plan_detail.html",
        {
            "plan": plan,
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "assign_form": assign_form,
        },
    )


@worker_required
def assign_many(request, pk):
    """Several planned visits of the page to one visitor (a POST from the plan's page)."""
    plan = selectors.plan_get(user=request.user, pk=pk)
    back = reverse("homevisits:plan", kwargs={"pk": plan.pk})
    if request.method != "POST":
        return redirect(back)
    visits = list(plan.visits.filter(status=constants.Status.PLANNED, pk__in=_ints(request.POST)))
    form = BulkAssignForm(
        request.POST,
        visitors=selectors.visitors(municipality=plan.municipality),
        visits=visits,
    )
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect(back)
    perform(
        request,
        lambda: services.visits_assign(
            plan=plan,
            pks=form.cleaned_data["visits"],
            assignee=form.cleaned_data["assignee"],
            actor=Actor.from_request(request),
        ),
        success=ngettext(
            "%(count)s visit has been assigned.",
            "%(count)s visits have been assigned.",
            len(form.cleaned_data["visits"]),
        )
        % {"count": len(form.cleaned_data["visits"])},
    )
    return redirect(back)


def _ints(post) -> list[int]:
    return [int(v) for v in post.getlist("visits") if v.isdigit()]


# --- The address import (the same tabular import as the carer registry) ----------------------


def _import_page(request, *, plan, form, job=None):
    result = services.result_of_job(job) if job is not None and job.finished else None
    return render(
        request,
        "homevisits/import.html",
        {
            "plan": plan,
            "form": form,
            "job": job,
            "result": result,
            "reports": result.reports[:REPORT_ROWS_SHOWN] if result else [],
            "reports_hidden": max(len(result.reports) - REPORT_ROWS_SHOWN, 0) if result else 0,
            "columns": services.column_docs(),
            "max_rows": tabular.MAX_ROWS,
        },
    )


@worker_required
def import_view(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = start_import(
            kind=services.IMPORT_KIND,
            municipality=plan.municipality,
            user=request.user,
            # One byte more than allowed, so that the import can say the file is too large.
            data=upload.read(tabular.MAX_BYTES + 1),
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
            options={"plan": plan.pk},
        )
        return redirect("homevisits:import_job", pk=plan.pk, job=job.pk)
    return _import_page(request, plan=plan, form=form)


@worker_required
def import_job(request, pk, job):
    """An import's progress while it runs, then its report; only for the uploader."""
    plan = selectors.plan_get(user=request.user, pk=pk)
    found = get_object_or_404(
        ImportJob,
        pk=job,
        kind=services.IMPORT_KIND,
        created_by=request.user,
        municipality=plan.municipality,
        options__plan=plan.pk,
    )
    clean_trial = found.finished and found.dry_run and not found.file_errors
    form = ImportForm(initial={"dry_run": not clean_trial})
    if request.headers.get("HX-Request"):  # the progress bar polling
        if found.finished:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, "caregivers/io/_import_progress.html", {"job": found})
    return _import_page(request, plan=plan, form=form, job=found)


@worker_required
def import_template(request, pk):
    selectors.plan_get(user=request.user, pk=pk)
    response = HttpResponse(services.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="huisbezoeken-sjabloon.csv"'
    return response


# --- One visit (welfare worker) ---------------------------------------------------------------


def _visit(request, pk):
    return selectors.visit_get(actor=Actor.from_request(request), pk=pk)


def _done(visit):
    return reverse("homevisits:visit", kwargs={"pk": visit.pk})


@worker_required
def visit_detail(request, pk):
    visit = _visit(request, pk)
    allowed = {step.target for step in VISIT.allowed(visit, request.user)}
    open_follow_up = visit.status == constants.Status.HELD and not visit.followed_up
    return render(
        request,
        "homevisits/visit_detail.html",
        {
            "visit": visit,
            "transitions": selectors.visit_history(visit=visit),
            "may_assign": visit.status in (constants.Status.PLANNED, constants.Status.ASSIGNED),
            "may_record": bool(allowed & set(constants.RESULTS)),
            "may_plan_again": constants.Status.PLANNED in allowed,
            "may_follow_up": open_follow_up,
            "may_open_concern": visit.concern_id is not None,
        },
    )


@worker_required
def visit_assign(request, pk):
    visit = _visit(request, pk)
    return form_page(
        request,
        AssignForm(
            request.POST or None,
            visitors=selectors.visitors(municipality=visit.municipality),
            initial={"assignee": visit.assigned_to_id},
        ),
        lambda data: (
            services.visit_assign(
                visit=visit,
                assignee=data["assignee"],
                actor=Actor.from_request(request),
                seen=request.POST.get("seen", ""),
            )
            if visit.status == constants.Status.PLANNED
            else services.visit_reassign(
                visit=visit, assignee=data["assignee"], actor=Actor.from_request(request)
            )
        ),
        success=_("The visit has been assigned."),
        done=_done,
        template="homevisits/form_page.html",
        context={"visit": visit, "heading": _("Assign the visit"), "button": _("Assign")},
    )


@worker_required
def visit_record(request, pk):
    visit = _visit(request, pk)
    return _record_page(request, visit, done=_done, template="homevisits/form_page.html")


def _record_page(request, visit, *, done, template):
    form = RecordForm(request.POST or None, initial={"visited_on": timezone.localdate()})
    return form_page(
        request,
        form,
        lambda data: services.visit_record(
            visit=visit,
            actor=Actor.from_request(request),
            seen=request.POST.get("seen", ""),
            **data,
        ),
        success=_("The visit has been recorded. Thank you."),
        done=done,
        template=template,
        context={"visit": visit, "heading": _("Record the visit"), "button": _("Save")},
    )


@worker_required
def visit_plan_again(request, pk):
    visit = _visit(request, pk)
    if request.method == "POST":
        perform(
            request,
            lambda: services.visit_plan_again(
                visit=visit, actor=Actor.from_request(request), seen=request.POST.get("seen", "")
            ),
            success=_("The visit is planned again; assign it to a visitor."),
        )
    return redirect(_done(visit))


@worker_required
def follow_up_concern(request, pk):
    visit = _visit(request, pk)
    return form_page(
        request,
        ConcernFollowUpForm(request.POST or None, initial=services.concern_data(visit)),
        lambda data: services.visit_follow_up_concern(
            visit=visit, data=data, actor=Actor.from_request(request)
        ),
        success=_("The concern is at the contact point; the link is on the visit."),
        done=lambda concern: reverse("concerns:detail", kwargs={"pk": concern.pk}),
        template="homevisits/form_page.html",
        context={
            "visit": visit,
            "heading": _("Make a concern of the follow-up"),
            "button": _("Send to the contact point"),
        },
    )


@worker_required
def follow_up_referral(request, pk):
    visit = _visit(request, pk)
    return form_page(
        request,
        ReferralFollowUpForm(
            request.POST or None, initial=ReferralFollowUpForm.initial_from(visit)
        ),
        lambda data: services.visit_follow_up_referral(
            visit=visit, data=data, actor=Actor.from_request(request)
        ),
        success=_("The carer consultants have the referral; its status is on the visit."),
        done=_done(visit),
        template="homevisits/form_page.html",
        context={
            "visit": visit,
            "heading": _("Refer to the carer consultant"),
            "button": _("Send the referral"),
        },
    )


@worker_required
def follow_up_carer(request, pk):
    visit = _visit(request, pk)
    duplicate = request.method == "POST" and "on_duplicate" in request.POST
    form = CarerFollowUpForm(
        request.POST or None, initial=CarerFollowUpForm.initial_from(visit), duplicate=duplicate
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("consent", "on_duplicate")}
        try:
            result = perform(
                request,
                lambda: services.visit_follow_up_carer(
                    visit=visit,
                    data=data,
                    actor=Actor.from_request(request),
                    on_duplicate=form.cleaned_data.get("on_duplicate") or "",
                ),
                form=form,
                success=_("The resident is registered as a carer; the link is on the visit."),
            )
        except services.DuplicateCaregiver:
            form = CarerFollowUpForm(request.POST, duplicate=True)
            form.is_valid()
            messages.warning(
                request,
                _(
                    "A carer with this name, date of birth and postcode is registered already. "
                    "Choose below whether to link the visit to that registration."
                ),
            )
        else:
            if result:
                return redirect(_done(visit))
    return render(
        request,
        "homevisits/form_page.html",
        {
            "visit": visit,
            "form": form,
            "heading": _("Register as a carer"),
            "button": _("Register"),
        },
    )


# --- The visitor's own visits (phone first) ---------------------------------------------------


@visitor_required
def mine(request):
    return render(
        request, "homevisits/mine.html", selectors.my_visits(actor=Actor.from_request(request))
    )


@visitor_required
def mine_record(request, pk):
    visit = selectors.my_visit_get(actor=Actor.from_request(request), pk=pk)
    if visit.status != constants.Status.ASSIGNED:
        return render(request, "homevisits/mine_done.html", {"visit": visit})
    return _record_page(
        request, visit, done=reverse("homevisits:mine"), template="homevisits/mine_record.html"
    )


# --- Figures ----------------------------------------------------------------------------------


@figures_required
def figures(request):
    municipalities = request.user.municipalities((Role.WELFARE_WORKER, Role.POLICY_ADVISOR))
    if not municipalities:
        raise PermissionDenied
    form = PeriodForm(request.GET or None, municipalities=municipalities)
    municipality, period = form.chosen()
    return render(
        request,
        "homevisits/figures.html",
        {
            "form": form,
            "measures": selectors.visit_stats(municipality=municipality, period=period),
            "municipality": municipality,
            "period": period,
        },
    )
