"""The policy monitor's pages: thin views over the services and selectors."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.constants import Role
from omzien.accounts.permissions import ObjectRule, public, role_required, staff_required
from omzien.common.imports import start_import
from omzien.common.models import ImportJob
from omzien.common.pdf import PdfUnavailable
from omzien.common.replica import use_replica
from omzien.common.services import Actor
from omzien.monitor import forms
from omzien.monitor.constants import STAFF, ReportStatus
from omzien.monitor.models import (
    Action,
    Ambition,
    ExternalIndicator,
    Measure,
    PartnerReport,
    Theme,
)
from omzien.monitor.selectors import compare, dashboard, partners, programmes, report
from omzien.monitor.services import external, imports, sentences, snapshots
from omzien.monitor.services import partners as partner_services
from omzien.monitor.services import programmes as services
from omzien.monitor.workflows import ACTION
from omzien.privacy.statistics import QUARTER, YEAR, Period
from omzien.tenants.query import get_visible_or_404
from omzien.ui.actions import form_page, perform
from omzien.ui.municipality import page_is_about, working_municipality

staff_only = staff_required(*STAFF)


def _municipality(request):
    """The municipality a new programme, indicator or upload is for, and the choice."""
    municipalities = programmes.staff_municipalities(request.user)
    return working_municipality(request, municipalities), municipalities


def _detail(programme_id) -> str:
    return reverse("monitor:programme_detail", args=[programme_id])


# --- Programmes -------------------------------------------------------------------------------


@staff_only
def programme_list(request):
    return render(
        request,
        "monitor/programme_list.html",
        {"programmes": programmes.programme_list(user=request.user)},
    )


@staff_only
def programme_create(request):
    municipality, choice = _municipality(request)
    form = forms.ProgrammeForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.programme_create(
            municipality=municipality,
            data=form.data_for_service(),
            actor=Actor.from_request(request),
        ),
        success=_("The programme has been created."),
        done=lambda programme: _detail(programme.pk),
        template="monitor/form.html",
        context={
            "title": _("New programme"),
            "back": reverse("monitor:programme_list"),
            "municipality": municipality,
            "municipality_choice": choice,
        },
    )


@staff_only
def programme_edit(request, pk):
    programme = programmes.programme_get(user=request.user, pk=pk)
    form = forms.ProgrammeForm(request.POST or None, instance=programme)
    return form_page(
        request,
        form,
        lambda data: services.programme_update(
            programme=programme,
            version=data.get("version"),
            data=form.data_for_service(),
            actor=Actor.from_request(request),
        ),
        success=_("The changes have been saved."),
        done=_detail(pk),
        conflict_to=reverse("monitor:programme_edit", args=[pk]),
        template="monitor/form.html",
        context={"title": _("Change the execution programme"), "back": _detail(pk)},
    )


@staff_only
@use_replica
def programme_detail(request, pk):
    programme = programmes.programme_get(user=request.user, pk=pk)
    page = dashboard.programme_dashboard(programme=programme, today=timezone.localdate())
    return render(
        request,
        "monitor/programme_detail.html",
        {
            "programme": programme,
            "status_choices": forms.ActionStatus.choices,
            "recompute_form": forms.RecomputeForm(),
            "report_form": forms.ReportPeriodForm(programme=programme, today=timezone.localdate()),
            **page,
        },
    )


def _report_name(programme, extension: str, period=None) -> str:
    when = f"-{period.code}" if period else ""
    return f'attachment; filename="voortgangsrapportage-{programme.pk}{when}.{extension}"'


def _report_period(request, programme):
    """The period the report asks for (None: today's figures), or a redirect back."""
    form = forms.ReportPeriodForm(request.GET, programme=programme, today=timezone.localdate())
    if not form.is_valid():
        messages.error(request, _("Choose a quarter of the programme that is over."))
        return None, redirect("monitor:programme_detail", pk=programme.pk)
    return form.cleaned_data["period"], None


@staff_only
@use_replica
def programme_report_pdf(request, pk):
    programme = programmes.programme_get(user=request.user, pk=pk)
    period, back = _report_period(request, programme)
    if back:
        return back
    try:
        pdf = report.report_pdf(programme=programme, today=timezone.localdate(), period=period)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("monitor:programme_detail", pk=pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = _report_name(programme, "pdf", period)
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_only
@use_replica
def programme_report_xlsx(request, pk):
    programme = programmes.programme_get(user=request.user, pk=pk)
    period, back = _report_period(request, programme)
    if back:
        return back
    data = report.report_xlsx(programme=programme, today=timezone.localdate(), period=period)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = _report_name(programme, "xlsx", period)
    return response


@staff_only
def programme_sentences(request, pk):
    """The sentence per measure in a quarter's report: the generated one as the starting
    point, rewritten by the advisor, or back to the generated one."""
    programme = programmes.programme_get(user=request.user, pk=pk)
    today = timezone.localdate()
    period_form = forms.ReportPeriodForm(request.GET, programme=programme, today=today)
    quarters = forms.quarters_over(programme, today)
    if not quarters:
        messages.error(request, _("No quarter of this programme is over yet."))
        return redirect("monitor:programme_detail", pk=pk)
    period = quarters[0]
    if period_form.is_valid() and period_form.cleaned_data["period"]:
        period = period_form.cleaned_data["period"]
    period_form = forms.ReportPeriodForm(
        initial={"period": period.code}, programme=programme, today=today
    )
    period_form.fields["period"].choices = period_form.fields["period"].choices[:-1]
    page = dashboard.programme_dashboard(programme=programme, today=today, as_of=period)
    views = page["measures"]
    written = report.written_sentences(measures=[v.measure for v in views], period=period)
    here = f"{reverse('monitor:programme_sentences', args=[pk])}?period={period.code}"
    posted = None
    if request.method == "POST":
        try:
            posted = int(request.POST.get("measure", ""))
        except ValueError:
            posted = None
        view = next((v for v in views if v.measure.pk == posted), None)
        if view is None:
            raise Http404
        form = forms.SentenceForm(request.POST, prefix=f"m{posted}")
        if form.is_valid():
            actor = Actor.from_request(request)
            version = form.cleaned_data["version"] or 0
            if request.POST.get("reset"):
                call = lambda: sentences.sentence_reset(  # noqa: E731
                    measure=view.measure, period=period, version=version, actor=actor
                )
                success = _("The generated sentence is back.")
            else:
                call = lambda: sentences.sentence_set(  # noqa: E731
                    measure=view.measure,
                    period=period,
                    text=form.cleaned_data["text"],
                    version=version,
                    actor=actor,
                )
                success = _("The sentence has been saved.")
            result = perform(request, call, form=form, success=success)
            if result or result.conflict:
                return redirect(f"{here}#sentence-{posted}")
    rows = []
    for view in views:
        stored = written.get(view.measure.pk)
        if posted == view.measure.pk:
            row_form = form
        else:
            row_form = forms.SentenceForm(
                prefix=f"m{view.measure.pk}",
                initial={
                    "text": stored.text if stored else view.sentence,
                    "version": stored.version if stored else 0,
                },
            )
        rows.append({"view": view, "stored": stored, "form": row_form})
    return render(
        request,
        "monitor/sentences.html",
        {
            "programme": programme,
            "period": period,
            "period_form": period_form,
            "rows": rows,
        },
    )


@staff_only
@require_POST
def programme_publish(request, pk):
    programme = programmes.programme_get(user=request.user, pk=pk)
    form = forms.PublishForm(request.POST)
    if form.is_valid():
        published = form.cleaned_data["published"]
        perform(
            request,
            lambda: services.programme_publish(
                programme=programme,
                published=published,
                version=form.cleaned_data["version"],
                actor=Actor.from_request(request),
            ),
            success=_("The programme is published.")
            if published
            else _("The programme is no longer public."),
        )
    return redirect("monitor:programme_detail", pk=pk)


@staff_only
@require_POST
def snapshot_recompute(request, pk):
    programme = programmes.programme_get(user=request.user, pk=pk)
    form = forms.RecomputeForm(request.POST)
    try:
        period = Period.parse(form.data.get("period", ""))
    except ValueError:
        messages.error(request, _("Give a quarter such as 2026-Q3."))
        return redirect("monitor:programme_detail", pk=pk)
    perform(
        request,
        lambda: snapshots.snapshot_recompute(
            municipality=programme.municipality, period=period, actor=Actor.from_request(request)
        ),
        success=_("The figures of %(period)s have been computed again.") % {"period": period},
    )
    return redirect("monitor:programme_detail", pk=pk)


# --- Themes, ambitions, actions, measures ----------------------------------------------------


def _edit_page(request, obj, form, update, *, title, programme_id, url_name):
    return form_page(
        request,
        form,
        lambda data: update(version=data.get("version"), data=form.data_for_service()),
        success=_("The changes have been saved."),
        done=_detail(programme_id),
        conflict_to=reverse(url_name, args=[obj.pk]),
        template="monitor/form.html",
        context={"title": title, "back": _detail(programme_id)},
    )


@staff_only
def theme_create(request, pk):
    programme = programmes.programme_get(user=request.user, pk=pk)
    form = forms.ThemeForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.theme_create(
            programme=programme, data=form.data_for_service(), actor=Actor.from_request(request)
        ),
        success=_("The theme has been added."),
        done=_detail(pk),
        template="monitor/form.html",
        context={"title": _("New theme"), "back": _detail(pk)},
    )


@staff_only
def theme_edit(request, pk):
    theme = get_visible_or_404(Theme, request.user, pk=pk)
    form = forms.ThemeForm(request.POST or None, instance=theme)
    actor = Actor.from_request(request)
    return _edit_page(
        request,
        theme,
        form,
        lambda **kw: services.theme_update(theme=theme, actor=actor, **kw),
        title=_("Change the theme"),
        programme_id=theme.programme_id,
        url_name="monitor:theme_edit",
    )


@staff_only
def ambition_create(request, pk):
    theme = get_visible_or_404(Theme, request.user, pk=pk)
    form = forms.AmbitionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.ambition_create(
            theme=theme, data=form.data_for_service(), actor=Actor.from_request(request)
        ),
        success=_("The ambition has been added."),
        done=_detail(theme.programme_id),
        template="monitor/form.html",
        context={"title": _("New ambition"), "back": _detail(theme.programme_id)},
    )


