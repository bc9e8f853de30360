"""Import and export of the carer registry (CSV and XLSX), for consultants."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_job_gate, staff_required
from omzien.caregivers.forms.caregivers import RegistryFilterForm
from omzien.caregivers.permissions import consultant_municipalities
from omzien.caregivers.selectors import io as exporting
from omzien.caregivers.services import io as importing
from omzien.common.exports import file_response, start_export
from omzien.common.imports import start_import
from omzien.common.models import ImportJob
from omzien.common.views import job_poll
from omzien.ui.municipality import working_municipality

consultant_required = staff_required(Role.CONSULTANT)
# The import page shows at most this many problem rows; the counts cover them all.
REPORT_ROWS_SHOWN = 500


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (.csv) or an Excel file (.xlsx) of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check (trial import)"),
        help_text=_("Shows the errors of every row and saves nothing. Untick to import."),
        required=False,
        initial=True,
    )


def _page(request, *, municipality, form, job=None, choice=()):
    result = importing.result_of_job(job) if job is not None and job.finished else None
    return render(
        request,
        "caregivers/io/import.html",
        {
            "form": form,
            "job": job,
            "result": result,
            "municipality_choice": choice,
            "reports": result.reports[:REPORT_ROWS_SHOWN] if result else [],
            "reports_hidden": max(len(result.reports) - REPORT_ROWS_SHOWN, 0) if result else 0,
            "columns": importing.column_docs(),
            "municipality": municipality,
            "max_rows": importing.MAX_ROWS,
            "date_format": importing.DATE_FORMAT,
        },
    )


@consultant_required
def import_view(request):
    """The upload form; an upload becomes a background job (common.imports)."""
    municipalities = consultant_municipalities(request.user)
    municipality = working_municipality(request, municipalities)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # One byte more than allowed, so that the import can say the file is too large.
        data = upload.read(importing.MAX_BYTES + 1)
        job = start_import(
            kind=importing.IMPORT_KIND,
            municipality=municipality,
            user=request.user,
            data=data,
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("caregivers:import_job", pk=job.pk)
    return _page(request, municipality=municipality, form=form, choice=municipalities)


@consultant_required
def import_job(request, pk):
    """An import's progress while it runs (the page refreshes itself), then its report.

    Only the consultant who uploaded the file sees it (404 for anybody else)."""
    job = get_object_or_404(
        ImportJob,
        pk=pk,
        kind=importing.IMPORT_KIND,
        created_by=request.user,
        municipality__in=consultant_municipalities(request.user),
    )
    # After a clean trial run, the form is ready for the real import of the same file.
    clean_trial = job.finished and job.dry_run and not job.file_errors
    form = ImportForm(initial={"dry_run": not clean_trial})
    polled = job_poll(request, job, "caregivers/io/_import_progress.html")
    if polled is not None:
        return polled
    return _page(request, municipality=job.municipality, form=form, job=job)


@consultant_required
def import_template(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt == "csv":
        content, content_type = importing.template_csv(), exporting.CONTENT_TYPES["csv"]
    elif fmt == "xlsx":
        content, content_type = importing.template_xlsx(), exporting.CONTENT_TYPES["xlsx"]
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mantelzorgers-sjabloon.{fmt}"'
    return response


@consultant_required
def export(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in exporting.FORMATS:
        raise Http404
    municipalities = consultant_municipalities(request.user)
    form = RegistryFilterForm(request.GET or None, municipalities=municipalities)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("The filters are not valid, so nothing was exported."))
        return redirect("caregivers:registry")
    filters = form.filters()
    # An export holds the carers of one municipality (its file name, its audit event).
    municipality = filters.pop("municipality", None)
    if municipality is None and len(municipalities) > 1:
        messages.error(
            request,
            _("Choose a municipality in the filters first: an export holds one municipality."),
        )
        return redirect(f"{reverse('caregivers:registry')}?{request.GET.urlencode()}")
    municipality = municipality or working_municipality(request, municipalities)
    exported = exporting.caregiver_export_file(
        user=request.user, municipality=municipality, filters=filters, fmt=fmt
    )
    job = start_export(
        kind=exporting.EXPORT_KIND,
        rows=exported.rows,
        user=request.user,
        municipality=municipality,
        params={"format": fmt, "filters": exporting.filters_to_params(filters)},
    )
    if job is not None:
        return redirect("common:export_job", pk=job.pk)
    exporting.caregiver_export_audit(
        user=request.user,
        municipality=municipality,
        filters=filters,
        fmt=fmt,
        rows=exported.rows,
        request=request,
    )
    return file_response(exported)


def export_back(job) -> tuple[str, str]:
    """Where the job's page leads back to (common.exports): the registry."""
    return reverse("caregivers:registry"), _("Back to the registry")


def _export_reach(request, job) -> None:
    if job.municipality not in consultant_municipalities(request.user):
        raise Http404


# Who may still reach a background export of the registry (common.exports): a consultant of
# its municipality with a verified second factor, as for the export itself.
export_gate = staff_job_gate((Role.CONSULTANT,), _export_reach)
