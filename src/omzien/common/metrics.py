"""Prometheus metrics for operators (issue 17 point 6), at ``/metrics`` behind a bearer token.

Two kinds:

- **Per request**, counted in the process that served it (``MetricsMiddleware``): the time a
  request took, by view name (the URL pattern's name, never the path: paths carry ids), method
  and status class. With several gunicorn workers, set ``PROMETHEUS_MULTIPROC_DIR`` to an empty
  directory that every worker of the host shares (prometheus_client's multiprocess mode): the
  endpoint then adds up all workers' files.
- **Read from the database when scraped** (``DatabaseCollector``), so every host answers the
  same: the task queue's depth and the age of its oldest waiting task, failed logins in the
  last hour (from the audit trail), and what capabilities register with :func:`register`
  (the matching engine reports how old its in-memory copy is in this process).

The endpoint answers 404 unless ``METRICS_TOKEN`` is set, and 403 without that token: metrics
name views and counts, nothing about a person, but they are for the operator only.
"""

import datetime
import hmac
import os
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

# Per-request metrics live in their own registry (not the library's global one, which also
# holds the process and platform collectors that make no sense added up over workers).
REQUESTS = CollectorRegistry(auto_describe=True)
REQUEST_SECONDS = Histogram(
    "omzien_request_seconds",
    "Time to answer a request, by view",
    ["view", "method", "status"],
    registry=REQUESTS,
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10),
)

Sample = tuple[str, str, float]  # name, help, value
_extra: list[Callable[[], Iterable[Sample]]] = []


def register(source: Callable[[], Iterable[Sample]]) -> None:
    """A capability adds gauges read at scrape time: ``source()`` yields (metric name, help,
    value); it must be cheap (one query at most) and never fail a scrape."""
    if source not in _extra:
        _extra.append(source)


class MetricsMiddleware:
    """Times every request and counts it under its view name (``unmatched`` for a 404)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match else "") or "unmatched"
        REQUEST_SECONDS.labels(
            view=view, method=request.method, status=f"{response.status_code // 100}xx"
        ).observe(time.perf_counter() - started)
        return response


class DatabaseCollector(Collector):
    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from omzien.privacy.constants import AuditAction
        from omzien.privacy.models import AuditEvent

        now = timezone.now()
        waiting = DBTaskResult.objects.ready()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        yield GaugeMetricFamily(
            "omzien_task_queue_depth", "Tasks waiting to run", value=waiting.count()
        )
        yield GaugeMetricFamily(
            "omzien_task_oldest_waiting_seconds",
            "Age of the oldest task waiting to run (0 when none waits)",
            value=(now - oldest).total_seconds() if oldest else 0.0,
        )
        yield GaugeMetricFamily(
            "omzien_task_failed_last_hour",
            "Tasks that failed in the last hour",
            value=DBTaskResult.objects.failed()
            .filter(finished_at__gte=now - datetime.timedelta(hours=1))
            .count(),
        )
        yield GaugeMetricFamily(
            "omzien_login_failed_last_hour",
            "Failed logins in the last hour (audit trail)",
            value=AuditEvent.objects.filter(
                action=AuditAction.LOGIN_FAILED, created_at__gte=now - datetime.timedelta(hours=1)
            ).count(),
        )
        for source in _extra:
            for name, help_text, value in source():
                yield GaugeMetricFamily(name, help_text, value=value)


def _authorised(request) -> bool:
    token = getattr(settings, "OMZIEN_METRICS_TOKEN", "")
    if not token:
        raise Http404
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return hmac.compare_digest(given.encode(), token.encode())


def metrics_view(request):
    if not _authorised(request):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    registry = CollectorRegistry(auto_describe=True)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REQUESTS)
    database = CollectorRegistry(auto_describe=True)
    database.register(DatabaseCollector())
    body += generate_latest(database)
    response = HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