@staff_only
def ambition_edit(request, pk):
    ambition = get_visible_or_404(Ambition.objects.select_related("theme"), request.user, pk=pk)
    form = forms.AmbitionForm(request.POST or None, instance=ambition)
    actor = Actor.from_request(request)
    return _edit_page(
        request,
        ambition,
        form,
        lambda **kw: services.ambition_update(ambition=ambition, actor=actor, **kw),
        title=_("Change the ambition"),
        programme_id=ambition.theme.programme_id,
        url_name="monitor:ambition_edit",
    )


@staff_only
def action_create(request, pk):
    ambition = get_visible_or_404(Ambition.objects.select_related("theme"), request.user, pk=pk)
    form = forms.ActionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.action_create(
            ambition=ambition, data=form.data_for_service(), actor=Actor.from_request(request)
        ),
        success=_("The action has been added."),
        done=_detail(ambition.theme.programme_id),
        template="monitor/form.html",
        context={"title": _("New action"), "back": _detail(ambition.theme.programme_id)},
    )


def _action(request, pk) -> Action:
    return get_visible_or_404(Action.objects.select_related("ambition__theme"), request.user, pk=pk)


@staff_only
def action_edit(request, pk):
    action = _action(request, pk)
    programme_id = action.ambition.theme.programme_id
    form = forms.ActionForm(request.POST or None, instance=action)
    actor = Actor.from_request(request)
    return _edit_page(
        request,
        action,
        form,
        lambda **kw: services.action_update(action=action, actor=actor, **kw),
        title=_("Change the action"),
        programme_id=programme_id,
        url_name="monitor:action_edit",
    )


