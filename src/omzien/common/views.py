import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
