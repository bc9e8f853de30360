import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from omzien.accounts.permissions import owner_required
from omzien.common.exports import (
    export_job_download,
    export_job_expires,
    export_job_get,
    exporter_of,
)
from omzien.common.models import JobStatus

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not. For load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


_migrated = False


def _migrations_applied() -> bool:
    """True when the database has every migration this code has (checked until it is so,
    then remembered: a process does not get new code without a restart)."""
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


@never_cache
@require_GET
def readyz(request):
    """Readiness, for an orchestrator: 200 when this host can serve — the database answers,
    it has every migration of this code, the cache answers — else 503 with what is not ready.
    ``/healthz`` (liveness, for the load balancer) stays one cheap query."""
    checks = {}
    try:
        checks["migrations"] = "ok" if _migrations_applied() else "pending"
        checks["database"] = "ok"
    except DatabaseError:
        logger.exception("Readiness: database unavailable")
        checks["database"] = "error"
    try:
        cache.set("omzien:readyz", "1", 5)
        checks["cache"] = "ok" if cache.get("omzien:readyz") == "1" else "error"
    except Exception:  # noqa: BLE001 - any cache backend's failure means not ready
        logger.exception("Readiness: cache unavailable")
        checks["cache"] = "error"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )


# --- Export jobs (common.exports) -----------------------------------------------------------


def job_poll(request, job, template: str):
    """The answer to a job page's progress bar polling (an HTMX request): the bar again while
    the job runs, then a full reload of the page with the result; None for a page request."""
    if not request.headers.get("HX-Request"):
        return None
    if job.finished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, template, {"job": job})


def _export_job(request, pk):
    """The job ``pk`` of the person asking, and the exporter's gate (their role, a verified
    second factor) passed; 404 for anybody else's job."""
    job = export_job_get(user=request.user, pk=pk)
    if job is None or export_job_expires(job) <= timezone.now():
        raise Http404
    try:
        exporter = exporter_of(job.kind)
    except KeyError:
        raise Http404 from None
    return job, exporter.gate(request, job)


@owner_required
def export_job(request, pk):
    """An export's progress while the worker makes it (the page refreshes itself), then the
    download link. Only the person who asked for it sees it."""
    job, response = _export_job(request, pk)
    if response is not None:
        return response
    polled = job_poll(request, job, "common/exports/_progress.html")
    if polled is not None:
        return polled
    expires = export_job_expires(job)
    back = exporter_of(job.kind).back
    return render(
        request,
        "common/exports/job.html",
        {"job": job, "expires": expires, "back": back(job) if back else None},
    )


@owner_required
def export_download(request, pk):
    """The finished export's file, audited as the same export sent at once."""
    job, response = _export_job(request, pk)
    if response is not None:
        return response
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    response = FileResponse(
        export_job_download(job=job, request=request),
        as_attachment=True,
        filename=job.filename,
        content_type=job.content_type,
    )
    response["Cache-Control"] = "no-store"
    return response