@staff_only
def action_status(request, pk):
    action = _action(request, pk)
    programme_id = action.ambition.theme.programme_id
    form = forms.ActionStatusForm(request.POST or None, initial={"seen": action.status})
    form.fields["status"].choices = [
        (step.target, step.label) for step in ACTION.allowed(action, request.user)
    ]
    return form_page(
        request,
        form,
        lambda data: services.action_transition(
            action=action,
            target=data["status"],
            expected=data["seen"],
            note=data["note"],
            actor=Actor.from_request(request),
        ),
        success=_("The status has been changed."),
        done=_detail(programme_id),
        template="monitor/action_status.html",
        context={
            "action": action,
            "log": action.transitions.select_related("actor").order_by("created_at", "pk"),
            "back": _detail(programme_id),
        },
    )


@staff_only
def budget_set(request, pk):
    action = _action(request, pk)
    programme_id = action.ambition.theme.programme_id
    form = forms.BudgetForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.budget_set(action=action, actor=Actor.from_request(request), **data),
        success=_("The budget has been saved."),
        done=_detail(programme_id),
        template="monitor/budget_form.html",
        context={
            "title": _("Budget of the action"),
            "back": _detail(programme_id),
            "action": action,
        },
    )


def _measure_page(request, form, call, *, title, programme_id, conflict_to=None):
    return form_page(
        request,
        form,
        call,
        success=_("The measure has been saved."),
        done=_detail(programme_id),
        conflict_to=conflict_to,
        template="monitor/form.html",
        context={"title": title, "back": _detail(programme_id)},
    )


