"""The pages of the concerns capability: the public report form, the professional's report
and list, the contact point's queue and concern page, figures and settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.permissions import public
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.common.services import Actor
from omzien.concerns import constants, selectors, services
from omzien.concerns.forms import (
    ActionForm,
    AssignForm,
    CloseForm,
    ConcernSettingsForm,
    ContactForm,
    ProfessionalReportForm,
    ProposeBuddyForm,
    PublicReportForm,
    QueueFilterForm,
    RegisterCarerForm,
    ReopenForm,
    StaffReportForm,
)
from omzien.concerns.models import ConcernSettings
from omzien.concerns.permissions import (
    figures_required,
    referrer_required,
    settings_required,
    welfare_worker_required,
    worker_required,
)
from omzien.concerns.workflows import CONCERN
from omzien.ui.actions import form_page, perform, posted_version
from omzien.ui.forms import PeriodForm
from omzien.ui.municipality import working_municipality, works_in_several
from omzien.ui.pagination import paginate, query_without_page

PAGE_SIZE = 25


# --- The public form --------------------------------------------------------------------------


@public
def report(request):
    form = PublicReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wait = rate_limit_form(
            request, form, scope="concern_report", address=data.get("reporter_email") or ""
        )
        if wait is not None:
            return too_many_requests(render(request, "concerns/report.html", {"form": form}), wait)
        result = perform(
            request,
            lambda: services.concern_report(
                municipality=data["municipality"],
                data=data,
                source=constants.Source.PUBLIC,
                actor=Actor(user=None, request=request),
            ),
            form=form,
        )
        if result:
            # Nothing about the resident is shown back.
            return redirect("concerns:report_done")
    return render(request, "concerns/report.html", {"form": form})


@public
def report_done(request):
    return render(request, "concerns/report_done.html")


# --- Professionals (referrers) ----------------------------------------------------------------


@referrer_required
def professional_report(request):
    municipalities = selectors.referrer_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    return form_page(
        request,
        ProfessionalReportForm(request.POST or None, municipalities=municipalities),
        lambda data: services.concern_report(
            municipality=data["municipality"],
            data=data,
            source=constants.Source.PROFESSIONAL,
            actor=Actor.from_request(request),
        ),
        success=_(
            "Thank you. The welfare team will contact the resident. Below you can follow "
            "the status of what you reported."
        ),
        done=reverse("concerns:sent"),
        template="concerns/professional_report.html",
    )


@referrer_required
def sent(request):
    page, query = paginate(request, selectors.sent_by(user=request.user), per_page=PAGE_SIZE)
    return render(request, "concerns/sent.html", {"page": page, "query": query})


# --- The contact point ------------------------------------------------------------------------


@worker_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = form.filters()
    page = selectors.queue_page(
        actor=Actor.from_request(request),
        page_number=request.GET.get("page"),
        per_page=PAGE_SIZE,
        **filters,
    )
    return render(
        request,
        "concerns/queue.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "today": timezone.localdate(),
            "show": filters["show"],
            "may_record": bool(selectors.worker_municipalities(request.user)),
            # Someone who works in several municipalities sees whose each concern is.
            "several": works_in_several(request.user, selectors.WORKER_ROLES),
        },
    )


@welfare_worker_required
def record(request):
    municipalities = selectors.worker_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    return form_page(
        request,
        StaffReportForm(request.POST or None, municipalities=municipalities),
        lambda data: services.concern_report(
            municipality=data["municipality"],
            data=data,
            source=constants.Source.STAFF,
            actor=Actor.from_request(request),
        ),
        success=_("The concern has been recorded."),
        done=lambda concern: reverse("concerns:detail", kwargs={"pk": concern.pk}),
        template="concerns/record.html",
    )


def _concern(request, pk):
    return selectors.concern_get(actor=Actor.from_request(request), pk=pk)


@worker_required
def detail(request, pk):
    concern = _concern(request, pk)
    allowed = {step.target for step in CONCERN.allowed(concern, request.user)}
    return render(
        request,
        "concerns/detail.html",
        {
            "concern": concern,
            **selectors.concern_history(concern=concern),
            "today": timezone.localdate(),
            "may_assign": constants.Status.ASSIGNED in allowed
            and concern.status != constants.Status.CLOSED,
            "may_reassign": concern.status
            in (constants.Status.ASSIGNED, constants.Status.IN_CONTACT),
            "may_contact": constants.Status.IN_CONTACT in allowed,
            "may_close": constants.Status.CLOSED in allowed,
            "may_reopen": concern.status == constants.Status.CLOSED
            and concern.anonymised_at is None,
            "may_open_carer": request.user.has_role_in(concern.municipality_id, Role.CONSULTANT),
            "may_open_buddies": request.user.has_role_in(
                concern.municipality_id, Role.BROKER, Role.CONSULTANT
            ),
            "may_propose_buddy": concern.status != constants.Status.CLOSED,
            "may_register_carer": concern.kind == constants.Kind.CARER_OVERLOAD
            and concern.caregiver_id is None
            and concern.status != constants.Status.CLOSED,
        },
    )


def _done(concern):
    return reverse("concerns:detail", kwargs={"pk": concern.pk})


@worker_required
def assign(request, pk):
    concern = _concern(request, pk)
    form = AssignForm(
        request.POST or None,
        workers=selectors.assignable_workers(concern=concern),
        me=request.user,
    )
    seen = request.POST.get("seen", "")

    def call(data):
        actor = Actor.from_request(request)
        if concern.status == constants.Status.NEW:
            return services.concern_assign(
                concern=concern, assignee=data["assignee"], actor=actor, seen=seen
            )
        return services.concern_reassign(concern=concern, assignee=data["assignee"], actor=actor)

    return form_page(
        request,
        form,
        call,
        success=_("The concern has been assigned."),
        done=_done,
        template="concerns/form_page.html",
        context={"concern": concern, "heading": _("Assign the concern"), "button": _("Assign")},
    )


@worker_required
def contact(request, pk):
    concern = _concern(request, pk)
    return form_page(
        request,
        ContactForm(request.POST or None, initial={"done_on": timezone.localdate()}),
        lambda data: services.concern_contact(
            concern=concern,
            actor=Actor.from_request(request),
            seen=request.POST.get("seen", ""),
            **data,
        ),
        success=_("The first contact has been recorded."),
        done=_done,
        template="concerns/form_page.html",
        context={"concern": concern, "heading": _("Record the first contact"), "button": _("Save")},
    )


@worker_required
def action_new(request, pk):
    concern = _concern(request, pk)
    return form_page(
        request,
        ActionForm(request.POST or None, initial={"done_on": timezone.localdate()}),
        lambda data: services.concern_action_add(
            concern=concern, actor=Actor.from_request(request), **data
        ),
        success=_("The action has been recorded."),
        done=_done(concern),
        template="concerns/form_page.html",
        context={"concern": concern, "heading": _("Add an action or note"), "button": _("Save")},
    )


@worker_required
def close(request, pk):
    concern = _concern(request, pk)
    return form_page(
        request,
        CloseForm(request.POST or None, municipality=concern.municipality),
        lambda data: services.concern_close(
            concern=concern,
            actor=Actor.from_request(request),
            seen=request.POST.get("seen", ""),
            **data,
        ),
        success=_("The concern has been closed."),
        done=_done,
        template="concerns/form_page.html",
        context={"concern": concern, "heading": _("Close the concern"), "button": _("Close")},
    )


@worker_required
def reopen(request, pk):
    concern = _concern(request, pk)
    return form_page(
        request,
        ReopenForm(request.POST or None),
        lambda data: services.concern_reopen(
            concern=concern,
            actor=Actor.from_request(request),
            seen=request.POST.get("seen", ""),
            **data,
        ),
        success=_("The concern has been reopened."),
        done=_done,
        template="concerns/form_page.html",
        context={"concern": concern, "heading": _("Reopen the concern"), "button": _("Reopen")},
    )


@worker_required
def register_carer(request, pk):
    concern = _concern(request, pk)
    duplicate = request.method == "POST" and "on_duplicate" in request.POST
    form = RegisterCarerForm(
        request.POST or None,
        initial=RegisterCarerForm.initial_from(concern),
        duplicate=duplicate,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("consent", "on_duplicate")}
        try:
            result = perform(
                request,
                lambda: services.concern_register_carer(
                    concern=concern,
                    data=data,
                    actor=Actor.from_request(request),
                    on_duplicate=form.cleaned_data.get("on_duplicate") or "",
                ),
                form=form,
                success=_("The resident is registered as a carer; the link is on the concern."),
            )
        except services.DuplicateCaregiver:
            # Say that there is one, and ask what to do; who it is stays on the carer pages.
            form = RegisterCarerForm(request.POST, duplicate=True)
            form.is_valid()
            messages.warning(
                request,
                _(
                    "A carer with this name, date of birth and postcode is registered already. "
                    "Choose below whether to link the concern to that registration."
                ),
            )
        else:
            if result:
                return redirect("concerns:detail", pk=concern.pk)
    return render(request, "concerns/register_carer.html", {"concern": concern, "form": form})


@worker_required
def propose_buddy(request, pk):
    concern = _concern(request, pk)
    duplicate = request.method == "POST" and "on_duplicate" in request.POST
    form = ProposeBuddyForm(
        request.POST or None,
        municipality=concern.municipality,
        initial=ProposeBuddyForm.initial_from(concern),
        duplicate=duplicate,
    )
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k not in ("programme", "consent", "on_duplicate")
        }
        try:
            result = perform(
                request,
                lambda: services.concern_propose_buddy(
                    concern=concern,
                    programme_id=form.cleaned_data["programme"].pk,
                    data=data,
                    actor=Actor.from_request(request),
                    on_duplicate=form.cleaned_data.get("on_duplicate") or "",
                ),
                form=form,
                success=_(
                    "The resident has been proposed for the buddy programme; the broker "
                    "takes it from here."
                ),
            )
        except services.DuplicateParticipant:
            # Say that there is one, and ask what to do; who it is stays on the buddies pages.
            form = ProposeBuddyForm(request.POST, municipality=concern.municipality, duplicate=True)
            form.is_valid()
            messages.warning(
                request,
                _(
                    "Someone with this name and the same date of birth, phone number or e-mail "
                    "address takes part in this programme already. Choose below whether to "
                    "link the concern to that participant."
                ),
            )
        else:
            if result:
                return redirect("concerns:detail", pk=concern.pk)
    return render(request, "concerns/propose_buddy.html", {"concern": concern, "form": form})


# --- Figures and settings ---------------------------------------------------------------------


@figures_required
def figures(request):
    municipalities = request.user.municipalities((Role.WELFARE_WORKER, Role.POLICY_ADVISOR))
    if not municipalities:
        raise PermissionDenied
    form = PeriodForm(request.GET or None, municipalities=municipalities)
    municipality, period = form.chosen()
    stats = selectors.concern_stats(municipality=municipality, period=period)
    return render(
        request,
        "concerns/figures.html",
        {"form": form, "figures": stats, "municipality": municipality, "period": period},
    )


@settings_required
def settings_edit(request):
    municipalities = request.user.municipalities((Role.MUNICIPALITY_ADMIN,))
    municipality = working_municipality(request, municipalities)
    current = ConcernSettings.for_municipality(municipality)
    return form_page(
        request,
        ConcernSettingsForm(request.POST or None, instance=current),
        lambda data: services.concern_settings_update(
            municipality=municipality,
            data=data,
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The settings have been saved."),
        done=request.get_full_path(),
        template="concerns/settings.html",
        context={"municipality": municipality, "municipality_choice": municipalities},
        conflict_to=request.get_full_path(),
    )
