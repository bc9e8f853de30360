"""Staff import an HSDS file (another municipality's or a regional map) into their
municipality, as a background import job with a per-service report (common.imports)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from omzien.common.imports import start_import
from omzien.common.models import ImportJob
from omzien.directory.forms.entries import ImportForm
from omzien.directory.permissions import import_required
from omzien.directory.selectors.entries import staff_municipalities
from omzien.directory.services.hsds import IMPORT_KIND, MAX_BYTES
from omzien.ui.municipality import working_municipality

REPORT_ROWS_SHOWN = 500


def _municipality(request):
    municipalities = staff_municipalities(request.user)
    return working_municipality(request, municipalities), municipalities


@import_required
def import_view(request):
    municipality, municipalities = _municipality(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = start_import(
            kind=IMPORT_KIND,
            municipality=municipality,
            user=request.user,
            data=upload.read(MAX_BYTES + 1),
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("directory:import_job", pk=job.pk)
    return render(
        request,
        "directory/imports/import.html",
        {"form": form, "municipality": municipality, "municipality_choice": municipalities},
    )


@import_required
def import_job(request, pk):
    """The job's progress while it runs, then its report; only for the one who uploaded."""
    _municipality_chosen, municipalities = _municipality(request)
    job = get_object_or_404(
        ImportJob,
        pk=pk,
        kind=IMPORT_KIND,
        created_by=request.user,
        municipality__in=municipalities,
    )
    if request.headers.get("HX-Request") and job.finished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    clean_trial = job.finished and job.dry_run and not job.file_errors
    failed = (job.summary or {}).get("failed", 0)
    return render(
        request,
        "directory/imports/job.html",
        {
            "job": job,
            "rows": (job.report or [])[:REPORT_ROWS_SHOWN],
            "form": ImportForm(initial={"dry_run": not (clean_trial and not failed)}),
            "municipality": job.municipality,
        },
    )