@staff_only
def measure_create(request, kind, pk):
    if kind == "ambition":
        owner = get_visible_or_404(Ambition.objects.select_related("theme"), request.user, pk=pk)
        programme_id, owners = owner.theme.programme_id, {"ambition": owner}
    else:
        owner = _action(request, pk)
        programme_id, owners = owner.ambition.theme.programme_id, {"action": owner}
    # The new measure knows its owner while the form checks it (Measure.clean asks for one).
    form = forms.MeasureForm(
        request.POST or None, instance=Measure(**owners), municipality_id=owner.municipality_id
    )
    return _measure_page(
        request,
        form,
        lambda data: services.measure_create(
            data=form.data_for_service(), actor=Actor.from_request(request), **owners
        ),
        title=_("New measure"),
        programme_id=programme_id,
    )


@staff_only
def measure_edit(request, pk):
    measure = get_visible_or_404(
        Measure.objects.select_related("ambition__theme", "action__ambition__theme"),
        request.user,
        pk=pk,
    )
    theme = measure.ambition.theme if measure.ambition_id else measure.action.ambition.theme
    form = forms.MeasureForm(
        request.POST or None, instance=measure, municipality_id=measure.municipality_id
    )
    return _measure_page(
        request,
        form,
        lambda data: services.measure_update(
            measure=measure,
            version=data.get("version"),
            data=form.data_for_service(),
            actor=Actor.from_request(request),
        ),
        title=_("Change the measure"),
        programme_id=theme.programme_id,
        conflict_to=reverse("monitor:measure_edit", args=[pk]),
    )


# --- Removing ---------------------------------------------------------------------------------


def _delete_page(request, obj, delete, *, title, back, done, success):
    """A confirmation page; its POST removes ``obj`` (with everything in it)."""
    if request.method == "POST":
        result = perform(
            request, lambda: delete(actor=Actor.from_request(request)), success=success
        )
        return redirect(done if result else back)
    return render(request, "monitor/delete.html", {"title": title, "object": obj, "back": back})


@staff_only
def programme_delete(request, pk):
    programme = programmes.programme_get(user=request.user, pk=pk)
    return _delete_page(
        request,
        programme,
        lambda actor: services.programme_delete(programme=programme, actor=actor),
        title=_("Remove the programme"),
        back=_detail(pk),
        done=reverse("monitor:programme_list"),
        success=_("The programme has been removed."),
    )


@staff_only
def theme_delete(request, pk):
    theme = get_visible_or_404(Theme, request.user, pk=pk)
    return _delete_page(
        request,
        theme,
        lambda actor: services.theme_delete(theme=theme, actor=actor),
        title=_("Remove the theme"),
        back=_detail(theme.programme_id),
        done=_detail(theme.programme_id),
        success=_("The theme has been removed."),
    )


@staff_only
def ambition_delete(request, pk):
    ambition = get_visible_or_404(Ambition.objects.select_related("theme"), request.user, pk=pk)
    back = _detail(ambition.theme.programme_id)
    return _delete_page(
        request,
        ambition,
        lambda actor: services.ambition_delete(ambition=ambition, actor=actor),
        title=_("Remove the ambition"),
        back=back,
        done=back,
        success=_("The ambition has been removed."),
    )


@staff_only
def action_delete(request, pk):
    action = _action(request, pk)
    back = _detail(action.ambition.theme.programme_id)
    return _delete_page(
        request,
        action,
        lambda actor: services.action_delete(action=action, actor=actor),
        title=_("Remove the action"),
        back=back,
        done=back,
        success=_("The action has been removed."),
    )


@staff_only
def measure_delete(request, pk):
    measure = get_visible_or_404(
        Measure.objects.select_related("ambition__theme", "action__ambition__theme"),
        request.user,
        pk=pk,
    )
    theme = measure.ambition.theme if measure.ambition_id else measure.action.ambition.theme
    back = _detail(theme.programme_id)
    return _delete_page(
        request,
        measure,
        lambda actor: services.measure_delete(measure=measure, actor=actor),
        title=_("Remove the measure"),
        back=back,
        done=back,
        success=_("The measure has been removed."),
    )


# --- External indicators ----------------------------------------------------------------------


@staff_only
def external_list(request):
    return render(
        request,
        "monitor/external_list.html",
        {
            "indicators": ExternalIndicator.objects.visible_to(request.user).prefetch_related(
                "values"
            )
        },
    )


@staff_only
def external_create(request):
    municipality, choice = _municipality(request)
    form = forms.ExternalIndicatorForm(request.POST or None, municipality_id=municipality.pk)
    return form_page(
        request,
        form,
        lambda data: external.external_create(
            municipality=municipality,
            data=form.data_for_service(),
            actor=Actor.from_request(request),
        ),
        success=_("The indicator has been added."),
        done=reverse("monitor:external_list"),
        template="monitor/form.html",
        context={
            "title": _("New external indicator"),
            "back": reverse("monitor:external_list"),
            "municipality": municipality,
            "municipality_choice": choice,
        },
    )


@staff_only
def external_edit(request, pk):
    indicator = get_visible_or_404(ExternalIndicator, request.user, pk=pk)
    form = forms.ExternalIndicatorForm(request.POST or None, instance=indicator)
    return form_page(
        request,
        form,
        lambda data: external.external_update(
            indicator=indicator,
            version=data.get("version"),
            data=form.data_for_service(),
            actor=Actor.from_request(request),
        ),
        success=_("The changes have been saved."),
        done=reverse("monitor:external_list"),
        conflict_to=reverse("monitor:external_edit", args=[pk]),
        template="monitor/form.html",
        context={
            "title": _("Change the external indicator"),
            "back": reverse("monitor:external_list"),
        },
    )


@staff_only
def external_value_add(request, pk):
    indicator = get_visible_or_404(ExternalIndicator, request.user, pk=pk)
    form = forms.ExternalValueForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: external.external_value_set(
            indicator=indicator, actor=Actor.from_request(request), **data
        ),
        success=_("The value has been saved."),
        done=reverse("monitor:external_list"),
        template="monitor/form.html",
        context={
            "title": _("New value: %(name)s") % {"name": indicator.name},
            "back": reverse("monitor:external_list"),
        },
    )


@staff_only
def external_import(request):
    municipality, choice = _municipality(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = start_import(
            kind=imports.IMPORT_KIND,
            municipality=municipality,
            user=request.user,
            data=upload.read(imports.MAX_BYTES + 1),
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("monitor:external_import_job", pk=job.pk)
    return render(
        request,
        "monitor/import.html",
        {"form": form, "municipality": municipality, "municipality_choice": choice},
    )


@staff_only
def external_import_job(request, pk):
    """The job's progress while it runs, then its report; only for the one who uploaded."""
    job = get_object_or_404(
        ImportJob,
        pk=pk,
        kind=imports.IMPORT_KIND,
        created_by=request.user,
        municipality__in=programmes.staff_municipalities(request.user),
    )
    if request.headers.get("HX-Request") and job.finished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    clean_trial = job.finished and job.dry_run and not job.file_errors
    failed = (job.summary or {}).get("failed", 0)
    return render(
        request,
        "monitor/import_job.html",
        {
            "job": job,
            "rows": (job.report or [])[:500],
            "form": forms.ImportForm(initial={"dry_run": not (clean_trial and not failed)}),
        },
    )


# --- Comparing the municipalities of a region ------------------------------------------------


@staff_only
def region_compare(request):
    """One computed indicator for one quarter, the region's municipalities side by side."""
    municipalities = compare.region_municipalities(request.user)
    if not municipalities:  # the role only in switched-off municipalities
        raise Http404
    form = forms.CompareForm(request.GET or None, today=timezone.localdate())
    result = None
    if form.is_bound and form.is_valid():
        result = compare.compare(
            municipalities=municipalities,
            code=form.cleaned_data["indicator"],
            period=form.cleaned_data["period"],
        )
        result["period"] = form.cleaned_data["period"]
    return render(
        request,
        "monitor/compare.html",
        {"form": form, "result": result, "municipalities": municipalities},
    )


# --- A partner's figures (performance agreement) ---------------------------------------------

Organisation = PartnerReport._meta.get_field("organisation").related_model


@role_required(Role.ORGANISATION_MEMBER, rule=ObjectRule.ORGANISATION)
def partner_report(request, pk, period):
    """The figures agreed with the user's organisation for a period that is over: one form,
    saved as a draft or submitted to the municipality."""
    organisation = get_object_or_404(Organisation.objects.owned_by(request.user), pk=pk)
    if not partner_services.is_partner_member(request.user, organisation):
        raise Http404
    try:
        period = Period.parse(period)
    except ValueError:
        raise Http404 from None
    today = timezone.localdate()
    indicators = []
    if period.kind in (QUARTER, YEAR):
        indicators = partner_services.agreed_indicators(organisation_id=pk, period=period)
    if period.kind not in (QUARTER, YEAR) or period.end >= today or not indicators:
        raise Http404
    report_ = PartnerReport.objects.filter(
        organisation=organisation, period_start=period.start, period_end=period.end
    ).first()
    editable = report_ is None or report_.status in partner_services.EDITABLE
    form = forms.PartnerFiguresForm(
        (request.POST or None) if editable else None, indicators=indicators, report=report_
    )
    submit = request.POST.get("submit") == "1"
    here = reverse("monitor:partner_report", args=[pk, period.code])
    return form_page(
        request,
        form,
        lambda data: partner_services.report_save(
            organisation=organisation,
            period=period,
            values=form.values(),
            version=data.get("version"),
            submit=submit,
            actor=Actor.from_request(request),
            today=today,
        ),
        success=_("Your figures have been submitted to the municipality.")
        if submit
        else _("Your figures have been saved. Submit them when they are complete."),
        done=reverse("ui:dashboard") if submit else here,
        conflict_to=here,
        template="monitor/partner_report.html",
        context={
            "organisation": organisation,
            "period": period,
            "period_label": partners.period_label(period),
            "report": report_,
            "editable": editable,
        },
    )


@staff_only
def partner_reports(request):
    return render(
        request,
        "monitor/partner_reports.html",
        {"reports": partners.report_list(user=request.user), "label": partners.period_label},
    )


@staff_only
def partner_review(request, pk):
    report_ = get_visible_or_404(
        PartnerReport.objects.select_related("organisation", "submitted_by"), request.user, pk=pk
    )
    form = forms.ReviewForm(request.POST or None, initial={"seen": report_.status})
    period = partner_services.report_period(report_)
    return form_page(
        request,
        form,
        lambda data: partner_services.report_review(
            report=report_,
            target=data["decision"],
            note=data["note"],
            expected=data["seen"],
            actor=Actor.from_request(request),
        ),
        success=_("Your answer has been saved and the partner has been told."),
        done=reverse("monitor:partner_reports"),
        template="monitor/partner_review.html",
        context={
            "report": report_,
            "period_label": partners.period_label(period),
            "figures": report_.figures.select_related("indicator").order_by("indicator__name"),
            "can_review": report_.status == ReportStatus.SUBMITTED,
            "log": report_.transitions.select_related("actor").order_by("created_at", "pk"),
        },
    )


# --- The public page --------------------------------------------------------------------------


@public
@use_replica
def programme_public(request, pk):
    programme = programmes.programme_public(pk=pk)
    page_is_about(request, programme.municipality)
    page = dashboard.programme_dashboard(
        programme=programme, today=timezone.localdate(), public_only=True
    )
    return render(
        request, "monitor/programme_public.html", {"programme": programme, "public": True, **page}
    )
